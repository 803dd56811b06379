"use client";

import { ActivityIcon, CalendarClockIcon, ClockIcon, ZapIcon } from "lucide-react";
import type { ReactNode } from "react";
import { useFormat, useLabels } from "../../client/settings";
import { Skeleton } from "../ui/skeleton";
import type { Overview } from "./types";

function SummaryCard({ label, value, detail, icon, tone }: { label: string; value: ReactNode; detail: ReactNode; icon: ReactNode; tone: string }) {
  return (
    <div className="planner-summary-card" data-tone={tone}>
      {/* One <dl> per card: a <dl> may only hold dt/dd (or one div level around them), not the card's layout. */}
      <dl className="planner-summary-text">
        <dt className="planner-summary-label">{label}</dt>
        <dd className="planner-summary-value">{value}</dd>
        <dd className="planner-summary-detail">{detail}</dd>
      </dl>
      <span className="planner-summary-icon" aria-hidden="true">
        {icon}
      </span>
    </div>
  );
}

/** Four small cards: jobs (paused), active triggers (broken), runs in the last 24 h (success rate), next job due. */
export function SummaryStrip({ overview }: { overview: Overview | undefined }) {
  const labels = useLabels().panel;
  const format = useFormat();
  if (!overview) {
    return (
      <div className="planner-summary" aria-hidden="true">
        {Array.from({ length: 4 }, (_, index) => (
          <div key={index} className="planner-summary-card">
            <div className="planner-summary-text">
              <Skeleton style={{ width: "5rem", height: "0.75rem" }} />
              <Skeleton style={{ width: "3rem", height: "1.5rem" }} />
              <Skeleton style={{ width: "6rem", height: "0.75rem" }} />
            </div>
          </div>
        ))}
      </div>
    );
  }
  const { jobs, triggers, runsLast24h, nextJob } = overview;
  const finished = runsLast24h.succeeded + runsLast24h.failed;
  const rate = finished ? format.number(runsLast24h.succeeded / finished, { style: "percent", maximumFractionDigits: 0 }) : null;
  return (
    <div data-slot="planner-summary" role="group" aria-label={labels.summaryLabel} className="planner-summary">
      <SummaryCard label={labels.totalJobs} value={format.number(jobs.total)} detail={labels.jobsDetail(jobs.paused)} icon={<CalendarClockIcon />} tone="schedule" />
      <SummaryCard
        label={labels.activeTriggers}
        value={format.number(triggers.active)}
        detail={<span data-tone={triggers.broken ? "danger" : undefined}>{labels.triggersDetail(triggers.broken)}</span>}
        icon={<ZapIcon />}
        tone="warning"
      />
      <SummaryCard label={labels.runs24h} value={format.number(runsLast24h.total)} detail={labels.runsDetail(rate)} icon={<ActivityIcon />} tone="success" />
      <SummaryCard
        label={labels.nextJob}
        value={nextJob ? <span title={format.fullDateTime(nextJob.at)}>{labels.nextJobValue(format.time(nextJob.at), nextJob.name)}</span> : labels.noNextJob}
        detail={nextJob ? labels.nextJobDetail(format.relative(nextJob.at)) : ""}
        icon={<ClockIcon />}
        tone="info"
      />
    </div>
  );
}

"use client";

import { useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useLiveStatus } from "../../client/live";
import { useFormat, useLabels } from "../../client/settings";
import { usePlanner, type PlannerRouter } from "../../client/trpc";
import { ErrorState } from "../cards/list-states";
import { cn } from "../ui/cn";

type Timeline = inferRouterOutputs<PlannerRouter>["jobs"]["timeline"];
type Occurrence = Timeline["occurrences"][number];
type Status = Occurrence["status"];

/** The colour of each status (the tone rule of tokens.css); statuses without one are drawn neutral. */
const TONE: Partial<Record<Status, "success" | "warning" | "danger" | "info" | "schedule">> = {
  onTime: "success",
  late: "warning",
  failed: "danger",
  missed: "danger",
  skipped: "info",
  running: "info",
  pending: "warning",
  upcoming: "schedule",
};
/** The order of the summary and the legend: what needs a look first. */
const ORDER: Status[] = ["missed", "failed", "late", "skipped", "pending", "running", "onTime", "paused", "unknown", "upcoming"];

export interface ExpectedStripProps {
  agentId: string;
  jobId: string;
  /** Days back (default 14). */
  days?: number | undefined;
  className?: string | undefined;
}

/**
 * Expected vs actual: every occurrence the job's schedule expected over the last 14 days and the next day, one cell
 * each (one per day when there are too many), coloured by what became of it — on time, late (by how much), skipped
 * (and why), missed, upcoming. Each cell is a list item with its own text for assistive technology and a tooltip.
 */
export function ExpectedStrip({ agentId, jobId, days = 14, className }: ExpectedStripProps) {
  const labels = useLabels();
  const w = labels.watch;
  const format = useFormat();
  const trpc = usePlanner();
  const live = useLiveStatus(agentId);
  const timeline = useQuery(trpc.jobs.timeline.queryOptions({ agentId, jobId, days }, { refetchInterval: live.refetchInterval || 60_000 }));

  if (timeline.isError) return <ErrorState title={w.error} message={timeline.error.message} onRetry={() => void timeline.refetch()} />;
  const data = timeline.data;
  const describe = (occurrence: Occurrence) => {
    const detail =
      occurrence.status === "late" && occurrence.lateByMs
        ? w.lateBy(format.duration(occurrence.lateByMs))
        : occurrence.skipReason
          ? w.skipReason[occurrence.skipReason]
          : (occurrence.error ?? "");
    return w.cell(format.inZone(occurrence.at, data?.timezone ?? format.timeZone, { weekday: "short", day: "numeric", month: "short", hour: "numeric", minute: "2-digit" }), w.status[occurrence.status], detail);
  };
  const summary = data
    ? w.summary(
        ORDER.filter((status) => data.counts[status])
          .map((status) => w.count(data.counts[status] ?? 0, w.status[status]))
          .join(", "),
      )
    : w.loading;

  return (
    <section data-slot="planner-expected-strip" className={cn("planner-expected", className)} aria-busy={!data || undefined}>
      <h3 className="planner-expected-title">{w.title}</h3>
      <p className="planner-expected-summary" role="status">
        {summary}
      </p>
      {data ? (
        <ol className="planner-expected-cells" aria-label={w.stripLabel(days)} data-mode={data.mode}>
          {data.mode === "occurrences"
            ? data.occurrences.map((occurrence) => {
                const text = describe(occurrence);
                return (
                  <li key={occurrence.at} className="planner-expected-cell" data-status={occurrence.status} data-tone={TONE[occurrence.status]} title={text}>
                    <span className="planner-sr-only">{text}</span>
                  </li>
                );
              })
            : data.days.map((day) => {
                const parts = ORDER.filter((status) => day.counts[status])
                  .map((status) => w.count(day.counts[status] ?? 0, w.status[status]))
                  .join(", ");
                const text = w.day(format.dateTime(`${day.date}T12:00:00.000Z`, { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" }), day.total, parts);
                return (
                  <li key={day.date} className="planner-expected-cell" data-status={day.worst} data-tone={TONE[day.worst]} title={text}>
                    <span className="planner-sr-only">{text}</span>
                  </li>
                );
              })}
        </ol>
      ) : (
        <div className="planner-expected-cells planner-skeleton" aria-hidden="true" />
      )}
      {data?.mode === "days" ? <p className="planner-expected-note">{w.perDay}</p> : null}
      {data ? (
        <ul className="planner-expected-legend" aria-label={w.legend}>
          {ORDER.filter((status) => data.counts[status]).map((status) => (
            <li key={status}>
              <span className="planner-expected-swatch" data-status={status} data-tone={TONE[status]} aria-hidden="true" />
              {w.status[status]}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

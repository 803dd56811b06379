"use client";

import { useQuery } from "@tanstack/react-query";
import { CalendarClockIcon, ClockIcon } from "lucide-react";
import { memo, useId, useState } from "react";
import { useLiveStatus } from "../../client/live";
import { useFormat, useLabels, useViewer } from "../../client/settings";
import { usePlanner } from "../../client/trpc";
import { sameTimeZone } from "../../client/format";
import { SelectItemCheckbox } from "../bulk/select-checkbox";
import { HistoryDialog } from "../run-history/lazy";
import { cn } from "../ui/cn";
import { ActionLabel, CardHead, CardReason, LastRunLine, NowLine, cardClickHandler } from "./card-parts";
import { ItemMenu } from "./item-menu";
import { RUN_STRIP_LENGTH, RunStrip } from "./run-strip";
import { scheduleSentence } from "./schedule-sentence";
import type { JobItem } from "./types";
import { useJobActions } from "./use-job-actions";
import { useRunResultAnnouncement } from "./use-run-result";

export interface JobCardProps {
  agentId: string;
  job: JobItem;
  /** "Edit" in the menu; without it the item is left out. */
  onEdit?: ((job: JobItem) => void) | undefined;
  className?: string | undefined;
}

/**
 * One scheduled job: name, description, status, the schedule sentence, the action, the next run, the last
 * 20 runs and a menu (Edit, Pause/Resume, Run now, History, Delete with confirmation).
 */
export const JobCard = memo(function JobCard({ agentId, job, onEdit, className }: JobCardProps) {
  const labels = useLabels();
  const format = useFormat();
  const viewer = useViewer();
  const trpc = usePlanner();
  const live = useLiveStatus(agentId);
  const titleId = useId();
  const actions = useJobActions(agentId, job);
  const [historyOpen, setHistoryOpen] = useState(false);
  const runs = useQuery(trpc.jobs.runs.queryOptions({ agentId, jobId: job.id, limit: RUN_STRIP_LENGTH }, { refetchInterval: live.refetchInterval }));

  const lastRun = job.state.lastRun;
  const pendingRun = runs.data?.items.find((run) => run.id === actions.pendingRunId);
  useRunResultAnnouncement(job.name, actions.pendingRunId, pendingRun, actions.clearPendingRun);

  const sentence = scheduleSentence(job.schedule, labels.cards, viewer.locale, job.scheduleSentence);
  const schedule = sameTimeZone(job.schedule.timezone, viewer.timeZone) ? sentence : labels.cards.scheduleInZone(sentence, job.schedule.timezone);
  const failed = job.enabled && job.status === "error";
  const pausedAfterFailures = !job.enabled && job.state.consecutiveFailures > 0;
  const reason = failed ? (lastRun?.error ?? labels.status.failed) : pausedAfterFailures ? (job.state.pausedReason ?? labels.cards.pausedAfterFailures) : null;
  const open = onEdit ? () => onEdit(job) : undefined;
  const next = !job.enabled ? labels.cards.paused : job.ended ? (job.schedule.kind === "once" ? labels.cards.ranOnce : labels.cards.ended) : job.state.nextRunAt ? labels.cards.next(format.calendar(job.state.nextRunAt)) : labels.cards.noNextRun;

  return (
    <article
      data-slot="planner-job-card"
      data-status={job.status}
      data-failed={failed || undefined}
      aria-labelledby={titleId}
      className={cn("planner-item-card", className)}
      data-clickable={open ? true : undefined}
      onClick={cardClickHandler(open)}
    >
      <CardHead
        onOpen={open}
        icon={<CalendarClockIcon />}
        name={job.name}
        titleId={titleId}
        description={job.description}
        status={job.ended && job.status === "active" ? "ended" : job.status}
        select={<SelectItemCheckbox kind="job" id={job.id} name={job.name} />}
        menu={
          <ItemMenu
            kind="job"
            name={job.name}
            enabled={job.enabled}
            onEdit={open}
            onPause={actions.pause}
            onResume={actions.resume}
            onRun={actions.runNow}
            runDisabled={actions.running}
            onHistory={() => setHistoryOpen(true)}
            onDelete={actions.remove}
          />
        }
      />
      {reason ? <CardReason tone={failed ? "danger" : "warning"}>{reason}</CardReason> : null}
      <NowLine run={job.activeRun} action={job.action} />
      <div className="planner-item-runs">
        <RunStrip runs={runs.data?.items} />
        <LastRunLine lastRun={lastRun} />
      </div>
      <div className="planner-item-footer">
        <span className="planner-item-meta">
          <ClockIcon aria-hidden="true" />
          {schedule}
        </span>
        <ActionLabel action={job.action} />
        <span className="planner-item-next" title={job.state.nextRunAt && job.enabled ? format.fullDateTime(job.state.nextRunAt) : undefined}>
          {next}
        </span>
      </div>
      {historyOpen ? <HistoryDialog agentId={agentId} owner={{ kind: "job", id: job.id }} name={job.name} open onOpenChange={setHistoryOpen} /> : null}
    </article>
  );
});

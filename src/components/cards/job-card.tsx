"use client";

import { useQuery } from "@tanstack/react-query";
import { memo, useId, useState } from "react";
import { useLiveStatus } from "../../client/live";
import { useFormat, useLabels, useViewer } from "../../client/settings";
import { usePlanner } from "../../client/trpc";
import { sameTimeZone } from "../../client/format";
import { SelectItemCheckbox } from "../bulk/select-checkbox";
import { HistoryDialog } from "../run-history/lazy";
import { NextRunsDialog, useResumeWithChoice } from "../bend";
import { cn } from "../ui/cn";
import { SpriteIcon } from "../ui/icon-sprite";
import { ActionLabel, CardHead, CardReason, LastRunLine, NowLine, cardClickHandler } from "./card-parts";
import { ItemMenu } from "./item-menu";
import { RUN_STRIP_LENGTH, RunStrip } from "./run-strip";
import { scheduleSentence } from "./schedule-sentence";
import type { JobItem, StripRunItem } from "./types";
import { useJobActions } from "./use-job-actions";
import { useRunResultAnnouncement } from "./use-run-result";

export interface JobCardProps {
  agentId: string;
  job: JobItem;
  /** "Edit" in the menu; without it the item is left out. */
  onEdit?: ((job: JobItem) => void) | undefined;
  className?: string | undefined;
  /**
   * The job's last runs for its strip, newest first, when the list fetched every card's at once (`runs.strips`);
   * `null` while that is loading. Left out, the card fetches its own.
   */
  recentRuns?: readonly StripRunItem[] | null | undefined;
}

/**
 * One scheduled job: name, description, status, the schedule sentence, the action, the next run, the last
 * 20 runs and a menu (Edit, Pause/Resume, Run now, History, Delete with confirmation).
 */
export const JobCard = memo(function JobCard(props: JobCardProps) {
  return props.recentRuns === undefined ? <JobCardOwnRuns {...props} /> : <JobCardView {...props} runs={props.recentRuns ?? undefined} />;
});

/** A card shown on its own: it fetches its own strip. */
function JobCardOwnRuns(props: JobCardProps) {
  const trpc = usePlanner();
  const live = useLiveStatus(props.agentId);
  const runs = useQuery(trpc.jobs.runs.queryOptions({ agentId: props.agentId, jobId: props.job.id, limit: RUN_STRIP_LENGTH }, { refetchInterval: live.refetchInterval }));
  return <JobCardView {...props} runs={runs.data?.items} />;
}

function JobCardView({ agentId, job, onEdit, className, runs }: JobCardProps & { runs: readonly StripRunItem[] | undefined }) {
  const labels = useLabels();
  const format = useFormat();
  const viewer = useViewer();
  const titleId = useId();
  const actions = useJobActions(agentId, job);
  const [historyOpen, setHistoryOpen] = useState(false);
  const [nextRunsOpen, setNextRunsOpen] = useState(false);
  const resumeChoice = useResumeWithChoice(agentId, job, actions.resume);

  const lastRun = job.state.lastRun;
  const pendingRun = runs?.find((run) => run.id === actions.pendingRunId);
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
        icon={<SpriteIcon name="calendar-clock" />}
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
            onResume={resumeChoice.resume}
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
        <RunStrip runs={runs} />
        <LastRunLine lastRun={lastRun} />
      </div>
      <div className="planner-item-footer">
        <span className="planner-item-meta">
          <SpriteIcon name="clock" />
          {schedule}
        </span>
        <ActionLabel action={job.action} />
        {job.enabled ? (
          <button
            type="button"
            className="planner-item-next planner-item-next-button"
            aria-haspopup="dialog"
            title={job.state.nextRunAt ? format.fullDateTime(job.state.nextRunAt) : undefined}
            onClick={() => setNextRunsOpen(true)}
          >
            {next}
          </button>
        ) : (
          <span className="planner-item-next">{next}</span>
        )}
      </div>
      {nextRunsOpen ? <NextRunsDialog agentId={agentId} job={job} open onOpenChange={setNextRunsOpen} /> : null}
      {resumeChoice.dialog}
      {historyOpen ? <HistoryDialog agentId={agentId} owner={{ kind: "job", id: job.id }} name={job.name} open onOpenChange={setHistoryOpen} /> : null}
    </article>
  );
}

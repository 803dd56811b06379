import { occurrencesBetween } from "../../../shared/cron";
import type { Job, JobRef, ResumeJobInput, Run } from "../../../shared/schemas";
import { occurrenceRunId } from "../../engine/tick";
import { runWriteOptions } from "../../engine/run";
import { resumeJobHandler } from "../jobs/pause-resume.handler";
import { findJob, type JobView } from "../jobs/view";
import { authorOf } from "./bend-job";
import type { BendContext } from "./context";

/** More missed occurrences than this are counted as "this many or more". */
const MISSED_SCAN_CAP = 1000;

/** What a paused job missed: how many occurrences since it was paused (`beyond`: at least that many). */
export interface MissedWhilePaused {
  count: number;
  beyond: boolean;
  /** When the job was paused (ISO UTC), `null` for an enabled job. */
  since: string | null;
  /** The latest missed occurrence. */
  latest: string | null;
}

function missedWhilePaused(job: Job, now: Date): MissedWhilePaused {
  if (job.enabled) return { count: 0, beyond: false, since: null, latest: null };
  // Jobs paused before `pausedAt` existed count from their last change (the pause, unless edited since).
  const since = job.state.pausedAt ?? job.updatedAt;
  const { occurrences, truncated } = occurrencesBetween(job.schedule.cron, job.schedule.timezone, new Date(since), now, MISSED_SCAN_CAP);
  return { count: occurrences.length, beyond: truncated, since, latest: occurrences.at(-1)?.toISOString() ?? null };
}

/** How many runs a paused job missed: what the resume dialog asks about. */
export async function missedRunsHandler({ ctx, input }: { ctx: BendContext; input: JobRef }): Promise<MissedWhilePaused> {
  return missedWhilePaused(findJob(await ctx.deps.store.get(input.agentId), input.jobId), ctx.deps.clock());
}

/**
 * Schedules the job again from now. With `missed`, the occurrences it missed while paused are run once now
 * (`runOnce`: the latest, dispatched as that occurrence's run) or skipped with one history row saying who and how
 * many (`skip`). Without it, or with nothing missed, it just resumes (missed occurrences are not run).
 */
export async function resumeJobWithChoiceHandler({ ctx, input }: { ctx: BendContext; input: ResumeJobInput }): Promise<JobView> {
  const { store, clock, manualDispatcher } = ctx.deps;
  const now = clock();
  const before = findJob(await store.get(input.agentId), input.jobId);
  const missed = missedWhilePaused(before, now);
  // The plain resume does the resuming (one place for what resuming means); the choice is what happens after.
  const view = await resumeJobHandler({ ctx, input: { agentId: input.agentId, jobId: input.jobId } });
  const resumed = !before.enabled && view.enabled ? view : undefined;
  const latest = missed.latest;
  if (!input.missed || !latest || !resumed) return view;
  const runId = occurrenceRunId(input.jobId, new Date(latest));
  const count = missed.beyond ? `${missed.count} or more` : String(missed.count);
  if (input.missed === "runOnce") {
    const request = { runId, agentId: input.agentId, jobId: input.jobId, cause: "schedule" as const, scheduledFor: latest, scheduleRevision: resumed.state.scheduleRevision };
    await manualDispatcher.dispatchManual({ kind: "job", request });
    return view;
  }
  const who = authorOf(ctx.user, now);
  const run: Run = {
    id: runId,
    agentId: input.agentId,
    owner: { kind: "job", id: input.jobId },
    cause: "schedule",
    createdAt: now.toISOString(),
    scheduledFor: latest,
    status: "skipped",
    skipReason: "missed",
    finishedAt: now.toISOString(),
    attempts: 0,
    warnings: [`${count} run${missed.count === 1 && !missed.beyond ? "" : "s"} missed while paused (since ${missed.since}) ${missed.count === 1 && !missed.beyond ? "was" : "were"} skipped by ${who.byName ?? who.by}.`],
  };
  await store.appendRun(run, runWriteOptions(ctx.deps));
  return view;
}

import type { Job, JobRef, PauseJobInput, PausedBy } from "../../../shared/schemas";
import type { JobsContext } from "./context";
import { mutateJob } from "./mutate";
import { nextRunAfter } from "../../../shared/cron";
import type { JobView } from "./view";

/**
 * The job paused: `nextRunAt` cleared, a new revision when it was running. A pause by hand (no `pausedBy`) also
 * drops a "Pause all" mark, so "Resume all" leaves a job the user paused himself paused.
 */
export function pausedJob(job: Job, now: Date, options: { reason?: string | undefined; pausedBy?: PausedBy | undefined } = {}): Job {
  const state = { ...job.state };
  delete state.nextRunAt;
  if (options.reason) state.pausedReason = options.reason;
  else delete state.pausedReason;
  if (options.pausedBy) state.pausedBy = options.pausedBy;
  else delete state.pausedBy;
  if (job.enabled) state.pausedAt = now.toISOString();
  return { ...job, enabled: false, revision: job.enabled ? job.revision + 1 : job.revision, updatedAt: now.toISOString(), state };
}

/**
 * The job scheduled again from `now`: occurrences missed while paused are not run, the failure count starts over
 * and a "Pause all" mark is dropped. An enabled job is returned as it is.
 */
export function resumedJob(job: Job, now: Date): Job {
  if (job.enabled) return job;
  const state = { ...job.state, consecutiveFailures: 0 };
  delete state.pausedReason;
  delete state.pausedBy;
  delete state.pausedAt;
  const nextRunAt = nextRunAfter(job.schedule, now, job.id);
  if (nextRunAt) state.nextRunAt = nextRunAt;
  return { ...job, enabled: true, revision: job.revision + 1, updatedAt: now.toISOString(), state };
}

/** Stops scheduling: `nextRunAt` is cleared. Pausing a paused job only updates the reason. */
export function pauseJobHandler({ ctx, input }: { ctx: JobsContext; input: PauseJobInput }): Promise<JobView> {
  const now = ctx.deps.clock();
  return mutateJob(ctx.deps.store, input.agentId, input.jobId, (job) => pausedJob(job, now, { reason: input.reason }));
}

/**
 * Schedules again from now: occurrences missed while paused are not run, and the failure count starts
 * over (a job auto-paused after failures gets a fresh chance).
 */
export async function resumeJobHandler({ ctx, input }: { ctx: JobsContext; input: JobRef }): Promise<JobView> {
  const now = ctx.deps.clock();
  const view = await mutateJob(ctx.deps.store, input.agentId, input.jobId, (job) => resumedJob(job, now));
  ctx.deps.scheduleChanged();
  return view;
}

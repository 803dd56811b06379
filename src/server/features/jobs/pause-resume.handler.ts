import type { JobRef, PauseJobInput } from "../../../shared/schemas";
import type { JobsContext } from "./context";
import { mutateJob } from "./mutate";
import { nextRunAfter } from "../../../shared/cron";
import type { JobView } from "./view";

/** Stops scheduling: `nextRunAt` is cleared. Pausing a paused job only updates the reason. */
export function pauseJobHandler({ ctx, input }: { ctx: JobsContext; input: PauseJobInput }): Promise<JobView> {
  const now = ctx.deps.clock();
  return mutateJob(ctx.deps.store, input.agentId, input.jobId, (job) => {
    const state = { ...job.state };
    delete state.nextRunAt;
    if (input.reason) state.pausedReason = input.reason;
    else delete state.pausedReason;
    return { ...job, enabled: false, revision: job.enabled ? job.revision + 1 : job.revision, updatedAt: now.toISOString(), state };
  });
}

/**
 * Schedules again from now: occurrences missed while paused are not run, and the failure count starts
 * over (a job auto-paused after failures gets a fresh chance).
 */
export async function resumeJobHandler({ ctx, input }: { ctx: JobsContext; input: JobRef }): Promise<JobView> {
  const now = ctx.deps.clock();
  const view = await mutateJob(ctx.deps.store, input.agentId, input.jobId, (job) => {
    if (job.enabled) return job;
    const state = { ...job.state, consecutiveFailures: 0 };
    delete state.pausedReason;
    const nextRunAt = nextRunAfter(job.schedule, now);
    if (nextRunAt) state.nextRunAt = nextRunAt;
    return { ...job, enabled: true, revision: job.revision + 1, updatedAt: now.toISOString(), state };
  });
  ctx.deps.scheduleChanged();
  return view;
}

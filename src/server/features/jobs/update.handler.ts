import type { Job, UpdateJobInput } from "../../../shared/schemas";
import type { JobsContext } from "./context";
import { ConflictError } from "../../errors";
import { assertUniqueName } from "../names";
import { nextRunAfter } from "../../../shared/cron";
import { assertSchedule } from "./schedule";
import { assertTimeWindow, resolveSchedule, sameTimeWindow } from "./time-window";
import { findJob, toJobView, type JobView } from "./view";

function sameSchedule(a: Job["schedule"], b: Job["schedule"]): boolean {
  return a.cron === b.cron && a.timezone === b.timezone && sameTimeWindow(a, b);
}

/** Applies an edit; the schedule is re-checked and `nextRunAt` recomputed only when it changed. */
export function applyJobUpdate(job: Job, input: UpdateJobInput, now: Date, userId?: string): Job {
  const schedule = input.schedule ?? job.schedule;
  const enabled = input.enabled ?? job.enabled;
  const rescheduled = !sameSchedule(schedule, job.schedule);
  if (rescheduled) assertTimeWindow(schedule, now, job.schedule);
  const next: Job = {
    ...job,
    name: input.name ?? job.name,
    schedule,
    action: input.action ?? job.action,
    policy: input.policy ?? job.policy,
    enabled,
    revision: job.revision + 1,
    updatedAt: now.toISOString(),
    ...(userId ? { updatedBy: userId } : {}),
    state: { ...job.state, scheduleRevision: job.state.scheduleRevision + (rescheduled ? 1 : 0) },
  };
  if (input.description !== undefined) {
    if (input.description) next.description = input.description;
    else delete next.description;
  }
  if (input.variables !== undefined) next.variables = input.variables;
  // An enabled job carries no "Pause all" mark (an edit that keeps it paused keeps the mark).
  if (enabled) delete next.state.pausedBy;
  if (!enabled) {
    delete next.state.nextRunAt;
  } else if (rescheduled || !job.enabled || !job.state.nextRunAt) {
    next.state.nextRunAt = nextRunAfter(schedule, now, job.id);
    if (!job.enabled) {
      delete next.state.pausedReason;
      next.state.consecutiveFailures = 0;
    }
  }
  return next;
}

export async function updateJobHandler({ ctx, input }: { ctx: JobsContext; input: UpdateJobInput }): Promise<JobView> {
  const { store, clock, limits } = ctx.deps;
  const schedule = input.schedule ? resolveSchedule(input.schedule, clock()) : undefined;
  if (schedule) assertSchedule(schedule, limits);
  const planner = await store.update(input.agentId, (current) => {
    const job = findJob(current, input.jobId);
    if (job.revision !== input.expectedRevision) {
      throw new ConflictError("Someone else changed this job after you opened it. Reload to see their changes, then edit again.");
    }
    if (input.name !== undefined) assertUniqueName("job", input.name, current.jobs, job.id);
    const updated = applyJobUpdate(job, schedule ? { ...input, schedule } : input, clock(), ctx.user?.userId);
    return { ...current, jobs: current.jobs.map((j) => (j.id === job.id ? updated : j)) };
  });
  ctx.deps.scheduleChanged();
  return toJobView(findJob(planner, input.jobId), await store.activeRuns(input.agentId));
}

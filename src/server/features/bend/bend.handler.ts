import { nextRuns } from "../../../shared/cron";
import type { ClearOverrideInput, JobNextRunsInput, JobOverride, MoveOccurrenceInput, SkipOccurrenceInput, SnoozeJobInput } from "../../../shared/schemas";
import { overrideOf, snoozedAt } from "../../engine/overrides";
import { mutateJob } from "../jobs/mutate";
import { findJob, type JobView } from "../jobs/view";
import { assertFutureOccurrence, assertMoveTarget, authorOf, withOverride, withSnooze } from "./bend-job";
import type { BendContext } from "./context";

/** One of a job's next runs, with how it was bent. */
export interface BentRun {
  /** The occurrence (ISO UTC). */
  at: string;
  /** `skip`: it will not run; `move`: it runs at `to` instead; `snooze`: the job is snoozed then. */
  mark: { kind: "skip" | "move" | "snooze"; to?: string | undefined; by: string; byName?: string | undefined } | null;
}

export interface JobNextRuns {
  runs: BentRun[];
  snooze: { until: string; by: string; byName?: string | undefined } | null;
  timezone: string;
}

function markOf(override: JobOverride | undefined) {
  return override ? { kind: override.action, ...(override.to ? { to: override.to } : {}), by: override.by, ...(override.byName ? { byName: override.byName } : {}) } : null;
}

/** The job's next runs from now, each with its mark: what "next runs" shows and bends. */
export async function jobNextRunsHandler({ ctx, input }: { ctx: BendContext; input: JobNextRunsInput }): Promise<JobNextRuns> {
  const job = findJob(await ctx.deps.store.get(input.agentId), input.jobId);
  const now = ctx.deps.clock();
  const { snooze } = job.state;
  const runs = nextRuns(job.schedule.cron, job.schedule.timezone, { from: now, count: input.count ?? 5 }).map((at): BentRun => {
    const override = overrideOf(job, at);
    if (override) return { at: at.toISOString(), mark: markOf(override) };
    if (snooze && snoozedAt(job, at)) return { at: at.toISOString(), mark: { kind: "snooze", by: snooze.by, ...(snooze.byName ? { byName: snooze.byName } : {}) } };
    return { at: at.toISOString(), mark: null };
  });
  return { runs, snooze: snooze ?? null, timezone: job.schedule.timezone };
}

async function bend(ctx: BendContext, agentId: string, jobId: string, fn: Parameters<typeof mutateJob>[3]): Promise<JobView> {
  const view = await mutateJob(ctx.deps.store, agentId, jobId, fn);
  ctx.deps.scheduleChanged();
  return view;
}

/** Skips one future occurrence (idempotent: skipping it again changes nothing but who and when). */
export function skipOccurrenceHandler({ ctx, input }: { ctx: BendContext; input: SkipOccurrenceInput }): Promise<JobView> {
  const now = ctx.deps.clock();
  const occurrence = new Date(input.occurrence);
  return bend(ctx, input.agentId, input.jobId, (job) => {
    assertFutureOccurrence(job, occurrence, now);
    const override: JobOverride = { occurrence: occurrence.toISOString(), action: "skip", ...authorOf(ctx.user, now), scheduleRevision: job.state.scheduleRevision };
    return withOverride(job, override, occurrence, now);
  });
}

/** Runs one future occurrence at another time instead, once. */
export function moveOccurrenceHandler({ ctx, input }: { ctx: BendContext; input: MoveOccurrenceInput }): Promise<JobView> {
  const now = ctx.deps.clock();
  const occurrence = new Date(input.occurrence);
  const to = new Date(input.to);
  return bend(ctx, input.agentId, input.jobId, (job) => {
    assertFutureOccurrence(job, occurrence, now);
    assertMoveTarget(job, occurrence, to, now);
    const override: JobOverride = { occurrence: occurrence.toISOString(), action: "move", to: to.toISOString(), ...authorOf(ctx.user, now), scheduleRevision: job.state.scheduleRevision };
    return withOverride(job, override, occurrence, now);
  });
}

/** Undoes a skip or a move (idempotent: an occurrence with none is left as it is). */
export function clearOverrideHandler({ ctx, input }: { ctx: BendContext; input: ClearOverrideInput }): Promise<JobView> {
  const now = ctx.deps.clock();
  const occurrence = new Date(input.occurrence);
  return bend(ctx, input.agentId, input.jobId, (job) => (overrideOf(job, occurrence) ? withOverride(job, null, occurrence, now) : job));
}

/** Snoozes the job until a date (its occurrences before it are skipped and recorded), or ends the snooze. */
export function snoozeJobHandler({ ctx, input }: { ctx: BendContext; input: SnoozeJobInput }): Promise<JobView> {
  const now = ctx.deps.clock();
  return bend(ctx, input.agentId, input.jobId, (job) => withSnooze(job, input.until === null ? null : new Date(input.until), authorOf(ctx.user, now), now));
}

import { latestOccurrenceBetween, nextRunAfter, nextRuns, occurrencesBetween } from "../../../shared/cron";
import { type Job, type JobOverride, MAX_JOB_OVERRIDES, MAX_MOVE_MS, MAX_SNOOZE_MS } from "../../../shared/schemas";
import { ConflictError, InvalidInputError } from "../../errors";
import { activeOverrides, nextDueWithMoves } from "../../engine/overrides";
import type { PlannerUser } from "../../options";

/** How far ahead an occurrence may be bent. */
const MAX_AHEAD_MS = 366 * 24 * 60 * 60_000;

export interface Author {
  by: string;
  byName?: string;
  at: string;
}

export function authorOf(user: PlannerUser, now: Date): Author {
  const name = typeof user.name === "string" ? user.name.trim().slice(0, 200) : "";
  return { by: user.userId, ...(name ? { byName: name } : {}), at: now.toISOString() };
}

/** Refuses an occurrence that is not a future run of the job's current schedule. */
export function assertFutureOccurrence(job: Job, occurrence: Date, now: Date): void {
  if (occurrence.getTime() <= now.getTime()) throw new InvalidInputError("This run is no longer in the future.", [{ path: "occurrence", message: "This run is no longer in the future." }]);
  if (occurrence.getTime() - now.getTime() > MAX_AHEAD_MS) {
    throw new InvalidInputError("Only runs within the next year can be skipped or moved.", [{ path: "occurrence", message: "Only runs within the next year can be skipped or moved." }]);
  }
  const { occurrences } = occurrencesBetween(job.schedule.cron, job.schedule.timezone, new Date(occurrence.getTime() - 1), occurrence, 1);
  if (occurrences[0]?.getTime() !== occurrence.getTime()) {
    throw new InvalidInputError("The job's schedule has no run at that time; reload its next runs.", [{ path: "occurrence", message: "The job's schedule has no run at that time." }]);
  }
}

/**
 * Refuses a new time for a moved run unless it is in the future, stays between the runs before and after it (so
 * it never collides with one of them or swaps places), within 30 days of the occurrence, and is not where another
 * run was moved.
 */
export function assertMoveTarget(job: Job, occurrence: Date, to: Date, now: Date): void {
  const refuse = (message: string) => {
    throw new InvalidInputError(message, [{ path: "to", message }]);
  };
  if (to.getTime() <= now.getTime()) refuse("Pick a time in the future.");
  if (to.getTime() === occurrence.getTime()) refuse("Pick a time different from the run's own.");
  if (Math.abs(to.getTime() - occurrence.getTime()) > MAX_MOVE_MS) refuse("A run can be moved by at most 30 days.");
  const { cron, timezone } = job.schedule;
  const following = nextRuns(cron, timezone, { from: occurrence, count: 1 })[0];
  if (following && to.getTime() >= following.getTime()) refuse("Pick a time before the following run.");
  const previous = latestOccurrenceBetween(cron, timezone, new Date(occurrence.getTime() - MAX_MOVE_MS - 1), new Date(occurrence.getTime() - 1));
  if (previous && to.getTime() <= previous.getTime()) refuse("Pick a time after the previous run.");
  const taken = activeOverrides(job).some((o) => o.action === "move" && o.to !== undefined && Date.parse(o.to) === to.getTime() && Date.parse(o.occurrence) !== occurrence.getTime());
  if (taken) refuse("Another run is already moved to that time.");
}

/** Overrides still to come: those of the current schedule the tick has not passed yet. */
function pendingOverrides(job: Job, now: Date): JobOverride[] {
  // The tick has handled every occurrence before `nextRunAt`; a paused job has none, and then "past" is now.
  const horizon = job.state.nextRunAt ? Date.parse(job.state.nextRunAt) : now.getTime();
  return activeOverrides(job).filter((o) => Math.max(Date.parse(o.occurrence), o.to ? Date.parse(o.to) : 0) >= horizon);
}

/** The job's `nextRunAt` after its overrides changed (a due one the tick has not reached yet stays as it is). */
function rescheduled(job: Job, now: Date): Job {
  if (!job.enabled || (job.state.nextRunAt && Date.parse(job.state.nextRunAt) <= now.getTime())) return job;
  const next = nextDueWithMoves(job, now, nextRunAfter(job.schedule, now));
  const state = { ...job.state };
  if (next) state.nextRunAt = next;
  else delete state.nextRunAt;
  return { ...job, state };
}

/** The job with `override` in place of any other of its occurrence, past ones pruned, `nextRunAt` recomputed. */
export function withOverride(job: Job, override: JobOverride | null, occurrence: Date, now: Date): Job {
  const others = pendingOverrides(job, now).filter((o) => Date.parse(o.occurrence) !== occurrence.getTime());
  if (override && others.length >= MAX_JOB_OVERRIDES) {
    throw new ConflictError(`This job already has ${MAX_JOB_OVERRIDES} skipped or moved runs ahead. Undo one first.`);
  }
  const overrides = override ? [...others, override].sort((a, b) => Date.parse(a.occurrence) - Date.parse(b.occurrence)) : others;
  const state = { ...job.state };
  if (overrides.length > 0) state.overrides = overrides;
  else delete state.overrides;
  return rescheduled({ ...job, state }, now);
}

/** The job snoozed until `until` (or, with `null`, no longer snoozed). */
export function withSnooze(job: Job, until: Date | null, author: Author, now: Date): Job {
  const state = { ...job.state };
  if (until === null) {
    if (!state.snooze) return job;
    delete state.snooze;
    return { ...job, state };
  }
  const refuse = (message: string) => {
    throw new InvalidInputError(message, [{ path: "until", message }]);
  };
  if (until.getTime() <= now.getTime()) refuse("Pick a date in the future.");
  if (until.getTime() - now.getTime() > MAX_SNOOZE_MS) refuse("A job can be snoozed for at most a year.");
  state.snooze = { until: until.toISOString(), ...author };
  return { ...job, state };
}

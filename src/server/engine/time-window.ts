import {
  dueAtOf,
  hasTimeWindow,
  latestOccurrenceBetween,
  nextRunAfter,
  occurrencesBetween,
  windowLatestBetween,
  windowOccurrencesBetween,
  type OccurrencesBetween,
} from "../../shared/cron";
import type { Job } from "../../shared/schemas";

/**
 * The tick's view of a job's occurrences, with its time fields applied (one-time run, start and end dates, run
 * limit, jitter: `shared/cron/window.ts`). A job without them goes straight to the cron functions, so nothing
 * changes for it. Windows are in due times (an occurrence plus its jitter offset); the occurrences returned are
 * the cron's instants, which name the run (`${jobId}@${occurrence}`) and its `scheduledFor`.
 */
export function jobOccurrencesBetween(job: Job, fromExclusive: Date, toInclusive: Date, cap: number): OccurrencesBetween {
  if (!hasTimeWindow(job.schedule)) return occurrencesBetween(job.schedule.cron, job.schedule.timezone, fromExclusive, toInclusive, cap);
  return windowOccurrencesBetween(job.schedule, job.id, fromExclusive, toInclusive, cap);
}

/** The latest occurrence due in `(fromExclusive, toInclusive]`, or null. */
export function jobLatestOccurrenceBetween(job: Job, fromExclusive: Date, toInclusive: Date): Date | null {
  if (!hasTimeWindow(job.schedule)) return latestOccurrenceBetween(job.schedule.cron, job.schedule.timezone, fromExclusive, toInclusive);
  return windowLatestBetween(job.schedule, job.id, fromExclusive, toInclusive);
}

/** The next due time after `now`, as an ISO string; `undefined` when the job has no occurrence left (it is done). */
export function jobNextRunAfter(job: Job, now: Date): string | undefined {
  return nextRunAfter(job.schedule, now, job.id);
}

/** When an occurrence of the job runs: the occurrence itself, or later by its jitter offset. */
export function jobDueAt(job: Job, occurrence: Date): Date {
  return dueAtOf(job.schedule, job.id, occurrence);
}

/** `notBefore` for a run request: the due time, when jitter moved it past the occurrence. */
export function jitteredStart(job: Job, occurrence: Date): { notBefore: string } | Record<string, never> {
  const due = jobDueAt(job, occurrence);
  return due.getTime() > occurrence.getTime() ? { notBefore: due.toISOString() } : {};
}

/**
 * When a schedule runs. Every function here takes the time it computes from as an argument, and all of
 * them share one generator, so the preview, the scheduler and missed-run recovery always agree.
 *
 * ## DST policy
 *
 * Expressions name local times in the schedule's timezone. Each local time the expression names runs
 * exactly once:
 * - **A local time that does not exist** (the clock jumps forward over it, e.g. 02:30 on a
 *   spring-forward day in New York) runs once, at the first valid instant after the jump (03:00 local).
 *   Several skipped times, or a skipped time and the time the clock lands on, give a single run.
 * - **A local time that happens twice** (the clock goes back over it, e.g. 01:30 on a fall-back day in
 *   New York) runs once, at its first occurrence (01:30 EDT, not 01:30 EST).
 *
 * The rule is the same for fixed times (`30 2 * * *`) and intervals (`0 * * * *`, `*\/15 * * * *`), so
 * no local time is ever run twice: in New York an hourly job runs 24 times on the fall-back day (01:00
 * EDT, then 02:00 EST, two real hours apart) and 23 times on the spring-forward day (02:00 and 03:00 are
 * one run, at 03:00 EDT); `15 * * * *` runs at 03:00 for the missing 02:15, then at 03:15.
 *
 * Croner 11 (used for all matching) differs by default: like Vixie cron it applies the rule above only to
 * fixed-time expressions (one value in minute and in hour), while interval expressions skip times that do
 * not exist and run on both passes of a repeated hour. `runs.ts` corrects that on top of croner.
 *
 * Day-of-month and day-of-week follow Vixie cron: when both are restricted, a day matching either runs
 * (`0 9 1 * MON` = the 1st of the month and every Monday).
 *
 * @module
 */
import { requireSchedule } from "./compile";
import { findTransitions, MAX_OFFSET_JUMP_MS } from "./timezone";
import { isFallBack, runsAfter, secondPassEnd } from "./runs";
import { hasTimeWindow, windowNextDueAfter, type WindowedSchedule } from "./window";

/** The most runs `nextRuns` returns in one call. */
export const MAX_NEXT_RUNS = 1000;

/** Where `minIntervalMinutes` samples from when no `from` is given (2026-01-01T00:00:00Z), so it is deterministic. */
const MIN_INTERVAL_REFERENCE_MS = Date.UTC(2026, 0, 1);

const MINUTE_MS = 60_000;
const MIN_INTERVAL_MAX_SPAN_MS = 10 * 366 * 24 * 60 * MINUTE_MS;

export interface NextRunsOptions {
  /** Runs strictly after this instant are returned. */
  from: Date;
  /** How many runs, 0 to {@link MAX_NEXT_RUNS}. */
  count: number;
}

/**
 * The next `count` runs strictly after `from`, ascending, as exact instants. DST changes follow the
 * policy at the top of this module.
 *
 * @throws {InvalidScheduleError} when the schedule is not valid (see `validateSchedule`).
 * @throws {RangeError} when `from` is not a valid date or `count` is out of range.
 * @example
 * nextRuns("30 2 * * *", "America/New_York", { from: new Date("2026-03-07T12:00:00Z"), count: 2 });
 * // [2026-03-08T07:00:00.000Z (03:00 EDT: 02:30 does not exist that day), 2026-03-09T06:30:00.000Z]
 */
export function nextRuns(cron: string, timezone: string, options: NextRunsOptions): Date[] {
  const schedule = requireSchedule(cron, timezone);
  const from = toMs(options.from, "from");
  const count = checkCount(options.count, "count", MAX_NEXT_RUNS);
  const runs: Date[] = [];
  if (count === 0) return runs;
  for (const at of runsAfter(schedule, from)) {
    runs.push(new Date(at));
    if (runs.length === count) break;
  }
  return runs;
}

/** The result of {@link occurrencesBetween}. */
export interface OccurrencesBetween {
  /** The first runs in the window, ascending, at most `cap` of them. */
  occurrences: Date[];
  /** True when the window holds more runs than `cap`: `occurrences.length` is then a lower bound. */
  truncated: boolean;
  /**
   * The first run after the window (what `nextRuns` from `toInclusive` would give first), found on the way:
   * `null` when the schedule never runs again, `undefined` when the scan stopped early (`truncated`, or an
   * empty window).
   */
  after?: Date | null | undefined;
}

/**
 * The runs in `(fromExclusive, toInclusive]`, ascending, stopping after `cap` of them: the cost follows
 * `cap`, not the width of the window, so a long outage stays cheap.
 *
 * For the engine's misfire policies:
 * - `runAll`: run `occurrences` (and report `truncated`).
 * - `runOnce`: run {@link latestOccurrenceBetween} and count `occurrences.length - 1` as skipped
 *   ("or more" when `truncated`).
 *
 * @throws {InvalidScheduleError} when the schedule is not valid.
 * @throws {RangeError} when a date is not valid or `cap` is not a whole number ≥ 0.
 * @example
 * occurrencesBetween("0 * * * *", "UTC", new Date("2026-01-01T00:00:00Z"), new Date("2026-01-02T00:00:00Z"), 3);
 * // { occurrences: [01:00Z, 02:00Z, 03:00Z], truncated: true }
 */
export function occurrencesBetween(
  cron: string,
  timezone: string,
  fromExclusive: Date,
  toInclusive: Date,
  cap: number,
): OccurrencesBetween {
  const schedule = requireSchedule(cron, timezone);
  const from = toMs(fromExclusive, "fromExclusive");
  const to = toMs(toInclusive, "toInclusive");
  const limit = checkCount(cap, "cap", Number.MAX_SAFE_INTEGER);
  const occurrences: Date[] = [];
  if (to <= from) return { occurrences, truncated: false };
  for (const at of runsAfter(schedule, from)) {
    if (at > to) return { occurrences, truncated: false, after: new Date(at) };
    if (occurrences.length === limit) return { occurrences, truncated: true };
    occurrences.push(new Date(at));
  }
  return { occurrences, truncated: false, after: null };
}

/**
 * The last run in `(fromExclusive, toInclusive]`, or `null` if there is none. Searches backwards from
 * `toInclusive` with croner, so the cost does not grow with the window.
 *
 * @throws {InvalidScheduleError} when the schedule is not valid.
 * @throws {RangeError} when a date is not valid.
 */
export function latestOccurrenceBetween(cron: string, timezone: string, fromExclusive: Date, toInclusive: Date): Date | null {
  const schedule = requireSchedule(cron, timezone);
  const from = toMs(fromExclusive, "fromExclusive");
  const to = toMs(toInclusive, "toInclusive");
  if (to <= from) return null;
  // previousRuns leaves out a run at exactly the reference, so look from just after `to`.
  const previous = schedule.zoned.previousRuns(1, new Date(to + 1))[0]?.getTime();
  let start = from;
  if (previous !== undefined) {
    // Croner may report the second pass of a repeated hour, which the policy drops; its first pass is
    // then the latest run, so start the forward walk before it.
    const fallBack = findTransitions(schedule.clock, previous - MAX_OFFSET_JUMP_MS, previous)
      .filter((transition) => isFallBack(transition) && previous < secondPassEnd(transition))
      .at(-1);
    const firstPass = fallBack ? previous - (fallBack.offsetBefore - fallBack.offsetAfter) : previous;
    start = Math.max(from, firstPass - 1);
  }
  let latest: number | null = null;
  for (const at of runsAfter(schedule, start)) {
    if (at > to) break;
    latest = at;
  }
  return latest === null ? null : new Date(latest);
}

export interface MinIntervalOptions {
  /** Where sampling starts; defaults to 2026-01-01T00:00:00Z. */
  from?: Date | undefined;
  /** How many runs to sample, at least 2; defaults to 500. */
  sample?: number | undefined;
}

/**
 * The smallest gap, in minutes, between consecutive runs among the next `sample` runs (or the runs of
 * the next ten years, if fewer) after a fixed instant: how often the schedule can run, for limits such
 * as "at most every 15 minutes". Deterministic: it never reads the clock.
 *
 * Gaps are real elapsed time in `timezone` (default UTC), so DST changes count: in New York
 * `0 9 * * *` measures 1380 across a spring-forward day if the sample reaches one, and `15,45 * * * *`
 * measures 15 there (02:15 runs at 03:00). Without a timezone, gaps are measured on a clock with no DST.
 * Returns `Infinity` if the schedule runs fewer than twice.
 *
 * @throws {InvalidScheduleError} when the schedule is not valid.
 * @example
 * minIntervalMinutes("*\/15 * * * *"); // 15
 * minIntervalMinutes("0 9,17 * * *"); // 480
 */
export function minIntervalMinutes(cron: string, timezone = "UTC", options: MinIntervalOptions = {}): number {
  const schedule = requireSchedule(cron, timezone);
  const from = options.from === undefined ? MIN_INTERVAL_REFERENCE_MS : toMs(options.from, "from");
  const sample = Math.max(2, checkCount(options.sample ?? 500, "sample", 100_000));
  let smallest = Number.POSITIVE_INFINITY;
  let previous: number | undefined;
  let seen = 0;
  for (const at of runsAfter(schedule, from)) {
    if (previous !== undefined) smallest = Math.min(smallest, at - previous);
    // Runs are whole minutes apart, so one minute cannot be beaten.
    if (smallest <= MINUTE_MS || ++seen >= sample) break;
    // Sparse schedules (yearly, leap days) would take centuries to reach `sample` runs; a decade shows every gap.
    if (seen >= 2 && at - from > MIN_INTERVAL_MAX_SPAN_MS) break;
    previous = at;
  }
  return smallest / MINUTE_MS;
}

function toMs(date: Date, name: string): number {
  const ms = date instanceof Date ? date.getTime() : Number.NaN;
  if (Number.isNaN(ms)) throw new RangeError(`${name} must be a valid Date.`);
  return ms;
}

function checkCount(value: number, name: string, max: number): number {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new RangeError(`${name} must be a whole number from 0 to ${max}, got ${String(value)}.`);
  }
  return value;
}

/**
 * The first run strictly after `now`, as an ISO string (undefined if the schedule never runs again). A schedule
 * with time fields (one-time, start, end, run limit, jitter: `window.ts`) follows them; `seed` (the job id) picks
 * its jitter offsets.
 */
export function nextRunAfter(schedule: WindowedSchedule, now: Date, seed?: string): string | undefined {
  if (hasTimeWindow(schedule)) return windowNextDueAfter(schedule, seed, now);
  return nextRuns(schedule.cron, schedule.timezone, { from: now, count: 1 })[0]?.toISOString();
}

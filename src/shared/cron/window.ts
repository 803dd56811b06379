/**
 * More kinds of time on top of a cron schedule: a one-time run, a start date, an end date, a run limit and a
 * jitter window. Pure like the rest of `cron/`: no clock reads, time is always passed in.
 *
 * - **One-time** (`kind: "once"`, `at`): the only occurrence is `at`; the cron is not used for runs.
 * - **Start / end** (`startAt`, `endAt`, both inclusive): no occurrence before the start or after the end.
 * - **Run limit** (`maxRuns`): the schedule ends after its `maxRuns`-th occurrence counted from `startAt` (the
 *   save fills `startAt` in when a limit is given without one), like a calendar's "ends after N times". Counting
 *   occurrences rather than runs keeps it a pure function of the definition: two scheduler instances, a restart
 *   or a replayed tick all agree where it ends.
 * - **Jitter** (`jitterMinutes`): each occurrence `o` is due at `o + offset`, `offset` in `[0, jitterMinutes)`
 *   whole seconds, derived from a seed (the job id) and `o` only. The run keeps `o` as its occurrence (its id and
 *   `scheduledFor`); only when it starts moves. Validation keeps the window no wider than the gap between
 *   occurrences, so due times stay in the order of their occurrences.
 *
 * "Due" below means the instant an occurrence runs (the occurrence plus its jitter offset).
 *
 * @module
 */
import { requireSchedule } from "./compile";
import { runsAfter } from "./runs";
import { createZoneClock } from "./timezone";

/** The time fields a schedule may carry besides `cron` and `timezone` (all optional: old schedules have none). */
export interface TimeWindowFields {
  kind?: "cron" | "once" | undefined;
  at?: string | undefined;
  startAt?: string | undefined;
  endAt?: string | undefined;
  maxRuns?: number | undefined;
  jitterMinutes?: number | undefined;
}

export type WindowedSchedule = { cron: string; timezone: string } & TimeWindowFields;

/** The widest jitter window, in minutes. */
export const MAX_JITTER_MINUTES = 60;
/** The largest run limit. */
export const MAX_RUN_LIMIT = 1000;

const MINUTE_MS = 60_000;

/** Whether the schedule uses any of the time fields (otherwise it is a plain cron schedule). */
export function hasTimeWindow(schedule: WindowedSchedule): boolean {
  return schedule.kind === "once" || Boolean(schedule.startAt || schedule.endAt || schedule.maxRuns || schedule.jitterMinutes);
}

/** The jitter window in milliseconds (0 without jitter). */
export function jitterWindowMs(schedule: TimeWindowFields): number {
  const minutes = schedule.jitterMinutes ?? 0;
  return Number.isFinite(minutes) && minutes > 0 ? Math.min(minutes, MAX_JITTER_MINUTES) * MINUTE_MS : 0;
}

/** FNV-1a, 32 bits: small, fast and the same in every runtime. */
function hash32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  // A final avalanche, so nearby occurrences do not get nearby offsets.
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  return hash >>> 0;
}

/**
 * The delay of one occurrence, in whole seconds as milliseconds, in `[0, window)`: derived from `seed` (the job id)
 * and the occurrence only, so every instance and every retry computes the same one. 0 without jitter or seed.
 *
 * @example
 * jitterOffsetMs("job_abc", new Date("2026-12-01T09:00:00Z"), 10 * 60_000); // e.g. 412_000 (09:06:52)
 */
export function jitterOffsetMs(seed: string | undefined, occurrence: Date, windowMs: number): number {
  const seconds = Math.floor(windowMs / 1000);
  if (!seed || seconds <= 0) return 0;
  return (hash32(`${seed}@${occurrence.toISOString()}`) % seconds) * 1000;
}

/** When an occurrence runs: the occurrence plus its jitter offset. */
export function dueAtOf(schedule: WindowedSchedule, seed: string | undefined, occurrence: Date): Date {
  return new Date(occurrence.getTime() + jitterOffsetMs(seed, occurrence, jitterWindowMs(schedule)));
}

function parseMs(iso: string | undefined): number | undefined {
  if (!iso) return undefined;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Remembered limit ends: a tick asks for the same job's end on every pass. */
const limitEnds = new Map<string, number | null>();
const MAX_LIMIT_ENDS = 500;

/** The `maxRuns`-th occurrence at or after `startAt` (epoch ms), or null when the schedule never runs that often. */
function limitEndMs(schedule: WindowedSchedule, startMs: number, maxRuns: number): number | null {
  const key = `${schedule.cron}\u0000${schedule.timezone}\u0000${startMs}\u0000${maxRuns}`;
  const known = limitEnds.get(key);
  if (known !== undefined) return known;
  const compiled = requireSchedule(schedule.cron, schedule.timezone);
  let count = 0;
  let end: number | null = null;
  for (const at of runsAfter(compiled, startMs - 1)) {
    if (++count === maxRuns) {
      end = at;
      break;
    }
  }
  if (limitEnds.size >= MAX_LIMIT_ENDS) limitEnds.clear();
  limitEnds.set(key, end);
  return end;
}

/**
 * The instants the schedule may have occurrences in, inclusive, in epoch ms: `[start, end]` (each unbounded when
 * `undefined`). A one-time schedule's bounds are its instant; a limit moves the end to its last occurrence.
 */
export function occurrenceBounds(schedule: WindowedSchedule): { start: number | undefined; end: number | undefined } {
  if (schedule.kind === "once") {
    const at = parseMs(schedule.at);
    return { start: at, end: at ?? Number.NEGATIVE_INFINITY };
  }
  const start = parseMs(schedule.startAt);
  let end = parseMs(schedule.endAt);
  if (schedule.maxRuns && schedule.maxRuns > 0) {
    const from = start ?? Number.NEGATIVE_INFINITY;
    const last = Number.isFinite(from) ? limitEndMs(schedule, from, Math.min(schedule.maxRuns, MAX_RUN_LIMIT)) : null;
    if (Number.isFinite(from)) end = Math.min(end ?? Number.POSITIVE_INFINITY, last ?? Number.POSITIVE_INFINITY);
  }
  return { start, end };
}

/** The raw occurrences after `fromMs` within the bounds, ascending, lazily. */
function* boundedOccurrences(schedule: WindowedSchedule, fromMs: number): Generator<number, void, undefined> {
  const { start, end } = occurrenceBounds(schedule);
  if (schedule.kind === "once") {
    if (start !== undefined && start > fromMs) yield start;
    return;
  }
  const compiled = requireSchedule(schedule.cron, schedule.timezone);
  const after = start === undefined ? fromMs : Math.max(fromMs, start - 1);
  for (const at of runsAfter(compiled, after)) {
    if (end !== undefined && at > end) return;
    yield at;
  }
}

/** The result of {@link windowOccurrencesBetween}, shaped like `occurrencesBetween`'s. */
export interface WindowOccurrences {
  /** The occurrences (not their due times) whose due time is in the window, ascending, at most `cap`. */
  occurrences: Date[];
  truncated: boolean;
  /** The first due time after the window, `null` when the schedule is over, `undefined` when the scan stopped early. */
  after?: Date | null | undefined;
}

/**
 * The occurrences whose due time is in `(fromExclusive, toInclusive]` (both due times), at most `cap`: what the
 * tick runs when it finds a job due. Like `occurrencesBetween`, plus the bounds, the limit and the jitter.
 *
 * @throws {InvalidScheduleError} when a recurring schedule's cron is not valid.
 */
export function windowOccurrencesBetween(schedule: WindowedSchedule, seed: string | undefined, fromExclusive: Date, toInclusive: Date, cap: number): WindowOccurrences {
  const from = fromExclusive.getTime();
  const to = toInclusive.getTime();
  const occurrences: Date[] = [];
  if (to <= from) return { occurrences, truncated: false };
  const window = jitterWindowMs(schedule);
  for (const at of boundedOccurrences(schedule, from - window)) {
    const occurrence = new Date(at);
    const due = at + jitterOffsetMs(seed, occurrence, window);
    if (due <= from) continue;
    if (due > to) return { occurrences, truncated: false, after: new Date(due) };
    if (occurrences.length === cap) return { occurrences, truncated: true };
    occurrences.push(occurrence);
  }
  return { occurrences, truncated: false, after: null };
}

/** The latest occurrence whose due time is in `(fromExclusive, toInclusive]`, or null. */
export function windowLatestBetween(schedule: WindowedSchedule, seed: string | undefined, fromExclusive: Date, toInclusive: Date): Date | null {
  const from = fromExclusive.getTime();
  const to = toInclusive.getTime();
  if (to <= from) return null;
  const window = jitterWindowMs(schedule);
  const compiled = schedule.kind === "once" ? null : requireSchedule(schedule.cron, schedule.timezone);
  const { end } = occurrenceBounds(schedule);
  // The latest occurrence at or before `to` (and the end), then one before it if its jitter pushes it past `to`.
  let cursor = Math.min(to, end ?? Number.POSITIVE_INFINITY);
  for (let i = 0; i < 3 && cursor > from - window; i++) {
    const latest = compiled ? compiled.zoned.previousRuns(1, new Date(cursor + 1))[0]?.getTime() : parseMs(schedule.at);
    if (latest === undefined || latest > cursor) return null;
    const occurrence = new Date(latest);
    const { start } = occurrenceBounds(schedule);
    if (start !== undefined && latest < start) return null;
    const due = latest + jitterOffsetMs(seed, occurrence, window);
    if (due <= to && due > from) return occurrence;
    if (due <= from) return null;
    cursor = latest - 1;
  }
  return null;
}

/**
 * The first due time strictly after `now`, as an ISO string, or `undefined` when the schedule has no occurrence
 * left (a one-time job that ran, a schedule past its end or limit).
 */
export function windowNextDueAfter(schedule: WindowedSchedule, seed: string | undefined, now: Date): string | undefined {
  return windowNextDues(schedule, seed, now, 1)[0]?.due.toISOString();
}

/** The next `count` occurrences with their due times, due strictly after `from`. */
export function windowNextDues(schedule: WindowedSchedule, seed: string | undefined, from: Date, count: number): { occurrence: Date; due: Date }[] {
  const window = jitterWindowMs(schedule);
  const result: { occurrence: Date; due: Date }[] = [];
  if (count <= 0) return result;
  for (const at of boundedOccurrences(schedule, from.getTime() - window)) {
    const occurrence = new Date(at);
    const due = new Date(at + jitterOffsetMs(seed, occurrence, window));
    if (due.getTime() <= from.getTime()) continue;
    result.push({ occurrence, due });
    if (result.length === count) break;
  }
  return result;
}

/** Whether the schedule's occurrences are all behind `now` (it ran once, or passed its end or limit). */
export function windowEnded(schedule: WindowedSchedule, seed: string | undefined, now: Date): boolean {
  if (schedule.kind !== "once" && !schedule.endAt && !schedule.maxRuns) return false;
  try {
    return windowNextDueAfter(schedule, seed, now) === undefined;
  } catch {
    return false;
  }
}

// --- Local times ------------------------------------------------------------------------------------------

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * The instant a wall-clock time in `timezone` names. A time that happens twice (the clock goes back) is its first
 * pass; a time that does not exist (the clock jumps forward over it) moves forward by the jump (02:30 → 03:30),
 * like `Temporal`'s "compatible" choice. `null` for an unknown zone.
 */
export function wallTimeToInstant(wallMs: number, timezone: string): number | null {
  const clock = createZoneClock(timezone);
  if (!clock) return null;
  const before = clock.offsetMs(wallMs - 3 * 60 * MINUTE_MS - 24 * 60 * MINUTE_MS);
  const after = clock.offsetMs(wallMs + 3 * 60 * MINUTE_MS + 24 * 60 * MINUTE_MS);
  const candidates = [wallMs - before, wallMs - after, wallMs - clock.offsetMs(wallMs)]
    .filter((instant) => instant + clock.offsetMs(instant) === wallMs)
    .sort((a, b) => a - b);
  if (candidates[0] !== undefined) return candidates[0];
  // In a gap: read the wall time with the offset from before the jump.
  return wallMs - Math.min(before, after);
}

/** The wall-clock reading (as UTC fields) of an instant in `timezone`. */
export function instantToWallTime(instantMs: number, timezone: string): number | null {
  const clock = createZoneClock(timezone);
  return clock ? instantMs + clock.offsetMs(instantMs) : null;
}

/**
 * A time as people enter it, as an ISO UTC instant: `2026-12-24T09:00` (local, in `timezone`), `2026-12-24` (local
 * midnight, or the end of that day with `endOfDay`), or an instant with `Z` or an offset. `null` when it is none.
 */
export function resolveLocalTime(text: string, timezone: string, options: { endOfDay?: boolean } = {}): string | null {
  const value = text.trim();
  const date = LOCAL_DATE.exec(value);
  const dateTime = LOCAL_DATE_TIME.exec(value);
  if (date || dateTime) {
    const [, y, mo, d, h = "0", mi = "0", s = "0"] = (dateTime ?? date)!;
    const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
    const check = new Date(wall);
    if (Number.isNaN(wall) || check.getUTCDate() !== Number(d) || check.getUTCMonth() !== Number(mo) - 1 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
    if (date && options.endOfDay) {
      const nextDay = wallTimeToInstant(wall + 24 * 60 * MINUTE_MS, timezone);
      return nextDay === null ? null : new Date(nextDay - 1).toISOString();
    }
    const instant = wallTimeToInstant(wall, timezone);
    return instant === null ? null : new Date(instant).toISOString();
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** `YYYY-MM-DD` and `HH:mm` of an instant in `timezone`, for date and time inputs. */
export function localParts(iso: string, timezone: string): { date: string; time: string } | null {
  const ms = Date.parse(iso);
  const wall = Number.isNaN(ms) ? null : instantToWallTime(ms, timezone);
  if (wall === null) return null;
  const text = new Date(wall).toISOString();
  return { date: text.slice(0, 10), time: text.slice(11, 16) };
}

/** A cron expression naming the wall-clock minute of `iso` in `timezone` (a one-time schedule's stored `cron`). */
export function cronForInstant(iso: string, timezone: string): string | null {
  const ms = Date.parse(iso);
  const wall = Number.isNaN(ms) ? null : instantToWallTime(ms, timezone);
  if (wall === null) return null;
  const date = new Date(wall);
  return `${date.getUTCMinutes()} ${date.getUTCHours()} ${date.getUTCDate()} ${date.getUTCMonth() + 1} *`;
}

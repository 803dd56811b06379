import { occurrencesBetween } from "../../shared/cron";
import type { Job, Run, SkipReason } from "../../shared/schemas";

const DAY_MS = 24 * 60 * 60_000;
/** More expected occurrences than this and the strip shows one cell per day instead of one per occurrence. */
export const MAX_TIMELINE_CELLS = 60;
/** The most occurrences one timeline enumerates (an every-minute job over 15 days is 21,600). */
const OCCURRENCE_CAP = 50_000;

/**
 * What became of one expected occurrence:
 * - `onTime`: its run started within the grace period; `late`: it started later (`lateByMs`);
 * - `failed`: its run started but failed; `running`: its run is still in progress;
 * - `skipped`: a run was recorded as skipped (`skipReason`: overlap, paused, rescheduled…);
 * - `missed`: no run started for it (recorded as missed, or no record at all);
 * - `pending`: due less than the grace period ago, no run yet; `upcoming`: still ahead;
 * - `paused`: the job is paused now and this occurrence came (or comes) after the pause;
 * - `unknown`: older than the run history the planner keeps.
 */
export type OccurrenceStatus = "onTime" | "late" | "failed" | "running" | "skipped" | "missed" | "pending" | "upcoming" | "paused" | "unknown";

export const OCCURRENCE_STATUSES: readonly OccurrenceStatus[] = ["onTime", "late", "failed", "running", "skipped", "missed", "pending", "upcoming", "paused", "unknown"];

export interface TimelineOccurrence {
  /** The occurrence (ISO UTC). */
  at: string;
  status: OccurrenceStatus;
  /** How long after the occurrence its run started (`late`, and `onTime` when not exactly on the minute). */
  lateByMs?: number | undefined;
  skipReason?: SkipReason | undefined;
  /** The run recorded for it, when there is one. */
  runId?: string | undefined;
  /** The run's error (`failed`). */
  error?: string | undefined;
}

/** The occurrences of one day (in the job's timezone), counted by status. */
export interface TimelineDay {
  /** `YYYY-MM-DD` in the job's timezone. */
  date: string;
  total: number;
  counts: Partial<Record<OccurrenceStatus, number>>;
  /** The day's worst status (missed before failed before late …), for its cell's colour. */
  worst: OccurrenceStatus;
}

/** Expected vs actual for one job: each occurrence in the window classified against its run history. */
export interface JobTimeline {
  jobId: string;
  timezone: string;
  from: string;
  to: string;
  /** A run that started more than this after its occurrence is late; a due occurrence without a run is `pending` for as long. */
  graceMs: number;
  /** `occurrences`: one cell per occurrence; `days`: too many for that, one cell per day. */
  mode: "occurrences" | "days";
  occurrences: TimelineOccurrence[];
  days: TimelineDay[];
  counts: Partial<Record<OccurrenceStatus, number>>;
  /** Occurrences before this instant are older than the kept run history (`unknown`); `null` when history reaches the window. */
  historyFrom: string | null;
}

export interface TimelineOptions {
  now: Date;
  days: number;
  graceMs: number;
  /** Whether the run history was cut (the job has at least as many runs as the planner keeps). */
  historyFull: boolean;
}

/** Worst first: the colour a day with mixed results gets. */
const SEVERITY: OccurrenceStatus[] = ["missed", "failed", "late", "skipped", "unknown", "running", "pending", "paused", "onTime", "upcoming"];

function classifyRun(run: Run, at: number, graceMs: number): Omit<TimelineOccurrence, "at"> {
  const base = { runId: run.id };
  if (run.status === "skipped") {
    return run.skipReason === "missed" ? { ...base, status: "missed", skipReason: "missed" } : { ...base, status: "skipped", ...(run.skipReason ? { skipReason: run.skipReason } : {}) };
  }
  if (run.status === "queued") return { ...base, status: "pending" };
  const started = run.startedAt ? Date.parse(run.startedAt) : Date.parse(run.createdAt);
  const lateByMs = Math.max(0, started - at);
  const lateness = lateByMs > 0 ? { lateByMs } : {};
  if (run.status === "failed" || run.status === "cancelled") return { ...base, status: "failed", ...lateness, ...(run.error ? { error: run.error } : {}) };
  if (run.status === "running" || run.status === "started") return { ...base, status: "running", ...lateness };
  return { ...base, status: lateByMs > graceMs ? "late" : "onTime", ...lateness };
}

function dayKey(timezone: string): (date: Date) => string {
  const format = new Intl.DateTimeFormat("en-CA", { timeZone: timezone, year: "numeric", month: "2-digit", day: "2-digit" });
  return (date) => format.format(date);
}

/**
 * Classifies each occurrence the job's schedule expects over the last `days` days and the next day against the job's
 * scheduled runs (the same function whatever the driver: it reads only the schedule and the run history). Runs
 * recorded for occurrences the current schedule no longer has (before an edit) are shown too.
 */
export function jobTimeline(job: Job, runs: readonly Run[], options: TimelineOptions): JobTimeline {
  const now = options.now.getTime();
  const from = new Date(now - options.days * DAY_MS);
  const to = new Date(now + DAY_MS);
  const { cron, timezone } = job.schedule;
  const created = Date.parse(job.createdAt);
  const byOccurrence = new Map<number, Run>();
  for (const run of runs) {
    if (run.cause !== "schedule" || !run.scheduledFor) continue;
    const at = Date.parse(run.scheduledFor);
    const known = byOccurrence.get(at);
    // Of two runs for one occurrence (a retry of a missed one), the one that ran tells more than the skipped one.
    if (!known || (known.status === "skipped" && run.status !== "skipped")) byOccurrence.set(at, run);
  }
  let expected: Date[] = [];
  try {
    expected = occurrencesBetween(cron, timezone, new Date(Math.max(from.getTime(), created - 1)), to, OCCURRENCE_CAP).occurrences;
  } catch {
    // A schedule that no longer computes: only what history recorded is shown.
  }
  const instants = new Set<number>(expected.map((date) => date.getTime()));
  for (const at of byOccurrence.keys()) if (at > from.getTime() && at <= to.getTime()) instants.add(at);
  const oldestRun = runs.reduce((oldest, run) => Math.min(oldest, Date.parse(run.createdAt)), Number.POSITIVE_INFINITY);
  const historyFrom = options.historyFull && Number.isFinite(oldestRun) ? oldestRun : null;
  const pausedSince = job.enabled ? null : Date.parse(job.updatedAt);

  const occurrences: TimelineOccurrence[] = [...instants]
    .sort((a, b) => a - b)
    .map((at) => {
      const iso = new Date(at).toISOString();
      const run = byOccurrence.get(at);
      if (run) return { at: iso, ...classifyRun(run, at, options.graceMs) };
      if (pausedSince !== null && at >= pausedSince) return { at: iso, status: "paused" };
      if (at > now) return { at: iso, status: "upcoming" };
      if (at > now - options.graceMs) return { at: iso, status: "pending" };
      if (historyFrom !== null && at < historyFrom) return { at: iso, status: "unknown" };
      return { at: iso, status: "missed" };
    });

  const counts: Partial<Record<OccurrenceStatus, number>> = {};
  const days = new Map<string, TimelineDay>();
  const keyOf = dayKey(timezone);
  for (const occurrence of occurrences) {
    counts[occurrence.status] = (counts[occurrence.status] ?? 0) + 1;
    const date = keyOf(new Date(occurrence.at));
    const day = days.get(date) ?? { date, total: 0, counts: {}, worst: "upcoming" };
    day.total += 1;
    day.counts[occurrence.status] = (day.counts[occurrence.status] ?? 0) + 1;
    if (SEVERITY.indexOf(occurrence.status) < SEVERITY.indexOf(day.worst)) day.worst = occurrence.status;
    days.set(date, day);
  }
  const mode = occurrences.length > MAX_TIMELINE_CELLS ? "days" : "occurrences";
  return {
    jobId: job.id,
    timezone,
    from: from.toISOString(),
    to: to.toISOString(),
    graceMs: options.graceMs,
    mode,
    // Per-day mode keeps only the occurrences that need a look (not the thousands on time).
    occurrences: mode === "occurrences" ? occurrences : occurrences.filter((o) => o.status !== "onTime" && o.status !== "upcoming").slice(-MAX_TIMELINE_CELLS),
    days: [...days.values()],
    counts,
    historyFrom: historyFrom === null ? null : new Date(historyFrom).toISOString(),
  };
}

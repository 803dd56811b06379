import { cronForInstant, resolveLocalTime, windowNextDueAfter } from "../../../shared/cron";
import { UNIT_MS, type Schedule, type ScheduleFields } from "../../../shared/schemas";
import { InvalidInputError } from "../../errors";

/** A time problem of a schedule being saved, on its input field. */
export interface TimeWindowProblem {
  path: "at" | "in" | "startAt" | "endAt" | "maxRuns" | "jitterMinutes";
  message: string;
}

const TIME_FIELDS = ["kind", "at", "startAt", "endAt", "maxRuns", "jitterMinutes"] as const;

/** Whether two schedules have the same time fields (a change moves the next run, like a cron change). */
export function sameTimeWindow(a: ScheduleFields, b: ScheduleFields): boolean {
  return TIME_FIELDS.every((key) => (a[key] ?? undefined) === (b[key] ?? undefined) || (key === "kind" && (a.kind ?? "cron") === (b.kind ?? "cron")));
}

/**
 * A schedule as it is stored, from what the user entered, at `now` (the save): "in 2 hours" becomes the instant two
 * hours from now, local times become UTC instants in the schedule's zone (a date-only end is the end of that day),
 * a one-time job's `cron` names its minute (so every reader of `cron` sees a sensible expression), and a run limit
 * without a start date counts from the next minute. Empty fields are dropped. Parse the input with `Schedule` first.
 */
export function resolveSchedule(schedule: Schedule, now: Date): ScheduleFields {
  const { in: delay, kind, at, startAt, endAt, maxRuns, jitterMinutes, ...base } = schedule;
  const timezone = base.timezone.trim();
  const resolved: ScheduleFields = { ...base, cron: base.cron.trim(), timezone };
  if (jitterMinutes) resolved.jitterMinutes = jitterMinutes;
  if (kind === "once") {
    const instant = delay ? new Date(now.getTime() + delay.amount * UNIT_MS[delay.unit]).toISOString() : resolveLocalTime(at ?? "", timezone);
    if (!instant) throw new InvalidInputError("Enter a date and time like 2026-12-24T09:00.", [{ path: "schedule.at", message: "Enter a date and time like 2026-12-24T09:00." }]);
    resolved.kind = "once";
    resolved.at = instant;
    resolved.cron = cronForInstant(instant, timezone) ?? resolved.cron;
    return resolved;
  }
  const start = startAt ? resolveLocalTime(startAt, timezone) : null;
  const end = endAt ? resolveLocalTime(endAt, timezone, { endOfDay: true }) : null;
  if (start) resolved.startAt = start;
  if (end) resolved.endAt = end;
  if (maxRuns) {
    resolved.maxRuns = maxRuns;
    // Counted from the first whole minute after the save: occurrences are whole minutes, so the first one counted
    // is the first that can still run.
    resolved.startAt ??= new Date(Math.floor(now.getTime() / 60_000) * 60_000 + 60_000).toISOString();
  }
  return resolved;
}

/**
 * The problems only the clock can tell: a one-time job in the past, an end date that has passed, a window with no
 * run left in it. A field that `previous` (the stored schedule) already had is not held against an edit, so an
 * ended job can still be renamed.
 */
export function timeWindowProblems(schedule: ScheduleFields, now: Date, previous?: ScheduleFields): TimeWindowProblem[] {
  const nowMs = now.getTime();
  if (schedule.kind === "once") {
    if (schedule.at && Date.parse(schedule.at) <= nowMs && schedule.at !== previous?.at) {
      return [{ path: "at", message: "This time has already passed: choose a time in the future." }];
    }
    return [];
  }
  if (schedule.endAt && Date.parse(schedule.endAt) <= nowMs && schedule.endAt !== previous?.endAt) {
    return [{ path: "endAt", message: "The end date has already passed: choose a later one, or none." }];
  }
  const changed = !previous || !sameTimeWindow(schedule, previous) || schedule.cron !== previous.cron || schedule.timezone !== previous.timezone;
  if (changed && (schedule.endAt || schedule.maxRuns)) {
    let next: string | undefined;
    try {
      next = windowNextDueAfter(schedule, undefined, now);
    } catch {
      return [];
    }
    if (next === undefined) {
      return [{ path: schedule.maxRuns ? "maxRuns" : "endAt", message: "This schedule has no run left between its start and end: widen the dates or raise the run limit." }];
    }
  }
  return [];
}

/** Throws the first of {@link timeWindowProblems} as a clear input error on `schedule.<field>`. */
export function assertTimeWindow(schedule: ScheduleFields, now: Date, previous?: ScheduleFields): void {
  const problems = timeWindowProblems(schedule, now, previous);
  if (problems.length === 0) return;
  throw new InvalidInputError(
    problems[0]!.message,
    problems.map((p) => ({ path: `schedule.${p.path}`, message: p.message })),
  );
}

/** Whether an enabled job has no occurrence left (see `JobView.ended`): bounded, and the tick found no next run. */
export function scheduleEnded(job: { enabled: boolean; schedule: ScheduleFields; state: { nextRunAt?: string | undefined } }): boolean {
  const bounded = job.schedule.kind === "once" || Boolean(job.schedule.endAt || job.schedule.maxRuns);
  return bounded && job.enabled && !job.state.nextRunAt;
}

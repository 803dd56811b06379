import { z } from "zod";
import type { WindowedSchedule } from "../cron/window";
import { MAX_JITTER_MINUTES, MAX_RUN_LIMIT, isValidTimezone, minIntervalMinutes, resolveLocalTime, validateSchedule } from "../cron";

/**
 * The schedule's time fields (one-time runs, start and end dates, run limit, jitter window), all optional so
 * schedules stored before them still parse. Stored values are UTC instants; on input `at`, `startAt` and `endAt`
 * may also be local times in the schedule's zone (`2026-12-24T09:00`, or a date `2026-12-24`: its start for
 * `startAt`, its end for `endAt`), which the save turns into instants.
 */
const TimeText = (what: string) =>
  z
    .string({ error: `Enter the ${what} as a date like 2026-12-24 or a date and time like 2026-12-24T09:00.` })
    .trim()
    .max(40, { error: `The ${what} must be at most 40 characters.` });

export const TimeWindowShape = {
  /** `once`: runs a single time, at `at`; absent or `cron`: repeats on the cron expression. */
  kind: z.enum(["cron", "once"], { error: 'The schedule kind must be "cron" or "once".' }).optional(),
  /** A one-time job's instant. */
  at: TimeText("time").optional(),
  /** No occurrence before this instant (inclusive). */
  startAt: TimeText("start date").optional(),
  /** No occurrence after this instant (inclusive). */
  endAt: TimeText("end date").optional(),
  /** The schedule ends after this many occurrences, counted from `startAt`. */
  maxRuns: z
    .int({ error: "The run limit must be a whole number." })
    .min(1, { error: "The run limit must be at least 1." })
    .max(MAX_RUN_LIMIT, { error: `The run limit must be at most ${MAX_RUN_LIMIT.toLocaleString("en-US")}.` })
    .optional(),
  /** Each occurrence is delayed by a pseudo-random offset below this many minutes (derived from the job and the occurrence). */
  jitterMinutes: z
    .int({ error: "The jitter window must be a whole number of minutes." })
    .min(0, { error: "The jitter window cannot be negative." })
    .max(MAX_JITTER_MINUTES, { error: `The jitter window must be at most ${MAX_JITTER_MINUTES} minutes.` })
    .optional(),
};

/** "In 2 hours": a one-time job's delay from the moment it is saved. */
export const RelativeDelay = z
  .object({
    amount: z.int({ error: "Enter a whole number." }).min(1, { error: "The delay must be at least 1." }).max(100_000, { error: "The delay is too long." }),
    unit: z.enum(["minutes", "hours", "days"], { error: "Choose minutes, hours or days." }),
  })
  .refine((delay) => delay.amount * UNIT_MS[delay.unit] <= MAX_DELAY_MS, { error: "The delay must be at most a year.", path: ["amount"] });
export type RelativeDelay = z.infer<typeof RelativeDelay>;

export const UNIT_MS = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 } as const;
const MAX_DELAY_MS = 366 * UNIT_MS.days;

type TimeWindowInput = WindowedSchedule & { in?: RelativeDelay | undefined };

/**
 * The checks that need no clock (a time in the past is the save's check): a one-time job has a time or a delay and
 * no start, end or limit; dates read as dates; the end comes after the start; the jitter window is no wider than
 * the gap between runs. Returns whether the cron expression still needs checking (not for a one-time job).
 */
export function checkTimeWindow(schedule: TimeWindowInput, ctx: z.RefinementCtx): boolean {
  const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
  const zoneOk = isValidTimezone(schedule.timezone.trim());
  const resolve = (value: string | undefined, endOfDay = false) => (value && zoneOk ? resolveLocalTime(value, schedule.timezone.trim(), { endOfDay }) : null);
  if (schedule.kind === "once") {
    if (!zoneOk) issue("timezone", `Unknown timezone "${schedule.timezone}". Use an IANA name like Europe/Paris.`);
    if (schedule.at === undefined && schedule.in === undefined) issue("at", "Choose when to run it: a date and time, or a delay like in 2 hours.");
    if (schedule.at !== undefined && schedule.in !== undefined) issue("at", "Give a date and time or a delay, not both.");
    if (schedule.at !== undefined && zoneOk && !resolve(schedule.at)) issue("at", "Enter a date and time like 2026-12-24T09:00.");
    if (schedule.startAt !== undefined) issue("startAt", "A one-time job has no start date.");
    if (schedule.endAt !== undefined) issue("endAt", "A one-time job has no end date.");
    if (schedule.maxRuns !== undefined) issue("maxRuns", "A one-time job runs once: it has no run limit.");
    return false;
  }
  if (schedule.in !== undefined) issue("in", "A delay is only for a one-time job.");
  if (schedule.at !== undefined) issue("at", "A date and time to run at is only for a one-time job.");
  const start = resolve(schedule.startAt);
  const end = resolve(schedule.endAt, true);
  if (schedule.startAt !== undefined && zoneOk && !start) issue("startAt", "Enter the start date like 2026-12-24 or 2026-12-24T09:00.");
  if (schedule.endAt !== undefined && zoneOk && !end) issue("endAt", "Enter the end date like 2026-12-31 or 2026-12-31T18:00.");
  if (start && end && Date.parse(end) <= Date.parse(start)) issue("endAt", "The end date must be after the start date.");
  if (schedule.jitterMinutes && validateSchedule(schedule.cron, schedule.timezone).ok) {
    const gap = minIntervalMinutes(schedule.cron, schedule.timezone);
    if (schedule.jitterMinutes > gap) {
      issue("jitterMinutes", `The jitter window must not be wider than the time between runs (${gap} minute${gap === 1 ? "" : "s"}).`);
    }
  }
  return true;
}

/** The schedule as the job form holds it: the API's fields, loosely typed (inputs may be empty while typing). */
export const ScheduleForm = z.object({
  cron: z.string(),
  timezone: z.string(),
  kind: z.enum(["cron", "once"]).optional(),
  at: z.string().optional(),
  startAt: z.string().optional(),
  endAt: z.string().optional(),
  maxRuns: z.number().optional(),
  jitterMinutes: z.number().optional(),
  in: z.object({ amount: z.number(), unit: z.enum(["minutes", "hours", "days"]) }).optional(),
});
export type ScheduleForm = z.infer<typeof ScheduleForm>;

const TIME_PATHS = new Set(["at", "in", "startAt", "endAt", "maxRuns", "jitterMinutes"]);

/** The form path of an API issue on a time field (`schedule.endAt`), or null for cron and timezone issues. */
export function timeFieldPath(field: string | undefined): string | null {
  return field !== undefined && TIME_PATHS.has(field) ? `schedule.${field}` : null;
}

/**
 * The API schedule for the form's: empty inputs (blank text, a cleared number) left out, and only the fields of the
 * chosen kind (a one-time job's time or delay; a repeating job's start, end and limit), so switching back and forth
 * never sends a field the other kind refuses.
 */
export function scheduleFormToFields(form: ScheduleForm): ScheduleForm {
  const text = (value: string | undefined) => (value && value.trim() ? value.trim() : undefined);
  const number = (value: number | undefined) => (typeof value === "number" && Number.isFinite(value) ? value : undefined);
  const out: ScheduleForm = { cron: form.cron, timezone: form.timezone };
  const jitter = number(form.jitterMinutes);
  if (jitter) out.jitterMinutes = jitter;
  if (form.kind === "once") {
    out.kind = "once";
    if (form.in) out.in = { amount: number(form.in.amount) ?? Number.NaN, unit: form.in.unit };
    else if (text(form.at)) out.at = text(form.at);
    return out;
  }
  const startAt = text(form.startAt);
  const endAt = text(form.endAt);
  const maxRuns = number(form.maxRuns);
  if (startAt) out.startAt = startAt;
  if (endAt) out.endAt = endAt;
  if (maxRuns !== undefined) out.maxRuns = maxRuns;
  return out;
}

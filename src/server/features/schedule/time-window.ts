import { describeSchedule, dstNotes, hasTimeWindow, jitterWindowMs, windowNextDues } from "../../../shared/cron";
import { Schedule, type SchedulePreviewInput } from "../../../shared/schemas";
import { isPlannerError } from "../../errors";
import { resolveSchedule, timeWindowProblems } from "../jobs/time-window";
import { scheduleProblems } from "../jobs/schedule";
import type { ScheduleContext } from "./context";
import type { ScheduleProblem } from "../jobs/schedule";
import type { ScheduleFields } from "../../../shared/schemas";

/** `schedule.preview`'s answer (the same shape as `SchedulePreview`, declared here so the two files do not import each other). */
interface TimeWindowPreview {
  valid: boolean;
  errors: ScheduleProblem[];
  description: string;
  nextRuns: { at: string; local: string; utc: string; occurrence?: string | undefined; windowEnd?: string | undefined }[];
  timezone: string;
  dstNotes: string[];
  timeErrors: { path: string; message: string }[];
  schedule?: ScheduleFields | undefined;
  ended?: boolean | undefined;
}

type Formatter = { format(date: Date): string };

/** Whether the preview input uses any of the time fields. */
export function wantsTimeWindow(input: SchedulePreviewInput): boolean {
  return input.in !== undefined || hasTimeWindow(input);
}

/**
 * The preview of a schedule with time fields, computed as the save and the tick compute it: the input resolved at
 * the clock's now ("in 2 hours", local dates), the same checks as the save, then the next due runs within the
 * start, end and limit. With jitter each run carries its window (`windowEnd`); with `jobId` its `at` is the
 * instant it will really start (the occurrence plus the job's offset), without it the occurrence.
 */
export function timeWindowPreview(ctx: ScheduleContext, input: SchedulePreviewInput, formatter: (timeZone: string) => Formatter): TimeWindowPreview {
  const { count, from: fromInput, jobId, ...fields } = input;
  const now = ctx.deps.clock();
  const timezone = fields.timezone.trim();
  const empty = { description: "", nextRuns: [], timezone, dstNotes: [] };
  const parsed = Schedule.safeParse(fields);
  if (!parsed.success) {
    const cronProblems = fields.kind === "once" ? [] : scheduleProblems({ cron: fields.cron.trim(), timezone }, ctx.deps.limits);
    const timeErrors = parsed.error.issues.filter((issue) => issue.path[0] !== "cron" && issue.path[0] !== "timezone").map((issue) => ({ path: String(issue.path[0] ?? "schedule"), message: issue.message }));
    const zoneErrors = parsed.error.issues.filter((issue) => issue.path[0] === "timezone" && !cronProblems.some((p) => p.path === "timezone"));
    const errors = [...cronProblems, ...zoneErrors.map((issue) => ({ path: "timezone" as const, field: "timezone" as const, message: issue.message }))];
    return { valid: false, errors, timeErrors, ...empty };
  }
  let schedule;
  try {
    schedule = resolveSchedule(parsed.data, now);
  } catch (error) {
    if (!isPlannerError(error)) throw error;
    return { valid: false, errors: [], timeErrors: [{ path: "at", message: error.message }], ...empty };
  }
  const errors = schedule.kind === "once" ? [] : scheduleProblems(schedule, ctx.deps.limits);
  if (errors.length > 0) return { valid: false, errors, timeErrors: [], ...empty };
  const timeErrors = timeWindowProblems(schedule, now);
  if (timeErrors.length > 0) return { valid: false, errors: [], timeErrors, ...empty };
  const from = fromInput === undefined ? now : fromInput instanceof Date ? fromInput : new Date(fromInput);
  const window = jitterWindowMs(schedule);
  const runs = windowNextDues(schedule, jobId, from, count);
  const formatters = { local: formatter(timezone), utc: formatter("UTC") };
  return {
    valid: true,
    errors: [],
    timeErrors: [],
    description: schedule.kind === "once" ? "Once" : describeSchedule(schedule.cron),
    nextRuns: runs.map(({ occurrence, due }) => {
      const at = jobId ? due : occurrence;
      return {
        at: at.toISOString(),
        local: formatters.local.format(at),
        utc: formatters.utc.format(at),
        ...(window > 0 ? { occurrence: occurrence.toISOString(), windowEnd: new Date(occurrence.getTime() + window).toISOString() } : {}),
      };
    }),
    timezone,
    dstNotes: schedule.kind === "once" ? [] : dstNotes(schedule.cron, timezone, runs.map((run) => run.occurrence)),
    schedule,
    ended: runs.length === 0,
  };
}

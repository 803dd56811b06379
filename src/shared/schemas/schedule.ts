import { z } from "zod";
import { validateSchedule } from "../cron";
import { RelativeDelay, TimeWindowShape, checkTimeWindow } from "./time-window";

/** The stored shape of a schedule: checked for form, not re-validated against tz data on every read. */
export const ScheduleFields = z.object({
  cron: z
    .string({ error: "Enter a cron expression." })
    .trim()
    .min(1, { error: "Enter a cron expression." })
    .max(200, { error: "The cron expression must be at most 200 characters." }),
  timezone: z
    .string({ error: "Choose a timezone." })
    .trim()
    .min(1, { error: "Choose a timezone." })
    .max(100, { error: "The timezone must be at most 100 characters." }),
  ...TimeWindowShape,
});
export type ScheduleFields = z.infer<typeof ScheduleFields>;

/**
 * A schedule as users enter it: a 5-field cron expression (or `@hourly`/`@daily`/`@weekly`/`@monthly`)
 * in an IANA timezone. Field-level cron errors are reported on `cron`, zone errors on `timezone`.
 */
export const Schedule = ScheduleFields.extend({ in: RelativeDelay.optional() }).superRefine((schedule, ctx) => {
  // One-time runs, start and end dates, run limit and jitter: ./time-window.ts.
  if (!checkTimeWindow(schedule, ctx)) return;
  const result = validateSchedule(schedule.cron, schedule.timezone);
  if (result.ok) return;
  for (const error of result.errors) {
    ctx.addIssue({ code: "custom", path: [error.field === "timezone" ? "timezone" : "cron"], message: error.message });
  }
});
export type Schedule = z.infer<typeof Schedule>;

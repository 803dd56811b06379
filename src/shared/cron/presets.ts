/** A common schedule a picker can offer in one click. */
export interface SchedulePreset {
  id: "hourly" | "daily" | "weekdays" | "weekly" | "monthly" | "quarterly";
  label: string;
  cron: string;
  /** `describeSchedule(cron)`, written out so a picker shows it without loading the cron libraries. */
  sentence: string;
}

/**
 * Common schedules for a picker, in the order to show them. Times are local to the job's timezone.
 *
 * @example
 * SCHEDULE_PRESETS.find((preset) => preset.id === "weekdays")?.cron; // "0 9 * * 1-5"
 */
export const SCHEDULE_PRESETS: readonly Readonly<SchedulePreset>[] = [
  { id: "hourly", label: "Every hour", cron: "0 * * * *", sentence: "Every hour" },
  { id: "daily", label: "Every day at 09:00", cron: "0 9 * * *", sentence: "At 09:00" },
  { id: "weekdays", label: "Weekdays at 09:00", cron: "0 9 * * 1-5", sentence: "At 09:00, Monday through Friday" },
  { id: "weekly", label: "Every Monday at 09:00", cron: "0 9 * * 1", sentence: "At 09:00, only on Monday" },
  { id: "monthly", label: "On the 1st of every month at 09:00", cron: "0 9 1 * *", sentence: "At 09:00, on day 1 of the month" },
  { id: "quarterly", label: "On the 1st of every quarter at 09:00", cron: "0 9 1 1,4,7,10 *", sentence: "At 09:00, on day 1 of the month, only in January, April, July, and October" },
];

/**
 * Cron schedules in a timezone: validation with field-level messages, exact run instants (DST policy
 * documented in `occurrences.ts`), descriptions, presets and DST notes. Pure: no IO, no clock reads;
 * time is always passed in. Croner computes every run and cronstrue writes every sentence.
 */
export { validateSchedule } from "./validate";
export type { ScheduleError, ScheduleErrorField, ScheduleValidation } from "./errors";
export { InvalidScheduleError } from "./errors";
export { isValidTimezone } from "./timezone";
export { CRON_ALIASES } from "./compile";
export { MAX_NEXT_RUNS, latestOccurrenceBetween, minIntervalMinutes, nextRunAfter, nextRuns, occurrencesBetween } from "./occurrences";
export type { MinIntervalOptions, NextRunsOptions, OccurrencesBetween } from "./occurrences";
export { describeSchedule } from "./describe";
export { SCHEDULE_PRESETS } from "./presets";
export type { SchedulePreset } from "./presets";
export { dstNotes } from "./dst";
export {
  MAX_JITTER_MINUTES,
  MAX_RUN_LIMIT,
  cronForInstant,
  dueAtOf,
  hasTimeWindow,
  jitterOffsetMs,
  jitterWindowMs,
  localParts,
  occurrenceBounds,
  resolveLocalTime,
  wallTimeToInstant,
  windowEnded,
  windowLatestBetween,
  windowNextDueAfter,
  windowNextDues,
  windowOccurrencesBetween,
} from "./window";
export type { TimeWindowFields, WindowOccurrences, WindowedSchedule } from "./window";

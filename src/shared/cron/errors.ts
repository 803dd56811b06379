/** Which part of a schedule an error is about, so a form can show it next to the right input. */
export type ScheduleErrorField = "minute" | "hour" | "dayOfMonth" | "month" | "dayOfWeek" | "expression" | "timezone";

/** One problem with a schedule, as a sentence a form can show. */
export interface ScheduleError {
  field: ScheduleErrorField;
  message: string;
}

/** The result of {@link validateSchedule}: every problem at once, not just the first. */
export type ScheduleValidation = { ok: true } | { ok: false; errors: ScheduleError[] };

/**
 * Thrown by the functions that compute runs (`nextRuns`, `occurrencesBetween`, …) when the schedule is
 * not valid. Call `validateSchedule` first to show the errors instead; `errors` carries the same list.
 */
export class InvalidScheduleError extends Error {
  override readonly name = "InvalidScheduleError";
  readonly errors: readonly ScheduleError[];

  constructor(errors: readonly ScheduleError[]) {
    super(errors.map((error) => error.message).join(" ") || "The schedule is not valid.");
    this.errors = errors;
  }
}

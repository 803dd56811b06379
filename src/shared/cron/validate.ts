import { checkSchedule } from "./compile";
import type { ScheduleValidation } from "./errors";

/**
 * Checks a schedule the way the scheduler will run it, and returns every problem at once, each on the
 * field a form shows it next to: one of the five cron fields, the whole `expression` (field count,
 * shortcuts, never runs) or the `timezone`.
 *
 * Accepted: 5 fields (`minute hour day-of-month month day-of-week`) with numbers, `*`, ranges (`1-5`),
 * steps (`*\/15`, `9-17/2`), lists (`1,15`), month names `JAN`-`DEC`, day names `SUN`-`SAT` (0 and 7 are
 * Sunday), `?` in the day fields, and the shortcuts `@hourly`, `@daily`/`@midnight`, `@weekly`,
 * `@monthly`, `@yearly`/`@annually`. Jobs run at minute resolution, so 6- and 7-field expressions
 * (seconds, years) are refused, as are croner's extensions `L`, `W`, `#` and `+`.
 *
 * @example
 * validateSchedule("0 24 * * *", "Mars/Base");
 * // { ok: false, errors: [
 * //   { field: "hour", message: "Hour must be between 0 and 23, got 24." },
 * //   { field: "timezone", message: 'Unknown timezone "Mars/Base". Use an IANA name like Europe/Paris.' } ] }
 */
export function validateSchedule(cron: string, timezone: string): ScheduleValidation {
  const checked = checkSchedule(cron, timezone);
  return checked.ok ? { ok: true } : { ok: false, errors: checked.errors };
}

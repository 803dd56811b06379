import type { JOB_BUILTIN_VARIABLES, Job } from "../schemas/job";

export type JobBuiltinVariable = (typeof JOB_BUILTIN_VARIABLES)[number];

export type TimeOfDay = "morning" | "afternoon" | "evening" | "night";

export interface JobVariablesInput {
  job: Pick<Job, "name" | "schedule" | "variables">;
  agent: { name: string };
  /** The occurrence being run (not the time it actually starts), so a late run still says "Monday 09:00". */
  scheduledFor: Date;
  /** BCP 47 locale for `date`, `time`, `dateTime` and `dayOfWeek`; defaults to `"en-US"`. */
  locale?: string;
}

/**
 * The part of the day for an hour (0–23): `morning` 5:00–11:59, `afternoon` 12:00–16:59, `evening`
 * 17:00–20:59, `night` 21:00–4:59.
 */
export function timeOfDay(hour: number): TimeOfDay {
  if (hour >= 5 && hour < 12) return "morning";
  if (hour >= 12 && hour < 17) return "afternoon";
  if (hour >= 17 && hour < 21) return "evening";
  return "night";
}

/**
 * The variables a job's template renders with: the job's own `variables`, then the built-ins, which win
 * (the `Job` schema already forbids reusing their names). Dates are the scheduled occurrence in the job's
 * timezone, formatted with `Intl.DateTimeFormat` in `locale`, times on a 24-hour clock:
 *
 * | name | en-US example |
 * |---|---|
 * | `date` | `Monday, November 30, 2026` |
 * | `time` | `09:00` |
 * | `dateTime` | `Monday, November 30, 2026 at 09:00` |
 * | `dayOfWeek` | `Monday` |
 * | `timeOfDay` | `morning` (see `timeOfDay`; always English) |
 * | `timezone` | `Europe/Paris` |
 * | `scheduledFor` | `2026-11-30T08:00:00.000Z` (ISO, UTC) |
 * | `jobName`, `agentName` | the names |
 *
 * @throws RangeError with a sentence when `scheduledFor` is not a valid date, or the timezone or locale is unknown.
 * @example
 * jobVariables({ job, agent: { name: "Ada" }, scheduledFor: new Date("2026-11-30T08:00:00Z") }).dateTime;
 * // "Monday, November 30, 2026 at 09:00" (job in Europe/Paris)
 */
export function jobVariables({ job, agent, scheduledFor, locale = "en-US" }: JobVariablesInput): Record<string, string> {
  if (!(scheduledFor instanceof Date) || Number.isNaN(scheduledFor.getTime())) {
    throw new RangeError("The scheduled time is not a valid date.");
  }
  const { timezone } = job.schedule;
  assertIntlInputs(locale, timezone);
  const format = (options: Intl.DateTimeFormatOptions, formatLocale = locale) =>
    new Intl.DateTimeFormat(formatLocale, { ...options, timeZone: timezone });
  // The hour is read in en-US so that the digits are Latin whatever the locale.
  const hour = Number(
    format({ hour: "numeric", hourCycle: "h23" }, "en-US")
      .formatToParts(scheduledFor)
      .find((part) => part.type === "hour")?.value,
  );
  const builtins = {
    date: format({ dateStyle: "full" }).format(scheduledFor),
    time: format({ hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(scheduledFor),
    dateTime: format({ dateStyle: "full", timeStyle: "short", hourCycle: "h23" }).format(scheduledFor),
    dayOfWeek: format({ weekday: "long" }).format(scheduledFor),
    timeOfDay: timeOfDay(hour),
    timezone,
    scheduledFor: scheduledFor.toISOString(),
    jobName: job.name,
    agentName: agent.name,
  } satisfies Record<JobBuiltinVariable, string>;
  return { ...job.variables, ...builtins };
}

function assertIntlInputs(locale: string, timeZone: string): void {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
  } catch (error) {
    throw new RangeError(`"${timeZone}" is not a known IANA timezone.`, { cause: error });
  }
  try {
    Intl.getCanonicalLocales(locale);
  } catch (error) {
    throw new RangeError(`"${locale}" is not a valid locale.`, { cause: error });
  }
}

import type { JOB_BUILTIN_VARIABLES, Job } from "../schemas/job";

export type JobBuiltinVariable = (typeof JOB_BUILTIN_VARIABLES)[number];

/** The locale of a job's dates when the planner sets none. */
const DEFAULT_LOCALE = "en-US";

export type TimeOfDay = "morning" | "afternoon" | "evening" | "night";

export interface JobVariablesInput {
  job: Pick<Job, "name" | "schedule" | "variables">;
  agent: { name: string };
  /** The occurrence being run (not the time it actually starts), so a late run still says "Monday 09:00". */
  scheduledFor: Date;
  /**
   * BCP 47 locale for `date`, `time`, `dateTime` and `dayOfWeek`, times on that locale's clock ("9:00 AM" in en-US,
   * "09:00" in de-DE). Without it: en-US names on a 24-hour clock ("Monday", "09:00").
   */
  locale?: string | undefined;
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
 * timezone, formatted with `Intl.DateTimeFormat` in `locale` on its clock; without a locale in en-US on a 24-hour clock:
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
export function jobVariables({ job, agent, scheduledFor, locale }: JobVariablesInput): Record<string, string> {
  if (!(scheduledFor instanceof Date) || Number.isNaN(scheduledFor.getTime())) {
    throw new RangeError("The scheduled time is not a valid date.");
  }
  const { timezone } = job.schedule;
  const format = formattersFor(locale ?? DEFAULT_LOCALE, timezone, locale === undefined);
  const hour = Number(format.hour.formatToParts(scheduledFor).find((part) => part.type === "hour")?.value);
  const builtins = {
    date: format.date.format(scheduledFor),
    time: format.time.format(scheduledFor),
    dateTime: format.dateTime.format(scheduledFor),
    dayOfWeek: format.dayOfWeek.format(scheduledFor),
    timeOfDay: timeOfDay(hour),
    timezone,
    scheduledFor: scheduledFor.toISOString(),
    jobName: job.name,
    agentName: agent.name,
  } satisfies Record<JobBuiltinVariable, string>;
  return { ...job.variables, ...builtins };
}

interface JobFormatters {
  /** In en-US whatever the locale, so that the hour's digits are Latin. */
  hour: Intl.DateTimeFormat;
  date: Intl.DateTimeFormat;
  time: Intl.DateTimeFormat;
  dateTime: Intl.DateTimeFormat;
  dayOfWeek: Intl.DateTimeFormat;
}

/**
 * Formatters by locale and zone, least recently used first. Pure memoization, so module state is fine: Intl
 * formatters are immutable and depend only on the key; building the five costs about 0.3 ms per run. Capped
 * at about 500 formatters (some 20 MB), because each holds ICU data.
 */
const formatterSets = new Map<string, JobFormatters>();
const MAX_FORMATTER_SETS = 100;

/** The formatters for `locale` and `timeZone`, after checking both (only valid pairs are kept). */
function formattersFor(locale: string, timeZone: string, twentyFourHour: boolean): JobFormatters {
  // Length-prefixed so that no two pairs share a key.
  const key = typeof locale === "string" && typeof timeZone === "string" ? `${twentyFourHour ? "h23" : "own"}:${locale.length}:${locale}${timeZone}` : null;
  const cached = key === null ? undefined : formatterSets.get(key);
  if (key !== null && cached) {
    formatterSets.delete(key);
    formatterSets.set(key, cached);
    return cached;
  }
  assertIntlInputs(locale, timeZone);
  const format = (options: Intl.DateTimeFormatOptions, formatLocale = locale) =>
    new Intl.DateTimeFormat(formatLocale, { ...options, timeZone });
  const built: JobFormatters = {
    hour: format({ hour: "numeric", hourCycle: "h23" }, "en-US"),
    date: format({ dateStyle: "full" }),
    time: format(twentyFourHour ? { hour: "2-digit", minute: "2-digit", hourCycle: "h23" } : { timeStyle: "short" }),
    dateTime: format(twentyFourHour ? { dateStyle: "full", timeStyle: "short", hourCycle: "h23" } : { dateStyle: "full", timeStyle: "short" }),
    dayOfWeek: format({ weekday: "long" }),
  };
  if (key !== null) {
    if (formatterSets.size >= MAX_FORMATTER_SETS) formatterSets.delete(formatterSets.keys().next().value!);
    formatterSets.set(key, built);
  }
  return built;
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

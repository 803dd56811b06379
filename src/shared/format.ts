/**
 * Dates and times for people, on `Intl` in the viewer's locale. Every helper takes the viewer's settings
 * explicitly (locale, zone, now) so the same call renders the same text in a test, a story and the browser;
 * inside components use `useFormat()`, which fills them in from `<PlannerProvider>`. Isomorphic (no "use client"):
 * a server component formats with them from the root entry, `agent-planner`.
 */

import { dateTimeFormat, listFormat, numberFormat, relativeTimeFormat } from "./intl-cache";
import { type SentenceSchedule, type TimeWindowSentenceLabels, windowSentence } from "./format-window";

export type { SentenceSchedule, TimeWindowSentenceLabels } from "./format-window";

export interface ViewerSettings {
  /** BCP 47 locale; undefined means the runtime's (the browser's) locale. */
  locale?: string | undefined;
  /** The viewer's IANA zone; undefined means the runtime's zone. */
  timeZone?: string | undefined;
  /** The viewer's "now", for relative phrasing. */
  now?: Date | undefined;
}

type DateInput = Date | string | number;

function toDate(value: DateInput): Date {
  return value instanceof Date ? value : new Date(value);
}

/** The runtime's IANA zone, e.g. "Europe/Paris". */
export function viewerTimeZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** Canonical form of a zone name ("utc" → "UTC"), or the input when Intl does not know it. */
export function canonicalTimeZone(zone: string): string {
  const known = canonicalZones.get(zone);
  if (known !== undefined) return known;
  let canonical = zone;
  try {
    canonical = dateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    // not a zone Intl knows: the input itself
  }
  if (canonicalZones.size >= 1000) canonicalZones.clear();
  canonicalZones.set(zone, canonical);
  return canonical;
}

/** Zone names already made canonical (each card of a panel asks for its zone on every render). */
const canonicalZones = new Map<string, string>();

const UTC_ZONES: ReadonlySet<string> = new Set(["UTC", "Etc/UTC", "Etc/GMT", "GMT", "Etc/Universal", "Etc/Zulu"]);

/** Whether two zone names denote the same zone ("Etc/UTC" and "UTC" count as the same). */
export function sameTimeZone(a: string, b: string): boolean {
  const ca = canonicalTimeZone(a);
  const cb = canonicalTimeZone(b);
  if (ca === cb) return true;
  return UTC_ZONES.has(ca) && UTC_ZONES.has(cb);
}

/** "Dec 1, 2026, 9:00 AM" in the viewer's zone (or `timeZone` when given). */
export function formatDateTime(value: DateInput, settings: ViewerSettings = {}, options: Intl.DateTimeFormatOptions = { dateStyle: "medium", timeStyle: "short" }): string {
  return dateTimeFormat(settings.locale, { ...options, timeZone: settings.timeZone }).format(toDate(value));
}

/** "Tuesday, December 1, 2026 at 9:00:00 AM Central European Standard Time": for titles and tooltips. */
export function formatFullDateTime(value: DateInput, settings: ViewerSettings = {}): string {
  return formatDateTime(value, settings, { dateStyle: "full", timeStyle: "long" });
}

/** "9:00 AM" in the viewer's zone (or `timeZone`). */
export function formatTime(value: DateInput, settings: ViewerSettings = {}): string {
  return formatDateTime(value, settings, { timeStyle: "short" });
}

/** Each unit is used below the next one's size: "59 minutes ago", "1 hour ago", "29 days ago", "1 month ago". */
const UNITS: [Intl.RelativeTimeFormatUnit, number, number][] = [
  ["minute", 60, 3600],
  ["hour", 3600, 24 * 3600],
  ["day", 24 * 3600, 30 * 24 * 3600],
  ["month", 30 * 24 * 3600, 365 * 24 * 3600],
  ["year", 365 * 24 * 3600, Infinity],
];

/** "5 minutes ago", "in 2 hours", "yesterday", "in 10 days", "now". */
export function formatRelative(value: DateInput, settings: ViewerSettings = {}): string {
  const now = settings.now ?? new Date();
  const seconds = Math.round((toDate(value).getTime() - now.getTime()) / 1000);
  const format = relativeTimeFormat(settings.locale, { numeric: "auto" });
  if (Math.abs(seconds) < 45) return format.format(0, "second");
  const [unit, size] = UNITS.find(([, , below]) => Math.abs(seconds) < below) ?? ["year", 365 * 24 * 3600];
  return format.format(Math.round(seconds / size), unit);
}

/** The calendar date of an instant in a zone: a day count (for differences) and the year. */
function calendarDay(date: Date, timeZone: string | undefined): { day: number; year: number } {
  const parts = dateTimeFormat("en-US", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(date);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? "0");
  return { day: Date.UTC(get("year"), get("month") - 1, get("day")) / 86_400_000, year: get("year") };
}

/**
 * "Today 9:00 AM", "Tomorrow 9:00 AM", "Friday 9:00 AM" (within a week), otherwise "Dec 24, 9:00 AM";
 * in the viewer's zone (or `timeZone`).
 */
export function formatCalendar(value: DateInput, settings: ViewerSettings = {}): string {
  const date = toDate(value);
  const now = settings.now ?? new Date();
  const target = calendarDay(date, settings.timeZone);
  const today = calendarDay(now, settings.timeZone);
  const days = target.day - today.day;
  const time = formatTime(date, settings);
  if (Math.abs(days) <= 1) {
    const day = relativeTimeFormat(settings.locale, { numeric: "auto" }).format(days, "day");
    return `${capitalize(day, settings.locale)} ${time}`;
  }
  if (days > 1 && days < 7) return `${formatDateTime(date, settings, { weekday: "long" })} ${time}`;
  return formatDateTime(date, settings, target.year === today.year ? { month: "short", day: "numeric", hour: "numeric", minute: "2-digit" } : { dateStyle: "medium", timeStyle: "short" });
}

function capitalize(text: string, locale: string | undefined): string {
  return text.charAt(0).toLocaleUpperCase(locale) + text.slice(1);
}

/** "GMT+1", "GMT-5" or "UTC" — the zone's offset at that instant, for zone pickers. */
export function formatOffset(timeZone: string, at: DateInput = new Date(), locale?: string): string {
  const parts = dateTimeFormat(locale ?? "en-US", { timeZone, timeZoneName: "shortOffset" }).formatToParts(toDate(at));
  return parts.find((p) => p.type === "timeZoneName")?.value ?? timeZone;
}

/**
 * An instant as it reads in a job's zone, naming the zone when it is not the viewer's:
 * "9:00 AM" for a viewer in that zone, "9:00 AM (Europe/Paris)" for anyone else.
 *
 * @example
 * ```ts
 * formatInZone(run.scheduledFor, job.schedule.timezone, { timeZone: viewerZone }, labels.time.inZone)
 * ```
 */
export function formatInZone(
  value: DateInput,
  zone: string,
  settings: ViewerSettings = {},
  inZone: (time: string, zone: string) => string = (time, z) => `${time} (${z})`,
  options: Intl.DateTimeFormatOptions = { timeStyle: "short" },
): string {
  const text = formatDateTime(value, { ...settings, timeZone: zone }, options);
  const viewer = settings.timeZone ?? viewerTimeZone();
  return sameTimeZone(zone, viewer) ? text : inZone(text, zone);
}

/** A number in the viewer's locale ("1,234", "87%" with `{ style: "percent" }`). */
export function formatNumber(value: number, settings: ViewerSettings = {}, options?: Intl.NumberFormatOptions): string {
  return numberFormat(settings.locale, options).format(value);
}

/** "1.2 s", "350 ms", "2 min 5 s" — a run's duration. */
export function formatDuration(ms: number, settings: ViewerSettings = {}): string {
  const unit = (value: number, u: "millisecond" | "second" | "minute" | "hour", digits = 0) =>
    numberFormat(settings.locale, { style: "unit", unit: u, unitDisplay: "short", maximumFractionDigits: digits }).format(value);
  if (ms < 1000) return unit(ms, "millisecond");
  if (ms < 60_000) return unit(ms / 1000, "second", 1);
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  if (minutes < 60) return seconds ? `${unit(minutes, "minute")} ${unit(seconds, "second")}` : unit(minutes, "minute");
  const hours = Math.floor(minutes / 60);
  return minutes % 60 ? `${unit(hours, "hour")} ${unit(minutes % 60, "minute")}` : unit(hours, "hour");
}

/** A wall-clock time ("9:00 AM", "09:00") in the locale; not an instant, so no zone applies. */
export function formatWallTime(hour: number, minute: number, locale?: string): string {
  return dateTimeFormat(locale, { hour: "numeric", minute: "2-digit", timeZone: "UTC" }).format(Date.UTC(2026, 0, 5, hour, minute));
}

/**
 * The 24-hour clock times of a sentence ("At 09:00, only on Monday", cronstrue's words) in the locale's format
 * ("At 9:00 AM, only on Monday"), so a sentence from the server reads like the viewer's other times.
 */
export function localizeClockTimes(text: string, locale?: string): string {
  return text.replace(/\b([01]\d|2[0-3]):([0-5]\d)\b/g, (_, hour: string, minute: string) => formatWallTime(Number(hour), Number(minute), locale));
}

/** The words a schedule sentence is made of (the cards' labels); times and days come already formatted. */
export interface ScheduleSentenceLabels {
  /** "Every minute", "Every 15 minutes". */
  scheduleEveryMinutes: (minutes: number) => string;
  /** "At the start of every hour", "At 30 minutes past every hour". */
  scheduleHourly: (minute: number) => string;
  scheduleDaily: (time: string) => string;
  scheduleWeekdays: (time: string) => string;
  /** `days` is one day or a list ("Monday and Friday"). */
  scheduleWeekly: (days: string, time: string) => string;
  scheduleMonthly: (day: number, time: string) => string;
}

const CRON_NUMBER = /^\d{1,2}$/;
const DAY_LIST = /^[0-7](,[0-7])*$/;

/** "Monday" in the locale; cron day 0 and 7 are Sunday. */
function weekdayName(day: number, locale: string | undefined): string {
  return dateTimeFormat(locale, { weekday: "long", timeZone: "UTC" }).format(Date.UTC(2026, 0, 4 + (day % 7)));
}

/**
 * The one sentence for a schedule, wherever it is shown (job cards, the cron picker's presets and summary):
 * the common shapes in the labels' words with times in the viewer's locale ("Weekdays at 9:00 AM", "Every 15
 * minutes"), anything else in the server's sentence (`fallback`: the job view's `scheduleSentence` or the
 * preview's `description`, cronstrue's words) with its times in the same locale format.
 *
 * @example
 * formatScheduleSentence("0 9 * * 1-5", labels.cards, { locale: "en-US" }); // "Weekdays at 9:00 AM"
 * formatScheduleSentence("0 9 * * 1-5", labels.cards, { locale: "en-GB" }); // "Weekdays at 09:00"
 */
export function formatScheduleSentence(
  cron: string | SentenceSchedule,
  labels: ScheduleSentenceLabels & TimeWindowSentenceLabels,
  settings: ViewerSettings = {},
  fallback?: string,
): string {
  // A schedule with its time fields (one-time, start, end, run limit, jitter): the sentence, then those (format-window.ts).
  if (typeof cron !== "string") return windowSentence(formatScheduleSentence(cron.cron, labels, settings, fallback), cron, labels, settings.locale);
  const { locale } = settings;
  const fields = cron.trim().split(/\s+/);
  if (fields.length === 5) {
    const [minute = "", hour = "", dayOfMonth = "", month = "", dayOfWeek = ""] = fields;
    const everyDay = dayOfMonth === "*" && month === "*" && dayOfWeek === "*";
    if (everyDay && hour === "*") {
      if (minute === "*") return labels.scheduleEveryMinutes(1);
      const step = /^\*\/(\d{1,2})$/.exec(minute);
      if (step) return labels.scheduleEveryMinutes(Number(step[1]));
      if (CRON_NUMBER.test(minute) && Number(minute) < 60) return labels.scheduleHourly(Number(minute));
    }
    if (CRON_NUMBER.test(minute) && CRON_NUMBER.test(hour) && Number(minute) < 60 && Number(hour) < 24 && month === "*") {
      const time = formatWallTime(Number(hour), Number(minute), locale);
      if (dayOfMonth === "*" && (dayOfWeek === "*" || dayOfWeek === "0-6" || dayOfWeek === "1-7")) return labels.scheduleDaily(time);
      if (dayOfMonth === "*" && (dayOfWeek === "1-5" || dayOfWeek.toUpperCase() === "MON-FRI")) return labels.scheduleWeekdays(time);
      if (dayOfMonth === "*" && DAY_LIST.test(dayOfWeek)) {
        const days = [...new Set(dayOfWeek.split(",").map((day) => Number(day) % 7))].sort((a, b) => ((a + 6) % 7) - ((b + 6) % 7));
        const names = days.map((day) => weekdayName(day, locale));
        return labels.scheduleWeekly(listFormat(locale, { type: "conjunction" }).format(names), time);
      }
      if (CRON_NUMBER.test(dayOfMonth) && Number(dayOfMonth) >= 1 && Number(dayOfMonth) <= 31 && dayOfWeek === "*") return labels.scheduleMonthly(Number(dayOfMonth), time);
    }
  }
  return fallback ? localizeClockTimes(fallback, locale) : cron;
}

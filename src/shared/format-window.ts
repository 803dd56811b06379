/**
 * The time fields of a schedule in words, after its sentence: "Once on Thu, Dec 24, 2026, 9:00 AM"; "Daily at
 * 9:00 AM, from Dec 1, 2026 until Dec 31, 2026, at most 10 runs, up to 10 min late (jitter)". Dates read in the
 * schedule's own zone (the card adds the zone when it is not the viewer's). Isomorphic, Intl only.
 */

import type { WindowedSchedule } from "./cron/window";
import { dateTimeFormat } from "./intl-cache";

/** A schedule with its optional time fields (see `shared/cron/window.ts`). */
export type SentenceSchedule = WindowedSchedule;

/** The words for the time fields (in the cards' labels). Optional, so labels made before them still fit. */
export interface TimeWindowSentenceLabels {
  scheduleOnce?: ((when: string) => string) | undefined;
  scheduleFrom?: ((date: string) => string) | undefined;
  scheduleUntil?: ((date: string) => string) | undefined;
  scheduleMaxRuns?: ((runs: number) => string) | undefined;
  scheduleJitter?: ((minutes: number) => string) | undefined;
}

const ONCE_FORMAT: Intl.DateTimeFormatOptions = { weekday: "short", month: "short", day: "numeric", year: "numeric", hour: "numeric", minute: "2-digit" };
const DATE_FORMAT: Intl.DateTimeFormatOptions = { month: "short", day: "numeric", year: "numeric" };
const DATE_TIME_FORMAT: Intl.DateTimeFormatOptions = { month: "short", day: "numeric", year: "numeric", hour: "numeric", minute: "2-digit" };

/** Whether the text is a local time being typed (`2026-12-24`, `2026-12-24T09:00`) rather than a stored instant. */
function isLocal(text: string): boolean {
  return !/[zZ]$|[+-]\d{2}:\d{2}$/.test(text);
}

function inZone(iso: string, timeZone: string, locale: string | undefined, options: Intl.DateTimeFormatOptions): string {
  try {
    // A local time already reads in the job's zone: format its wall-clock fields as they are.
    if (isLocal(iso)) return dateTimeFormat(locale, { ...options, timeZone: "UTC" }).format(new Date(`${iso.length === 10 ? `${iso}T00:00` : iso}Z`));
    return dateTimeFormat(locale, { ...options, timeZone }).format(new Date(iso));
  } catch {
    return iso;
  }
}

/** Whether the instant is a local midnight (a start date), or the last millisecond of a local day (an end date). */
function isDayEdge(iso: string, timeZone: string, end: boolean): boolean {
  if (isLocal(iso)) return iso.length === 10;
  const ms = Date.parse(iso) + (end ? 1 : 0);
  try {
    const parts = dateTimeFormat("en-US", { timeZone, hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" }).format(ms);
    return parts === "00:00:00" && new Date(ms).getUTCMilliseconds() === 0;
  } catch {
    return false;
  }
}

/** A start or end date: the date alone when it is a whole day, with the time otherwise. */
function boundText(iso: string, timeZone: string, locale: string | undefined, end: boolean): string {
  return inZone(iso, timeZone, locale, isDayEdge(iso, timeZone, end) ? DATE_FORMAT : DATE_TIME_FORMAT);
}

/**
 * The sentence of a schedule with time fields: `base` (the recurring sentence) followed by its bounds, or the
 * one-time sentence. Without labels for a part, that part is left out.
 */
export function windowSentence(base: string, schedule: SentenceSchedule, labels: TimeWindowSentenceLabels, locale: string | undefined): string {
  const zone = schedule.timezone;
  const jitter = schedule.jitterMinutes && labels.scheduleJitter ? labels.scheduleJitter(schedule.jitterMinutes) : null;
  if (schedule.kind === "once" && schedule.at && labels.scheduleOnce) {
    const once = labels.scheduleOnce(inZone(schedule.at, zone, locale, ONCE_FORMAT));
    return jitter ? `${once}, ${jitter}` : once;
  }
  const parts: string[] = [];
  const from = schedule.startAt && labels.scheduleFrom ? labels.scheduleFrom(boundText(schedule.startAt, zone, locale, false)) : null;
  const until = schedule.endAt && labels.scheduleUntil ? labels.scheduleUntil(boundText(schedule.endAt, zone, locale, true)) : null;
  if (from && until) parts.push(`${from} ${until}`);
  else if (from ?? until) parts.push((from ?? until)!);
  if (schedule.maxRuns && labels.scheduleMaxRuns) parts.push(labels.scheduleMaxRuns(schedule.maxRuns));
  if (jitter) parts.push(jitter);
  return parts.length > 0 ? `${base}, ${parts.join(", ")}` : base;
}

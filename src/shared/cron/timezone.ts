const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/**
 * The widest a zone's offset jumps at one transition, with room to spare (real jumps are 30 minutes
 * to 2 hours). Bounds how far back a repeated hour can reach.
 */
export const MAX_OFFSET_JUMP_MS = 3 * HOUR_MS;

/**
 * How far apart samples are when looking for offset changes: tz data has no two transitions within a
 * week, so comparing the offset every 7 days finds each one.
 */
const TRANSITION_SCAN_STEP_MS = 7 * DAY_MS;

/**
 * Whether `timezone` is an IANA zone name this runtime knows (`Europe/Paris`, `UTC`), checked with Intl.
 * Bare offsets like `+05:30` are refused even where Intl accepts them: they have no DST rules, so a
 * schedule in them would silently drift from the place the user meant.
 *
 * @example
 * isValidTimezone("America/New_York"); // true
 * isValidTimezone("Mars/Base"); // false
 */
export function isValidTimezone(timezone: string): boolean {
  return createZoneClock(timezone) !== null;
}

/** Reads the UTC offset of one zone at any instant. */
export interface ZoneClock {
  readonly timezone: string;
  /** Local time minus UTC at `instantMs`, in milliseconds (-4 h in New York in summer). */
  offsetMs(instantMs: number): number;
}

/**
 * Intl formatters cost about 70 µs to build and are immutable, so one per zone is kept (croner keeps
 * its own the same way). Capped, because case variants of a name are distinct keys.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
const MAX_FORMATTERS = 200;
/** Offsets remembered per clock. */
const OFFSET_MEMO_CAPACITY = 256;

function formatterFor(timezone: string): Intl.DateTimeFormat | null {
  const cached = formatters.get(timezone);
  if (cached) return cached;
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone: timezone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
  } catch {
    return null;
  }
  if (formatters.size >= MAX_FORMATTERS) formatters.clear();
  formatters.set(timezone, format);
  return format;
}

/** A clock for `timezone`, or `null` when the zone is unknown. */
export function createZoneClock(timezone: string): ZoneClock | null {
  if (typeof timezone !== "string" || timezone === "" || /^[+\-\u2212\d]/.test(timezone)) return null;
  const format = formatterFor(timezone);
  if (!format) return null;
  // Offsets by whole second, memoized: a tick asks for the same few instants once per job sharing a schedule.
  const known = new Map<number, number>();
  return {
    timezone,
    offsetMs(instantMs) {
      const wholeSecond = Math.floor(instantMs / 1000) * 1000;
      const cached = known.get(wholeSecond);
      if (cached !== undefined) return cached;
      const fields: Record<string, number> = {};
      for (const part of format.formatToParts(wholeSecond)) {
        if (part.type !== "literal") fields[part.type] = Number(part.value);
      }
      const { year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = fields;
      const offset = Date.UTC(year, month - 1, day, hour, minute, second) - wholeSecond;
      if (known.size >= OFFSET_MEMO_CAPACITY) known.clear();
      known.set(wholeSecond, offset);
      return offset;
    },
  };
}

/** A change of a zone's UTC offset (a DST start or end, or a change of standard time). */
export interface OffsetTransition {
  /** The first instant with the new offset. */
  at: number;
  offsetBefore: number;
  offsetAfter: number;
}

/**
 * The offset changes in `(startMs, endMs]`, oldest first. Pass the offsets at both ends when they are
 * already known, to save a lookup.
 */
export function findTransitions(
  clock: ZoneClock,
  startMs: number,
  endMs: number,
  startOffset = clock.offsetMs(startMs),
  endOffset = clock.offsetMs(endMs),
): OffsetTransition[] {
  if (endMs <= startMs) return [];
  if (endMs - startMs <= TRANSITION_SCAN_STEP_MS) {
    return startOffset === endOffset ? [] : [bisectTransition(clock, startMs, startOffset, endMs, endOffset)];
  }
  const transitions: OffsetTransition[] = [];
  let low = startMs;
  let lowOffset = startOffset;
  while (low < endMs) {
    const high = Math.min(low + TRANSITION_SCAN_STEP_MS, endMs);
    const highOffset = high === endMs ? endOffset : clock.offsetMs(high);
    if (highOffset !== lowOffset) transitions.push(bisectTransition(clock, low, lowOffset, high, highOffset));
    low = high;
    lowOffset = highOffset;
  }
  return transitions;
}

function bisectTransition(clock: ZoneClock, low: number, lowOffset: number, high: number, highOffset: number): OffsetTransition {
  // Offsets change on whole seconds (and offsetMs reads whole seconds), so bisect over seconds.
  let before = Math.floor(low / 1000);
  let after = Math.floor(high / 1000);
  while (after - before > 1) {
    const middle = Math.floor((before + after) / 2);
    if (clock.offsetMs(middle * 1000) === lowOffset) before = middle;
    else after = middle;
  }
  return { at: after * 1000, offsetBefore: lowOffset, offsetAfter: highOffset };
}

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

/**
 * Wall-clock times are handled as milliseconds "as if UTC": the local date and time read with the
 * `getUTC…` accessors. These helpers format them.
 */
export function formatWallTime(wallMs: number): string {
  return new Date(wallMs).toISOString().slice(11, 16);
}

/** `Sun 8 Mar 2026`, built from parts so it does not depend on the runtime's locale data. */
export function formatWallDate(wallMs: number): string {
  const date = new Date(wallMs);
  return `${WEEKDAYS[date.getUTCDay()]} ${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/** `UTC-04:00`, `UTC+05:30`, `UTC+00:00`. */
export function formatOffset(offsetMs: number): string {
  const sign = offsetMs < 0 ? "-" : "+";
  const minutes = Math.round(Math.abs(offsetMs) / MINUTE_MS);
  return `UTC${sign}${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

/** `1 hour`, `30 minutes`, `1 hour 30 minutes`. */
export function formatDuration(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / MINUTE_MS);
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const parts = [];
  if (hours > 0) parts.push(`${hours} hour${hours === 1 ? "" : "s"}`);
  if (rest > 0 || hours === 0) parts.push(`${rest} minute${rest === 1 ? "" : "s"}`);
  return parts.join(" ");
}

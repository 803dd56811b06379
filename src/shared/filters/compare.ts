/**
 * JSON deep equality: same type and same value; arrays element by element in order; objects with the same
 * own keys (in any order) and equal values. No coercion (`"42"` is not `42`). With `ignoreCase`, strings
 * anywhere in the structure compare case-insensitively (object keys stay case-sensitive).
 * Iterative, so deeply nested payloads cannot overflow the stack.
 */
export function jsonEqual(a: unknown, b: unknown, ignoreCase = false): boolean {
  const pending: Array<[unknown, unknown]> = [[a, b]];
  for (let pair = pending.pop(); pair; pair = pending.pop()) {
    const [x, y] = pair;
    if (typeof x === "string" && typeof y === "string") {
      if (ignoreCase ? x.toLowerCase() !== y.toLowerCase() : x !== y) return false;
      continue;
    }
    if (x === y) continue;
    if (x === null || y === null || typeof x !== "object" || typeof y !== "object") return false;
    if (Array.isArray(x) || Array.isArray(y)) {
      if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length) return false;
      for (let i = 0; i < x.length; i++) pending.push([x[i], y[i]]);
      continue;
    }
    const xRecord = x as Record<string, unknown>;
    const yRecord = y as Record<string, unknown>;
    const keys = Object.keys(xRecord);
    if (keys.length !== Object.keys(yRecord).length) return false;
    for (const key of keys) {
      if (!Object.hasOwn(yRecord, key)) return false;
      pending.push([xRecord[key], yRecord[key]]);
    }
  }
  return true;
}

/** A value that `gt`/`gte`/`lt`/`lte` can order: a number, or an instant in milliseconds since the epoch. */
export type Comparable = { kind: "number"; value: number } | { kind: "instant"; value: number };

const NUMERIC_TEXT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;

/**
 * Reads a value for ordering: numbers as numbers, numeric text (`"42"`, `"-1.5e3"`, no spaces) as numbers,
 * ISO-8601 dates as instants; anything else cannot be ordered (`null`).
 */
export function toComparable(value: unknown): Comparable | null {
  if (typeof value === "number") return Number.isFinite(value) ? { kind: "number", value } : null;
  if (typeof value !== "string") return null;
  if (NUMERIC_TEXT.test(value)) {
    const number = Number(value);
    return Number.isFinite(number) ? { kind: "number", value: number } : null;
  }
  const instant = parseIsoInstant(value);
  return instant === null ? null : { kind: "instant", value: instant };
}

/**
 * Orders two values: negative, zero or positive like a sort comparator, or `null` when they are not both
 * numbers or both instants.
 */
export function compareValues(actual: unknown, expected: unknown): number | null {
  const a = toComparable(actual);
  const b = toComparable(expected);
  if (!a || !b || a.kind !== b.kind) return null;
  return a.value - b.value;
}

/**
 * Parses an ISO-8601 / RFC 3339 date (`2026-11-24`), or date-time with optional seconds, fraction and offset
 * (`2026-11-24T09:14:37Z`, `2026-11-26T15:00:00+01:00`), to milliseconds since the epoch. A date alone is
 * midnight UTC, and a date-time without an offset is read as UTC, so the result never depends on the
 * machine's timezone (unlike `Date.parse`). Returns `null` for anything else, including impossible dates.
 */
export function parseIsoInstant(text: string): number | null {
  const match = ISO_DATE.exec(text);
  if (!match) return null;
  const [, y, mo, d, h = "0", mi = "0", s = "0", fraction = "", offset = "Z"] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  const offsetMinutes = parseOffset(offset);
  if (offsetMinutes === null) return null;
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 to 1900–1999.
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, Number(fraction.slice(0, 3).padEnd(3, "0")));
  return date.getTime() - offsetMinutes * 60_000;
}

function parseOffset(offset: string): number | null {
  if (offset === "Z" || offset === "z") return 0;
  const sign = offset.startsWith("-") ? -1 : 1;
  const digits = offset.slice(1).replace(":", "");
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2) || "0");
  if (hours > 23 || minutes > 59) return null;
  return sign * (hours * 60 + minutes);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

import type { JsonValue } from "./schemas/common";

/** A dotted path segment: an identifier-like key or an array index. */
const SEGMENT = /^[A-Za-z0-9_$-]+$/;

/**
 * Splits `a.b.0` into `["a", "b", "0"]`, or returns `null` when the path is malformed
 * (empty, leading/trailing/double dots, characters other than letters, digits, `_`, `$`, `-`).
 */
export function parsePath(path: string): string[] | null {
  if (path.length === 0 || path.length > 200) return null;
  const segments = path.split(".");
  return segments.every((s) => SEGMENT.test(s)) ? segments : null;
}

/**
 * Reads the value at a dotted path (`a.b.0`) from JSON-like data. Returns `undefined` when any step is
 * missing. Only own properties are read, so `constructor` or `__proto__` never reach the prototype.
 */
export function getPath(data: unknown, path: string | readonly string[]): JsonValue | undefined {
  const segments = typeof path === "string" ? parsePath(path) : path;
  if (!segments) return undefined;
  let current: unknown = data;
  for (const segment of segments) {
    if (current === null || typeof current !== "object") return undefined;
    if (Array.isArray(current)) {
      if (!/^\d+$/.test(segment)) return undefined;
      current = current[Number(segment)];
    } else {
      if (!Object.prototype.hasOwnProperty.call(current, segment)) return undefined;
      current = (current as Record<string, unknown>)[segment];
    }
  }
  return current as JsonValue | undefined;
}

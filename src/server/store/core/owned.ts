/**
 * Copies and freezing for what the store core keeps in memory. The cached runtime of an agent (runs, owner states)
 * is never changed in place: a change replaces whole objects, and everything it stores is frozen when it is applied,
 * so objects can be shared between versions (a finished run keeps its queued run's event) without a copy. What is
 * handed to callers is a copy ({@link copyData}), and what comes from callers is copied before it is kept (a
 * validated run: see `validateRun`).
 */

/**
 * A deep copy of JSON-like data: plain objects and arrays are copied, primitives kept; anything else (a `Date`, a
 * `Map`, a class instance) is copied by `structuredClone`. Much cheaper than `structuredClone` for the plain data the
 * store hands out (runs, states, planners), and like it, keeps `undefined` values and never shares an object with
 * its input.
 */
export function copyData<T>(value: T): T {
  return copy(value, 0) as T;
}

/** Deeper than any JSON the planner accepts (32 levels) nests inside a run: such data is left to `structuredClone`. */
const MAX_COPY_DEPTH = 200;

function copy(value: unknown, depth: number): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (depth > MAX_COPY_DEPTH) return structuredClone(value);
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) return structuredClone(value);
    const out: unknown[] = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = copy(value[i], depth + 1);
    return out;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return structuredClone(value);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const item = copy((value as Record<string, unknown>)[key], depth + 1);
    // An own `__proto__` key (plain JSON may have one) must stay a key, not become the copy's prototype.
    if (key === "__proto__") Object.defineProperty(out, key, { value: item, enumerable: true, writable: true, configurable: true });
    else out[key] = item;
  }
  return out;
}

/**
 * Freezes `value` and everything it holds, stopping at objects already frozen (what an earlier change stored): a
 * stored run shares its event with the queued run it replaced, and that part is not walked again.
 */
export function deepFreeze<T>(value: T): T {
  freeze(value);
  return value;
}

function freeze(value: unknown): void {
  if (typeof value !== "object" || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  if (Array.isArray(value)) {
    for (const item of value) freeze(item);
    return;
  }
  for (const key of Object.keys(value)) freeze((value as Record<string, unknown>)[key]);
}

import { z } from "zod";

/** A JSON value: what the planner stores for static input, trigger settings, filter values and event data. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
/** A JSON object (the root of static input, trigger settings and event data). */
export type JsonObject = { [key: string]: JsonValue };

/** Deepest nesting of objects and lists in one JSON value (`{}` is 1 level, `{ "a": [] }` is 2). */
export const MAX_JSON_DEPTH = 32;
/** Largest JSON value a user may supply, measured as UTF-8 JSON text: 64 KiB. */
export const MAX_JSON_BYTES = 64 * 1024;

/**
 * Keys no user-supplied JSON may contain. superjson, the planner's wire format, refuses to serialise an
 * object with any of them ("prototype pollution risk"), and zod silently drops `__proto__` from records,
 * so accepting them would store data that no response can carry.
 */
export const RESERVED_KEYS: readonly string[] = ["__proto__", "constructor", "prototype"];

export function isReservedKey(key: string): boolean {
  return RESERVED_KEYS.includes(key);
}

/** The sentence for a reserved key, e.g. `"constructor" can't be used as a name.` */
export function reservedKeyMessage(key: string): string {
  return `"${key}" can't be used as a name.`;
}

export const NESTED_TOO_DEEPLY_MESSAGE = `Input is nested too deeply: at most ${MAX_JSON_DEPTH} levels of objects and lists are allowed.`;

/**
 * `Static input is too large (70 KB); the limit is 64 KB.` KB are rounded up, so a value just over the
 * limit never reads as the same size as the limit.
 */
export function tooLargeMessage(label: string, bytes: number, maxBytes: number): string {
  const kb = (n: number) => `${Math.ceil(n / 1024).toLocaleString("en-US")} KB`;
  return `${label} is too large (${kb(bytes)}); the limit is ${kb(maxBytes)}.`;
}

export interface JsonLimits {
  /** Deepest nesting allowed (default {@link MAX_JSON_DEPTH}). */
  maxDepth?: number | undefined;
  /** Largest size as UTF-8 JSON text; unbounded when omitted. */
  maxBytes?: number | undefined;
}

/** The first reason a value is not JSON the planner can store, with the path to the offending key. */
export interface JsonProblem {
  path: (string | number)[];
  message: string;
  kind: "type" | "reservedKey" | "depth" | "size";
}

const NOT_JSON = "Only JSON is allowed here: text, numbers, true/false, null, lists and objects.";

export function isPlainJsonObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

interface Pending {
  value: unknown;
  depth: number;
  parent: Pending | null;
  key: string | number | null;
}

function pathOf(node: Pending): (string | number)[] {
  const path: (string | number)[] = [];
  for (let n: Pending | null = node; n && n.key !== null; n = n.parent) path.push(n.key);
  return path.reverse();
}

/** UTF-8 length of `s` as JSON.stringify writes it (quotes and escapes included). */
function jsonStringBytes(s: string): number {
  let bytes = 2;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22 || c === 0x5c || c === 0x08 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d) bytes += 2;
    else if (c < 0x20) bytes += 6;
    else if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else if (c >= 0xd800 && c <= 0xdfff) bytes += 6; // a lone surrogate is written as \uXXXX
    else bytes += 3;
  }
  return bytes;
}

/**
 * Checks, without recursion (so a 10,000-deep value cannot overflow the stack), that `value` is plain
 * JSON with no reserved key, within the depth and size limits. Returns the first problem, or `null`.
 * Sizes are exact: the UTF-8 length of `JSON.stringify(value)`.
 */
export function findJsonProblem(value: unknown, limits: JsonLimits = {}, label = "This value"): JsonProblem | null {
  const maxDepth = limits.maxDepth ?? MAX_JSON_DEPTH;
  const maxBytes = limits.maxBytes ?? Infinity;
  let bytes = 0;
  const stack: Pending[] = [{ value, depth: 0, parent: null, key: null }];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    const current = node.value;
    if (current === null) bytes += 4;
    else if (typeof current === "boolean") bytes += current ? 4 : 5;
    else if (typeof current === "number") {
      if (!Number.isFinite(current)) return { path: pathOf(node), message: NOT_JSON, kind: "type" };
      bytes += String(current).length;
    } else if (typeof current === "string") bytes += jsonStringBytes(current);
    else if (Array.isArray(current) || isPlainJsonObject(current)) {
      const depth = node.depth + 1;
      // Reported on the value itself: that is the field a form shows, and a path 33 keys long helps nobody.
      if (depth > maxDepth) return { path: [], message: NESTED_TOO_DEEPLY_MESSAGE, kind: "depth" };
      if (Array.isArray(current)) {
        bytes += 2 + Math.max(0, current.length - 1);
        for (let i = current.length - 1; i >= 0; i--) stack.push({ value: current[i], depth, parent: node, key: i });
      } else {
        const keys = Object.keys(current);
        const reserved = keys.find(isReservedKey);
        if (reserved !== undefined) return { path: [...pathOf(node), reserved], message: reservedKeyMessage(reserved), kind: "reservedKey" };
        bytes += 2 + Math.max(0, keys.length - 1);
        for (let i = keys.length - 1; i >= 0; i--) {
          const key = keys[i]!;
          bytes += jsonStringBytes(key) + 1;
          stack.push({ value: current[key], depth, parent: node, key });
        }
      }
    } else {
      return { path: pathOf(node), message: NOT_JSON, kind: "type" };
    }
  }
  if (bytes > maxBytes) return { path: [], message: tooLargeMessage(label, bytes, maxBytes), kind: "size" };
  return null;
}

export interface SafeJsonOptions extends JsonLimits {
  /** Names the value in the size message: "Static input" → "Static input is too large (70 KB); …". */
  label?: string | undefined;
}

function safeJsonCheck(root: "value" | "object", options: SafeJsonOptions) {
  const label = options.label ?? "This value";
  return (value: unknown, ctx: z.RefinementCtx) => {
    if (root === "object" && !isPlainJsonObject(value)) {
      ctx.addIssue({ code: "custom", message: value === undefined ? "A JSON object is required." : "Expected a JSON object." });
      return;
    }
    const problem = findJsonProblem(value, options, label);
    if (problem) ctx.addIssue({ code: "custom", path: problem.path, message: problem.message });
  };
}

/**
 * A JSON value the planner can store and send: plain JSON (no `undefined`, `NaN`, class instances), no
 * reserved key (see {@link RESERVED_KEYS}) at any depth, at most {@link MAX_JSON_DEPTH} levels deep and, with
 * `maxBytes`, at most that large. Validated iteratively, before anything else reads the value, so hostile
 * nesting gets a sentence instead of a stack overflow. The parsed value is the input itself (not a copy).
 *
 * @example
 * const StaticInput = safeJsonObject({ label: "Static input", maxBytes: MAX_JSON_BYTES });
 */
export function safeJsonValue(options: SafeJsonOptions = {}): z.ZodType<JsonValue, JsonValue> {
  return z.custom<JsonValue>().superRefine(safeJsonCheck("value", options));
}

/** {@link safeJsonValue}, whose root must be an object. */
export function safeJsonObject(options: SafeJsonOptions = {}): z.ZodType<JsonObject, JsonObject> {
  return z.custom<JsonObject>().superRefine(safeJsonCheck("object", options));
}

/**
 * Wraps a record schema so its keys are checked on the raw input: zod drops an own `__proto__` key (as
 * `JSON.parse` makes it) from a record without a word, and superjson refuses `constructor` and `prototype`.
 *
 * @example
 * const Fields = safeRecord(z.record(z.string(), z.string()));
 */
export function safeRecord<S extends z.ZodType>(schema: S) {
  return z.preprocess((value: z.input<S>, ctx) => {
    if (isPlainJsonObject(value)) {
      for (const key of Object.keys(value)) {
        if (isReservedKey(key)) ctx.addIssue({ code: "custom", path: [key], message: reservedKeyMessage(key) });
      }
    }
    return value;
  }, schema);
}

/** Any JSON value the planner stores (reserved keys and depth checked; size is bounded where it is supplied). */
export const JsonValue = safeJsonValue();
/** Any JSON object the planner stores; see {@link JsonValue}. */
export const JsonObject = safeJsonObject();

/** JSON text a user typed, or the sentence saying why it does not parse (shown as they type). */
export function parseJsonInput(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, message: `This is not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
}

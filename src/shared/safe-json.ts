import { MAX_JSON_DEPTH, isReservedKey, type JsonValue } from "./schemas/json";

/** What replaces a part of third-party data nested deeper than {@link MAX_JSON_DEPTH} levels. */
export const TOO_DEEP_PLACEHOLDER = "(removed: nested too deeply)";

export interface SafeJsonResult {
  value: JsonValue;
  /** Reserved keys that were renamed, each once, e.g. `["constructor"]`. */
  renamedKeys: string[];
  /** Whether a part nested too deeply was replaced by {@link TOO_DEEP_PLACEHOLDER}. */
  truncated: boolean;
}

/** `constructor` → `constructor_`, with more `_` while the name is taken in the same object. */
function escapedKey(key: string, taken: (name: string) => boolean): string {
  let name = `${key}_`;
  while (isReservedKey(name) || taken(name)) name += "_";
  return name;
}

/** One value to convert, and where its result goes: `into[key]`. No closure per value: this runs for every node of every webhook payload. */
interface Task {
  source: unknown;
  depth: number;
  into: JsonValue[] | Record<string, JsonValue>;
  key: number | string;
}

function place(into: Task["into"], key: number | string, value: JsonValue): void {
  (into as Record<string | number, JsonValue>)[key] = value;
}

/**
 * Turns data from outside (a Composio webhook, a host's executor) into JSON every part of the planner can
 * store and send: reserved keys (`__proto__`, `constructor`, `prototype`, which superjson refuses) get a
 * trailing `_` (`constructor` → `constructor_`), parts nested deeper than `maxDepth` become
 * {@link TOO_DEEP_PLACEHOLDER}, and values JSON cannot hold follow `JSON.stringify` (`undefined` keys
 * dropped, `NaN` → null, dates → ISO strings, bigints → strings). Never recursive, never throws; the input
 * is not changed.
 *
 * @example
 * toSafeJson(JSON.parse('{"constructor": 1}'));
 * // { value: { constructor_: 1 }, renamedKeys: ["constructor"], truncated: false }
 */
export function toSafeJson(input: unknown, maxDepth = MAX_JSON_DEPTH): SafeJsonResult {
  const renamed = new Set<string>();
  let truncated = false;
  const top: JsonValue[] = [null];
  const tasks: Task[] = [{ source: input, depth: 0, into: top, key: 0 }];
  for (let task = tasks.pop(); task !== undefined; task = tasks.pop()) {
    const { source, depth, into, key: slot } = task;
    if (source === null || typeof source === "string" || typeof source === "boolean") place(into, slot, source);
    else if (typeof source === "number") place(into, slot, Number.isFinite(source) ? source : null);
    else if (typeof source === "bigint") place(into, slot, source.toString());
    else if (source instanceof Date) place(into, slot, Number.isNaN(source.getTime()) ? null : source.toISOString());
    else if (typeof source !== "object") place(into, slot, null);
    else if (depth + 1 > maxDepth) {
      truncated = true;
      place(into, slot, TOO_DEEP_PLACEHOLDER);
    } else if (Array.isArray(source)) {
      const list: JsonValue[] = new Array<JsonValue>(source.length).fill(null);
      place(into, slot, list);
      for (let i = source.length - 1; i >= 0; i--) tasks.push({ source: source[i] as unknown, depth: depth + 1, into: list, key: i });
    } else {
      const record = source as Record<string, unknown>;
      const object: Record<string, JsonValue> = {};
      place(into, slot, object);
      const keys = Object.keys(record);
      const own = new Set(keys);
      const entries: [string, unknown][] = [];
      for (const key of keys) {
        const value = record[key];
        if (value === undefined || typeof value === "function" || typeof value === "symbol") continue;
        let name = key;
        if (isReservedKey(key)) {
          renamed.add(key);
          name = escapedKey(key, (candidate) => own.has(candidate) || Object.prototype.hasOwnProperty.call(object, candidate));
          own.add(name);
        }
        // Assigned now so the key order is kept; the value is filled in when its task runs.
        object[name] = null;
        entries.push([name, value]);
      }
      for (let i = entries.length - 1; i >= 0; i--) {
        const [name, value] = entries[i]!;
        tasks.push({ source: value, depth: depth + 1, into: object, key: name });
      }
    }
  }
  return { value: top[0]!, renamedKeys: [...renamed], truncated };
}

/**
 * The run warnings for what {@link toSafeJson} changed in `what` (e.g. "the event data"), as sentences.
 *
 * @example
 * safeJsonWarnings({ value: {}, renamedKeys: ["constructor"], truncated: false }, "the event data");
 * // ['"constructor" can\'t be used as a name, so in the event data it was renamed to "constructor_".']
 */
export function safeJsonWarnings(result: SafeJsonResult, what: string): string[] {
  const warnings: string[] = [];
  if (result.renamedKeys.length > 0) {
    const names = result.renamedKeys.map((key) => `"${key}"`);
    const list = names.length === 1 ? names[0]! : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]!}`;
    const examples = result.renamedKeys.map((key) => `"${key}_"`).join(", ");
    warnings.push(
      names.length === 1
        ? `${list} can't be used as a name, so in ${what} it was renamed to ${examples}.`
        : `${list} can't be used as names, so in ${what} they were renamed to ${examples}.`,
    );
  }
  if (result.truncated) {
    warnings.push(`Parts of ${what} nested more than ${MAX_JSON_DEPTH} levels deep were replaced by "${TOO_DEEP_PLACEHOLDER}".`);
  }
  return warnings;
}

import { getPath } from "../path";
import type { JsonValue } from "../schemas/common";
import { ELLIPSIS, ELLIPSIS_BYTES, utf8ByteLength, utf8Prefix } from "../utf8";
import { parseTemplate } from "./parse";

/** Values a template can use, by name. `undefined` counts as missing. */
export type TemplateVariables = Readonly<Record<string, JsonValue | undefined>>;

export interface RenderedTemplate {
  text: string;
  /** Placeholders that had no value, as written (`eventData.subject`), deduplicated, in order of appearance. */
  missing: string[];
  /** Set when the text was cut at `maxBytes`. */
  truncated?: true | undefined;
}

export interface RenderOptions {
  /**
   * The most bytes of UTF-8 the text may take. A longer text is cut (never inside a character) and ends with
   * "…"; rendering stops there, so a template that would expand to megabytes costs no more than the cap.
   */
  maxBytes?: number | undefined;
}

/**
 * Renders a template. Never throws, whatever the string.
 *
 * - Strings are inserted as is; numbers and booleans as text; objects and arrays as compact JSON.
 * - `null` renders as an empty string and is **not** reported missing: the variable exists, it is just
 *   empty (Composio payloads use `null` for absent optional fields, and "null" in a chat message is noise).
 * - A placeholder with no value renders as an empty string and is listed in `missing`.
 * - Malformed placeholders (see `parseTemplate`) render literally, so nothing the user typed is lost.
 * - Lookup of `{a.b.c}`: an own variable named exactly `a.b.c` wins; otherwise the longest leading part that
 *   is a variable name (`a.b`, then `a`) is looked up and the rest of the path walked inside it. The first
 *   of those that yields a value is used.
 * - With `maxBytes`, the text is cut at that many bytes of UTF-8 (see `RenderOptions`); placeholders after the
 *   cut are still looked up, so `missing` lists every variable with no value, as without a cap.
 *
 * @example
 * renderTemplate("New email from {emailFrom}: {payload.headers.0.name} {{draft}}", variables);
 * // { text: "New email from Jordan: Delivered-To {draft}", missing: [] }
 */
export function renderTemplate(template: string, variables: TemplateVariables, options: RenderOptions = {}): RenderedTemplate {
  const values: unknown = variables;
  const scope = values !== null && typeof values === "object" ? (values as TemplateVariables) : {};
  const maxBytes = options.maxBytes;
  let text = "";
  let bytes = 0;
  let full = false;
  const missing = new Set<string>();
  // Appends until the next piece would not fit, then stops; the final cut makes room for "…".
  const append = (piece: string) => {
    if (maxBytes === undefined) {
      text += piece;
      return;
    }
    if (full) return;
    const pieceBytes = utf8ByteLength(piece);
    if (bytes + pieceBytes <= maxBytes) {
      text += piece;
      bytes += pieceBytes;
      return;
    }
    text += utf8Prefix(piece, maxBytes - bytes);
    full = true;
  };
  // One lookup and one formatting per distinct placeholder: "{eventData}" ten thousand times over a deep payload
  // costs one JSON.stringify, not ten thousand.
  const formatted = new Map<string, string | undefined>();
  for (const segment of parseTemplate(template)) {
    if (segment.kind !== "variable") {
      append(segment.text);
      continue;
    }
    if (!formatted.has(segment.name)) {
      const value = lookupVariable(scope, segment.path);
      // Past the cut only whether a value exists matters: formatting (JSON of a whole payload) is skipped, and
      // `append` adds nothing once the text is full, so a value formatted before the cut costs nothing after it.
      formatted.set(segment.name, full ? (value === undefined ? undefined : "") : formatValue(value));
    }
    const rendered = formatted.get(segment.name);
    if (rendered === undefined) missing.add(segment.name);
    else append(rendered);
  }
  if (!full || maxBytes === undefined) return { text, missing: [...missing] };
  // A cap smaller than "…" itself gets the text cut to the cap, without it: the cap is never exceeded.
  const cut = maxBytes < ELLIPSIS_BYTES ? utf8Prefix(text, Math.max(0, maxBytes)) : utf8Prefix(text, maxBytes - ELLIPSIS_BYTES) + ELLIPSIS;
  return { text: cut, missing: [...missing], truncated: true };
}

/**
 * The value of a variable path under the rule `renderTemplate` documents, or `undefined` when there is none.
 *
 * @example
 * lookupVariable({ eventData: { subject: "Hi" } }, ["eventData", "subject"]); // "Hi"
 */
export function lookupVariable(variables: TemplateVariables, path: readonly string[]): JsonValue | undefined {
  for (let take = path.length; take >= 1; take -= 1) {
    const key = path.slice(0, take).join(".");
    if (!Object.prototype.hasOwnProperty.call(variables, key)) continue;
    const value = getPath(variables[key], path.slice(take));
    if (value !== undefined) return value;
  }
  return undefined;
}

/** Text for a value, or `undefined` when it cannot be shown (then it counts as missing). */
function formatValue(value: unknown): string | undefined {
  switch (typeof value) {
    case "string":
      return value;
    case "number":
    case "boolean":
    case "bigint":
      return String(value);
    case "object":
      if (value === null) return "";
      try {
        return JSON.stringify(value);
      } catch {
        // Not JSON (a cycle or a BigInt inside): never let one value break the whole message.
        return undefined;
      }
    default:
      return undefined;
  }
}

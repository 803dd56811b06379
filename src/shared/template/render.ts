import { getPath } from "../path";
import type { JsonValue } from "../schemas/common";
import { parseTemplate } from "./parse";

/** Values a template can use, by name. `undefined` counts as missing. */
export type TemplateVariables = Readonly<Record<string, JsonValue | undefined>>;

export interface RenderedTemplate {
  text: string;
  /** Placeholders that had no value, as written (`eventData.subject`), deduplicated, in order of appearance. */
  missing: string[];
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
 *
 * @example
 * renderTemplate("New email from {emailFrom}: {payload.headers.0.name} {{draft}}", variables);
 * // { text: "New email from Jordan: Delivered-To {draft}", missing: [] }
 */
export function renderTemplate(template: string, variables: TemplateVariables): RenderedTemplate {
  const values: unknown = variables;
  const scope = values !== null && typeof values === "object" ? (values as TemplateVariables) : {};
  let text = "";
  const missing = new Set<string>();
  for (const segment of parseTemplate(template)) {
    if (segment.kind !== "variable") {
      text += segment.text;
      continue;
    }
    const rendered = formatValue(lookupVariable(scope, segment.path));
    if (rendered === undefined) missing.add(segment.name);
    else text += rendered;
  }
  return { text, missing: [...missing] };
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

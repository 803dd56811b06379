import type { JsonObject, JsonValue } from "../schemas/common";
import { toSafeJson } from "../safe-json";
import { isValidVariableName } from "../template";
import {
  field,
  isRecord,
  MAX_SCHEMA_DEPTH,
  resolveSchema,
  schemaDescription,
  schemaExample,
  schemaTypes,
  setOwn,
  type SchemaNode,
} from "./json-schema";

/** A payload field an editor can offer, by its template path. */
export interface PayloadVariable {
  /** Template path: `subject`, `pull_request.head.ref`, `attendees.0.email`. */
  name: string;
  description?: string | undefined;
  example?: JsonValue | undefined;
  /** JSON Schema type(s) without `null`, e.g. `"string"` or `"string | integer"`. */
  type?: string | undefined;
}

/** Upper bound on the fields listed for one schema, so a huge schema cannot flood an editor. */
const MAX_PAYLOAD_VARIABLES = 500;

/**
 * Lists the fields of a trigger type's payload JSON Schema as template paths, in schema order. Nullable
 * fields (`anyOf: [X, { type: "null" }]`) read as `X`; local `$ref`s into `$defs`/`definitions` are followed;
 * nested objects add dotted paths (`a.b`), arrays of objects add `a.0.b`, down to 5 levels. Keys that cannot
 * be written in a template (spaces, dashes…) are left out (they stay reachable as JSON through `{eventData}`).
 * Never throws: anything that is not an object schema gives `[]`.
 *
 * @example
 * variablesFromPayloadSchema({ type: "object", properties: { subject: { type: "string", examples: ["Hi"] } } });
 * // [{ name: "subject", type: "string", example: "Hi" }]
 */
export function variablesFromPayloadSchema(jsonSchema: unknown): PayloadVariable[] {
  const root = resolveSchema(jsonSchema, jsonSchema);
  const variables: PayloadVariable[] = [];
  if (root) collect(root, jsonSchema, "", 0, variables);
  return variables;
}

function collect(node: SchemaNode, root: unknown, prefix: string, depth: number, out: PayloadVariable[]): void {
  const properties = field(node, "properties");
  if (!isRecord(properties)) return;
  for (const key of Object.keys(properties)) {
    if (out.length >= MAX_PAYLOAD_VARIABLES) return;
    const name = `${prefix}${key}`;
    if (!/^[A-Za-z0-9_]+$/.test(key) || !isValidVariableName(name)) continue;
    const property = resolveSchema(field(properties, key), root);
    if (!property) continue;

    const variable: PayloadVariable = { name };
    const description = schemaDescription(property);
    if (description !== undefined) variable.description = description;
    const example = schemaExample(property);
    if (example !== undefined) variable.example = example;
    const types = schemaTypes(property, root);
    if (types.length > 0) variable.type = types.join(" | ");
    out.push(variable);

    if (depth + 1 >= MAX_SCHEMA_DEPTH) continue;
    if (isRecord(field(property, "properties"))) {
      collect(property, root, `${name}.`, depth + 1, out);
    } else if (types.includes("array")) {
      const items = resolveSchema(field(property, "items"), root);
      if (items) collect(items, root, `${name}.0.`, depth + 1, out);
    }
  }
}

/**
 * Builds a plausible payload from a trigger type's payload schema, to preview templates or test a trigger
 * without a real event. Each field gets its documented example (`examples[0]`, `example`, a non-null
 * `default`, `const`, `enum[0]`), else a placeholder by type: `"Sample <title>"` for strings (a fixed date for
 * `format: date-time`), `1` for numbers, `false` for booleans, nested objects filled the same way, arrays
 * with one sample item when the item type is known. Never throws; a schema that is not an object gives `{}`.
 *
 * @example
 * sampleEventData({ type: "object", properties: { subject: { type: "string", title: "Subject" } } });
 * // { subject: "Sample Subject" }
 */
export function sampleEventData(payloadSchema: unknown): JsonObject {
  const root = resolveSchema(payloadSchema, payloadSchema);
  if (!root) return {};
  // Field names and examples come from Composio: keys superjson refuses are escaped, as in webhook event data.
  const { value } = toSafeJson(sampleObject(root, { root: payloadSchema, remaining: MAX_PAYLOAD_VARIABLES }, 0));
  return value !== null && typeof value === "object" && !Array.isArray(value) ? value : {};
}

/** Shared across one sample: the schema root for `$ref`s and how many more fields may be filled. */
interface SampleContext {
  root: unknown;
  remaining: number;
}

function sampleObject(node: SchemaNode, context: SampleContext, depth: number): JsonObject {
  const sample: JsonObject = {};
  const properties = field(node, "properties");
  if (!isRecord(properties) || depth >= MAX_SCHEMA_DEPTH) return sample;
  for (const key of Object.keys(properties)) {
    // A budget rather than a per-level cap: recursive `$ref`s would otherwise grow exponentially.
    if (context.remaining <= 0) break;
    context.remaining -= 1;
    const property = resolveSchema(field(properties, key), context.root);
    if (property) setOwn(sample, key, sampleValue(property, key, context, depth + 1));
  }
  return sample;
}

function sampleValue(node: SchemaNode, key: string, context: SampleContext, depth: number): JsonValue {
  const { root } = context;
  const example = schemaExample(node);
  if (example !== undefined) return example;
  const [type] = schemaTypes(node, root);
  switch (type) {
    case "string":
      return sampleString(node, key);
    case "integer":
    case "number":
      return 1;
    case "boolean":
      return false;
    case "object":
      return sampleObject(node, context, depth);
    case "array": {
      const items = resolveSchema(field(node, "items"), root);
      if (!items || depth >= MAX_SCHEMA_DEPTH) return [];
      const item = sampleValue(items, key, context, depth + 1);
      // An item the schema says nothing about (`{}`, a bare `{ type: "object" }`) would only add noise.
      return item === null || (isRecord(item) && Object.keys(item).length === 0) ? [] : [item];
    }
    default:
      return null;
  }
}

function sampleString(node: SchemaNode, key: string): string {
  switch (field(node, "format")) {
    case "date-time":
      return "2026-01-15T09:00:00Z";
    case "date":
      return "2026-01-15";
    case "email":
      return "someone@example.com";
    case "uri":
    case "url":
      return "https://example.com";
    default: {
      const title = field(node, "title");
      return `Sample ${typeof title === "string" && title.trim().length > 0 ? title.trim() : key}`;
    }
  }
}

import type { JsonObject, JsonValue } from "../schemas/common";
import { field, isJsonValue, isRecord, resolveSchema, schemaTypes } from "../variables/json-schema";

/**
 * One JSON-Schema → form generator for every generated form: a trigger type's settings (its config schema) and a
 * workflow's input (its input schema). It reads the top-level properties into field specs; the components render
 * them (`SchemaFieldControl`) and Ajv (`./validate`) checks the values. Bounded: at most 100 fields and 200 options
 * per enum are offered, whatever the schema holds.
 */

/** The most fields one generated form offers. */
export const MAX_FORM_FIELDS = 100;
/** The most options one enum field offers. */
export const MAX_ENUM_OPTIONS = 200;

/** Which control a field gets. `json` is the fallback for shapes a simple control cannot edit. */
export type SchemaFieldKind = "string" | "number" | "integer" | "boolean" | "enum" | "stringArray" | "json";

/** One field of a generated form, read from a JSON Schema property. */
export interface SchemaField {
  key: string;
  title: string;
  description?: string | undefined;
  kind: SchemaFieldKind;
  required: boolean;
  /** `anyOf: [X, null]`: the setting may be left unset (null). */
  nullable: boolean;
  default?: JsonValue | undefined;
  /** Allowed values of an `enum`. */
  options?: JsonValue[] | undefined;
  examples?: JsonValue[] | undefined;
  minimum?: number | undefined;
  maximum?: number | undefined;
}

function humanize(key: string): string {
  const words = key.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/[_-]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Pydantic titles like "Labelids" read worse than the key; keep a title only when it adds word breaks. */
function titleOf(node: Record<string, unknown>, key: string): string {
  const title = field(node, "title");
  const fromKey = humanize(key);
  if (typeof title !== "string" || !title.trim()) return fromKey;
  return title.includes(" ") || !/[A-Z_]/.test(key.slice(1)) ? title : fromKey;
}

function kindOf(node: Record<string, unknown>, root: unknown): { kind: SchemaFieldKind; options?: JsonValue[] | undefined } {
  const options = field(node, "enum");
  if (Array.isArray(options) && options.length > 0 && options.every((option) => isJsonValue(option))) return { kind: "enum", options: options.filter((o) => o !== null).slice(0, MAX_ENUM_OPTIONS) };
  const [type, ...others] = schemaTypes(node, root);
  if (others.length > 0 || !type) return { kind: type === undefined ? "string" : "json" };
  if (type === "string" || type === "number" || type === "integer" || type === "boolean") return { kind: type };
  if (type === "array") {
    const items = resolveSchema(field(node, "items"), root);
    if (items && schemaTypes(items, root).join() === "string") return { kind: "stringArray" };
  }
  return { kind: "json" };
}

function isNullable(raw: unknown): boolean {
  if (!isRecord(raw)) return false;
  const type = field(raw, "type");
  if (type === "null" || (Array.isArray(type) && type.includes("null"))) return true;
  const options = field(raw, "anyOf") ?? field(raw, "oneOf");
  return Array.isArray(options) && options.some((o) => isRecord(o) && field(o, "type") === "null");
}

/**
 * The fields a JSON Schema's top-level properties declare, in schema order. Never throws: a schema without
 * `properties` has no settings.
 *
 * @example
 * schemaFields({ type: "object", properties: { owner: { type: "string" } }, required: ["owner"] });
 * // [{ key: "owner", title: "Owner", kind: "string", required: true, nullable: false }]
 */
export function schemaFields(schema: unknown): SchemaField[] {
  const root = resolveSchema(schema, schema);
  const properties = root ? field(root, "properties") : undefined;
  if (!root || !isRecord(properties)) return [];
  const requiredList = field(root, "required");
  const required = new Set(Array.isArray(requiredList) ? requiredList.filter((r): r is string => typeof r === "string") : []);
  return Object.keys(properties).slice(0, MAX_FORM_FIELDS).flatMap((key): SchemaField[] => {
    const raw = field(properties, key);
    const node = resolveSchema(raw, schema);
    if (!node) return [];
    const { kind, options } = kindOf(node, schema);
    const result: SchemaField = { key, title: titleOf(node, key), kind, required: required.has(key), nullable: isNullable(raw) };
    const description = field(node, "description");
    if (typeof description === "string" && description.trim()) result.description = description.trim();
    const fallback = field(node, "default");
    if (fallback !== undefined && isJsonValue(fallback)) result.default = fallback;
    if (options) result.options = options;
    const examples = field(node, "examples");
    if (Array.isArray(examples)) result.examples = examples.filter((example) => isJsonValue(example)).slice(0, 3);
    for (const bound of ["minimum", "maximum"] as const) {
      const value = field(node, bound);
      if (typeof value === "number") result[bound] = value;
    }
    return [result];
  });
}

/** The non-null defaults of a config schema, as a new trigger's starting settings. */
export function schemaDefaults(schema: unknown): JsonObject {
  const defaults: JsonObject = {};
  for (const setting of schemaFields(schema)) if (setting.default !== undefined && setting.default !== null) Object.defineProperty(defaults, setting.key, { value: setting.default, enumerable: true, writable: true, configurable: true });
  return defaults;
}

import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { field, isRecord } from "../variables/json-schema";

/**
 * Ajv validation of a value against a JSON Schema we did not write (a trigger type's config schema, a workflow's
 * input schema), shared by the forms and the server. Each schema is compiled once (cached by its text), and only
 * when it is within bounds: compiling is code generation, and a hostile schema (very deep, huge, a 100,000-value
 * enum) would otherwise block the page or the server for minutes or overflow the stack. A schema out of bounds, or one
 * Ajv refuses, gives no validator (`null`): the caller then skips the check rather than failing the user.
 */

/** The largest schema compiled, in characters of JSON. */
export const MAX_SCHEMA_CHARS = 64_000;
/** The deepest nesting of a schema compiled. */
export const MAX_SCHEMA_NESTING = 32;
/** The most enum / const values, summed over the schema, compiled. */
export const MAX_SCHEMA_ENUM_VALUES = 1_000;
const CACHE_SIZE = 64;

/** One problem, on the top-level property it concerns (`""` for the value as a whole), in words. */
export interface SchemaProblem {
  /** The top-level property (`email`), or `""` for the value as a whole. */
  key: string;
  /** Ajv's keyword: `required`, `type`, `enum`, `minimum`, … */
  keyword: string;
  message: string;
}

export interface SchemaValidator {
  /** The problems of `value` (none: it is valid). With `useDefaults`, `value` is a copy with the schema's defaults. */
  check(value: unknown): { problems: SchemaProblem[]; value: unknown };
}

type Mode = "plain" | "defaults";
const caches: Record<Mode, Map<string, SchemaValidator | null>> = { plain: new Map(), defaults: new Map() };
let ajvs: Partial<Record<Mode, Ajv>> = {};

function ajvFor(mode: Mode): Ajv {
  ajvs[mode] ??= new Ajv({ allErrors: true, strict: false, useDefaults: mode === "defaults", validateFormats: false, addUsedSchema: false });
  return ajvs[mode];
}

/** Whether a schema is small and shallow enough to compile (see the bounds above). Never throws. */
export function schemaWithinBounds(schema: unknown): boolean {
  let enumValues = 0;
  const walk = (node: unknown, depth: number): boolean => {
    if (depth > MAX_SCHEMA_NESTING) return false;
    if (Array.isArray(node)) return node.every((item) => walk(item, depth + 1));
    if (!isRecord(node)) return true;
    const values = field(node, "enum");
    if (Array.isArray(values)) enumValues += values.length;
    if (enumValues > MAX_SCHEMA_ENUM_VALUES) return false;
    return Object.keys(node).every((key) => walk(node[key], depth + 1));
  };
  try {
    const text = JSON.stringify(schema);
    return typeof text === "string" && text.length <= MAX_SCHEMA_CHARS && walk(schema, 0);
  } catch {
    return false;
  }
}

/** A deep copy with null-prototype objects, so `__proto__` / `constructor` keys are plain data to Ajv. */
function plain(value: unknown, depth = 0): unknown {
  if (depth > 64) return null;
  if (Array.isArray(value)) return value.map((item) => plain(item, depth + 1));
  if (!isRecord(value)) return value;
  const copy = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(value)) copy[key] = plain(value[key], depth + 1);
  return copy;
}

/** Back to ordinary objects (own data properties, safe for `__proto__`). */
function ordinary(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(ordinary);
  if (value === null || typeof value !== "object") return value;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) Object.defineProperty(copy, key, { value: ordinary((value as Record<string, unknown>)[key]), enumerable: true, writable: true, configurable: true });
  return copy;
}

function titleOf(schema: unknown, property: string): string {
  const properties = isRecord(schema) ? field(schema, "properties") : undefined;
  const node = isRecord(properties) ? field(properties, property) : undefined;
  const title = isRecord(node) ? field(node, "title") : undefined;
  return typeof title === "string" && title.trim() ? title.trim() : property;
}

const TYPE_NAMES: Record<string, string> = {
  string: "text",
  number: "a number",
  integer: "a whole number",
  boolean: "true or false",
  object: "an object",
  array: "a list",
  null: "empty",
};

/** An Ajv error as a sentence on its top-level property. */
export function problemOf(error: ErrorObject, schema: unknown, whole = "The value"): SchemaProblem {
  const params = error.params as Record<string, unknown>;
  const key =
    error.keyword === "required" && error.instancePath === ""
      ? String(params.missingProperty)
      : error.keyword === "additionalProperties" && error.instancePath === ""
        ? String(params.additionalProperty)
        : (decodePointer(error.instancePath.split("/")[1]) ?? "");
  const label = key ? `"${titleOf(schema, key)}"` : whole;
  let message: string;
  switch (error.keyword) {
    case "required":
      message = `${label} is required.`;
      break;
    case "type":
      message = `${label} must be ${TYPE_NAMES[String(params.type)] ?? "of another type"}.`;
      break;
    case "enum":
      message = `${label} must be one of: ${(Array.isArray(params.allowedValues) ? params.allowedValues : []).slice(0, 20).map(String).join(", ")}.`;
      break;
    case "additionalProperties":
      message = `"${key}" is not a field of this form.`;
      break;
    default:
      message = `${label} ${error.message ?? "is not valid"}.`;
  }
  return { key, keyword: error.keyword, message };
}

function decodePointer(segment: string | undefined): string | undefined {
  return segment === undefined ? undefined : segment.replace(/~1/g, "/").replace(/~0/g, "~");
}

/**
 * The validator for `schema` (compiled once, kept in a small cache), or `null` when the schema is not an object,
 * out of bounds, or one Ajv cannot compile. `useDefaults` fills the schema's defaults into the checked copy.
 */
export function schemaValidator(schema: unknown, options: { useDefaults?: boolean | undefined } = {}): SchemaValidator | null {
  if (!isRecord(schema)) return null;
  const mode: Mode = options.useDefaults ? "defaults" : "plain";
  let text: string;
  try {
    text = JSON.stringify(schema);
  } catch {
    return null;
  }
  const cache = caches[mode];
  const cached = cache.get(text);
  if (cached !== undefined) {
    cache.delete(text);
    cache.set(text, cached);
    return cached;
  }
  let validator: SchemaValidator | null = null;
  if (schemaWithinBounds(schema)) {
    let validate: ValidateFunction | null = null;
    try {
      // Compiled from a copy, so nothing Ajv adds (or a getter in the schema) reaches the caller's object.
      validate = ajvFor(mode).compile(JSON.parse(text) as Record<string, unknown>);
    } catch {
      validate = null;
    }
    if (validate) {
      const run = validate;
      validator = {
        check(value) {
          const copy = plain(value);
          const ok = run(copy);
          return { problems: ok ? [] : (run.errors ?? []).slice(0, 50).map((e) => problemOf(e, schema)), value: ordinary(copy) };
        },
      };
    }
  }
  cache.set(text, validator);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return validator;
}

/** The problems of `value` against `schema` by top-level key (the first per key), `{}` when valid or unchecked. */
export function schemaProblems(schema: unknown, value: unknown): Record<string, string> {
  const validator = schemaValidator(schema);
  if (!validator) return {};
  const byKey: Record<string, string> = {};
  for (const problem of validator.check(value).problems) {
    if (!Object.hasOwn(byKey, problem.key)) Object.defineProperty(byKey, problem.key, { value: problem.message, enumerable: true, writable: true, configurable: true });
  }
  return byKey;
}

/** For tests: forget compiled schemas. */
export function resetSchemaValidators(): void {
  caches.plain.clear();
  caches.defaults.clear();
  ajvs = {};
}

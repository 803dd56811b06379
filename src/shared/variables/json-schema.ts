import type { JsonValue } from "../schemas/common";

/** A JSON Schema node as read from a trigger type; every field is checked before use. */
export type SchemaNode = Record<string, unknown>;

/** How deep nested objects and arrays are followed. */
export const MAX_SCHEMA_DEPTH = 5;
const MAX_REF_HOPS = 20;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Reads an own property of a schema node (never one from the prototype, e.g. `constructor`). */
export function field(node: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(node, key) ? node[key] : undefined;
}

/** Copies a node without some keys, as own data properties (safe for `__proto__` keys). */
function without(node: SchemaNode, keys: readonly string[]): SchemaNode {
  const copy: SchemaNode = {};
  for (const key of Object.keys(node)) {
    if (!keys.includes(key)) setOwn(copy, key, node[key]);
  }
  return copy;
}

/** Sets `record[key]` as an own property even when `key` is `__proto__`. */
export function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}

function isNullSchema(node: SchemaNode): boolean {
  const type = field(node, "type");
  return type === "null" || (Array.isArray(type) && type.length > 0 && type.every((t) => t === "null"));
}

function merge(base: SchemaNode, overrides: SchemaNode): SchemaNode {
  const merged = without(base, []);
  for (const key of Object.keys(overrides)) setOwn(merged, key, overrides[key]);
  return merged;
}

/**
 * Resolves the wrappers Pydantic-style schemas put around a field: a local `$ref` into `$defs` or
 * `definitions`, `anyOf`/`oneOf` with a `{ "type": "null" }` branch, a one-element `allOf`. Keywords on
 * the wrapper (`description`, `default`, `examples`) win over the target's. Unknown shapes come back as is;
 * anything that is not an object gives `undefined`.
 */
export function resolveSchema(node: unknown, root: unknown, hops = 0): SchemaNode | undefined {
  if (!isRecord(node) || hops > MAX_REF_HOPS) return undefined;
  const ref = field(node, "$ref");
  if (typeof ref === "string") {
    const target = resolveSchema(lookupRef(ref, root), root, hops + 1);
    return target === undefined ? without(node, ["$ref"]) : merge(target, without(node, ["$ref"]));
  }
  for (const keyword of ["anyOf", "oneOf"] as const) {
    const options = field(node, keyword);
    if (!Array.isArray(options)) continue;
    const nonNull = options.filter((option) => !(isRecord(option) && isNullSchema(option)));
    if (nonNull.length === 1) {
      const target = resolveSchema(nonNull[0], root, hops + 1);
      if (target !== undefined) return merge(target, without(node, [keyword]));
    }
  }
  const allOf = field(node, "allOf");
  if (Array.isArray(allOf) && allOf.length === 1) {
    const target = resolveSchema(allOf[0], root, hops + 1);
    if (target !== undefined) return merge(target, without(node, ["allOf"]));
  }
  return node;
}

function lookupRef(ref: string, root: unknown): unknown {
  const match = /^#\/(\$defs|definitions)\/([^/]+)$/.exec(ref);
  if (!match || !isRecord(root)) return undefined;
  const defs = field(root, match[1] ?? "");
  if (!isRecord(defs)) return undefined;
  let name = match[2] ?? "";
  try {
    name = decodeURIComponent(name);
  } catch {
    return undefined;
  }
  return field(defs, name.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** The non-null types a resolved node allows, e.g. `["string"]`, or `[]` when it says nothing. */
export function schemaTypes(node: SchemaNode, root: unknown): string[] {
  const type = field(node, "type");
  const types = new Set<string>();
  if (typeof type === "string") types.add(type);
  else if (Array.isArray(type)) for (const t of type) if (typeof t === "string") types.add(t);
  for (const keyword of ["anyOf", "oneOf"]) {
    const options = field(node, keyword);
    if (!Array.isArray(options)) continue;
    for (const option of options.slice(0, 20)) {
      const resolved = resolveSchema(option, root);
      if (resolved) for (const t of schemaTypes(withoutUnions(resolved), root)) types.add(t);
    }
  }
  if (types.size === 0 && isRecord(field(node, "properties"))) types.add("object");
  if (types.size === 0 && field(node, "items") !== undefined) types.add("array");
  types.delete("null");
  return [...types];
}

function withoutUnions(node: SchemaNode): SchemaNode {
  return without(node, ["anyOf", "oneOf"]);
}

/** Whether a value is plain JSON (finite numbers, plain arrays and objects), checked to a depth. */
export function isJsonValue(value: unknown, depth = 0): value is JsonValue {
  if (depth > 20) return false;
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value);
  if (Array.isArray(value)) return value.every((item) => isJsonValue(item, depth + 1));
  if (isRecord(value)) {
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return false;
    return Object.keys(value).every((key) => isJsonValue(value[key], depth + 1));
  }
  return false;
}

/** A documented example for a node: `examples[0]`, then `example`, a non-null `default`, `const`, `enum[0]`. */
export function schemaExample(node: SchemaNode): JsonValue | undefined {
  const examples = field(node, "examples");
  if (Array.isArray(examples) && examples.length > 0 && isJsonValue(examples[0])) return examples[0];
  const candidates = [field(node, "example"), field(node, "default"), field(node, "const")];
  const values = field(node, "enum");
  if (Array.isArray(values)) candidates.push(values.find((value) => value !== null));
  return candidates.find((value): value is JsonValue => value !== null && value !== undefined && isJsonValue(value));
}

/** A short human text for a node: its `description`, else its `title`. */
export function schemaDescription(node: SchemaNode): string | undefined {
  for (const key of ["description", "title"]) {
    const text = field(node, key);
    if (typeof text === "string" && text.trim().length > 0) return text.trim();
  }
  return undefined;
}

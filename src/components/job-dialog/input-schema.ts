"use client";

import type { InputValue } from "../../shared/schemas";

/** One input of a workflow, as its JSON Schema describes it, in a shape a form can render. */
export interface InputFieldSpec {
  key: string;
  label: string;
  description?: string | undefined;
  kind: "string" | "number" | "integer" | "boolean" | "enum";
  options?: string[] | undefined;
  required: boolean;
  defaultValue?: InputValue | undefined;
}

const isScalar = (value: unknown): value is string | number | boolean => ["string", "number", "boolean"].includes(typeof value);
const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value);

/**
 * The fields a form can offer for a workflow's `inputSchema` (an object schema with string, number, integer,
 * boolean or enum properties). `null` when the schema has no such properties: then the raw JSON editor is used.
 */
export function inputFieldsOf(schema: unknown): InputFieldSpec[] | null {
  if (!isRecord(schema) || !isRecord(schema.properties)) return null;
  const required = new Set(Array.isArray(schema.required) ? schema.required.filter((key): key is string => typeof key === "string") : []);
  const fields: InputFieldSpec[] = [];
  for (const [key, property] of Object.entries(schema.properties)) {
    if (!isRecord(property)) continue;
    const options = Array.isArray(property.enum) ? property.enum.filter((option): option is string => typeof option === "string") : undefined;
    const type = property.type;
    const kind = options?.length ? "enum" : type === "string" || type === "number" || type === "integer" || type === "boolean" ? type : null;
    if (!kind) continue;
    fields.push({
      key,
      label: typeof property.title === "string" ? property.title : key,
      kind,
      required: required.has(key),
      ...(typeof property.description === "string" ? { description: property.description } : {}),
      ...(options?.length ? { options } : {}),
      ...(isScalar(property.default) ? { defaultValue: property.default } : {}),
    });
  }
  return fields.length > 0 ? fields : null;
}

/** What is missing or wrong in the generated form's values, by key. */
export function inputProblems(fields: readonly InputFieldSpec[], values: Readonly<Record<string, unknown>>): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const field of fields) {
    const value = values[field.key];
    const empty = value === undefined || value === "" || value === null;
    if (empty) {
      if (field.required && field.kind !== "boolean") problems[field.key] = `Fill in ${field.label}.`;
      continue;
    }
    if ((field.kind === "number" || field.kind === "integer") && (typeof value !== "number" || !Number.isFinite(value))) {
      problems[field.key] = `${field.label} must be a number.`;
    } else if (field.kind === "integer" && !Number.isInteger(value)) {
      problems[field.key] = `${field.label} must be a whole number.`;
    }
  }
  return problems;
}

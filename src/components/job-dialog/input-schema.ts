"use client";

import { schemaFields } from "../../shared/schema-form/fields";
import { schemaProblems } from "../../shared/schema-form/validate";
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
  /** The workflow's whole input schema, for Ajv's checks of the values (set by `inputFieldsOf`). */
  schema?: unknown;
}

const isScalar = (value: unknown): value is string | number | boolean => ["string", "number", "boolean"].includes(typeof value);

/**
 * The fields a form can offer for a workflow's `inputSchema`, from the shared JSON-Schema → form generator (the one
 * the trigger settings use): string, number, integer, boolean and enum properties. `null` when the schema has no
 * such properties: then the raw JSON editor is used.
 */
export function inputFieldsOf(schema: unknown): InputFieldSpec[] | null {
  const fields: InputFieldSpec[] = [];
  for (const field of schemaFields(schema)) {
    const options = field.kind === "enum" ? (field.options ?? []).filter((option): option is string => typeof option === "string") : undefined;
    if (field.kind === "enum" ? !options?.length : !["string", "number", "integer", "boolean"].includes(field.kind)) continue;
    fields.push({
      key: field.key,
      label: field.title,
      kind: field.kind as InputFieldSpec["kind"],
      required: field.required,
      schema,
      ...(field.description ? { description: field.description } : {}),
      ...(options?.length ? { options } : {}),
      ...(isScalar(field.default) ? { defaultValue: field.default } : {}),
    });
  }
  return fields.length > 0 ? fields : null;
}

/**
 * What is missing or wrong in the generated form's values, by key: required and number checks in words, then the
 * workflow's schema through Ajv (bounds, patterns, lengths) on the fields it concerns.
 */
export function inputProblems(fields: readonly InputFieldSpec[], values: Readonly<Record<string, unknown>>): Record<string, string> {
  const problems: Record<string, string> = {};
  const set = (key: string, message: string) => Object.defineProperty(problems, key, { value: message, enumerable: true, writable: true, configurable: true });
  const given: Record<string, unknown> = {};
  for (const field of fields) {
    const value = Object.hasOwn(values, field.key) ? values[field.key] : undefined;
    const empty = value === undefined || value === "" || value === null;
    if (empty) {
      if (field.required && field.kind !== "boolean") set(field.key, `Fill in ${field.label}.`);
      continue;
    }
    Object.defineProperty(given, field.key, { value, enumerable: true, writable: true, configurable: true });
    if ((field.kind === "number" || field.kind === "integer") && (typeof value !== "number" || !Number.isFinite(value))) {
      set(field.key, `${field.label} must be a number.`);
    } else if (field.kind === "integer" && !Number.isInteger(value)) {
      set(field.key, `${field.label} must be a whole number.`);
    }
  }
  const schema = fields[0]?.schema;
  if (schema !== undefined) {
    for (const [key, message] of Object.entries(schemaProblems(schema, given))) {
      // Required fields are named above (in words the form uses); an unset one is not Ajv's to report again.
      if (key && !Object.hasOwn(problems, key) && Object.hasOwn(given, key)) set(key, message);
    }
  }
  return problems;
}

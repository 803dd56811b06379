import { Ajv, type ErrorObject } from "ajv";
import type { JsonObject } from "../../../shared/schemas";
import type { FieldError } from "../../errors";
import { InvalidInputError } from "../../errors";

function titleOf(schema: unknown, property: string): string {
  const properties = (schema as { properties?: Record<string, { title?: unknown }> | undefined } | null)?.properties;
  const title = properties?.[property]?.title;
  return typeof title === "string" && title ? title : property;
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

function sentence(error: ErrorObject, schema: unknown): FieldError {
  const property =
    error.keyword === "required" ? String((error.params as { missingProperty: string }).missingProperty) : error.instancePath.split("/").filter(Boolean)[0] ?? "";
  const label = property ? `"${titleOf(schema, property)}"` : "The configuration";
  const path = property ? `source.config.${property}` : "source.config";
  switch (error.keyword) {
    case "required":
      return { path, message: `${label} is required.` };
    case "type":
      return { path, message: `${label} must be ${TYPE_NAMES[String((error.params as { type: string }).type)] ?? "of another type"}.` };
    case "enum":
      return { path, message: `${label} must be one of: ${((error.params as { allowedValues: unknown[] }).allowedValues ?? []).map(String).join(", ")}.` };
    case "additionalProperties":
      return {
        path: `source.config.${String((error.params as { additionalProperty: string }).additionalProperty)}`,
        message: `"${String((error.params as { additionalProperty: string }).additionalProperty)}" is not a setting of this trigger.`,
      };
    default:
      return { path, message: `${label} ${error.message ?? "is not valid"}.` };
  }
}

/**
 * Checks a trigger's config against the trigger type's config JSON Schema (Ajv, all errors) and returns the
 * config with the schema's defaults filled in. Problems become field errors on `source.config.<name>`.
 */
export function validateTriggerConfig(configSchema: unknown, config: JsonObject): JsonObject {
  if (!configSchema || typeof configSchema !== "object") return config;
  const ajv = new Ajv({ allErrors: true, strict: false, useDefaults: true, validateFormats: false });
  let validate;
  try {
    validate = ajv.compile(configSchema);
  } catch {
    // A schema Ajv cannot compile is Composio's problem, not the user's: let Composio judge the config.
    return config;
  }
  const copy = structuredClone(config);
  if (validate(copy)) return copy;
  const errors = (validate.errors ?? []).map((e) => sentence(e, configSchema));
  throw new InvalidInputError(errors[0]?.message ?? "The trigger's settings are not valid.", errors);
}

import type { JsonObject } from "../../../shared/schemas";
import { schemaValidator } from "../../../shared/schema-form/validate";
import type { FieldError } from "../../errors";
import { InvalidInputError } from "../../errors";

/**
 * Checks a trigger's config against the trigger type's config JSON Schema (Ajv through the shared validator the
 * form uses, all errors) and returns the config with the schema's defaults filled in. Problems become field
 * errors on `source.config.<name>`. A schema that cannot be compiled (or is out of bounds) is Composio's
 * problem, not the user's: Composio then judges the config.
 */
export function validateTriggerConfig(configSchema: unknown, config: JsonObject): JsonObject {
  const validator = schemaValidator(configSchema, { useDefaults: true });
  if (!validator) return config;
  const { problems, value } = validator.check(config);
  if (problems.length === 0) return value as JsonObject;
  const errors: FieldError[] = problems.map((p) => ({
    path: p.key ? `source.config.${p.key}` : "source.config",
    message: p.keyword === "additionalProperties" ? `"${p.key}" is not a setting of this trigger.` : p.key ? p.message : p.message.replace(/^The value/, "The configuration"),
  }));
  throw new InvalidInputError(errors[0]?.message ?? "The trigger's settings are not valid.", errors);
}

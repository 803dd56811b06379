import type { Action } from "../schemas/action";
import { validateTemplate } from "../template";
import { field, isRecord, resolveSchema } from "../variables/json-schema";
import { schemaFields } from "./fields";

/** The required top-level fields of a workflow's input schema (at most 100), with their titles. */
export function requiredInputs(inputSchema: unknown): { key: string; title: string }[] {
  return schemaFields(inputSchema)
    .filter((f) => f.required)
    .map((f) => ({ key: f.key, title: f.title }));
}

/** The top-level property names a payload schema declares, or `null` when it declares none (nothing to check). */
function payloadTopLevel(payloadSchema: unknown): Set<string> | null {
  const root = resolveSchema(payloadSchema, payloadSchema);
  const properties = root ? field(root, "properties") : undefined;
  if (!isRecord(properties) || Object.keys(properties).length === 0) return null;
  return new Set(Object.keys(properties));
}

export interface MappingCheckInput {
  /** The trigger's action (only `workflow` actions are checked). */
  action: Action;
  /** The chosen workflow's input JSON Schema. */
  inputSchema: unknown;
  /** The trigger type's payload JSON Schema (what an event sends). */
  payloadSchema: unknown;
  /** The variables a template of this trigger can use (`eventVariableCatalog` names); empty: not checked. */
  knownVariables: readonly string[];
}

/**
 * What keeps a trigger's workflow input from giving the workflow its required fields, by input field: a required
 * field mapped to nothing, a mapping that names a field the event does not have, or (the whole payload as input) a
 * required field the event's payload schema does not declare. `{}` when it can run. The form shows these on their
 * fields before saving; the server refuses the same on save (`action.input.fields.<key>`).
 *
 * @example
 * mappingProblems({ action: { type: "workflow", workflowId: "wf", input: { mode: "fields", fields: {} } }, inputSchema: { type: "object", properties: { email: { type: "string" } }, required: ["email"] }, payloadSchema, knownVariables });
 * // { email: "The workflow needs 'email': choose what to send in it." }
 */
export function mappingProblems({ action, inputSchema, payloadSchema, knownVariables }: MappingCheckInput): Record<string, string> {
  const problems: Record<string, string> = {};
  if (action.type !== "workflow") return problems;
  const set = (key: string, message: string) => Object.defineProperty(problems, key, { value: message, enumerable: true, writable: true, configurable: true });
  const mapping = action.input;
  if (mapping?.mode === "fields") {
    for (const [key, template] of Object.entries(mapping.fields)) {
      if (!template.trim() || knownVariables.length === 0) continue;
      const unknown = validateTemplate(template, knownVariables).errors.find((e) => e.kind === "unknown");
      if (unknown) set(key, `The event has no ${unknown.name ?? "such field"}: choose one of its fields.`);
    }
    for (const { key } of requiredInputs(inputSchema)) {
      const template = Object.hasOwn(mapping.fields, key) ? mapping.fields[key] : undefined;
      if (!template?.trim()) set(key, `The workflow needs '${key}': choose what to send in it.`);
    }
    return problems;
  }
  if (mapping === undefined || mapping.mode === "payload") {
    const declared = payloadTopLevel(payloadSchema);
    if (!declared) return problems;
    for (const { key } of requiredInputs(inputSchema)) {
      if (!declared.has(key)) set(key, `The workflow needs '${key}', but this event has no ${key}: map the event's fields to the workflow's inputs.`);
    }
  }
  return problems;
}

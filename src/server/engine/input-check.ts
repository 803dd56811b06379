import { schemaValidator } from "../../shared/schema-form/validate";
import type { Action } from "../../shared/schemas";
import type { PlannerCatalog } from "../options";
import type { ExecutorCall } from "./actions";

type WorkflowCall = Extract<ExecutorCall, { type: "workflow" }>;

/**
 * Why a trigger's rendered workflow input cannot run the workflow, as one sentence, or `null`. The input is checked
 * with Ajv against the workflow's input schema (from the host's catalog); only missing required fields fail the
 * run (a field that rendered empty counts as missing), so inputs that ran before keep running when the schema
 * only disagrees on types. Without a catalog, a schema, or a schema Ajv can compile, nothing is checked.
 *
 * @example
 * "The workflow needs 'email', but the event had no sender.email."
 */
export function workflowInputProblem(action: Action, call: WorkflowCall, inputSchema: unknown): string | null {
  const validator = schemaValidator(inputSchema);
  if (!validator || call.input === null || typeof call.input !== "object" || Array.isArray(call.input)) return null;
  const unfilled = call.unfilled ?? {};
  // A field that rendered empty was not given: the workflow sees it as missing.
  const given: Record<string, unknown> = {};
  for (const key of Object.keys(call.input)) {
    if (!Object.hasOwn(unfilled, key)) Object.defineProperty(given, key, { value: (call.input as Record<string, unknown>)[key], enumerable: true, writable: true, configurable: true });
  }
  const missing = validator.check(given).problems.filter((p) => p.keyword === "required" && p.key);
  if (missing.length === 0) return null;
  const sentences = missing.slice(0, 3).map(({ key }) => {
    const mapping = action.type === "workflow" ? action.input : undefined;
    if (mapping?.mode === "fields") {
      if (!Object.hasOwn(mapping.fields, key)) return `The workflow needs '${key}', but this trigger maps nothing to it.`;
      const variables = Object.hasOwn(unfilled, key) ? (unfilled[key] ?? []) : [];
      return variables.length > 0
        ? `The workflow needs '${key}', but the event had no ${variables.join(" or ")}.`
        : `The workflow needs '${key}', but its template rendered empty for this event.`;
    }
    if (mapping?.mode === "static") return `The workflow needs '${key}', but the trigger's fixed input has no '${key}'.`;
    return `The workflow needs '${key}', but the event had no ${key}.`;
  });
  const more = missing.length - sentences.length;
  return sentences.join(" ") + (more > 0 ? ` (${more} more required field${more === 1 ? "" : "s"} missing.)` : "");
}

/** The workflow's input schema from the host's catalog, `undefined` when there is none or the catalog fails. */
export async function workflowInputSchema(catalog: PlannerCatalog | undefined, agentId: string, workflowId: string): Promise<unknown> {
  if (!catalog) return undefined;
  try {
    return (await catalog.workflows(agentId)).find((w) => w.id === workflowId)?.inputSchema;
  } catch {
    return undefined;
  }
}

import { mappingProblems } from "../../../shared/schema-form/mapping";
import type { Action, TriggerSource } from "../../../shared/schemas";
import { eventVariableCatalog } from "../../../shared/variables";
import type { ComposioGateway } from "../../composio";
import { workflowInputSchema } from "../../engine/input-check";
import { InvalidInputError } from "../../errors";
import type { TriggersContext } from "./context";


/**
 * Refuses a trigger whose workflow input cannot give the workflow its required fields (the workflow's input schema
 * from the host's catalog against the mapping and the event's payload schema): each problem on its field,
 * `action.input.fields.<key>` for a mapping, `action.input` for the whole payload. Nothing to check without a
 * workflow action, a catalog or an input schema; a payload schema Composio cannot give only skips the payload checks.
 */
export async function assertWorkflowInput(ctx: TriggersContext, gateway: ComposioGateway, agentId: string, action: Action, source: Pick<TriggerSource, "toolkit" | "triggerSlug">): Promise<void> {
  if (action.type !== "workflow") return;
  const inputSchema = await workflowInputSchema(ctx.deps.catalog, agentId, action.workflowId);
  if (!inputSchema) return;
  let payloadSchema: unknown;
  try {
    payloadSchema = (await gateway.getTriggerType(source.triggerSlug)).payload;
  } catch {
    payloadSchema = undefined;
  }
  const knownVariables = payloadSchema === undefined ? [] : eventVariableCatalog({ toolkit: source.toolkit, triggerSlug: source.triggerSlug, payloadSchema }).map((v) => v.name);
  const problems = Object.entries(mappingProblems({ action, inputSchema, payloadSchema, knownVariables }));
  if (problems.length === 0) return;
  const byField = action.input?.mode === "fields";
  throw new InvalidInputError(
    problems[0]![1],
    problems.map(([key, message]) => ({ path: byField ? `action.input.fields.${key}` : "action.input", message })),
  );
}

"use client";

import { useQuery } from "@tanstack/react-query";
import { useWatch, type Control } from "react-hook-form";
import { usePlanner } from "../../client/trpc";
import { mappingProblems } from "../../shared/schema-form/mapping";
import { actionFormToAction, type TriggerForm } from "../../shared/schemas";
import { useVariableCatalog } from "../template-editor";

/**
 * The trigger's workflow input checked against the chosen workflow's required inputs, live: by input field, what the
 * server would refuse on save (`mappingProblems`, the same function). Empty while the catalogs load.
 */
export function useMappingProblems(agentId: string, control: Control<TriggerForm>, payloadSchema: unknown): Record<string, string> {
  const trpc = usePlanner();
  const [action, triggerSlug] = useWatch({ control, name: ["action", "source.triggerSlug"] });
  const workflows = useQuery({ ...trpc.catalog.workflows.queryOptions({ agentId }), enabled: action.type === "workflow" });
  const catalog = useVariableCatalog(triggerSlug && action.type === "workflow" ? { kind: "trigger", agentId, triggerSlug } : null);
  if (action.type !== "workflow" || !workflows.data || !catalog.data) return {};
  const inputSchema = workflows.data.find((w) => w.id === action.workflowId)?.inputSchema;
  if (!inputSchema) return {};
  return mappingProblems({
    action: actionFormToAction(action),
    inputSchema,
    payloadSchema,
    knownVariables: payloadSchema === undefined ? [] : catalog.data.map((v) => v.name),
  });
}

import { DEMO_WORKFLOWS } from "./catalog";
import type { Planner, RunSource } from "agent-planner/server";

/** Names of the agent's jobs and triggers by `kind:id`, for the host's own tabs. */
export async function ownerNames(planner: Planner, agentId: string): Promise<(source: RunSource) => string | null> {
  const config = await planner.deps.store.get(agentId);
  const names = new Map<string, string>();
  for (const job of config.jobs) names.set(`job:${job.id}`, job.name);
  for (const trigger of config.triggers) names.set(`trigger:${trigger.id}`, trigger.name);
  return (source) => names.get(`${source.kind}:${source.id}`) ?? null;
}

/** A workflow's name from the demo catalog ("Qualify lead"), its id when unknown. */
export function workflowName(workflowId: string): string {
  return DEMO_WORKFLOWS.find((workflow) => workflow.id === workflowId)?.name ?? workflowId;
}

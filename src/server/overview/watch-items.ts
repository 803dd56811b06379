import type { PlannerConfig } from "../../shared/schemas";
import type { PlannerDeps } from "../deps";
import type { AttentionItem } from "./attention";
import { findOverdueJobs, overdueGraceMs, overdueItem } from "./overdue";
import { findSilentTriggers, silentItem } from "./silent";

/**
 * The attention items with overdue jobs and silent triggers added, computed on read from the schedule, the run
 * history and the deliveries (so they show when no scheduler runs). One item per job or trigger: an item that already
 * has a problem keeps it. Overdue jobs come first (nothing runs until someone looks), silent triggers last.
 */
export async function watchAttentionItems(deps: Pick<PlannerDeps, "store" | "clock" | "limits" | "composio">, agentId: string, planner: PlannerConfig, items: AttentionItem[]): Promise<AttentionItem[]> {
  const now = deps.clock();
  const taken = new Set(items.map((item) => `${item.kind}:${item.id}`));
  const [overdue, silent] = await Promise.all([
    findOverdueJobs(deps.store, agentId, planner.jobs, now, overdueGraceMs(deps.limits.misfireGraceMs)),
    findSilentTriggers(deps.store, agentId, planner.triggers, now, deps.composio),
  ]);
  const overdueItems = overdue.filter((entry) => !taken.has(`job:${entry.job.id}`)).map((entry) => overdueItem(entry, now));
  const silentItems = silent.filter((entry) => !taken.has(`trigger:${entry.trigger.id}`)).map((entry) => silentItem(entry, now));
  return [...overdueItems, ...items, ...silentItems];
}

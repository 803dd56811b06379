import type { Job, OverviewInput } from "../../../shared/schemas";
import type { OverviewContext } from "./context";
import { attentionItems } from "../../overview/attention";
import { type DetailedAttentionItem, withRunDetails } from "../../overview/attention-details";
import { watchAttentionItems } from "../../overview/watch-items";
import type { PlannerStore } from "../../store/port";

export type { AttentionCause, AttentionItem, AttentionProblem, RecoveryAction } from "../../overview/attention";
export type { AttentionLogEntry, DetailedAttentionItem } from "../../overview/attention-details";

const DAY_MS = 24 * 60 * 60_000;

/** The summary strip and the needs-attention banner of one agent's planner. */
export interface PlannerOverview {
  /** `active` are enabled, `paused` are not: `active + paused = total`. */
  jobs: { total: number; active: number; paused: number };
  /** `broken` lost their connection (enabled or not); `active` are enabled and not broken; `paused` are not enabled. */
  triggers: { total: number; active: number; paused: number; broken: number };
  /** Runs created in the 24 hours before now (`since`), of every job and trigger; as far as run history reaches. */
  runsLast24h: { since: string; total: number; succeeded: number; failed: number };
  /** The enabled job due soonest, or `null` when none is scheduled. */
  nextJob: { id: string; name: string; at: string } | null;
  attention: { count: number; items: DetailedAttentionItem[] };
}

function nextJobDue(jobs: readonly Job[]): PlannerOverview["nextJob"] {
  let next: PlannerOverview["nextJob"] = null;
  for (const job of jobs) {
    const at = job.state.nextRunAt;
    if (!job.enabled || !at) continue;
    if (!next || Date.parse(at) < Date.parse(next.at)) next = { id: job.id, name: job.name, at };
  }
  return next;
}

/** Counts the agent's runs created at or after `since`, reading history newest first until it is older. */
async function countRunsSince(store: PlannerStore, agentId: string, since: number): Promise<Omit<PlannerOverview["runsLast24h"], "since">> {
  const counts = { total: 0, succeeded: 0, failed: 0 };
  let cursor: string | null = null;
  do {
    const page = await store.listAgentRuns(agentId, { cursor, limit: 100 });
    for (const run of page.items) {
      if (Date.parse(run.createdAt) < since) return counts;
      counts.total++;
      if (run.status === "succeeded") counts.succeeded++;
      if (run.status === "failed") counts.failed++;
    }
    cursor = page.nextCursor;
  } while (cursor);
  return counts;
}

/** Counts for the summary strip and the items of the needs-attention banner. */
export async function overviewHandler({ ctx, input }: { ctx: OverviewContext; input: OverviewInput }): Promise<PlannerOverview> {
  const { store, clock, limits } = ctx.deps;
  const since = clock().getTime() - DAY_MS;
  const [planner, runs] = await Promise.all([store.get(input.agentId), countRunsSince(store, input.agentId, since)]);
  const enabledJobs = planner.jobs.filter((job) => job.enabled).length;
  const enabledTriggers = planner.triggers.filter((trigger) => trigger.enabled).length;
  const broken = planner.triggers.filter((trigger) => trigger.state.connectionError).length;
  const watched = await watchAttentionItems(ctx.deps, input.agentId, planner, attentionItems(planner, limits.autoPauseAfter));
  const items = await withRunDetails(store, input.agentId, watched);
  // Computed on read, notified on read too: an overdue job is told even when no scheduler is running.
  void ctx.deps.watch?.agent(input.agentId);
  return {
    jobs: { total: planner.jobs.length, active: enabledJobs, paused: planner.jobs.length - enabledJobs },
    triggers: {
      total: planner.triggers.length,
      active: planner.triggers.filter((trigger) => trigger.enabled && !trigger.state.connectionError).length,
      paused: planner.triggers.length - enabledTriggers,
      broken,
    },
    runsLast24h: { since: new Date(since).toISOString(), ...runs },
    nextJob: nextJobDue(planner.jobs),
    attention: { count: items.length, items },
  };
}

import type { Job, PlannerConfig, Trigger } from "../../shared/schemas";
import { type DueRef, type PlannerIndex, indexEntryOf, sameEntry } from "./due-index";
import type { FileIndex } from "./file-index";
import type { DueJob } from "./port";
import { checkDate, checkDueLimit } from "./validate";

/** What the index lookups need: the index and a way to read an agent's planner from its config file. */
export interface Lookups {
  index: FileIndex;
  /** The agent's effective planner (configuration with current runtime state; treat it as read-only). */
  readPlanner(agentId: string): Promise<PlannerConfig>;
  /** The agent's trigger with this Composio id, as stored now (a copy), without reading the whole planner. */
  readComposioTrigger(agentId: string, composioTriggerId: string): Promise<Trigger | null>;
}

type Confirmed = DueRef & { job: Job };

/** Fixes an agent's index entry when it disagrees with the planner just read from its config. */
async function repair(lookups: Lookups, index: PlannerIndex, agentId: string, planner: PlannerConfig) {
  if (!sameEntry(indexEntryOf(planner), index.get(agentId))) await lookups.index.reconcile(agentId);
}

/** Reads an agent's planner and repairs its index entry; `null` when the config is unreadable. */
async function verify(lookups: Lookups, index: PlannerIndex, agentId: string): Promise<PlannerConfig | null> {
  let planner: PlannerConfig;
  try {
    planner = await lookups.readPlanner(agentId);
  } catch {
    // One unreadable config must not stop every other agent's jobs; reading that agent reports the error.
    return null;
  }
  await repair(lookups, index, agentId, planner);
  return planner;
}

function compareDue(a: DueRef, b: DueRef): number {
  if (a.at !== b.at) return a.at - b.at;
  return a.agentId < b.agentId ? -1 : a.agentId > b.agentId ? 1 : a.jobId < b.jobId ? -1 : a.jobId > b.jobId ? 1 : 0;
}

/**
 * The due jobs per the agent files, found through the index: walk the index's due entries in time order and
 * confirm each agent against its config file (which also repairs stale entries). The walk stops once `limit`
 * confirmed jobs are known and the index has no earlier entry left, so a tick reads a few files, not all of them.
 */
export async function findDueJobs(lookups: Lookups, now: Date, limit: number): Promise<DueJob[]> {
  checkDueLimit(limit);
  const nowMs = checkDate(now, "now");
  const confirmed: Confirmed[] = [];
  const visited = new Set<string>();
  let after: DueRef | undefined;
  // The same object throughout: the index is updated in place (also by `reconcile`).
  const index = await lookups.index.current();
  walk: for (;;) {
    const batch = index.dueRefs(nowMs, Math.max(limit, 32), after);
    if (batch.length === 0) break;
    for (const ref of batch) {
      after = ref;
      if (confirmed.length >= limit) {
        confirmed.sort(compareDue);
        if (ref.at > confirmed[limit - 1]!.at) break walk;
      }
      if (visited.has(ref.agentId)) continue;
      visited.add(ref.agentId);
      const planner = await verify(lookups, index, ref.agentId);
      for (const job of planner?.jobs ?? []) {
        const nextRunAt = job.state.nextRunAt;
        const at = nextRunAt === undefined ? NaN : Date.parse(nextRunAt);
        if (job.enabled && nextRunAt !== undefined && at <= nowMs) {
          confirmed.push({ agentId: ref.agentId, jobId: job.id, nextRunAt, at, job });
        }
      }
    }
  }
  return confirmed
    .sort(compareDue)
    .slice(0, limit)
    .map(({ agentId, jobId, nextRunAt, job }) => ({ agentId, jobId, nextRunAt, job: structuredClone(job) }));
}

/** The earliest `nextRunAt` in the index, after confirming (and repairing) the agent that holds it. */
export async function verifiedNextDueAt(lookups: Lookups): Promise<Date | null> {
  const confirmed = new Set<string>();
  const index = await lookups.index.current();
  for (;;) {
    const earliest = index.earliest();
    if (!earliest) return null;
    if (confirmed.has(earliest.agentId)) return new Date(earliest.at);
    confirmed.add(earliest.agentId);
    await verify(lookups, index, earliest.agentId);
  }
}

/** The trigger with this Composio id, read from its agent's config (the index only says which agent to read). */
export async function findTrigger(
  lookups: Lookups,
  composioTriggerId: string,
): Promise<{ agentId: string; trigger: Trigger } | null> {
  const index = await lookups.index.current();
  for (const agentId of index.agentsWithComposioId(composioTriggerId)) {
    // Unlike a tick, a webhook for an unreadable agent should fail loudly (Composio retries) rather than be dropped.
    const trigger = await lookups.readComposioTrigger(agentId, composioTriggerId);
    if (trigger) return { agentId, trigger };
    // The index was wrong about this agent: fix its entry.
    await repair(lookups, index, agentId, await lookups.readPlanner(agentId));
  }
  return null;
}

/** Triggers attached to a connected account: reads only the agents the index lists with Composio triggers. */
export async function findTriggersByAccount(
  lookups: Lookups,
  connectedAccountId: string,
): Promise<Array<{ agentId: string; trigger: Trigger }>> {
  const index = await lookups.index.current();
  const found: Array<{ agentId: string; trigger: Trigger }> = [];
  for (const [agentId, entry] of index.entries()) {
    if (entry.triggers.length === 0) continue;
    const planner = await lookups.readPlanner(agentId);
    for (const trigger of planner.triggers) {
      if (trigger.source.connectedAccountId === connectedAccountId) found.push({ agentId, trigger: structuredClone(trigger) });
    }
  }
  return found;
}

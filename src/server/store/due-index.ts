import type { PlannerConfig } from "../../shared/schemas";

/** What the index knows about one agent: its enabled scheduled jobs and its Composio-linked triggers. */
export interface AgentIndexEntry {
  /** `[jobId, nextRunAt]` of every enabled job that has a next run. */
  jobs: Array<[jobId: string, nextRunAt: string]>;
  /** `[composioTriggerId, triggerId]` of every trigger linked to Composio (enabled or not). */
  triggers: Array<[composioTriggerId: string, triggerId: string]>;
}

/** A due-job entry in the index; `at` is `nextRunAt` in epoch ms (ISO strings of mixed precision don't sort). */
export interface DueRef {
  agentId: string;
  jobId: string;
  nextRunAt: string;
  at: number;
}

export function indexEntryOf(planner: PlannerConfig): AgentIndexEntry {
  return {
    jobs: planner.jobs.flatMap((job) =>
      job.enabled && job.state.nextRunAt !== undefined ? [[job.id, job.state.nextRunAt] as [string, string]] : [],
    ),
    triggers: planner.triggers.flatMap((trigger) =>
      trigger.composioTriggerId ? [[trigger.composioTriggerId, trigger.id] as [string, string]] : [],
    ),
  };
}

export function isEmptyEntry(entry: AgentIndexEntry): boolean {
  return entry.jobs.length === 0 && entry.triggers.length === 0;
}

export function sameEntry(a: AgentIndexEntry | undefined, b: AgentIndexEntry | undefined): boolean {
  const empty = { jobs: [], triggers: [] };
  return JSON.stringify(a ?? empty) === JSON.stringify(b ?? empty);
}

function compareRefs(a: DueRef, b: DueRef): number {
  if (a.at !== b.at) return a.at - b.at;
  if (a.agentId !== b.agentId) return a.agentId < b.agentId ? -1 : 1;
  return a.jobId < b.jobId ? -1 : a.jobId > b.jobId ? 1 : 0;
}

/**
 * The in-memory index both stores use: due entries kept sorted by `nextRunAt` (binary search on insert and
 * remove), so finding the due jobs costs O(log n + due) rather than a scan of every job, plus a map from
 * Composio trigger id to agents.
 */
export interface PlannerIndex {
  get(agentId: string): AgentIndexEntry | undefined;
  /** Replaces one agent's entry (`undefined` or an empty entry removes it). */
  set(agentId: string, entry: AgentIndexEntry | undefined): void;
  /** Replaces everything at once (sorting once rather than inserting one by one). */
  reset(entries: Map<string, AgentIndexEntry>): void;
  /** Up to `max` due entries with `at <= nowMs`, in order, starting after `after` when given. */
  dueRefs(nowMs: number, max: number, after?: DueRef): DueRef[];
  earliest(): DueRef | undefined;
  agentsWithComposioId(composioTriggerId: string): string[];
  entries(): Map<string, AgentIndexEntry>;
  /** Agents with an entry. */
  size(): number;
}

export function createPlannerIndex(): PlannerIndex {
  let byAgent = new Map<string, AgentIndexEntry>();
  let sorted: DueRef[] = [];
  let byComposioId = new Map<string, Set<string>>();

  /** Index of the first ref that sorts after `ref` (or equal to it when `inclusive`). */
  function position(ref: DueRef, inclusive: boolean): number {
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const order = compareRefs(sorted[mid]!, ref);
      if (order < 0 || (order === 0 && !inclusive)) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  function refsOf(agentId: string, entry: AgentIndexEntry): DueRef[] {
    return entry.jobs.flatMap(([jobId, nextRunAt]) => {
      const at = Date.parse(nextRunAt);
      return Number.isNaN(at) ? [] : [{ agentId, jobId, nextRunAt, at }];
    });
  }

  function linkTriggers(agentId: string, entry: AgentIndexEntry) {
    for (const [composioId] of entry.triggers) {
      let agents = byComposioId.get(composioId);
      if (!agents) byComposioId.set(composioId, (agents = new Set()));
      agents.add(agentId);
    }
  }

  function unlink(agentId: string, entry: AgentIndexEntry) {
    for (const ref of refsOf(agentId, entry)) {
      const at = position(ref, true);
      if (at < sorted.length && compareRefs(sorted[at]!, ref) === 0) sorted.splice(at, 1);
    }
    for (const [composioId] of entry.triggers) {
      const agents = byComposioId.get(composioId);
      agents?.delete(agentId);
      if (agents?.size === 0) byComposioId.delete(composioId);
    }
  }

  return {
    get: (agentId) => byAgent.get(agentId),
    set(agentId, entry) {
      const previous = byAgent.get(agentId);
      if (previous) unlink(agentId, previous);
      if (!entry || isEmptyEntry(entry)) {
        byAgent.delete(agentId);
        return;
      }
      const copy = structuredClone(entry);
      byAgent.set(agentId, copy);
      for (const ref of refsOf(agentId, copy)) sorted.splice(position(ref, true), 0, ref);
      linkTriggers(agentId, copy);
    },
    reset(entries) {
      byAgent = new Map();
      byComposioId = new Map();
      sorted = [];
      for (const [agentId, entry] of entries) {
        if (isEmptyEntry(entry)) continue;
        const copy = structuredClone(entry);
        byAgent.set(agentId, copy);
        for (const ref of refsOf(agentId, copy)) sorted.push(ref);
        linkTriggers(agentId, copy);
      }
      sorted.sort(compareRefs);
    },
    dueRefs(nowMs, max, after) {
      const result: DueRef[] = [];
      for (let i = after ? position(after, false) : 0; i < sorted.length && result.length < max; i++) {
        const ref = sorted[i]!;
        if (ref.at > nowMs) break;
        result.push({ ...ref });
      }
      return result;
    },
    earliest: () => (sorted[0] ? { ...sorted[0] } : undefined),
    agentsWithComposioId: (composioTriggerId) => [...(byComposioId.get(composioTriggerId) ?? [])],
    entries: () => new Map(byAgent),
    size: () => byAgent.size,
  };
}

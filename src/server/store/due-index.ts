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
  if (a.jobId !== b.jobId) return a.jobId < b.jobId ? -1 : 1;
  // Only a malformed entry listing one job twice gets here; a total order lets `remove` find the exact ref.
  return a.nextRunAt < b.nextRunAt ? -1 : a.nextRunAt > b.nextRunAt ? 1 : 0;
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
    return entry.jobs.flatMap((pair) => refOf(agentId, pair) ?? []);
  }

  function linkTriggers(agentId: string, triggers: AgentIndexEntry["triggers"]) {
    for (const [composioId] of triggers) {
      let agents = byComposioId.get(composioId);
      if (!agents) byComposioId.set(composioId, (agents = new Set()));
      agents.add(agentId);
    }
  }

  function refOf(agentId: string, [jobId, nextRunAt]: [string, string]): DueRef | null {
    const at = Date.parse(nextRunAt);
    return Number.isNaN(at) ? null : { agentId, jobId, nextRunAt, at };
  }

  function insert(ref: DueRef) {
    sorted.splice(position(ref, true), 0, ref);
  }

  function remove(ref: DueRef) {
    const at = position(ref, true);
    if (at < sorted.length && compareRefs(sorted[at]!, ref) === 0) sorted.splice(at, 1);
  }

  /**
   * Moves only the refs that differ between an agent's old and new jobs: each splice shifts the whole sorted
   * array, and a tick changes one job of an agent that may have a hundred. Counted as multisets, so a log entry
   * that lists a job twice is handled like the full remove-and-insert would.
   */
  function updateRefs(agentId: string, before: AgentIndexEntry["jobs"], after: AgentIndexEntry["jobs"]) {
    const key = ([jobId, nextRunAt]: [string, string]) => `${jobId.length}:${jobId}${nextRunAt}`;
    const surplus = new Map<string, number>();
    for (const pair of before) {
      const k = key(pair);
      surplus.set(k, (surplus.get(k) ?? 0) + 1);
    }
    const added: Array<[string, string]> = [];
    for (const pair of after) {
      const k = key(pair);
      const left = surplus.get(k) ?? 0;
      if (left > 0) surplus.set(k, left - 1);
      else added.push(pair);
    }
    for (const pair of before) {
      const k = key(pair);
      const left = surplus.get(k) ?? 0;
      if (left === 0) continue;
      surplus.set(k, left - 1);
      const ref = refOf(agentId, pair);
      if (ref) remove(ref);
    }
    for (const pair of added) {
      const ref = refOf(agentId, pair);
      if (ref) insert(ref);
    }
  }

  function updateLinks(agentId: string, before: AgentIndexEntry["triggers"], after: AgentIndexEntry["triggers"]) {
    const kept = new Set(after.map(([composioId]) => composioId));
    for (const [composioId] of before) {
      if (kept.has(composioId)) continue;
      const agents = byComposioId.get(composioId);
      agents?.delete(agentId);
      if (agents?.size === 0) byComposioId.delete(composioId);
    }
    linkTriggers(agentId, after);
  }

  return {
    get: (agentId) => byAgent.get(agentId),
    set(agentId, entry) {
      const previous = byAgent.get(agentId);
      const next = entry && !isEmptyEntry(entry) ? structuredClone(entry) : undefined;
      updateRefs(agentId, previous?.jobs ?? [], next?.jobs ?? []);
      updateLinks(agentId, previous?.triggers ?? [], next?.triggers ?? []);
      if (next) byAgent.set(agentId, next);
      else byAgent.delete(agentId);
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
        linkTriggers(agentId, copy.triggers);
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

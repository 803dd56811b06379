import type { PlannerConfig } from "../../../shared/schemas/index";

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
  return samePairs(a?.jobs ?? [], b?.jobs ?? []) && samePairs(a?.triggers ?? [], b?.triggers ?? []);
}

function samePairs(a: ReadonlyArray<readonly [string, string]>, b: ReadonlyArray<readonly [string, string]>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i]![0] !== b[i]![0] || a[i]![1] !== b[i]![1]) return false;
  }
  return true;
}

const copyPairs = (pairs: ReadonlyArray<readonly [string, string]>): Array<[string, string]> => pairs.map(([a, b]) => [a, b]);

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
  /**
   * Changes only the listed jobs of an agent: `[jobId, nextRunAt]`, or `[jobId, undefined]` for a job that no
   * longer has a next run (disabled, paused, deleted). What a tick's claim needs, at O(log n) per job rather
   * than O(jobs of the agent). A job new to the entry is appended, so the entry's order may then differ from
   * `indexEntryOf` (which the memory store, the only caller, never compares it with).
   */
  patchJobs(agentId: string, updates: ReadonlyArray<readonly [jobId: string, nextRunAt: string | undefined]>): void;
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

/** One agent in the index: its entry, and the sorted-array ref of each of its jobs that has a valid next run. */
interface AgentSlot {
  entry: AgentIndexEntry;
  refs: Map<string, DueRef>;
}

export function createPlannerIndex(): PlannerIndex {
  let byAgent = new Map<string, AgentSlot>();
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

  function linkTriggers(agentId: string, triggers: AgentIndexEntry["triggers"]) {
    for (const [composioId] of triggers) {
      let agents = byComposioId.get(composioId);
      if (!agents) byComposioId.set(composioId, (agents = new Set()));
      agents.add(agentId);
    }
  }

  function refOf(agentId: string, jobId: string, nextRunAt: string): DueRef | null {
    const at = Date.parse(nextRunAt);
    return Number.isNaN(at) ? null : { agentId, jobId, nextRunAt, at };
  }

  function insert(ref: DueRef) {
    sorted.splice(position(ref, true), 0, ref);
  }

  function remove(ref: DueRef) {
    const at = position(ref, true);
    if (at < sorted.length && sorted[at] === ref) sorted.splice(at, 1);
  }

  /**
   * The refs of an agent's new jobs, moving only those that differ from its old ones: each splice shifts the
   * whole sorted array, and most changes touch one job of an agent that may have a hundred. A job listed twice
   * (only a malformed log line does that) counts once, with its first next run.
   */
  function updateRefs(agentId: string, before: Map<string, DueRef>, jobs: AgentIndexEntry["jobs"]): Map<string, DueRef> {
    const refs = new Map<string, DueRef>();
    for (const [jobId, nextRunAt] of jobs) {
      if (refs.has(jobId)) continue;
      const old = before.get(jobId);
      if (old && old.nextRunAt === nextRunAt) {
        refs.set(jobId, old);
        continue;
      }
      const ref = refOf(agentId, jobId, nextRunAt);
      if (!ref) continue;
      insert(ref);
      refs.set(jobId, ref);
    }
    for (const [jobId, old] of before) if (refs.get(jobId) !== old) remove(old);
    return refs;
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
    get: (agentId) => byAgent.get(agentId)?.entry,
    set(agentId, entry) {
      const previous = byAgent.get(agentId);
      const next = entry && !isEmptyEntry(entry) ? { jobs: copyPairs(entry.jobs), triggers: copyPairs(entry.triggers) } : undefined;
      const refs = updateRefs(agentId, previous?.refs ?? new Map<string, DueRef>(), next?.jobs ?? []);
      updateLinks(agentId, previous?.entry.triggers ?? [], next?.triggers ?? []);
      if (next) byAgent.set(agentId, { entry: next, refs });
      else byAgent.delete(agentId);
    },
    patchJobs(agentId, updates) {
      let slot = byAgent.get(agentId);
      for (const [jobId, nextRunAt] of updates) {
        const old = slot?.refs.get(jobId);
        const listed = slot ? slot.entry.jobs.findIndex(([id]) => id === jobId) : -1;
        if (listed >= 0 && slot!.entry.jobs[listed]![1] === nextRunAt) continue;
        if (listed < 0 && nextRunAt === undefined) continue;
        slot ??= { entry: { jobs: [], triggers: [] }, refs: new Map() };
        if (old) {
          remove(old);
          slot.refs.delete(jobId);
        }
        if (nextRunAt === undefined) {
          slot.entry.jobs.splice(listed, 1);
        } else {
          if (listed >= 0) slot.entry.jobs[listed] = [jobId, nextRunAt];
          else slot.entry.jobs.push([jobId, nextRunAt]);
          const ref = refOf(agentId, jobId, nextRunAt);
          if (ref) {
            insert(ref);
            slot.refs.set(jobId, ref);
          }
        }
      }
      if (!slot) return;
      if (isEmptyEntry(slot.entry)) byAgent.delete(agentId);
      else byAgent.set(agentId, slot);
    },
    reset(entries) {
      byAgent = new Map();
      byComposioId = new Map();
      sorted = [];
      for (const [agentId, entry] of entries) {
        if (isEmptyEntry(entry)) continue;
        const copy = { jobs: copyPairs(entry.jobs), triggers: copyPairs(entry.triggers) };
        const refs = new Map<string, DueRef>();
        for (const [jobId, nextRunAt] of copy.jobs) {
          const ref = refs.has(jobId) ? null : refOf(agentId, jobId, nextRunAt);
          if (!ref) continue;
          refs.set(jobId, ref);
          sorted.push(ref);
        }
        byAgent.set(agentId, { entry: copy, refs });
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
    entries: () => new Map([...byAgent].map(([agentId, slot]) => [agentId, slot.entry])),
    size: () => byAgent.size,
  };
}

import { AGENT_EDIT_LOG_LIMIT, EDIT_LOG_LIMIT, type EditEntry, type JobState, type Run, type TriggerState } from "../../../shared/schemas";
import { editsBeyondLimits } from "../core/edit-log";
import type { Stamped } from "../core/agent-runtime";
import type { DueEntry, RuntimeBackend, RuntimeSnapshot, RuntimeWrite } from "../core/runtime-backend";
import { createPlannerIndex } from "../core/due-index";
import { StoreClosedError } from "../errors";
import { createKeyedMutex } from "../core/keyed-mutex";
import type { DeliveryRecord } from "../port";

interface AgentData {
  version: number;
  runs: Map<string, Run>;
  jobs: Map<string, Stamped<JobState>>;
  triggers: Map<string, Stamped<TriggerState>>;
  deliveries: Map<string, number>;
  /** The size of `deliveries` after the last prune. */
  deliveriesPrunedAt: number;
  configRevision: string;
  due: Map<string, string>;
  composioIds: string[];
  /** Delivery log per trigger, oldest first. */
  deliveryLog: Map<string, unknown[]>;
  /** The edit log, oldest first. */
  edits: Array<{ seq: number; owner: string; entry: EditEntry }>;
}

/**
 * A runtime backend in memory: for tests, Storybook and demos that need no persistence. No Node imports, so it
 * runs in a browser. What a transaction commits is kept as handed over (see `RuntimeTransaction.commit`); every
 * read answers a copy.
 */
export function memoryRuntime(): RuntimeBackend {
  const agents = new Map<string, AgentData>();
  const index = createPlannerIndex();
  const mutex = createKeyedMutex();
  const deliveries = new Map<string, number>();
  let deliveriesPrunedAt = 0;
  let editSeq = 0;
  let closed = false;

  function open() {
    if (closed) throw new StoreClosedError();
  }

  function dataOf(agentId: string): AgentData {
    let data = agents.get(agentId);
    if (!data) {
      data = { version: 0, runs: new Map(), jobs: new Map(), triggers: new Map(), deliveries: new Map(), deliveriesPrunedAt: 0, configRevision: "", due: new Map(), composioIds: [], deliveryLog: new Map(), edits: [] };
      agents.set(agentId, data);
    }
    return data;
  }

  function snapshotOf(data: AgentData): RuntimeSnapshot {
    return structuredClone({
      runs: [...data.runs.values()],
      jobs: [...data.jobs],
      triggers: [...data.triggers],
      deliveries: [...data.deliveries],
      configRevision: data.configRevision,
    });
  }

  function reindex(agentId: string, data: AgentData) {
    index.set(agentId, { jobs: [...data.due], triggers: data.composioIds.map((id) => [id, ""] as [string, string]) });
  }

  function apply(agentId: string, data: AgentData, write: RuntimeWrite): number {
    // A committed write is handed over (the core never changes it afterwards): kept as it is, copied on the way out.
    const copy = write;
    for (const [id, run] of copy.runs) {
      if (run) data.runs.set(id, run);
      else data.runs.delete(id);
    }
    for (const [id, stamped] of copy.jobs) {
      if (stamped) data.jobs.set(id, stamped);
      else data.jobs.delete(id);
    }
    for (const [id, stamped] of copy.triggers) {
      if (stamped) data.triggers.set(id, stamped);
      else data.triggers.delete(id);
    }
    // Expired ids are forgotten once the map has doubled since the last prune: amortised O(1) per write.
    if (copy.pruneDeliveriesBefore !== undefined && data.deliveries.size > 2 * data.deliveriesPrunedAt + 100) {
      for (const [id, expiresAt] of data.deliveries) if (expiresAt <= copy.pruneDeliveriesBefore) data.deliveries.delete(id);
      data.deliveriesPrunedAt = data.deliveries.size;
    }
    for (const [id, expiresAt] of copy.deliveries) data.deliveries.set(id, expiresAt);
    for (const entry of copy.deliveryLog ?? []) {
      const list = data.deliveryLog.get(entry.triggerId) ?? [];
      list.push(entry);
      const keep = copy.deliveryLogKeep ?? list.length;
      data.deliveryLog.set(entry.triggerId, list.length > keep ? list.slice(list.length - keep) : list);
    }
    for (const triggerId of copy.deliveryLogDrop ?? []) data.deliveryLog.delete(triggerId);
    if (copy.configRevision !== undefined) data.configRevision = copy.configRevision;
    if (copy.edits?.length) {
      for (const entry of copy.edits) data.edits.push({ seq: ++editSeq, owner: `${entry.owner.kind}:${entry.owner.id}`, entry });
      const drop = editsBeyondLimits(data.edits, EDIT_LOG_LIMIT, AGENT_EDIT_LOG_LIMIT);
      if (drop.size) data.edits = data.edits.filter((row) => !drop.has(row.seq));
    }
    let reindexAll = false;
    if (copy.dueReplace) {
      data.due.clear();
      reindexAll = true;
    }
    const patches: Array<[string, string | undefined]> = [];
    for (const [jobId, at] of copy.due) {
      if (at === null) data.due.delete(jobId);
      else data.due.set(jobId, new Date(at).toISOString());
      patches.push([jobId, at === null ? undefined : new Date(at).toISOString()]);
    }
    if (copy.composioIds !== undefined) {
      data.composioIds = [...new Set(copy.composioIds)];
      reindexAll = true;
    }
    if (reindexAll) reindex(agentId, data);
    else if (patches.length) index.patchJobs(agentId, patches);
    data.version += 1;
    return data.version;
  }

  return {
    transaction(agentId, work) {
      return new Promise((resolve) => {
        open();
        resolve(
          mutex.run(agentId, async () => {
            const data = dataOf(agentId);
            let committed = false;
            return work({
              version: data.version,
              load: () => promised(() => snapshotOf(data)),
              commit: (write) =>
                promised(() => {
                  if (committed) throw new Error("A runtime transaction commits at most once.");
                  committed = true;
                  open();
                  return apply(agentId, data, write);
                }),
            });
          }),
        );
      });
    },

    head(agentId) {
      return promised(() => {
      open();
      const data = agents.get(agentId);
      return { version: data?.version ?? 0, configRevision: data?.configRevision ?? "" };
      });
    },

    heads(agentIds) {
      return promised(() => {
      open();
      const heads = new Map<string, { version: number; configRevision: string }>();
      for (const agentId of agentIds) {
        const data = agents.get(agentId);
        if (data) heads.set(agentId, { version: data.version, configRevision: data.configRevision });
      }
      return heads;
      });
    },

    load(agentId) {
      return promised(() => {
      open();
      const data = dataOf(agentId);
      return { version: data.version, snapshot: snapshotOf(data) };
      });
    },

    dueEntries(nowMs, limit) {
      return promised(() => {
      open();
      return index.dueRefs(nowMs, limit).map(({ agentId, jobId, at }): DueEntry => ({ agentId, jobId, at }));
      });
    },

    nextDueAt() {
      return promised(() => {
      open();
      return index.earliest()?.at ?? null;
      });
    },

    agentsWithComposioId(composioTriggerId) {
      return promised(() => {
      open();
      return index.agentsWithComposioId(composioTriggerId);
      });
    },

    agents() {
      return promised(() => {
      open();
      return [...agents].filter(([, data]) => data.version > 0).map(([agentId]) => agentId);
      });
    },

    agentsWithRuns() {
      return promised(() => {
      open();
      return [...agents].filter(([, data]) => data.runs.size > 0).map(([agentId]) => agentId);
      });
    },

    deliveryLog(agentId, triggerId, limit) {
      return promised(() => {
        open();
        const list = agents.get(agentId)?.deliveryLog.get(triggerId) ?? [];
        return structuredClone(list.slice(-limit).reverse());
      });
    },

    listEdits(agentId, owner, { beforeSeq, limit }) {
      return promised(() => {
        open();
        const key = `${owner.kind}:${owner.id}`;
        const found: Array<{ seq: number; entry: unknown }> = [];
        const rows = agents.get(agentId)?.edits ?? [];
        for (let i = rows.length - 1; i >= 0 && found.length < limit; i--) {
          const row = rows[i]!;
          if (row.owner === key && (beforeSeq === undefined || row.seq < beforeSeq)) found.push({ seq: row.seq, entry: structuredClone(row.entry) });
        }
        return found;
      });
    },

    recordDelivery(deliveryId, nowMs, ttlMs) {
      return promised((): DeliveryRecord => {
      open();
      // Prune whenever the map has doubled since the last prune: amortised O(1) per call.
      if (deliveries.size > 2 * deliveriesPrunedAt + 100) {
        for (const [id, at] of deliveries) if (at <= nowMs - ttlMs) deliveries.delete(id);
        deliveriesPrunedAt = deliveries.size;
      }
      const seenAt = deliveries.get(deliveryId);
      if (seenAt !== undefined && seenAt > nowMs - ttlMs) return { firstSeen: false, firstSeenAt: new Date(seenAt).toISOString() };
      deliveries.set(deliveryId, nowMs);
      return { firstSeen: true };
      });
    },

    async close() {
      closed = true;
      await mutex.idle();
    },
  };
}

/** Runs `work` and answers a promise of its result: a throw becomes a rejection. */
function promised<T>(work: () => T): Promise<T> {
  return new Promise<T>((resolve) => resolve(work()));
}

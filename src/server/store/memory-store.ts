import { EMPTY_PLANNER, type PlannerConfig, type Run, type Trigger } from "../../shared/schemas";
import { indexEntryOf, createPlannerIndex } from "./due-index";
import { StoreClosedError } from "./errors";
import { createKeyedMutex } from "./keyed-mutex";
import { createListenerMap } from "./listeners";
import type { DeliveryRecord, PlannerStore } from "./port";
import { activeOf, activeRunInTheWay, capRuns, insertRun, pageAgentRuns, pageRuns } from "./run-history";
import {
  assertAgentId,
  assertRunId,
  checkDate,
  checkDelivery,
  checkDueLimit,
  checkRunHistory,
  checkRunUpdate,
  historyLimitOf,
  sameJson,
  validatePlannerResult,
  validateRun,
} from "./validate";

/** Options of {@link memoryStore}. */
export interface MemoryStoreOptions {
  /**
   * Finished runs kept per job or trigger (queued and running runs are always kept) when a write does not pass
   * its own `historyLimit` (the planner always passes its `limits.runHistory`). Default 50.
   */
  runHistory?: number;
}

/**
 * A `PlannerStore` that keeps everything in memory: for tests, Storybook (it has no Node imports, so it runs in
 * a browser) and demos that need no persistence. Data is copied on the way in and out, so callers cannot change
 * stored state by mutating what they pass or get back.
 *
 * @example
 * const planner = createPlanner({ store: memoryStore(), ... });
 */
export function memoryStore(options: MemoryStoreOptions = {}): PlannerStore {
  const runHistory = checkRunHistory(options.runHistory);
  const planners = new Map<string, PlannerConfig>();
  const runs = new Map<string, Run[]>();
  const versions = new Map<string, number>();
  const deliveries = new Map<string, number>();
  let deliveriesPrunedAt = 0;
  const index = createPlannerIndex();
  const mutex = createKeyedMutex();
  const listeners = createListenerMap();
  let closed = false;

  function open() {
    if (closed) throw new StoreClosedError();
  }

  function bump(agentId: string): number {
    const version = (versions.get(agentId) ?? 0) + 1;
    versions.set(agentId, version);
    return version;
  }

  function storeRuns(agentId: string, run: Run, list: Run[]): Run {
    runs.set(agentId, list);
    const version = bump(agentId);
    listeners.emit({ agentId, kind: "run", version, run });
    return structuredClone(run);
  }

  return {
    get(agentId) {
      return promised(() => {
        open();
        return structuredClone(planners.get(assertAgentId(agentId)) ?? EMPTY_PLANNER);
      });
    },

    update(agentId, fn) {
      return promised(() => {
        open();
        const id = assertAgentId(agentId);
        return mutex.run(id, async () => {
          const current = planners.get(id) ?? EMPTY_PLANNER;
          const next = validatePlannerResult(id, await fn(structuredClone(current)));
          if (sameJson(next, current)) return structuredClone(current);
          planners.set(id, structuredClone(next));
          index.set(id, indexEntryOf(next));
          listeners.emit({ agentId: id, kind: "planner", version: bump(id) });
          return next;
        });
      });
    },

    dueJobs(now, limit) {
      return promised(() => {
        open();
        checkDueLimit(limit);
        const due = index.dueRefs(checkDate(now, "now"), limit);
        return due.map(({ agentId, jobId, nextRunAt }) => ({ agentId, jobId, nextRunAt }));
      });
    },

    nextDueAt() {
      return promised(() => {
        open();
        const earliest = index.earliest();
        return earliest ? new Date(earliest.at) : null;
      });
    },

    findTriggersByConnectedAccount(connectedAccountId) {
      return promised(() => {
        open();
        const found: Array<{ agentId: string; trigger: Trigger }> = [];
        for (const [agentId, planner] of planners) {
          for (const trigger of planner.triggers) {
            if (trigger.source.connectedAccountId === connectedAccountId) found.push({ agentId, trigger: structuredClone(trigger) });
          }
        }
        return found;
      });
    },

    findTriggerByComposioId(composioTriggerId) {
      return promised(() => {
        open();
        for (const agentId of index.agentsWithComposioId(composioTriggerId)) {
          const trigger: Trigger | undefined = planners
            .get(agentId)
            ?.triggers.find((candidate) => candidate.composioTriggerId === composioTriggerId);
          if (trigger) return { agentId, trigger: structuredClone(trigger) };
        }
        return null;
      });
    },

    appendRun(run, writeOptions) {
      return promised(() => {
        open();
        const valid = validateRun(run, "The run to append");
        const limit = historyLimitOf(writeOptions, runHistory);
        return mutex.run(valid.agentId, () => {
          const list = runs.get(valid.agentId) ?? [];
          const existing = list.find((candidate) => candidate.id === valid.id);
          if (existing) return { inserted: false, run: structuredClone(existing) };
          const stored = structuredClone(valid);
          const capped = capRuns(insertRun(list, stored), stored.owner, limit);
          return { inserted: true, run: storeRuns(valid.agentId, stored, capped) };
        });
      });
    },

    appendRunUnlessActive(run, activeOptions) {
      return promised(() => {
        open();
        const valid = validateRun(run, "The run to append");
        const limit = historyLimitOf(activeOptions, runHistory);
        return mutex.run(valid.agentId, () => {
          const list = runs.get(valid.agentId) ?? [];
          const existing = list.find((candidate) => candidate.id === valid.id) ?? activeRunInTheWay(list, valid, activeOptions);
          if (existing) return { inserted: false, run: structuredClone(existing) };
          const stored = structuredClone(valid);
          const capped = capRuns(insertRun(list, stored), stored.owner, limit);
          return { inserted: true, run: storeRuns(valid.agentId, stored, capped) };
        });
      });
    },

    updateRun(agentId, runId, fn, writeOptions) {
      return promised(() => {
        open();
        const id = assertAgentId(agentId);
        assertRunId(runId);
        const limit = historyLimitOf(writeOptions, runHistory);
        return mutex.run(id, () => {
          const list = runs.get(id) ?? [];
          const current = list.find((candidate) => candidate.id === runId);
          if (!current) return null;
          const next = checkRunUpdate(current, fn(structuredClone(current)));
          if (sameJson(next, current)) return structuredClone(current);
          const stored = structuredClone(next);
          const replaced = insertRun(
            list.filter((candidate) => candidate !== current),
            stored,
          );
          return storeRuns(id, stored, capRuns(replaced, stored.owner, limit));
        });
      });
    },

    getRun(agentId, runId) {
      return promised(() => {
        open();
        const found = runs.get(assertAgentId(agentId))?.find((run) => run.id === runId);
        return found ? structuredClone(found) : null;
      });
    },

    listRuns(agentId, owner, options) {
      return promised(() => {
        open();
        return structuredClone(pageRuns(runs.get(assertAgentId(agentId)) ?? [], owner, options));
      });
    },

    listAgentRuns(agentId, options) {
      return promised(() => {
        open();
        return structuredClone(pageAgentRuns(runs.get(assertAgentId(agentId)) ?? [], options));
      });
    },

    agentsWithRuns() {
      return promised(() => {
        open();
        return [...runs.keys()].filter((agentId) => (runs.get(agentId)?.length ?? 0) > 0);
      });
    },

    activeRuns(agentId) {
      return promised(() => {
        open();
        return structuredClone(activeOf(runs.get(assertAgentId(agentId)) ?? []));
      });
    },

    recordDelivery(deliveryId, now, ttlMs) {
      return promised(() => {
        open();
        checkDelivery(deliveryId, ttlMs);
        const nowMs = checkDate(now, "now");
        // Prune whenever the map has doubled since the last prune: amortised O(1) per call.
        if (deliveries.size > 2 * deliveriesPrunedAt + 100) {
          for (const [id, at] of deliveries) if (at <= nowMs - ttlMs) deliveries.delete(id);
          deliveriesPrunedAt = deliveries.size;
        }
        const seenAt = deliveries.get(deliveryId);
        if (seenAt !== undefined && seenAt > nowMs - ttlMs) {
          return { firstSeen: false, firstSeenAt: new Date(seenAt).toISOString() } satisfies DeliveryRecord;
        }
        deliveries.set(deliveryId, nowMs);
        return { firstSeen: true } satisfies DeliveryRecord;
      });
    },

    subscribe(agentId, listener) {
      return listeners.add(assertAgentId(agentId), listener);
    },

    version(agentId) {
      return promised(() => {
        open();
        return versions.get(assertAgentId(agentId)) ?? 0;
      });
    },

    async close() {
      closed = true;
      await mutex.idle();
      listeners.clear();
    },
  };
}

/** Runs `work` and answers a promise of its result: a throw becomes a rejection, as callers of the port expect. */
function promised<T>(work: () => T | PromiseLike<T>): Promise<T> {
  return new Promise<T>((resolve) => resolve(work()));
}

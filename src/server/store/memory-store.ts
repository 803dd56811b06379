import { EMPTY_PLANNER, type Trigger } from "../../shared/schemas";
import {
  AgentRuntime,
  type ConfigView,
  type Decision,
  configView,
  decideAppendRun,
  decideAppendRunUnlessActive,
  decideClaimOccurrence,
  decideConnectionError,
  decideCountDelivery,
  decideFinishRun,
  decideStartRun,
  decideUpdateRun,
  dueUpdatesOf,
  effectiveJob,
  effectivePlanner,
  effectiveTrigger,
  statesAfterConfigWrite,
  checkEnding,
} from "./agent-runtime";
import { indexEntryOf, createPlannerIndex } from "./due-index";
import { StoreClosedError } from "./errors";
import { createKeyedMutex } from "./keyed-mutex";
import { createListenerMap } from "./listeners";
import type { DeliveryRecord, PlannerStore, StoreChange } from "./port";
import { pageAgentRuns, pageRuns } from "./run-history";
import {
  assertAgentId,
  assertRunId,
  checkClaim,
  checkDate,
  checkDelivery,
  checkDueLimit,
  checkRunHistory,
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
  runHistory?: number | undefined;
}

const EMPTY_VIEW: ConfigView = configView(EMPTY_PLANNER);

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
  const configs = new Map<string, ConfigView>();
  const runtimes = new Map<string, AgentRuntime>();
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

  const configOf = (agentId: string) => configs.get(agentId) ?? EMPTY_VIEW;
  function runtimeOf(agentId: string): AgentRuntime {
    let runtime = runtimes.get(agentId);
    if (!runtime) runtimes.set(agentId, (runtime = new AgentRuntime()));
    return runtime;
  }

  function bump(agentId: string): number {
    const version = (versions.get(agentId) ?? 0) + 1;
    versions.set(agentId, version);
    return version;
  }

  /**
   * Stores what a decision changed (a copy: callers keep no reference into the store), re-indexes the agent when
   * job states or its configuration changed, counts one version and tells listeners; answers a copy of the result.
   */
  function commit<T>(agentId: string, decision: Decision<T>): T {
    const { change, editConfig } = decision;
    if (!change && !editConfig) return structuredClone(decision.result);
    const runtime = runtimeOf(agentId);
    if (change) runtime.apply(structuredClone(change));
    if (editConfig) configs.set(agentId, configView(validatePlannerResult(agentId, editConfig(structuredClone(configOf(agentId).planner)))));
    if (editConfig) index.set(agentId, indexEntryOf(effectivePlanner(configOf(agentId), runtime)));
    else if (change?.jobs) index.patchJobs(agentId, dueUpdatesOf(change, configOf(agentId), runtime));
    const version = bump(agentId);
    const runs = change?.runs ?? [];
    const events: StoreChange[] = runs.length ? runs.map((run) => ({ agentId, kind: "run", version, run })) : [{ agentId, kind: "planner", version }];
    for (const event of events) listeners.emit(event);
    return structuredClone(decision.result);
  }

  /** Runs a decision as the only writer of the agent (after any `update` still waiting for its function). */
  function decide<T>(agentId: string, make: (runtime: AgentRuntime, config: ConfigView) => Decision<T>): Promise<T> {
    return mutex.run(agentId, () => commit(agentId, make(runtimeOf(agentId), configOf(agentId))));
  }

  function read<T>(agentId: string, work: (runtime: AgentRuntime, config: ConfigView) => T): Promise<T> {
    return promised(() => {
      open();
      const id = assertAgentId(agentId);
      return structuredClone(work(runtimeOf(id), configOf(id)));
    });
  }

  return {
    get(agentId) {
      return read(agentId, (runtime, config) => effectivePlanner(config, runtime));
    },

    getJob(agentId, jobId) {
      return read(agentId, (runtime, config) => {
        const job = config.jobs.get(jobId);
        return job ? effectiveJob(job, runtime) : null;
      });
    },

    getTrigger(agentId, triggerId) {
      return read(agentId, (runtime, config) => {
        const trigger = config.triggers.get(triggerId);
        return trigger ? effectiveTrigger(trigger, runtime) : null;
      });
    },

    update(agentId, fn) {
      return promised(() => {
        open();
        const id = assertAgentId(agentId);
        return mutex.run(id, async () => {
          const runtime = runtimeOf(id);
          const current = effectivePlanner(configOf(id), runtime);
          const next = validatePlannerResult(id, await fn(structuredClone(current)));
          if (sameJson(next, current)) return next;
          const stored = structuredClone(next);
          const states = statesAfterConfigWrite(stored, runtime);
          configs.set(id, configView(stored));
          if (states) runtime.apply(states);
          index.set(id, indexEntryOf(effectivePlanner(configOf(id), runtime)));
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
        return due.flatMap(({ agentId, jobId, nextRunAt }) => {
          const job = configOf(agentId).jobs.get(jobId);
          return job ? [{ agentId, jobId, nextRunAt, job: structuredClone(effectiveJob(job, runtimeOf(agentId))) }] : [];
        });
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
        for (const [agentId, config] of configs) {
          for (const trigger of config.planner.triggers) {
            if (trigger.source.connectedAccountId === connectedAccountId) {
              found.push({ agentId, trigger: structuredClone(effectiveTrigger(trigger, runtimeOf(agentId))) });
            }
          }
        }
        return found;
      });
    },

    findTriggerByComposioId(composioTriggerId) {
      return promised(() => {
        open();
        for (const agentId of index.agentsWithComposioId(composioTriggerId)) {
          const trigger = configOf(agentId).byComposioId.get(composioTriggerId);
          if (trigger) return { agentId, trigger: structuredClone(effectiveTrigger(trigger, runtimeOf(agentId))) };
        }
        return null;
      });
    },

    claimOccurrence(agentId, jobId, claim, writeOptions) {
      return promised(() => {
        open();
        const id = assertAgentId(agentId);
        const checked = checkClaim(claim);
        const limit = historyLimitOf(writeOptions, runHistory);
        return decide(id, (runtime, config) => decideClaimOccurrence(runtime, config, jobId, checked, limit));
      });
    },

    startRun(run, startOptions) {
      return promised(() => {
        open();
        const valid = validateRun(run, "The run to start");
        const limit = historyLimitOf(startOptions, runHistory);
        return decide(valid.agentId, (runtime) => decideStartRun(runtime, valid, startOptions, limit));
      });
    },

    finishRun(agentId, runId, ending, finishOptions) {
      return promised(() => {
        open();
        const id = assertAgentId(agentId);
        assertRunId(runId);
        checkEnding(ending);
        const limit = historyLimitOf(finishOptions, runHistory);
        return decide(id, (runtime, config) => {
          const decision = decideFinishRun(runtime, config, runId, ending, finishOptions, limit);
          // The ending's result comes from an executor: the finished run is checked like any run written.
          if (decision.change?.runs) decision.change.runs = decision.change.runs.map((r) => validateRun(r, "The finished run"));
          return decision;
        });
      });
    },

    countDelivery(agentId, triggerId, delivery) {
      return promised(() => {
        open();
        const id = assertAgentId(agentId);
        checkDelivery(delivery?.deliveryId, delivery?.ttlMs);
        checkDate(delivery.at, "at");
        return decide(id, (runtime, config) => decideCountDelivery(runtime, config, triggerId, delivery));
      });
    },

    setConnectionError(agentId, triggerId, message) {
      return promised(() => {
        open();
        const id = assertAgentId(agentId);
        return decide(id, (runtime, config) => decideConnectionError(runtime, config, triggerId, message));
      });
    },

    appendRun(run, writeOptions) {
      return promised(() => {
        open();
        const valid = validateRun(run, "The run to append");
        const limit = historyLimitOf(writeOptions, runHistory);
        return decide(valid.agentId, (runtime) => decideAppendRun(runtime, valid, limit));
      });
    },

    appendRunUnlessActive(run, activeOptions) {
      return promised(() => {
        open();
        const valid = validateRun(run, "The run to append");
        const limit = historyLimitOf(activeOptions, runHistory);
        return decide(valid.agentId, (runtime) => decideAppendRunUnlessActive(runtime, valid, activeOptions, limit));
      });
    },

    updateRun(agentId, runId, fn, writeOptions) {
      return promised(() => {
        open();
        const id = assertAgentId(agentId);
        assertRunId(runId);
        const limit = historyLimitOf(writeOptions, runHistory);
        return decide(id, (runtime) => decideUpdateRun(runtime, runId, fn, limit));
      });
    },

    getRun(agentId, runId) {
      return read(agentId, (runtime) => runtime.runs.get(runId) ?? null);
    },

    listRuns(agentId, owner, listOptions) {
      return read(agentId, (runtime) => pageRuns(runtime.ownerRuns(owner), owner, listOptions));
    },

    listAgentRuns(agentId, listOptions) {
      return read(agentId, (runtime) => pageAgentRuns(runtime.allRuns(), listOptions));
    },

    agentsWithRuns() {
      return promised(() => {
        open();
        return [...runtimes].filter(([, runtime]) => runtime.runs.size > 0).map(([agentId]) => agentId);
      });
    },

    activeRuns(agentId) {
      return read(agentId, (runtime) => runtime.activeRuns());
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

import { mkdir, readdir, stat } from "node:fs/promises";
import { dirname } from "node:path";
import { AgentId, type Job, type PlannerConfig, type Trigger } from "../../shared/schemas";
import { type AgentFile, readAgentFile, renderAgentFile } from "./agent-file";
import {
  AgentRuntime,
  type ConfigView,
  type Decision,
  type RuntimeChange,
  checkEnding,
  configView,
  decideAppendRun,
  decideAppendRunUnlessActive,
  decideClaimOccurrence,
  decideConnectionError,
  decideCountDelivery,
  decideFinishRun,
  decideStartRun,
  decideUpdateRun,
  effectiveJob,
  effectivePlanner,
  effectiveTrigger,
  statesAfterConfigWrite,
} from "./agent-runtime";
import { isCode, prepareAtomicWrite, syncDirectory } from "./atomic-write";
import { createDeliveryLog } from "./delivery-log";
import { type AgentIndexEntry, indexEntryOf, sameEntry } from "./due-index";
import { StoreClosedError, StoreCorruptError } from "./errors";
import { createFileIndex } from "./file-index";
import { findDueJobs, findTrigger, findTriggersByAccount, verifiedNextDueAt } from "./file-lookups";
import { filePaths } from "./file-paths";
import { createKeyedMutex } from "./keyed-mutex";
import { createListenerMap } from "./listeners";
import { type FileLock, type LockOptions, withLock } from "./lock";
import type { PlannerStore, StoreChange } from "./port";
import { pageAgentRuns, pageRuns } from "./run-history";
import { type RuntimeLog, createRuntimeLog } from "./runtime-log";
import { sweepOrphans } from "./sweep";
import {
  assertAgentId,
  assertRunId,
  checkClaim,
  checkDate,
  checkDelivery,
  checkRunHistory,
  historyLimitOf,
  sameJson,
  validatePlannerResult,
  validateRun,
} from "./validate";

/** Options of {@link fileStore}. */
export interface FileStoreOptions {
  /** The data directory (created on the first write). */
  dir: string;
  /**
   * Finished runs kept per job or trigger (queued and running runs are always kept) when a write does not pass
   * its own `historyLimit` (the planner always passes its `limits.runHistory`). Default 50.
   */
  runHistory?: number | undefined;
  /**
   * A lock not refreshed for this long is considered abandoned by a crashed process and broken. A holder that
   * died on this host is detected at once (its pid is gone). Default 10,000 ms.
   */
  lockStaleMs?: number | undefined;
}

/** An agent config as last read, with what identifies that version of the file on disk. */
interface CachedConfig {
  file: AgentFile;
  view: ConfigView;
  stamp: string;
}

/** A change waiting for the agent's next commit. */
type PendingWork =
  | { kind: "decide"; make: (runtime: AgentRuntime, config: ConfigView) => Decision<unknown>; resolve(value: unknown): void; reject(error: unknown): void }
  | { kind: "update"; fn: (planner: PlannerConfig) => PlannerConfig | Promise<PlannerConfig>; resolve(value: unknown): void; reject(error: unknown): void };

const PLANNER = { runs: false };
const RUNS = { runs: true };

/** A change decided and stored (or to be answered without a change): its answer and what listeners hear. */
interface Settled {
  work: PendingWork;
  value: unknown;
  events: StoreChange[];
}

/** What a batch commit stored; `error` when it stopped part-way (the changes not in `done` failed). */
type BatchOutcome = { done: Settled[] } | { done: Settled[]; error: unknown };

interface AgentState {
  log: RuntimeLog;
  /** In-process readers and writers of the log take turns (a sync must not interleave with another). */
  pending: PendingWork[];
  /** Set while a drain loop commits this agent's pending changes. */
  draining: Promise<void> | null;
}

/**
 * A `PlannerStore` over JSON files, the embedded default. Each agent's config is `<dir>/agents/<agentId>.json`
 * with the planner under its `planner` key; every other key of that file is left exactly as it was. Writes are
 * atomic and serialised per agent across processes; an unreadable file is a `StoreCorruptError` naming it and is
 * never overwritten. Runtime data (runs, each job's and trigger's state, delivery ids) lives beside it in
 * `<dir>/state/<agentId>.jsonl`, an append-only log with one line per atomic change; `version(agentId)` is the
 * highest change number in it, so it grows across processes and restarts; `subscribe` hears changes made through
 * this store instance. Concurrent changes of one agent are committed together: one lock, one append, one fsync.
 *
 * @example
 * const planner = createPlanner({ store: fileStore({ dir: path.join(process.cwd(), ".data/planner") }), ... });
 */
export function fileStore(options: FileStoreOptions): PlannerStore {
  if (typeof options?.dir !== "string" || options.dir.trim() === "") {
    throw new TypeError("fileStore needs a `dir` to keep planner data in.");
  }
  const lockStaleMs = options.lockStaleMs ?? 10_000;
  if (!Number.isFinite(lockStaleMs) || lockStaleMs < 100) {
    throw new RangeError(`lockStaleMs must be at least 100 ms, got ${String(options.lockStaleMs)}.`);
  }
  const runHistory = checkRunHistory(options.runHistory);
  const paths = filePaths(options.dir);
  const lock: LockOptions = { staleMs: lockStaleMs };
  const mutex = createKeyedMutex();
  const listeners = createListenerMap();
  const configs = new Map<string, CachedConfig>();
  const agents = new Map<string, AgentState>();
  let dirsReady: Promise<void> | null = null;
  let closed = false;

  // --- configuration: `<dir>/agents/<agentId>.json`, parsed and validated once per version of the file -------

  function stampOf(stats: { dev: number; ino: number; size: number; mtimeMs: number; ctimeMs: number }): string {
    return `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}`;
  }

  async function readConfig(agentId: string): Promise<CachedConfig> {
    const path = paths.agent(agentId);
    let stamp: string;
    try {
      stamp = stampOf(await stat(path));
    } catch (error) {
      if (!isCode(error, "ENOENT")) throw error;
      stamp = "missing";
    }
    const cached = configs.get(agentId);
    if (cached && cached.stamp === stamp) return cached;
    const file = await readAgentFile(path);
    // Stamped as of before the read: a write racing the read only makes the next call read again.
    const entry: CachedConfig = { file, view: configView(file.planner), stamp: file.text === null ? "missing" : stamp };
    configs.set(agentId, entry);
    return entry;
  }

  async function writeConfig(held: FileLock, agentId: string, cached: CachedConfig, next: PlannerConfig): Promise<CachedConfig> {
    const text = renderAgentFile(cached.file, next);
    const prepared = await prepareAtomicWrite(cached.file.path, text, { beforeCommit: () => held.assertHeld() });
    await prepared.rename();
    await syncDirectory(dirname(cached.file.path));
    configs.delete(agentId);
    return readConfig(agentId);
  }

  // --- runtime data: `<dir>/state/<agentId>.jsonl` ---------------------------------------------------------

  function agentState(agentId: string): AgentState {
    let state = agents.get(agentId);
    if (!state) {
      state = {
        log: createRuntimeLog(paths.state(agentId), { runs: paths.runs(agentId), meta: paths.meta(agentId) }),
        pending: [],
        draining: null,
      };
      agents.set(agentId, state);
    }
    return state;
  }

  /** The agent's configuration and runtime, caught up with other processes (no lock: reads see whole changes). */
  /**
   * The agent's configuration and runtime, caught up with other processes (no lock: reads see whole changes).
   * An unreadable runtime log fails run reads (`runs: true`) with its `StoreCorruptError`; planner reads then use
   * the states stored with the configuration, so the agent stays visible and editable while the log is fixed.
   */
  function current(agentId: string, need: { runs: boolean }): Promise<{ runtime: AgentRuntime; config: ConfigView; log: RuntimeLog }> {
    return mutex.run(`read:${agentId}`, async () => {
      const { log } = agentState(agentId);
      const [synced, cached] = await Promise.allSettled([log.sync(), readConfig(agentId)]);
      if (cached.status === "rejected") throw cached.reason;
      if (synced.status === "rejected") {
        if (need.runs || !(synced.reason instanceof StoreCorruptError)) throw synced.reason;
        return { runtime: new AgentRuntime(), config: cached.value.view, log };
      }
      return { runtime: log.runtime, config: cached.value.view, log };
    });
  }

  const readPlanner = async (agentId: string) => {
    const { runtime, config } = await current(agentId, { runs: false });
    return effectivePlanner(config, runtime);
  };

  async function readEntry(agentId: string) {
    try {
      return indexEntryOf(await readPlanner(agentId));
    } catch {
      // An unreadable config is left out of the index; reading that agent reports the error.
      return null;
    }
  }

  const index = createFileIndex({
    path: paths.index,
    lockPath: paths.indexLock,
    lock,
    mutex,
    readEntry,
    async listAgents() {
      const names = await readdir(paths.agentsDir).catch((error: unknown) => {
        if (isCode(error, "ENOENT")) return [];
        throw error;
      });
      return names.flatMap((name) => {
        const agentId = name.endsWith(".json") ? name.slice(0, -".json".length) : "";
        return AgentId.safeParse(agentId).success ? [agentId] : [];
      });
    },
  });
  const deliveries = createDeliveryLog({ path: paths.deliveries, lockPath: paths.deliveriesLock, lock, mutex });
  const lookups = {
    index,
    readPlanner,
    async readComposioTrigger(agentId: string, composioTriggerId: string) {
      const { runtime, config } = await current(agentId, PLANNER);
      const trigger = config.byComposioId.get(composioTriggerId);
      return trigger ? structuredClone(effectiveTrigger(trigger, runtime)) : null;
    },
  };

  function open() {
    if (closed) throw new StoreClosedError();
    dirsReady ??= (async () => {
      await Promise.all(paths.dirs.map((dir) => mkdir(dir, { recursive: true })));
      // Older than any live writer's temp file can be: lock waits give up after 3 × lockStaleMs.
      await sweepOrphans([paths.root, ...paths.dirs], Math.max(60_000, 4 * lockStaleMs));
    })().catch((error: unknown) => {
      dirsReady = null;
      throw error;
    });
    return dirsReady;
  }

  /**
   * Records the agent's new index entry; the caller holds the agent's lock. Skipped when the entry is the one it
   * had before and this process's index already holds it (see `FileIndex.holds`).
   */
  async function publish(agentId: string, before: AgentIndexEntry, after: AgentIndexEntry) {
    if (sameEntry(before, after) && index.holds(agentId, after)) return;
    try {
      await index.publish(agentId, after);
    } catch {
      // The agent's files are written and are the truth; the index is rebuilt from them on next use.
      index.invalidate();
    }
  }

  // --- the writer: every change of an agent goes through one queue, committed in batches --------------------

  function enqueue<T>(agentId: string, work: PendingWork extends infer W ? (W extends PendingWork ? Omit<W, "resolve" | "reject"> : never) : never): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const state = agentState(agentId);
      state.pending.push({ ...work, resolve, reject });
      state.draining ??= drain(agentId, state);
    });
  }

  async function drain(agentId: string, state: AgentState): Promise<void> {
    await Promise.resolve();
    try {
      while (state.pending.length > 0) {
        const batch = state.pending.splice(0);
        let outcome: BatchOutcome;
        try {
          outcome = await mutex.run(agentId, () => withLock(paths.agentLock(agentId), lock, (held) => commitBatch(held, agentId, state, batch)));
        } catch (error) {
          // The lock failed (or its release did, after the batch): changes not known to be stored failed.
          outcome = { done: [], error };
        }
        // Answered once the lock is released, so a caller that goes on to read sees the agent unlocked.
        for (const { work, value, events } of outcome.done) {
          for (const event of events) listeners.emit(event);
          work.resolve(value);
        }
        if ("error" in outcome) for (const work of batch) work.reject(outcome.error);
      }
    } finally {
      state.draining = null;
    }
  }

  /**
   * Decides each change of the batch in order against the latest data (each sees the ones before it), then stores
   * them: one log line per change, appended and fsynced together. A configuration write (an edit, an automatic
   * pause) is stored in order with the lines before it. Listeners hear about each change once it is durable.
   */
  async function commitBatch(held: FileLock, agentId: string, state: AgentState, batch: PendingWork[]): Promise<BatchOutcome> {
    const { log } = state;
    let unreadable: StoreCorruptError | null = null;
    try {
      await mutex.run(`read:${agentId}`, () => log.sync());
      await log.adopt();
    } catch (error) {
      if (!(error instanceof StoreCorruptError)) throw error;
      // Edits still work (against the states stored with the configuration); runtime changes fail with this.
      unreadable = error;
    }
    let cached = await readConfig(agentId);
    const runtime = unreadable ? new AgentRuntime() : log.runtime;
    const entryBefore = indexEntryOf(effectivePlanner(cached.view, runtime));
    let lines: Array<{ v: number; change: RuntimeChange }> = [];
    let settled: Settled[] = [];
    const done: Settled[] = [];
    let version = log.version();
    let touchedJobs = false;

    const flush = async () => {
      try {
        // Not while this process reads the log: a read seeing half a line would mark it torn.
        if (lines.length > 0) await mutex.run(`read:${agentId}`, () => log.append(lines));
      } catch (error) {
        // What the runtime already holds was never stored: read it all again before anything else.
        agents.delete(agentId);
        // An edit is stored once its file is renamed; only its line (the version count) was lost.
        for (const item of settled) if (item.work.kind === "update") done.push(item);
        settled = [];
        throw error;
      } finally {
        lines = [];
      }
      done.push(...settled);
      settled = [];
    };

    const record = (work: PendingWork, value: unknown, change: RuntimeChange | undefined, configChanged: boolean) => {
      if (!change && !configChanged) {
        settled.push({ work, value, events: [] });
        return;
      }
      version += 1;
      if (change) {
        runtime.apply(change);
        touchedJobs ||= Boolean(change.jobs);
      }
      lines.push({ v: version, change: change ?? {} });
      const runs = change?.runs ?? [];
      const events: StoreChange[] = runs.length ? runs.map((run) => ({ agentId, kind: "run", version, run })) : [{ agentId, kind: "planner", version }];
      settled.push({ work, value, events });
    };

    try {
      for (const work of batch) {
        if (work.kind === "decide") {
          if (unreadable) {
            work.reject(unreadable);
            continue;
          }
          let decision: Decision<unknown>;
          try {
            decision = work.make(runtime, cached.view);
          } catch (error) {
            work.reject(error);
            continue;
          }
          const { result, change, editConfig } = decision;
          if (editConfig) {
            // Rare (an automatic pause): the configuration first, with the owner's new state in it, then the line.
            await flush();
            try {
              const next = validatePlannerResult(agentId, editConfig(structuredClone(cached.file.planner)));
              cached = await writeConfig(held, agentId, cached, next);
            } catch (error) {
              work.reject(error);
              continue;
            }
            record(work, structuredClone(result), change, true);
            touchedJobs = true;
            continue;
          }
          record(work, structuredClone(result), change, false);
          continue;
        }
        // An edit: the configuration is written first, then the states it sets that the merge would not pick up.
        await flush();
        let next: PlannerConfig;
        const before = effectivePlanner(cached.view, runtime);
        try {
          next = validatePlannerResult(agentId, await work.fn(structuredClone(before)));
        } catch (error) {
          work.reject(error);
          continue;
        }
        if (sameJson(next, before)) {
          done.push({ work, value: next, events: [] });
          continue;
        }
        try {
          cached = await writeConfig(held, agentId, cached, next);
        } catch (error) {
          work.reject(error);
          continue;
        }
        if (unreadable) {
          // No line can be added to an unreadable log; the configuration holds the edit and its states.
          done.push({ work, value: next, events: [{ agentId, kind: "planner", version }] });
          touchedJobs = true;
          continue;
        }
        // The edit is stored once the file is renamed: a failed line below must not report it as failed.
        record(work, next, statesAfterConfigWrite(cached.view.planner, runtime), true);
        touchedJobs = true;
        await flush();
      }
      await flush();
      if (!unreadable) await mutex.run(`read:${agentId}`, () => log.compactIfLarge(cached.view, Date.now()));
    } catch (error) {
      index.invalidate();
      return { done, error };
    }
    // Before answering: whoever is told the change is stored may look for the job through the index next.
    if (touchedJobs) await publish(agentId, entryBefore, indexEntryOf(effectivePlanner(cached.view, runtime)));
    return { done };
  }

  /** Runs a decision as the only writer of the agent, batched with concurrent ones. */
  function decide<T>(agentId: string, make: (runtime: AgentRuntime, config: ConfigView) => Decision<T>): Promise<T> {
    return enqueue<T>(agentId, { kind: "decide", make });
  }

  async function read<T>(agentId: string, need: { runs: boolean }, work: (runtime: AgentRuntime, config: ConfigView) => T): Promise<T> {
    await open();
    const id = assertAgentId(agentId);
    const { runtime, config } = await current(id, need);
    return structuredClone(work(runtime, config));
  }

  return {
    get(agentId) {
      return read(agentId, PLANNER, (runtime, config) => effectivePlanner(config, runtime));
    },

    getJob(agentId, jobId) {
      return read(agentId, PLANNER, (runtime, config): Job | null => {
        const job = config.jobs.get(jobId);
        return job ? effectiveJob(job, runtime) : null;
      });
    },

    getTrigger(agentId, triggerId) {
      return read(agentId, PLANNER, (runtime, config): Trigger | null => {
        const trigger = config.triggers.get(triggerId);
        return trigger ? effectiveTrigger(trigger, runtime) : null;
      });
    },

    async update(agentId, fn) {
      await open();
      const id = assertAgentId(agentId);
      return enqueue<PlannerConfig>(id, { kind: "update", fn });
    },

    async dueJobs(now, limit) {
      await open();
      return findDueJobs(lookups, now, limit);
    },

    async nextDueAt() {
      await open();
      return verifiedNextDueAt(lookups);
    },

    async findTriggerByComposioId(composioTriggerId) {
      await open();
      return findTrigger(lookups, composioTriggerId);
    },

    async findTriggersByConnectedAccount(connectedAccountId) {
      await open();
      return findTriggersByAccount(lookups, connectedAccountId);
    },

    async claimOccurrence(agentId, jobId, claim, writeOptions) {
      await open();
      const id = assertAgentId(agentId);
      const checked = checkClaim(claim);
      const limit = historyLimitOf(writeOptions, runHistory);
      return decide(id, (runtime, config) => decideClaimOccurrence(runtime, config, jobId, checked, limit));
    },

    async startRun(run, startOptions) {
      await open();
      const valid = validateRun(run, "The run to start");
      const limit = historyLimitOf(startOptions, runHistory);
      return decide(valid.agentId, (runtime) => decideStartRun(runtime, valid, startOptions, limit));
    },

    async finishRun(agentId, runId, ending, finishOptions) {
      await open();
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
    },

    async countDelivery(agentId, triggerId, delivery) {
      await open();
      const id = assertAgentId(agentId);
      checkDelivery(delivery?.deliveryId, delivery?.ttlMs);
      checkDate(delivery.at, "at");
      return decide(id, (runtime, config) => decideCountDelivery(runtime, config, triggerId, delivery));
    },

    async setConnectionError(agentId, triggerId, message) {
      await open();
      const id = assertAgentId(agentId);
      return decide(id, (runtime, config) => decideConnectionError(runtime, config, triggerId, message));
    },

    async appendRun(run, writeOptions) {
      await open();
      const valid = validateRun(run, "The run to append");
      const limit = historyLimitOf(writeOptions, runHistory);
      return decide(valid.agentId, (runtime) => decideAppendRun(runtime, valid, limit));
    },

    async appendRunUnlessActive(run, activeOptions) {
      await open();
      const valid = validateRun(run, "The run to append");
      const limit = historyLimitOf(activeOptions, runHistory);
      return decide(valid.agentId, (runtime) => decideAppendRunUnlessActive(runtime, valid, activeOptions, limit));
    },

    async updateRun(agentId, runId, fn, writeOptions) {
      await open();
      const id = assertAgentId(agentId);
      assertRunId(runId);
      const limit = historyLimitOf(writeOptions, runHistory);
      return decide(id, (runtime) => decideUpdateRun(runtime, runId, fn, limit));
    },

    getRun(agentId, runId) {
      return read(agentId, RUNS, (runtime) => runtime.runs.get(runId) ?? null);
    },

    listRuns(agentId, owner, listOptions) {
      return read(agentId, RUNS, (runtime) => pageRuns(runtime.ownerRuns(owner), owner, listOptions));
    },

    listAgentRuns(agentId, listOptions) {
      return read(agentId, RUNS, (runtime) => pageAgentRuns(runtime.allRuns(), listOptions));
    },

    async agentsWithRuns() {
      await open();
      const names = new Set<string>();
      for (const [dir, suffix] of [
        [paths.stateDir, ".jsonl"],
        [paths.runsDir, ".json"],
      ] as const) {
        let found: string[];
        try {
          found = await readdir(dir);
        } catch (error) {
          if (isCode(error, "ENOENT")) continue;
          throw error;
        }
        // Temp files of interrupted writes are not agents; only `<agentId><suffix>` names with valid ids count.
        for (const name of found) {
          if (!name.endsWith(suffix)) continue;
          const agentId = name.slice(0, -suffix.length);
          if (AgentId.safeParse(agentId).success) names.add(agentId);
        }
      }
      const withRuns: string[] = [];
      for (const agentId of names) {
        if ((await current(agentId, RUNS)).runtime.runs.size > 0) withRuns.push(agentId);
      }
      return withRuns;
    },

    activeRuns(agentId) {
      return read(agentId, RUNS, (runtime) => runtime.activeRuns());
    },

    async recordDelivery(deliveryId, now, ttlMs) {
      await open();
      checkDelivery(deliveryId, ttlMs);
      return deliveries.record(deliveryId, checkDate(now, "now"), ttlMs);
    },

    subscribe(agentId, listener) {
      return listeners.add(assertAgentId(agentId), listener);
    },

    async version(agentId) {
      await open();
      const { log } = await current(assertAgentId(agentId), RUNS);
      return log.version();
    },

    async close() {
      closed = true;
      await Promise.all([...agents.values()].map((state) => state.draining ?? Promise.resolve()));
      await mutex.idle();
      listeners.clear();
    },
  };
}

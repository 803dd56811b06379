import { mkdir, readdir } from "node:fs/promises";
import { dirname } from "node:path";
import { AgentId, type PlannerConfig } from "../../shared/schemas";
import { readAgentFile, renderAgentFile } from "./agent-file";
import { isCode, prepareAtomicWrite, syncDirectory } from "./atomic-write";
import { readRuns, readVersion, runsText, versionText } from "./data-files";
import { createDeliveryLog } from "./delivery-log";
import { indexEntryOf, sameEntry } from "./due-index";
import { StoreClosedError } from "./errors";
import { createFileIndex } from "./file-index";
import { findDueJobs, findTrigger, findTriggersByAccount, verifiedNextDueAt } from "./file-lookups";
import { filePaths } from "./file-paths";
import { createKeyedMutex } from "./keyed-mutex";
import { createListenerMap } from "./listeners";
import { type FileLock, type LockOptions, withLock } from "./lock";
import type { PlannerStore, StoreChange } from "./port";
import { activeOf, activeRunInTheWay, capRuns, insertRun, pageAgentRuns, pageRuns } from "./run-history";
import { sweepOrphans } from "./sweep";
import {
  assertAgentId,
  assertRunId,
  checkDate,
  checkDelivery,
  checkRunHistory,
  checkRunUpdate,
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
  runHistory?: number;
  /**
   * A lock not refreshed for this long is considered abandoned by a crashed process and broken. A holder that
   * died on this host is detected at once (its pid is gone). Default 10,000 ms.
   */
  lockStaleMs?: number;
}

/**
 * A `PlannerStore` over JSON files, the embedded default. Each agent's config is `<dir>/agents/<agentId>.json`
 * with the planner under its `planner` key; every other key of that file is left exactly as it was. Writes are
 * atomic and serialised per agent across processes; an unreadable file is a `StoreCorruptError` naming it and is
 * never overwritten. `version(agentId)` is a counter persisted in `<dir>/meta/<agentId>.json`, so it grows
 * across processes and restarts; `subscribe` hears changes made through this store instance.
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
  let dirsReady: Promise<void> | null = null;
  let closed = false;

  async function readEntry(agentId: string) {
    try {
      return indexEntryOf((await readAgentFile(paths.agent(agentId))).planner);
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

  /** Runs `work` as the only writer of this agent: in this process (mutex) and across processes (lock file). */
  function asWriter<T>(agentId: string, work: (lock: FileLock) => Promise<T>): Promise<T> {
    return mutex.run(agentId, () => withLock(paths.agentLock(agentId), lock, work));
  }

  /**
   * Starts reading the agent's counter, to overlap with reading its config. It is read before anything is
   * written, so a corrupt counter fails the change before it starts rather than half-way; a change that turns out
   * to be a no-op never looks at it (the rejection is handled here and rethrown only where it is awaited).
   */
  function readNextVersion(agentId: string): Promise<number> {
    const next = readVersion(paths.meta(agentId)).then((version) => version + 1);
    next.catch(() => undefined);
    return next;
  }

  /**
   * Stores a change of an agent: `text` to `path` and the agent's counter together, then notifies. Both temp files
   * are written and synced at once (the lock is re-checked meanwhile; a failure so far changes nothing), then the
   * data is renamed first and the counter second, so a poller that sees the new counter reads the new data; then
   * both directories are synced while `afterData` (the index append) runs. All of it finishes before the agent's
   * lock is released. Once the data is renamed the change is stored, so a failure of the counter is not reported
   * as a failed change: that would invite a retry that applies it twice; the counter then lags until the next one.
   */
  async function commit(held: FileLock, path: string, text: string, change: StoreChange, afterData?: () => Promise<void>) {
    const meta = paths.meta(change.agentId);
    const [data, counter] = await Promise.allSettled([
      prepareAtomicWrite(path, text, { beforeCommit: () => held.assertHeld() }),
      prepareAtomicWrite(meta, versionText(change.version)),
    ]);
    if (data.status === "rejected") {
      if (counter.status === "fulfilled") await counter.value.discard();
      throw data.reason;
    }
    if (counter.status === "rejected") {
      await data.value.discard();
      throw counter.reason;
    }
    try {
      await data.value.rename();
    } catch (error) {
      await counter.value.discard();
      throw error;
    }
    const counterStored = counter.value
      .rename()
      .then(() => syncDirectory(dirname(meta)))
      .catch(() => undefined);
    // Settled, not all: a failed directory sync must not release the lock while the index append still runs.
    const [synced] = await Promise.allSettled([syncDirectory(dirname(path)), counterStored, afterData?.() ?? Promise.resolve()]);
    if (synced.status === "rejected") throw synced.reason;
    listeners.emit(change);
  }

  /**
   * Records the agent's new index entry; the caller holds the agent's lock. Skipped when the entry is the one the
   * previous config had and this process's index already holds it: then the log holds it too, as only a writer
   * of this agent (we hold its lock) or a reconcile/rebuild reading this very config could have appended a newer
   * line for it. Anything else (a log left stale by a crash) is caught by the rebuild of a fresh process and the
   * re-check of every entry before use, as before.
   */
  async function publish(agentId: string, previous: PlannerConfig, next: PlannerConfig) {
    const entry = indexEntryOf(next);
    if (sameEntry(entry, indexEntryOf(previous)) && index.holds(agentId, entry)) return;
    try {
      await index.publish(agentId, entry);
    } catch {
      // The config is written and is the truth; the index is rebuilt from it on next use.
      index.invalidate();
    }
  }

  const lookups = {
    index,
    readPlanner: async (agentId: string) => (await readAgentFile(paths.agent(agentId))).planner,
  };

  return {
    async get(agentId) {
      await open();
      return (await readAgentFile(paths.agent(assertAgentId(agentId)))).planner;
    },

    async update(agentId, fn) {
      await open();
      const id = assertAgentId(agentId);
      return asWriter(id, async (held): Promise<PlannerConfig> => {
        const nextVersion = readNextVersion(id);
        const file = await readAgentFile(paths.agent(id));
        const next = validatePlannerResult(id, await fn(structuredClone(file.planner)));
        if (sameJson(next, file.planner)) return next;
        const text = renderAgentFile(file, next);
        const version = await nextVersion;
        await commit(held, file.path, text, { agentId: id, kind: "planner", version }, () => publish(id, file.planner, next));
        return next;
      });
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

    async appendRun(run, writeOptions) {
      await open();
      const valid = validateRun(run, "The run to append");
      const limit = historyLimitOf(writeOptions, runHistory);
      return asWriter(valid.agentId, async (held) => {
        const nextVersion = readNextVersion(valid.agentId);
        const runs = await readRuns(paths.runs(valid.agentId));
        const existing = runs.find((candidate) => candidate.id === valid.id);
        if (existing) return { inserted: false, run: existing };
        const version = await nextVersion;
        const text = runsText(capRuns(insertRun(runs, valid), valid.owner, limit));
        await commit(held, paths.runs(valid.agentId), text, { agentId: valid.agentId, kind: "run", version, run: valid });
        return { inserted: true, run: valid };
      });
    },

    async appendRunUnlessActive(run, activeOptions) {
      await open();
      const valid = validateRun(run, "The run to append");
      const limit = historyLimitOf(activeOptions, runHistory);
      // Under the agent's writer lock, like appendRun: the check and the insert are atomic across processes.
      return asWriter(valid.agentId, async (held) => {
        const nextVersion = readNextVersion(valid.agentId);
        const runs = await readRuns(paths.runs(valid.agentId));
        const existing = runs.find((candidate) => candidate.id === valid.id) ?? activeRunInTheWay(runs, valid, activeOptions);
        if (existing) return { inserted: false, run: existing };
        const version = await nextVersion;
        const text = runsText(capRuns(insertRun(runs, valid), valid.owner, limit));
        await commit(held, paths.runs(valid.agentId), text, { agentId: valid.agentId, kind: "run", version, run: valid });
        return { inserted: true, run: valid };
      });
    },

    async updateRun(agentId, runId, fn, writeOptions) {
      await open();
      const id = assertAgentId(agentId);
      assertRunId(runId);
      const limit = historyLimitOf(writeOptions, runHistory);
      return asWriter(id, async (held) => {
        const nextVersion = readNextVersion(id);
        const runs = await readRuns(paths.runs(id));
        const current = runs.find((candidate) => candidate.id === runId);
        if (!current) return null;
        const next = checkRunUpdate(current, fn(structuredClone(current)));
        if (sameJson(next, current)) return next;
        const version = await nextVersion;
        const replaced = insertRun(
          runs.filter((candidate) => candidate !== current),
          next,
        );
        await commit(held, paths.runs(id), runsText(capRuns(replaced, next.owner, limit)), {
          agentId: id,
          kind: "run",
          version,
          run: next,
        });
        return next;
      });
    },

    async getRun(agentId, runId) {
      await open();
      const runs = await readRuns(paths.runs(assertAgentId(agentId)));
      return runs.find((run) => run.id === runId) ?? null;
    },

    async listRuns(agentId, owner, listOptions) {
      await open();
      return pageRuns(await readRuns(paths.runs(assertAgentId(agentId))), owner, listOptions);
    },

    async listAgentRuns(agentId, listOptions) {
      await open();
      return pageAgentRuns(await readRuns(paths.runs(assertAgentId(agentId))), listOptions);
    },

    async agentsWithRuns() {
      await open();
      let names: string[];
      try {
        names = await readdir(paths.runsDir);
      } catch (error) {
        if (isCode(error, "ENOENT")) return [];
        throw error;
      }
      // Temp files of interrupted writes are not agents; only `<agentId>.json` names that are valid ids count.
      return names.flatMap((name) => {
        if (!name.endsWith(".json")) return [];
        const agentId = name.slice(0, -".json".length);
        return AgentId.safeParse(agentId).success ? [agentId] : [];
      });
    },

    async activeRuns(agentId) {
      await open();
      return activeOf(await readRuns(paths.runs(assertAgentId(agentId))));
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
      return readVersion(paths.meta(assertAgentId(agentId)));
    },

    async close() {
      closed = true;
      await mutex.idle();
      listeners.clear();
    },
  };
}

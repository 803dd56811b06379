import { accessSync, constants, mkdirSync, statSync } from "node:fs";
import { type FileHandle, open as openFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";
import { AGENT_EDIT_LOG_LIMIT, EDIT_LOG_LIMIT, JobState, Run, TriggerState } from "../../../shared/schemas";
import type { Stamped } from "../core/agent-runtime";
import type { DueEntry, RuntimeBackend, RuntimeSnapshot, RuntimeWrite } from "../core/runtime-backend";
import { StoreClosedError, StoreCorruptError } from "../errors";
import { storageFaultOf } from "../faults";
import type { DeliveryRecord } from "../port";
import { SQLITE_SCHEMA, SQLITE_SCHEMA_VERSION } from "./schema";

/** Options of {@link sqliteRuntime}. */
export interface SqliteRuntimeOptions {
  /** The database file (created with its folder when missing), e.g. `<dir>/planner.db`. */
  path: string;
  /** How long a write waits for another process holding the database's write lock. Default 5,000 ms. */
  busyTimeoutMs?: number | undefined;
  /** How often other processes' changes are looked for while someone listens (`watch`). Default 500 ms. */
  watchIntervalMs?: number | undefined;
}

/** The parts of the `libsql` driver used here (its API is better-sqlite3's). */
interface Statement {
  run(...params: unknown[]): unknown;
  get(...params: unknown[]): Record<string, unknown> | undefined;
  all(...params: unknown[]): Array<Record<string, unknown>>;
}
interface Database {
  exec(sql: string): unknown;
  prepare(sql: string): Statement;
  close(): unknown;
}

const Id = z.string().min(1).max(500);
const Stamp = <S extends z.ZodType>(state: S) => z.object({ rev: z.int().positive(), state });
const JobStamp = Stamp(JobState);
const TriggerStamp = Stamp(TriggerState);

let driver: (new (path: string, options?: Record<string, unknown>) => Database) | null = null;

/** Loads `libsql` when the first SQLite runtime opens (not at import: a host without it can still build). */
function loadDriver(): new (path: string, options?: Record<string, unknown>) => Database {
  if (!driver) {
    const require = createRequire(import.meta.url);
    driver = require("libsql") as new (path: string) => Database;
  }
  return driver;
}

/**
 * The embedded runtime backend: one SQLite file in WAL mode, safe for several processes on one machine (each write
 * is a `BEGIN IMMEDIATE` transaction). A commit is answered only once it is on disk: SQLite writes it into the WAL
 * (`synchronous=NORMAL`, so the commit itself does not wait for the device and does not block the event loop),
 * then an `fdatasync` of the WAL on libuv's thread pool makes it durable. Commits that happen while one sync is in
 * flight share the next one (group commit), so a burst of writes costs two syncs, not one each. Uses
 * `libsql`, a prebuilt SQLite (no install script, no compiler; see the README's design notes). Next.js keeps `libsql`
 * out of its server bundles by default (it is in Next's list of server external packages).
 *
 * @example
 * const store = plannerStore({ config: jsonAgentFiles({ dir }), runtime: sqliteRuntime({ path: join(dir, "planner.db") }) });
 */
export function sqliteRuntime(options: SqliteRuntimeOptions): RuntimeBackend {
  if (typeof options?.path !== "string" || options.path.trim() === "") throw new TypeError("sqliteRuntime needs a `path` for its database file.");
  const path = resolve(options.path);
  const busyTimeoutMs = options.busyTimeoutMs ?? 5_000;
  const watchIntervalMs = options.watchIntervalMs ?? 500;
  let connections: { writer: Database; reader: Database; statements: Statements; ino: number } | null = null;
  /** One writer connection: its transactions take turns inside this process. */
  let turn: Promise<unknown> = Promise.resolve();
  let closed = false;
  let inTransaction = false;
  let deliveryWrites = 0;
  const watchers = new Set<(agentId: string, version: number) => void>();
  let watchTimer: ReturnType<typeof setInterval> | null = null;
  const knownVersions = new Map<string, number>();

  function fault(error: unknown): unknown {
    return storageFaultOf(error, `SQLite database ${path}`) ?? error;
  }

  // --- durability: group commit ----------------------------------------------------------------------------

  let syncing: { started: Promise<void>; queued: Promise<void> | null } | null = null;
  let folderSynced = false;

  /**
   * Resolves once every commit made before the call is on disk. A sync in flight may have started before the
   * caller's commit, so a caller arriving during one shares the next (started when it ends).
   */
  function durable(): Promise<void> {
    if (syncing) return (syncing.queued ??= syncing.started.then(ignore, ignore).then(startSync));
    return startSync();
  }

  function startSync(): Promise<void> {
    const slot = { started: syncWal(), queued: null };
    syncing = slot;
    const done = () => void (syncing === slot && (syncing = null));
    slot.started.then(done, done);
    return slot.started;
  }

  async function syncWal(): Promise<void> {
    try {
      if (!folderSynced) {
        // The WAL file was created with the database: its folder entry must be on disk too.
        // (Some file systems cannot sync a folder; they answer EINVAL, which says nothing about the data.)
        await syncPath(dirname(path)).catch((error: unknown) => {
          if ((error as { code?: unknown })?.code !== "EINVAL") throw error;
        });
        folderSynced = true;
      }
      await syncWalFile();
    } catch (error) {
      throw fault(error);
    }
  }

  /**
   * The WAL, kept open for its syncs (rather than opened and closed for each), with the connections it belongs to:
   * while they are open SQLite keeps the file (it deletes the WAL only when the last connection closes, and a
   * checkpoint truncates or rewrites it in place), and connections opened again (a database file replaced) get it
   * opened again. Syncs never overlap (see `durable`), so one is opened at a time.
   */
  let wal: { owner: object; handle: FileHandle } | null = null;

  async function syncWalFile(): Promise<void> {
    const owner = connections;
    if (wal && wal.owner !== owner) {
      const stale = wal.handle;
      wal = null;
      await stale.close().catch(ignore);
    }
    if (!wal) {
      let handle: FileHandle;
      try {
        handle = await openFile(`${path}-wal`, "r");
      } catch (error) {
        // A WAL that is gone was checkpointed into the database, which SQLite synced when it did.
        if ((error as { code?: unknown })?.code === "ENOENT") return;
        throw error;
      }
      if (owner === null || owner !== connections || closed) {
        // The connections changed (or closed) meanwhile: sync this once, keep nothing open.
        try {
          await handle.datasync();
        } finally {
          await handle.close();
        }
        return;
      }
      wal = { owner, handle };
    }
    const kept = wal;
    try {
      await kept.handle.datasync();
    } catch (error) {
      // The next sync opens the file again rather than trusting a handle that failed.
      if (wal === kept) wal = null;
      await kept.handle.close().catch(ignore);
      throw error;
    }
  }

  function closeWal(): Promise<void> {
    const open = wal;
    wal = null;
    return open ? open.handle.close().catch(ignore) : Promise.resolve();
  }

  /** The database file's inode, or -1 when it is missing. */
  function inodeOf(): number {
    try {
      return statSync(path).ino;
    } catch {
      return -1;
    }
  }

  function connect() {
    if (closed) throw new StoreClosedError();
    if (connections) {
      // A database file removed or replaced under an open connection would take writes into a file no one can
      // read again: open the one at the path instead (created again when missing).
      if (inodeOf() === connections.ino) return connections;
      if (!inTransaction) {
        try {
          connections.reader.close();
          connections.writer.close();
        } catch {
          // closing a connection to a removed file
        }
        connections = null;
      } else return connections;
    }
    try {
      mkdirSync(dirname(path), { recursive: true });
      const Driver = loadDriver();
      const writer = new Driver(path);
      writer.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
      writer.exec("PRAGMA journal_mode = WAL");
      // Durability comes from `durable()` (an fdatasync of the WAL after the commit, off the event loop); SQLite
      // still syncs the WAL before each checkpoint and the database after it.
      writer.exec("PRAGMA synchronous = NORMAL");
      migrate(writer);
      // A write waits for another writer's lock asynchronously (see `begin`): a busy wait inside SQLite would block
      // this process's event loop, and so a second store in this process that holds the lock across an await.
      writer.exec("PRAGMA busy_timeout = 0");
      const reader = new Driver(path);
      reader.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
      connections = { writer, reader, statements: prepareStatements(writer, reader), ino: inodeOf() };
      return connections;
    } catch (error) {
      connections = null;
      throw fault(openProblem(error));
    }
  }

  /**
   * SQLite reports a file it cannot open or create as SQLITE_CANTOPEN whatever the reason: the folder's own answer
   * (EROFS for a read-only file system, EACCES) says which, so the fault names the real cause.
   */
  function openProblem(error: unknown): unknown {
    try {
      accessSync(dirname(path), constants.W_OK);
      return error;
    } catch (folderError) {
      return folderError;
    }
  }

  function migrate(db: Database) {
    db.exec("BEGIN IMMEDIATE");
    try {
      db.exec(SQLITE_SCHEMA);
      const row = db.prepare("SELECT value FROM planner_meta WHERE key = 'schema'").get();
      const found = row ? Number(row.value) : 0;
      if (found > SQLITE_SCHEMA_VERSION) {
        throw new StoreCorruptError(path, `The planner database ${path} was written by a newer version of agent-planner (schema ${found}, this version knows ${SQLITE_SCHEMA_VERSION}). Upgrade agent-planner; nothing was changed.`);
      }
      if (found < SQLITE_SCHEMA_VERSION) db.prepare("INSERT OR REPLACE INTO planner_meta (key, value) VALUES ('schema', ?)").run(String(SQLITE_SCHEMA_VERSION));
      db.exec("COMMIT");
    } catch (error) {
      db.exec("ROLLBACK");
      throw error;
    }
  }

  /**
   * `BEGIN IMMEDIATE` (the database's write lock), waiting for another holder with growing pauses up to
   * `busyTimeoutMs`. The pauses are real timers from `node:timers/promises`, so faked timers in a host's tests do
   * not stall them.
   */
  async function begin(s: Statements): Promise<void> {
    const started = Date.now();
    for (let pause = 1; ; pause = Math.min(pause * 2, 25)) {
      try {
        s.begin.run();
        return;
      } catch (error) {
        if (!isBusy(error) || Date.now() - started >= busyTimeoutMs) throw error;
      }
      await sleep(pause + Math.random() * pause);
    }
  }

  interface PendingDelivery {
    deliveryId: string;
    nowMs: number;
    ttlMs: number;
    resolve(record: DeliveryRecord): void;
    reject(error: unknown): void;
  }
  let pendingDeliveries: PendingDelivery[] = [];

  type DeliveryBatch = { batch: PendingDelivery[]; answers: DeliveryRecord[] } | { batch: PendingDelivery[]; error: unknown };

  /** Answers a recorded batch once its commit is durable. */
  async function settleDeliveries(recorded: DeliveryBatch): Promise<void> {
    let failure = "error" in recorded ? recorded.error : undefined;
    if (failure === undefined) {
      try {
        await durable();
      } catch (error) {
        failure = error;
      }
    }
    if (failure !== undefined || "error" in recorded) {
      for (const pending of recorded.batch) pending.reject(failure);
      return;
    }
    recorded.batch.forEach((pending, i) => pending.resolve(recorded.answers[i]!));
  }

  async function recordPendingDeliveries(): Promise<DeliveryBatch> {
    const batch = pendingDeliveries;
    pendingDeliveries = [];
    const answers: DeliveryRecord[] = [];
    try {
      const { statements: s } = connect();
      await begin(s);
      try {
        for (const { deliveryId, nowMs, ttlMs } of batch) {
          const row = s.delivery.get(deliveryId);
          const seenAt = row ? Number(row.seen_at) : undefined;
          if (seenAt !== undefined && seenAt > nowMs - ttlMs) {
            answers.push({ firstSeen: false, firstSeenAt: new Date(seenAt).toISOString() });
            continue;
          }
          s.putDelivery.run(deliveryId, nowMs);
          answers.push({ firstSeen: true });
          if (++deliveryWrites % 500 === 0) s.pruneDeliveries.run(nowMs - ttlMs);
        }
        s.commit.run();
      } catch (error) {
        try {
          s.rollback.run();
        } catch {
          // already rolled back
        }
        throw error;
      }
    } catch (error) {
      return { batch, error: fault(error) };
    }
    return { batch, answers };
  }

  /** Runs `work` after every earlier transaction of this process, with the writer connection. */
  function inTurn<T>(work: () => Promise<T>): Promise<T> {
    const result = turn.then(work);
    turn = result.catch(() => undefined);
    return result;
  }

  function corrupt(agentId: string, what: string, cause: unknown): StoreCorruptError {
    return new StoreCorruptError(path, `The planner database ${path} holds an unreadable ${what} of agent "${agentId}"; nothing was changed.`, { cause });
  }

  function parseJson(agentId: string, what: string, text: unknown): unknown {
    try {
      return JSON.parse(String(text));
    } catch (error) {
      throw corrupt(agentId, what, error);
    }
  }

  function snapshotOf(s: Statements, agentId: string, configRevision: string): RuntimeSnapshot {
    const runs = s.runsOf.all(agentId).map((row) => {
      const parsed = Run.safeParse(parseJson(agentId, "run", row.data));
      if (!parsed.success) throw corrupt(agentId, "run", parsed.error);
      return parsed.data;
    });
    const jobs: Array<[string, Stamped<JobState>]> = [];
    const triggers: Array<[string, Stamped<TriggerState>]> = [];
    for (const row of s.statesOf.all(agentId)) {
      const value = { rev: Number(row.rev), state: parseJson(agentId, "state", row.data) };
      if (row.kind === "job") {
        const parsed = JobStamp.safeParse(value);
        if (!parsed.success) throw corrupt(agentId, "job state", parsed.error);
        jobs.push([String(row.owner_id), parsed.data]);
      } else {
        const parsed = TriggerStamp.safeParse(value);
        if (!parsed.success) throw corrupt(agentId, "trigger state", parsed.error);
        triggers.push([String(row.owner_id), parsed.data]);
      }
    }
    const deliveries = s.deliveriesOf.all(agentId).map((row): [string, number] => [Id.parse(row.delivery_id), Number(row.expires_at)]);
    return { runs, jobs, triggers, deliveries, configRevision };
  }

  function headOf(s: Statements, agentId: string, reader: boolean): { version: number; configRevision: string } {
    const row = (reader ? s.headRead : s.head).get(agentId);
    return { version: row ? Number(row.version) : 0, configRevision: row ? String(row.config_revision) : "" };
  }

  function commitWrite(s: Statements, agentId: string, write: RuntimeWrite): number {
    for (const [runId, run] of write.runs) {
      if (run) s.putRun.run(agentId, runId, JSON.stringify(run));
      else s.dropRun.run(agentId, runId);
    }
    for (const [kind, states] of [
      ["job", write.jobs],
      ["trigger", write.triggers],
    ] as const) {
      for (const [ownerId, stamped] of states) {
        if (stamped) s.putState.run(agentId, kind, ownerId, stamped.rev, JSON.stringify(stamped.state));
        else s.dropState.run(agentId, kind, ownerId);
      }
    }
    if (write.pruneDeliveriesBefore !== undefined) s.pruneAgentDeliveries.run(agentId, write.pruneDeliveriesBefore);
    for (const [deliveryId, expiresAt] of write.deliveries) s.putAgentDelivery.run(agentId, deliveryId, expiresAt);
    for (const entry of write.deliveryLog ?? []) s.putLogEntry.run(agentId, entry.triggerId, JSON.stringify(entry));
    if (write.deliveryLog?.length && write.deliveryLogKeep !== undefined) {
      for (const triggerId of new Set(write.deliveryLog.map((entry) => entry.triggerId))) s.pruneLog.run(agentId, triggerId, write.deliveryLogKeep);
    }
    for (const triggerId of write.deliveryLogDrop ?? []) s.dropLog.run(agentId, triggerId);
    if (write.dueReplace) s.clearDue.run(agentId);
    for (const [jobId, at] of write.due) {
      if (at === null) s.dropDue.run(agentId, jobId);
      else s.putDue.run(agentId, jobId, at);
    }
    if (write.composioIds !== undefined) {
      s.clearComposio.run(agentId);
      for (const id of new Set(write.composioIds)) s.putComposio.run(id, agentId);
    }
    if (write.edits?.length) {
      for (const entry of write.edits) s.putEdit.run(agentId, entry.owner.kind, entry.owner.id, JSON.stringify(entry));
      s.pruneEdits.run(agentId, EDIT_LOG_LIMIT, AGENT_EDIT_LOG_LIMIT);
    }
    const row = s.bump.get(agentId, write.configRevision ?? null);
    return Number(row?.version);
  }

  function read<T>(work: (s: Statements) => T): Promise<T> {
    return new Promise<T>((resolvePromise) => resolvePromise(work(connect().statements))).catch((error: unknown) => {
      throw fault(error);
    });
  }

  function startWatching() {
    if (watchTimer) return;
    let lastDataVersion = -1;
    /** Compares every agent's version with the last one known here; `announce: false` only learns them. */
    const look = (announce: boolean) => {
      if (closed) return;
      try {
        const { statements } = connect();
        // data_version changes when another connection (this process's writer included) committed.
        const dataVersion = Number(statements.dataVersion.get()?.data_version);
        if (dataVersion === lastDataVersion) return;
        lastDataVersion = dataVersion;
        for (const row of statements.allHeads.all()) {
          const agentId = String(row.agent_id);
          const version = Number(row.version);
          const known = knownVersions.get(agentId) ?? 0;
          if (version === known) continue;
          knownVersions.set(agentId, version);
          if (announce && version > known) for (const watcher of watchers) watcher(agentId, version);
        }
      } catch {
        // A busy or briefly unavailable database: the next interval looks again.
      }
    };
    look(false);
    watchTimer = setInterval(() => look(true), watchIntervalMs);
    (watchTimer as { unref?: () => void }).unref?.();
  }

  return {
    transaction(agentId, work) {
      // Answered once the commit is durable; the next transaction of this process need not wait for that.
      return inTurn(async () => {
        const { statements: s } = (() => {
          try {
            return connect();
          } catch (error) {
            throw fault(error);
          }
        })();
        try {
          await begin(s);
        } catch (error) {
          throw fault(error);
        }
        inTransaction = true;
        let committed: number | null = null;
        try {
          const head = headOf(s, agentId, false);
          const result = await work({
            version: head.version,
            load: () => promised(() => snapshotOf(s, agentId, head.configRevision)),
            commit: (write) =>
              promised(() => {
                if (committed !== null) throw new Error("A runtime transaction commits at most once.");
                committed = commitWrite(s, agentId, write);
                return committed;
              }),
          });
          s.commit.run();
          if (committed !== null) knownVersions.set(agentId, committed);
          return { result, wrote: committed !== null };
        } catch (error) {
          try {
            s.rollback.run();
          } catch {
            // SQLite already rolled back (a full disk or I/O error ends the transaction itself).
          }
          throw fault(error);
        } finally {
          inTransaction = false;
        }
      }).then(async ({ result, wrote }) => {
        if (wrote) await durable();
        return result;
      });
    },

    head(agentId) {
      return read((s) => headOf(s, agentId, true));
    },

    heads(agentIds) {
      return read((s) => {
        const heads = new Map<string, { version: number; configRevision: string }>();
        for (const row of s.heads.all(JSON.stringify(agentIds))) {
          heads.set(String(row.agent_id), { version: Number(row.version), configRevision: String(row.config_revision) });
        }
        return heads;
      });
    },

    load(agentId) {
      // One read transaction, so the version and the rows are of the same commit.
      return read((s) => {
        s.beginRead.run();
        try {
          const head = headOf(s, agentId, true);
          const snapshot = snapshotOfReader(s, agentId, head.configRevision);
          return { version: head.version, snapshot };
        } finally {
          s.commitRead.run();
        }
      });
    },

    dueEntries(nowMs, limit) {
      return read((s) => s.due.all(nowMs, limit).map((row): DueEntry => ({ agentId: String(row.agent_id), jobId: String(row.job_id), at: Number(row.at) })));
    },

    nextDueAt() {
      return read((s) => {
        const row = s.earliest.get();
        return row && row.at !== null && row.at !== undefined ? Number(row.at) : null;
      });
    },

    agentsWithComposioId(composioTriggerId) {
      return read((s) => s.composioAgents.all(composioTriggerId).map((row) => String(row.agent_id)));
    },

    agents() {
      return read((s) => s.agents.all().map((row) => String(row.agent_id)));
    },

    agentsWithRuns() {
      return read((s) => s.agentsWithRuns.all().map((row) => String(row.agent_id)));
    },

    deliveryLog(agentId, triggerId, limit) {
      return read((s) => s.logOf.all(agentId, triggerId, limit).map((row) => parseJson(agentId, "delivery log entry", row.data)));
    },

    listEdits(agentId, owner, { beforeSeq, limit }) {
      return read((s) =>
        s.editsOf
          .all(agentId, owner.kind, owner.id, beforeSeq ?? Number.MAX_SAFE_INTEGER, limit)
          .map((row) => ({ seq: Number(row.seq), entry: parseJson(agentId, "edit log entry", row.data) })),
      );
    },

    recordDelivery(deliveryId, nowMs, ttlMs) {
      // Deliveries arriving together are recorded in one transaction (one fsync), in arrival order, so a repeat
      // within the batch is still a duplicate.
      return new Promise<DeliveryRecord>((resolvePromise, reject) => {
        pendingDeliveries.push({ deliveryId, nowMs, ttlMs, resolve: resolvePromise, reject });
        if (pendingDeliveries.length === 1) void inTurn(recordPendingDeliveries).then(settleDeliveries);
      });
    },

    watch(listener) {
      watchers.add(listener);
      startWatching();
      return () => {
        watchers.delete(listener);
        if (watchers.size === 0 && watchTimer) {
          clearInterval(watchTimer);
          watchTimer = null;
        }
      };
    },

    async close() {
      if (closed) return;
      closed = true;
      if (watchTimer) clearInterval(watchTimer);
      watchers.clear();
      await turn;
      await syncing?.started.catch(ignore);
      await closeWal();
      if (connections) {
        connections.reader.close();
        connections.writer.close();
        connections = null;
      }
    },
  };

  function snapshotOfReader(s: Statements, agentId: string, configRevision: string): RuntimeSnapshot {
    return snapshotOf({ ...s, runsOf: s.runsOfRead, statesOf: s.statesOfRead, deliveriesOf: s.deliveriesOfRead }, agentId, configRevision);
  }
}

type Statements = ReturnType<typeof prepareStatements>;

function ignore(): void {}

/** `fdatasync` of a file (or a folder's entries) on libuv's thread pool; a missing file has nothing to sync. */
async function syncPath(target: string): Promise<void> {
  let handle;
  try {
    handle = await openFile(target, "r");
  } catch (error) {
    if ((error as { code?: unknown })?.code === "ENOENT") return;
    throw error;
  }
  try {
    await handle.datasync();
  } finally {
    await handle.close();
  }
}

/** Runs `work` and answers a promise of its result: a throw becomes a rejection. */
function promised<T>(work: () => T): Promise<T> {
  return new Promise<T>((resolve) => resolve(work()));
}

/** SQLite's "database is locked" (another connection holds the write lock). */
function isBusy(error: unknown): boolean {
  try {
    const code = (error as { code?: unknown })?.code;
    return typeof code === "string" && code.startsWith("SQLITE_BUSY");
  } catch {
    return false;
  }
}

function prepareStatements(writer: Database, reader: Database) {
  return {
    // Prepared once, like every other statement here (`exec` prepares its text again at each call).
    begin: writer.prepare("BEGIN IMMEDIATE"),
    commit: writer.prepare("COMMIT"),
    rollback: writer.prepare("ROLLBACK"),
    beginRead: reader.prepare("BEGIN"),
    commitRead: reader.prepare("COMMIT"),
    head: writer.prepare("SELECT version, config_revision FROM planner_agents WHERE agent_id = ?"),
    headRead: reader.prepare("SELECT version, config_revision FROM planner_agents WHERE agent_id = ?"),
    heads: reader.prepare("SELECT agent_id, version, config_revision FROM planner_agents WHERE agent_id IN (SELECT value FROM json_each(?))"),
    allHeads: reader.prepare("SELECT agent_id, version FROM planner_agents"),
    dataVersion: reader.prepare("PRAGMA data_version"),
    runsOf: writer.prepare("SELECT data FROM planner_runs WHERE agent_id = ?"),
    statesOf: writer.prepare("SELECT kind, owner_id, rev, data FROM planner_states WHERE agent_id = ?"),
    deliveriesOf: writer.prepare("SELECT delivery_id, expires_at FROM planner_agent_deliveries WHERE agent_id = ?"),
    runsOfRead: reader.prepare("SELECT data FROM planner_runs WHERE agent_id = ?"),
    statesOfRead: reader.prepare("SELECT kind, owner_id, rev, data FROM planner_states WHERE agent_id = ?"),
    deliveriesOfRead: reader.prepare("SELECT delivery_id, expires_at FROM planner_agent_deliveries WHERE agent_id = ?"),
    putRun: writer.prepare("INSERT OR REPLACE INTO planner_runs (agent_id, run_id, data) VALUES (?, ?, ?)"),
    dropRun: writer.prepare("DELETE FROM planner_runs WHERE agent_id = ? AND run_id = ?"),
    putState: writer.prepare("INSERT OR REPLACE INTO planner_states (agent_id, kind, owner_id, rev, data) VALUES (?, ?, ?, ?, ?)"),
    dropState: writer.prepare("DELETE FROM planner_states WHERE agent_id = ? AND kind = ? AND owner_id = ?"),
    putAgentDelivery: writer.prepare("INSERT OR REPLACE INTO planner_agent_deliveries (agent_id, delivery_id, expires_at) VALUES (?, ?, ?)"),
    pruneAgentDeliveries: writer.prepare("DELETE FROM planner_agent_deliveries WHERE agent_id = ? AND expires_at <= ?"),
    putLogEntry: writer.prepare("INSERT INTO planner_delivery_log (agent_id, trigger_id, data) VALUES (?, ?, ?)"),
    pruneLog: writer.prepare(
      `DELETE FROM planner_delivery_log WHERE agent_id = ?1 AND trigger_id = ?2 AND seq <
         COALESCE((SELECT seq FROM planner_delivery_log WHERE agent_id = ?1 AND trigger_id = ?2 ORDER BY seq DESC LIMIT 1 OFFSET ?3 - 1), 0)`,
    ),
    dropLog: writer.prepare("DELETE FROM planner_delivery_log WHERE agent_id = ? AND trigger_id = ?"),
    logOf: reader.prepare("SELECT data FROM planner_delivery_log WHERE agent_id = ? AND trigger_id = ? ORDER BY seq DESC LIMIT ?"),
    clearDue: writer.prepare("DELETE FROM planner_due WHERE agent_id = ?"),
    putDue: writer.prepare("INSERT OR REPLACE INTO planner_due (agent_id, job_id, at) VALUES (?, ?, ?)"),
    dropDue: writer.prepare("DELETE FROM planner_due WHERE agent_id = ? AND job_id = ?"),
    clearComposio: writer.prepare("DELETE FROM planner_composio WHERE agent_id = ?"),
    putComposio: writer.prepare("INSERT OR IGNORE INTO planner_composio (composio_id, agent_id) VALUES (?, ?)"),
    bump: writer.prepare(
      `INSERT INTO planner_agents (agent_id, version, config_revision) VALUES (?1, 1, COALESCE(?2, ''))
       ON CONFLICT (agent_id) DO UPDATE SET version = version + 1, config_revision = COALESCE(?2, config_revision)
       RETURNING version`,
    ),
    due: reader.prepare("SELECT agent_id, job_id, at FROM planner_due WHERE at <= ? ORDER BY at, agent_id, job_id LIMIT ?"),
    earliest: reader.prepare("SELECT MIN(at) AS at FROM planner_due"),
    composioAgents: reader.prepare("SELECT agent_id FROM planner_composio WHERE composio_id = ? ORDER BY agent_id"),
    agents: reader.prepare("SELECT agent_id FROM planner_agents ORDER BY agent_id"),
    agentsWithRuns: reader.prepare("SELECT DISTINCT agent_id FROM planner_runs ORDER BY agent_id"),
    delivery: writer.prepare("SELECT seen_at FROM planner_deliveries WHERE delivery_id = ?"),
    putDelivery: writer.prepare("INSERT OR REPLACE INTO planner_deliveries (delivery_id, seen_at) VALUES (?, ?)"),
    pruneDeliveries: writer.prepare("DELETE FROM planner_deliveries WHERE seen_at <= ?"),
    putEdit: writer.prepare("INSERT INTO planner_edits (agent_id, kind, owner_id, data) VALUES (?, ?, ?, ?)"),
    // The newest ?2 entries per owner and ?3 of the agent stay.
    pruneEdits: writer.prepare(
      `DELETE FROM planner_edits WHERE agent_id = ?1 AND seq IN (
         SELECT seq FROM (
           SELECT seq, row_number() OVER (PARTITION BY kind, owner_id ORDER BY seq DESC) AS r, row_number() OVER (ORDER BY seq DESC) AS a
           FROM planner_edits WHERE agent_id = ?1)
         WHERE r > ?2 OR a > ?3)`,
    ),
    editsOf: reader.prepare("SELECT seq, data FROM planner_edits WHERE agent_id = ? AND kind = ? AND owner_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?"),
  };
}

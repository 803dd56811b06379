import { randomUUID } from "node:crypto";
import { AGENT_EDIT_LOG_LIMIT, EDIT_LOG_LIMIT, JobState, Run, TriggerState } from "../../../shared/schemas";
import type { Stamped } from "../core/agent-runtime";
import type { DueEntry, RuntimeBackend, RuntimeSnapshot, RuntimeTransaction, RuntimeWrite } from "../core/runtime-backend";
import { StoreClosedError, StoreCorruptError } from "../errors";
import type { DeliveryRecord } from "../port";
import { tableNames } from "./schema";
import {
  type PostgresConnection,
  type PostgresPortOptions,
  type Row,
  type Sql,
  type Tx,
  agentTransactions,
  faultOf,
  openClient,
  promised,
  q,
  sleep,
  starter,
  transact,
} from "./connection";
import { z } from "zod";

/** Options of {@link postgresRuntime}. */
export interface PostgresRuntimeOptions extends PostgresPortOptions {
  /**
   * Listen for changes made by other instances (`LISTEN`) so `watch` hears them (default `true`). Holds one extra
   * connection of the pool.
   */
  listen?: boolean | undefined;
}

/** A change another instance committed, as its notification tells it. */
export interface PostgresChange {
  agentId: string;
  version: number;
  /** The runs it wrote, when few enough to name in a notification; `null` when not named. */
  runIds: string[] | null;
}

/** What `postgresStore` uses beyond the `RuntimeBackend` port (not public). */
export interface PostgresRuntimeInternals {
  /** Hears other instances' commits; `relistened` after listening resumed (notifications may have been lost). */
  changes(listener: (change: PostgresChange) => void, relistened: () => void): () => void;
  /** The committed versions of these agents (absent: never written). */
  versions(agentIds: string[]): Promise<Map<string, number>>;
  /** These runs of the agent, as stored. */
  runs(agentId: string, runIds: string[]): Promise<Run[]>;
}

/** About one write in this many also removes expired route-wide delivery ids. */
const PRUNE_EVERY = 200;
/** The first and the longest wait before listening (`LISTEN`) again after it failed. */
const LISTEN_RETRY_MIN_MS = 250;
const LISTEN_RETRY_MAX_MS = 10_000;
/** How long `close()` waits for `UNLISTEN` on a connection that may be gone. */
const UNLISTEN_TIMEOUT_MS = 2_000;
/**
 * How often listeners compare the versions they know with the database even while listening seems up: postgres.js
 * listens again by itself after its connection dies, but a connection ended again while it reconnects can leave it
 * not listening without telling anyone. One small query per interval makes a lost notification late, never lost.
 */
const RESYNC_EVERY_MS = 5_000;
/** Versions remembered per agent to tell listeners what changed while listening was down. */
const KNOWN_VERSIONS = 10_000;

const JobStamp = z.object({ rev: z.int(), state: JobState });
const TriggerStamp = z.object({ rev: z.int(), state: TriggerState });

/**
 * The runtime backend on PostgreSQL, for several server instances sharing one database. Each agent's write is one
 * short transaction that first locks the agent's row in `rt_agents` (`SELECT … FOR UPDATE`), the lock across
 * instances; the rows it writes go in with a few multi-row statements sent together, and a `pg_notify` in the
 * same transaction tells the other instances (`watch`). Connection failures reject with a `StorageFaultError` of
 * kind `"database-unavailable"`; a write whose `COMMIT` got no answer asks the server (`txid_status`) what
 * became of it before answering.
 *
 * @example
 * const sql = postgres(process.env.DATABASE_URL!);
 * const store = plannerStore({ config: postgresConfig({ sql }), runtime: postgresRuntime({ sql }) });
 */
export function postgresRuntime(connection: PostgresConnection, options: PostgresRuntimeOptions = {}): RuntimeBackend {
  const schema = options.schema ?? "agent_planner";
  tableNames(schema);
  const { sql, owns } = openClient(connection, "postgresRuntime");
  const { runtime } = createPostgresRuntime(sql, schema, starter(sql, schema, options.migrate !== false), { listen: options.listen !== false });
  return {
    ...runtime,
    async close() {
      await runtime.close();
      if (owns) await sql.end({ timeout: 5 });
    },
  };
}

/** The runtime backend on a client it does not own (`close()` leaves the client open). */
export function createPostgresRuntime(
  sql: Sql,
  schema: string,
  migrated: () => Promise<void>,
  options: {
    listen: boolean;
    /**
     * The config source's table is in the same schema, on the same client (`postgresStore`): each transaction reads
     * the agent's config revision in its first round trip, for the config source to answer from.
     */
    withConfig?: boolean | undefined;
  },
): { runtime: RuntimeBackend; internals: PostgresRuntimeInternals } {
  const t = tableNames(schema);
  const channel = `agent_planner_${schema}`.slice(0, 63);
  const instance = randomUUID();
  let closed = false;
  let deliveryWrites = 0;
  /** Transactions running, so `close()` waits for them. */
  const running = new Set<Promise<unknown>>();

  // --- listening ----------------------------------------------------------------------------------------------
  const changeListeners = new Set<{ heard: (change: PostgresChange) => void; relistened: () => void }>();
  let unlisten: (() => Promise<void>) | null = null;
  let listening: Promise<void> | null = null;
  let listenTimer: ReturnType<typeof setTimeout> | null = null;
  let listenFailures = 0;
  let listenCount = 0;
  let resyncTimer: ReturnType<typeof setInterval> | null = null;

  function open() {
    if (closed) throw new StoreClosedError();
  }

  let readyPromise: Promise<void> | null = null;
  /** Tables created (once) and listening started; a `LISTEN` that fails is tried again in the background. */
  function ready(): Promise<void> {
    open();
    readyPromise ??= (async () => {
      await migrated();
      if (options.listen) await listen();
    })().catch((error: unknown) => {
      readyPromise = null;
      throw error;
    });
    return readyPromise;
  }

  function heard(payload: string) {
    let message: { i?: unknown; a?: unknown; v?: unknown; r?: unknown };
    try {
      message = JSON.parse(payload) as typeof message;
    } catch {
      return;
    }
    if (message.i === instance || typeof message.a !== "string" || closed) return;
    const runIds = Array.isArray(message.r) ? message.r.filter((id): id is string => typeof id === "string") : null;
    const change: PostgresChange = { agentId: message.a, version: Number(message.v), runIds };
    for (const listener of [...changeListeners]) {
      try {
        listener.heard(change);
      } catch {
        // one failing listener must not starve the others
      }
    }
  }

  function relistened() {
    for (const listener of [...changeListeners]) {
      try {
        listener.relistened();
      } catch {
        // as above
      }
    }
  }

  /**
   * Listens for other instances' changes. postgres.js listens again by itself whenever its listening connection
   * comes back; a `LISTEN` that failed is tried again here, with backoff.
   */
  function listen(): Promise<void> {
    if (closed || unlisten || !options.listen) return Promise.resolve();
    listening ??= sql
      .listen(
        channel,
        (payload) => heard(payload),
        () => {
          listenCount += 1;
          // Listening again after its connection died, or at last after failed attempts: changes may have been missed.
          if (listenCount > 1 || listenFailures > 0) relistened();
        },
      )
      .then(
        async (request) => {
          listenFailures = 0;
          if (closed) await request.unlisten().catch(() => {});
          else unlisten = () => request.unlisten();
        },
        () => retryListen(),
      )
      .finally(() => {
        listening = null;
      });
    return listening;
  }

  function retryListen() {
    if (closed || listenTimer || !options.listen) return;
    listenFailures += 1;
    const wait = Math.min(LISTEN_RETRY_MIN_MS * 2 ** Math.min(listenFailures - 1, 16), LISTEN_RETRY_MAX_MS);
    listenTimer = setTimeout(() => {
      listenTimer = null;
      if (closed) return;
      void ready()
        .then(() => listen())
        .catch(() => retryListen());
    }, wait);
    listenTimer.unref?.();
  }

  // --- reading rows ---------------------------------------------------------------------------------------------

  function corrupt(agentId: string, what: string, cause: unknown): StoreCorruptError {
    return new StoreCorruptError(`postgres:${schema}/${agentId}`, `The PostgreSQL schema "${schema}" holds an unreadable ${what} of agent "${agentId}"; nothing was changed. Fix or remove the row.`, {
      cause,
    });
  }

  function parseJson(agentId: string, what: string, text: unknown): unknown {
    try {
      return JSON.parse(String(text));
    } catch (error) {
      throw corrupt(agentId, what, error);
    }
  }

  function runOf(agentId: string, text: unknown): Run {
    const parsed = Run.safeParse(parseJson(agentId, "run", text));
    if (!parsed.success) throw corrupt(agentId, "run", parsed.error);
    return parsed.data;
  }

  /** The agent's version and rows, in one statement (one snapshot). */
  const SNAPSHOT = `SELECT
      (SELECT version FROM ${t.agents} WHERE agent_id = $1) AS version,
      (SELECT config_revision FROM ${t.agents} WHERE agent_id = $1) AS config_revision,
      (SELECT json_agg(data) FROM ${t.runs} WHERE agent_id = $1) AS runs,
      (SELECT json_agg(json_build_array(kind, owner_id, rev, data)) FROM ${t.states} WHERE agent_id = $1) AS states,
      (SELECT json_agg(json_build_array(delivery_id, expires_at)) FROM ${t.agentDeliveries} WHERE agent_id = $1) AS deliveries`;

  async function snapshotOf(client: Tx, agentId: string): Promise<{ version: number; snapshot: RuntimeSnapshot }> {
    const [row] = await q(client, SNAPSHOT, [agentId]);
    const runs = ((row?.runs as unknown[] | null) ?? []).map((text) => runOf(agentId, text));
    const jobs: Array<[string, Stamped<JobState>]> = [];
    const triggers: Array<[string, Stamped<TriggerState>]> = [];
    for (const [kind, ownerId, rev, data] of (row?.states as Array<[string, string, number, string]> | null) ?? []) {
      const value = { rev: Number(rev), state: parseJson(agentId, "state", data) };
      if (kind === "job") {
        const parsed = JobStamp.safeParse(value);
        if (!parsed.success) throw corrupt(agentId, "job state", parsed.error);
        jobs.push([String(ownerId), parsed.data]);
      } else {
        const parsed = TriggerStamp.safeParse(value);
        if (!parsed.success) throw corrupt(agentId, "trigger state", parsed.error);
        triggers.push([String(ownerId), parsed.data]);
      }
    }
    const deliveries = ((row?.deliveries as Array<[string, number]> | null) ?? []).map(([id, expiresAt]): [string, number] => [String(id), Number(expiresAt)]);
    const version = row?.version === null || row?.version === undefined ? 0 : Number(row.version);
    return { version, snapshot: { runs, jobs, triggers, deliveries, configRevision: typeof row?.config_revision === "string" ? row.config_revision : "" } };
  }

  // --- writing ----------------------------------------------------------------------------------------------------

  /** Stores `write` with a few statements sent together (one round trip), bumps the version and notifies. */
  async function commitWrite(tx: Tx, agentId: string, write: RuntimeWrite): Promise<{ version: number; xid: string }> {
    const writes: Array<Promise<Row[]>> = [];
    const putRuns: Array<[string, string]> = [];
    const dropRuns: string[] = [];
    for (const [runId, run] of write.runs) {
      if (run) putRuns.push([runId, JSON.stringify(run)]);
      else dropRuns.push(runId);
    }
    if (dropRuns.length) {
      writes.push(q(tx, `DELETE FROM ${t.runs} WHERE agent_id = $1 AND run_id IN (SELECT json_array_elements_text($2::text::json))`, [agentId, JSON.stringify(dropRuns)]));
    }
    if (putRuns.length) {
      writes.push(
        q(
          tx,
          `INSERT INTO ${t.runs} (agent_id, run_id, data) SELECT $1, e->>0, e->>1 FROM json_array_elements($2::text::json) e
           ON CONFLICT (agent_id, run_id) DO UPDATE SET data = EXCLUDED.data`,
          [agentId, JSON.stringify(putRuns)],
        ),
      );
    }
    const putStates: Array<[string, string, number, string]> = [];
    const dropStates: Array<[string, string]> = [];
    for (const [kind, states] of [
      ["job", write.jobs],
      ["trigger", write.triggers],
    ] as const) {
      for (const [ownerId, stamped] of states) {
        if (stamped) putStates.push([kind, ownerId, stamped.rev, JSON.stringify(stamped.state)]);
        else dropStates.push([kind, ownerId]);
      }
    }
    if (dropStates.length) {
      writes.push(
        q(tx, `DELETE FROM ${t.states} s USING json_array_elements($2::text::json) e WHERE s.agent_id = $1 AND s.kind = e->>0 AND s.owner_id = e->>1`, [
          agentId,
          JSON.stringify(dropStates),
        ]),
      );
    }
    if (putStates.length) {
      writes.push(
        q(
          tx,
          `INSERT INTO ${t.states} (agent_id, kind, owner_id, rev, data) SELECT $1, e->>0, e->>1, (e->>2)::integer, e->>3 FROM json_array_elements($2::text::json) e
           ON CONFLICT (agent_id, kind, owner_id) DO UPDATE SET rev = EXCLUDED.rev, data = EXCLUDED.data`,
          [agentId, JSON.stringify(putStates)],
        ),
      );
    }
    if (write.pruneDeliveriesBefore !== undefined) {
      writes.push(q(tx, `DELETE FROM ${t.agentDeliveries} WHERE agent_id = $1 AND expires_at <= $2::bigint`, [agentId, write.pruneDeliveriesBefore]));
    }
    if (write.deliveries.size) {
      writes.push(
        q(
          tx,
          `INSERT INTO ${t.agentDeliveries} (agent_id, delivery_id, expires_at) SELECT $1, e->>0, (e->>1)::bigint FROM json_array_elements($2::text::json) e
           ON CONFLICT (agent_id, delivery_id) DO UPDATE SET expires_at = EXCLUDED.expires_at`,
          [agentId, JSON.stringify([...write.deliveries])],
        ),
      );
    }
    if (write.deliveryLog?.length) {
      writes.push(
        q(
          tx,
          `INSERT INTO ${t.deliveryLog} (agent_id, trigger_id, data)
           SELECT $1, x.e->>0, x.e->>1 FROM json_array_elements($2::text::json) WITH ORDINALITY AS x(e, n) ORDER BY x.n`,
          [agentId, JSON.stringify(write.deliveryLog.map((entry) => [entry.triggerId, JSON.stringify(entry)]))],
        ),
      );
      if (write.deliveryLogKeep !== undefined) {
        writes.push(
          q(
            tx,
            `DELETE FROM ${t.deliveryLog} l WHERE l.agent_id = $1 AND l.trigger_id IN (SELECT json_array_elements_text($2::text::json))
               AND l.seq < COALESCE((SELECT k.seq FROM ${t.deliveryLog} k WHERE k.agent_id = $1 AND k.trigger_id = l.trigger_id
                                     ORDER BY k.seq DESC OFFSET $3::integer - 1 LIMIT 1), 0)`,
            [agentId, JSON.stringify([...new Set(write.deliveryLog.map((entry) => entry.triggerId))]), write.deliveryLogKeep],
          ),
        );
      }
    }
    if (write.deliveryLogDrop?.length) {
      writes.push(
        q(tx, `DELETE FROM ${t.deliveryLog} WHERE agent_id = $1 AND trigger_id IN (SELECT json_array_elements_text($2::text::json))`, [
          agentId,
          JSON.stringify(write.deliveryLogDrop),
        ]),
      );
    }
    if (write.dueReplace) writes.push(q(tx, `DELETE FROM ${t.due} WHERE agent_id = $1`, [agentId]));
    const putDue: Array<[string, number]> = [];
    const dropDue: string[] = [];
    for (const [jobId, at] of write.due) {
      if (at === null) dropDue.push(jobId);
      else putDue.push([jobId, at]);
    }
    if (dropDue.length && !write.dueReplace) {
      writes.push(q(tx, `DELETE FROM ${t.due} WHERE agent_id = $1 AND job_id IN (SELECT json_array_elements_text($2::text::json))`, [agentId, JSON.stringify(dropDue)]));
    }
    if (putDue.length) {
      writes.push(
        q(
          tx,
          `INSERT INTO ${t.due} (agent_id, job_id, at) SELECT $1, e->>0, (e->>1)::bigint FROM json_array_elements($2::text::json) e
           ON CONFLICT (agent_id, job_id) DO UPDATE SET at = EXCLUDED.at`,
          [agentId, JSON.stringify(putDue)],
        ),
      );
    }
    if (write.composioIds !== undefined) {
      writes.push(q(tx, `DELETE FROM ${t.composio} WHERE agent_id = $1`, [agentId]));
      const ids = [...new Set(write.composioIds)];
      if (ids.length) {
        writes.push(
          q(tx, `INSERT INTO ${t.composio} (composio_id, agent_id) SELECT c, $1 FROM json_array_elements_text($2::text::json) c ON CONFLICT DO NOTHING`, [
            agentId,
            JSON.stringify(ids),
          ]),
        );
      }
    }
    if (write.edits?.length) {
      const rows = write.edits.map((entry) => [entry.owner.kind, entry.owner.id, JSON.stringify(entry)]);
      writes.push(
        q(
          tx,
          `INSERT INTO ${t.edits} (agent_id, kind, owner_id, data)
           SELECT $1, e->>0, e->>1, e->>2 FROM json_array_elements($2::text::json) WITH ORDINALITY AS x(e, n) ORDER BY n`,
          [agentId, JSON.stringify(rows)],
        ),
      );
      // The newest entries per owner and of the agent stay.
      writes.push(
        q(
          tx,
          `DELETE FROM ${t.edits} WHERE agent_id = $1 AND seq IN (
             SELECT seq FROM (
               SELECT seq, row_number() OVER (PARTITION BY kind, owner_id ORDER BY seq DESC) AS r, row_number() OVER (ORDER BY seq DESC) AS a
               FROM ${t.edits} WHERE agent_id = $1) x
             WHERE x.r > $2::integer OR x.a > $3::integer)`,
          [agentId, EDIT_LOG_LIMIT, AGENT_EDIT_LOG_LIMIT],
        ),
      );
    }
    // Tell every instance (delivered when the transaction ends well; this instance skips its own).
    const runIds = putRuns.map(([id]) => id);
    writes.push(
      q(
        tx,
        `WITH b AS (UPDATE ${t.agents} SET version = version + 1, config_revision = COALESCE($2, config_revision) WHERE agent_id = $1 RETURNING version)
         SELECT version, txid_current()::text AS xid,
           pg_notify($3, json_build_object('i', $4::text, 'a', $1::text, 'v', version, 'r', $5::text::json)::text) FROM b`,
        [agentId, write.configRevision ?? null, channel, instance, JSON.stringify(runIds.length * 210 > 7000 ? null : runIds)],
      ),
    );
    const results = await Promise.all(writes);
    const row = results.at(-1)![0]!;
    return { version: Number(row.version), xid: String(row.xid) };
  }

  /** A read outside any transaction: ready first, connection failures as storage faults. */
  function read<T>(what: string, work: () => Promise<T>): Promise<T> {
    return promised(async () => {
      await ready();
      return work();
    }).catch((error: unknown) => {
      throw faultOf(error, schema, what);
    });
  }

  function track<T>(promise: Promise<T>): Promise<T> {
    running.add(promise);
    void promise.then(
      () => running.delete(promise),
      () => running.delete(promise),
    );
    return promise;
  }

  const fault = <T>(what: string, promise: Promise<T>) =>
    promise.catch((error: unknown) => {
      throw faultOf(error, schema, what);
    });

  const runtime: RuntimeBackend = {
    transaction(agentId, work) {
      return track(
        promised(async () => {
          await fault("transaction", ready());
          return transact(sql, schema, "transaction", () => closed, async (tx, wrote) => {
            // Sent together (one round trip); the server runs them in order, so the config revision is read with
            // the agent's lock held.
            const [, [row], config] = await fault(
              "transaction",
              Promise.all([
                q(tx, `INSERT INTO ${t.agents} (agent_id) VALUES ($1) ON CONFLICT (agent_id) DO NOTHING`, [agentId]),
                q(tx, `SELECT version, config_revision FROM ${t.agents} WHERE agent_id = $1 FOR UPDATE`, [agentId]),
                options.withConfig ? q(tx, `SELECT revision FROM ${t.planners} WHERE agent_id = $1`, [agentId]) : null,
              ]),
            );
            const version = Number(row!.version);
            let committed = false;
            const handle: RuntimeTransaction = {
              version,
              load: () => fault("load", snapshotOf(tx, agentId)).then(({ snapshot }) => snapshot),
              async commit(write) {
                if (committed) throw new Error("A runtime transaction commits at most once.");
                committed = true;
                const done = await fault("commit", commitWrite(tx, agentId, write));
                wrote(done.xid);
                return done.version;
              },
            };
            const configRevision = config ? { value: config[0] ? Number(config[0].revision) : null } : undefined;
            return agentTransactions.run({ sql, schema, agentId, tx, configRevision }, () => work(handle));
          });
        }),
      );
    },

    head(agentId) {
      return read("head", async () => {
        const [row] = await q(sql, `SELECT version, config_revision FROM ${t.agents} WHERE agent_id = $1`, [agentId]);
        return { version: row ? Number(row.version) : 0, configRevision: row ? String(row.config_revision) : "" };
      });
    },

    heads(agentIds) {
      return read("heads", async () => {
        const heads = new Map<string, { version: number; configRevision: string }>();
        if (agentIds.length === 0) return heads;
        const rows = await q(sql, `SELECT agent_id, version, config_revision FROM ${t.agents} WHERE agent_id IN (SELECT json_array_elements_text($1::text::json))`, [
          JSON.stringify(agentIds),
        ]);
        for (const row of rows) heads.set(String(row.agent_id), { version: Number(row.version), configRevision: String(row.config_revision) });
        return heads;
      });
    },

    load(agentId) {
      return read("load", () => snapshotOf(sql, agentId));
    },

    dueEntries(nowMs, limit) {
      return read("dueEntries", async () =>
        (await q(sql, `SELECT agent_id, job_id, at FROM ${t.due} WHERE at <= $1::bigint ORDER BY at, agent_id, job_id LIMIT $2::integer`, [nowMs, limit])).map(
          (row): DueEntry => ({ agentId: String(row.agent_id), jobId: String(row.job_id), at: Number(row.at) }),
        ),
      );
    },

    nextDueAt() {
      return read("nextDueAt", async () => {
        const [row] = await q(sql, `SELECT min(at) AS at FROM ${t.due}`);
        return row?.at === null || row?.at === undefined ? null : Number(row.at);
      });
    },

    agentsWithComposioId(composioTriggerId) {
      return read("agentsWithComposioId", async () =>
        (await q(sql, `SELECT agent_id FROM ${t.composio} WHERE composio_id = $1 ORDER BY agent_id`, [composioTriggerId])).map((row) => String(row.agent_id)),
      );
    },

    agents() {
      return read("agents", async () => (await q(sql, `SELECT agent_id FROM ${t.agents} WHERE version > 0 ORDER BY agent_id`)).map((row) => String(row.agent_id)));
    },

    agentsWithRuns() {
      return read("agentsWithRuns", async () => (await q(sql, `SELECT DISTINCT agent_id FROM ${t.runs} ORDER BY agent_id`)).map((row) => String(row.agent_id)));
    },

    deliveryLog(agentId, triggerId, limit) {
      return read("deliveryLog", async () =>
        (await q(sql, `SELECT data FROM ${t.deliveryLog} WHERE agent_id = $1 AND trigger_id = $2 ORDER BY seq DESC LIMIT $3::integer`, [agentId, triggerId, limit])).map(
          (row) => parseJson(agentId, "delivery log entry", row.data),
        ),
      );
    },

    listEdits(agentId, owner, { beforeSeq, limit }) {
      return read("listEdits", async () =>
        (
          await q(
            sql,
            `SELECT seq, data FROM ${t.edits} WHERE agent_id = $1 AND kind = $2 AND owner_id = $3 AND ($4::bigint IS NULL OR seq < $4::bigint) ORDER BY seq DESC LIMIT $5::integer`,
            [agentId, owner.kind, owner.id, beforeSeq ?? null, limit],
          )
        ).map((row) => ({ seq: Number(row.seq), entry: parseJson(agentId, "edit log entry", row.data) })),
      );
    },

    recordDelivery(deliveryId, nowMs, ttlMs) {
      return promised(async () => {
        await fault("recordDelivery", ready());
        if (++deliveryWrites % PRUNE_EVERY === 0) await fault("recordDelivery", q(sql, `DELETE FROM ${t.deliveries} WHERE seen_at <= $1::bigint`, [nowMs - ttlMs]));
        // One statement: a first sighting (or one whose window passed) stores `now`; a repeat changes nothing. It
        // runs in a transaction so a connection lost meanwhile leaves nothing behind that was not acknowledged.
        return transact(sql, schema, "recordDelivery", () => closed, async (tx, wrote): Promise<DeliveryRecord> => {
          const [row] = await fault(
            "recordDelivery",
            q(
              tx,
              `WITH ins AS (
                 INSERT INTO ${t.deliveries} (delivery_id, seen_at) VALUES ($1, $2::bigint)
                 ON CONFLICT (delivery_id) DO UPDATE SET seen_at = EXCLUDED.seen_at WHERE ${t.deliveries}.seen_at <= $3::bigint
                 RETURNING seen_at)
               SELECT (SELECT count(*) FROM ins) AS inserted, (SELECT seen_at FROM ${t.deliveries} WHERE delivery_id = $1) AS seen_at,
                 txid_current()::text AS xid`,
              [deliveryId, nowMs, nowMs - ttlMs],
            ),
          );
          if (Number(row!.inserted) > 0) {
            wrote(String(row!.xid));
            return { firstSeen: true };
          }
          return { firstSeen: false, firstSeenAt: new Date(Number(row!.seen_at)).toISOString() };
        });
      });
    },

    watch(listener) {
      const known = new Map<string, number>();
      const remember = (agentId: string, version: number) => {
        known.delete(agentId);
        known.set(agentId, version);
        if (known.size > KNOWN_VERSIONS) known.delete(known.keys().next().value!);
      };
      return internals.changes(
        (change) => {
          if (change.version > (known.get(change.agentId) ?? 0)) remember(change.agentId, change.version);
          listener(change.agentId, change.version);
        },
        () => {
          // Versions that moved while listening was down, of the agents heard of so far.
          void internals
            .versions([...known.keys()])
            .then((versions) => {
              for (const [agentId, version] of versions) {
                if (version <= (known.get(agentId) ?? 0)) continue;
                remember(agentId, version);
                listener(agentId, version);
              }
            })
            .catch(() => {});
        },
      );
    },

    async close() {
      if (closed) return;
      closed = true;
      if (listenTimer) clearTimeout(listenTimer);
      listenTimer = null;
      if (resyncTimer) clearInterval(resyncTimer);
      resyncTimer = null;
      await Promise.allSettled([...running]);
      await readyPromise?.catch(() => {});
      await listening;
      // UNLISTEN on a connection that may be gone: not worth more than a moment.
      await Promise.race([unlisten?.().catch(() => {}), sleep(UNLISTEN_TIMEOUT_MS)]);
      changeListeners.clear();
    },
  };

  const internals: PostgresRuntimeInternals = {
    changes(heardChange, relisten) {
      const entry = { heard: heardChange, relistened: relisten };
      changeListeners.add(entry);
      // Start (and listen) now; when the database is unavailable, keep trying in the background.
      if (!closed) void ready().catch(() => retryListen());
      if (!closed && !resyncTimer) {
        resyncTimer = setInterval(() => {
          if (!closed) relistened();
        }, RESYNC_EVERY_MS);
        resyncTimer.unref?.();
      }
      return () => {
        changeListeners.delete(entry);
        if (changeListeners.size === 0 && resyncTimer) {
          clearInterval(resyncTimer);
          resyncTimer = null;
        }
      };
    },
    versions(agentIds) {
      return read("versions", async () => {
        if (agentIds.length === 0) return new Map<string, number>();
        const rows = await q(sql, `SELECT agent_id, version FROM ${t.agents} WHERE agent_id IN (SELECT json_array_elements_text($1::text::json))`, [JSON.stringify(agentIds)]);
        return new Map(rows.map((row) => [String(row.agent_id), Number(row.version)]));
      });
    },
    runs(agentId, runIds) {
      return read("runs", async () => {
        const rows = await q(sql, `SELECT run_id, data FROM ${t.runs} WHERE agent_id = $1 AND run_id IN (SELECT json_array_elements_text($2::text::json))`, [
          agentId,
          JSON.stringify(runIds),
        ]);
        const byId = new Map(rows.map((row) => [String(row.run_id), runOf(agentId, row.data)]));
        return runIds.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
      });
    },
  };

  return { runtime, internals };
}

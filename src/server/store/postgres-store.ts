import { randomUUID } from "node:crypto";
import postgres from "postgres";
import { EMPTY_PLANNER, type JobState, type PlannerConfig, Run, type RunOwner, type Trigger, type TriggerState } from "../../shared/schemas";
import {
  AgentRuntime,
  type ConfigView,
  type Decision,
  type RuntimeChange,
  type Stamped,
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
  dueUpdatesOf,
  effectiveJob,
  effectivePlanner,
  effectiveTrigger,
  statesAfterConfigWrite,
} from "./agent-runtime";
import { StoreClosedError, StoreCorruptError } from "./errors";
import { StorageFaultError, storageFaultOf } from "./faults";
import { createKeyedMutex } from "./keyed-mutex";
import { createListenerMap } from "./listeners";
import type { DeliveryRecord, DueJob, PlannerStore, RunPage, StoreChange } from "./port";
import { POSTGRES_SCHEMA_VERSION, postgresMigration, tableNames } from "./postgres-schema";
import { cursorAfter, pageQueryOf } from "./run-history";
import {
  assertAgentId,
  assertRunId,
  checkClaim,
  checkDate,
  checkDelivery,
  checkDueLimit,
  checkRunHistory,
  describeIssues,
  historyLimitOf,
  sameJson,
  validatePlannerResult,
  validateRun,
} from "./validate";
import { PlannerConfig as PlannerConfigSchema } from "../../shared/schemas";

/** A postgres.js client (`postgres(url)`), or a transaction of one. */
type Sql = postgres.Sql;
type Tx = postgres.TransactionSql | postgres.Sql;
type Row = Record<string, unknown>;

/** Options of {@link postgresStore}: a connection string, or a postgres.js client the host already has. */
export type PostgresStoreOptions = (
  | {
      /** `postgres://user:password@host:5432/database`. The store opens its own pool and closes it on `close()`. */
      connectionString: string;
      /** Connections in the store's pool (default 10). */
      max?: number | undefined;
      sql?: never;
    }
  | {
      /**
       * A postgres.js client (`postgres(...)`) the host owns: the store uses it and leaves it open on `close()`.
       * Its `types`/`transform` options must be the defaults (rows as plain objects, JSON parsed).
       */
      sql: Sql;
      connectionString?: never;
      max?: never;
    }
) & {
  /** The schema that holds the store's tables (default `agent_planner`); lower-case letters, digits and `_`. */
  schema?: string | undefined;
  /** Run the migration on start (default `true`). With `false`, run `postgresMigration(schema)` yourself first. */
  migrate?: boolean | undefined;
  /** Finished runs kept per job or trigger when a write does not pass its own `historyLimit`. Default 50. */
  runHistory?: number | undefined;
  /**
   * Listen for changes made by other instances (`LISTEN`) so `subscribe` sees them too (default `true`). Each
   * store with listening on holds one extra connection.
   */
  listen?: boolean | undefined;
};

/** Parsed configurations kept per agent, at most this many (the oldest goes first). */
const CONFIG_CACHE_SIZE = 5_000;
/** About one write in this many also removes expired delivery ids of its agent (or route-wide ones). */
const PRUNE_EVERY = 200;
/** Seconds the store's own pool waits for a connection to open before the call fails as "database unavailable". */
const CONNECT_TIMEOUT_S = 10;
/** How long a write whose `COMMIT` got no answer asks the server whether it committed, before saying it cannot tell. */
const COMMIT_CHECK_MS = 5_000;
/** The first and the longest wait before listening (`LISTEN`) again after it failed. */
const LISTEN_RETRY_MIN_MS = 250;
const LISTEN_RETRY_MAX_MS = 10_000;
/** How long `close()` waits for `UNLISTEN` on a connection that may be gone. */
const UNLISTEN_TIMEOUT_MS = 2_000;

/**
 * A `PlannerStore` on PostgreSQL, for several server instances sharing one database (Inngest as the engine, or an
 * in-process scheduler on each instance). Every write of an agent is one short transaction that first locks the
 * agent's row (`SELECT … FOR UPDATE`), so two ticks on two instances never claim one occurrence twice and of two
 * `startRun`s only one wins; the decisions themselves are the same code the memory and file stores run.
 * `subscribe` hears changes made by other instances through `LISTEN/NOTIFY`.
 *
 * When the database cannot be reached or ends a connection (stopped, restarting, `pg_terminate_backend`, too many
 * connections), a call rejects with a `StorageFaultError` of kind `"database-unavailable"` (HTTP 503, "The planner's
 * database is unavailable…") and nothing of it is acknowledged; postgres.js reconnects for the next call, and the
 * listening connection listens again by itself (subscribers then hear a `"planner"` change for every agent whose
 * version moved meanwhile). A write whose `COMMIT` got no answer asks the server what became of its transaction
 * (`txid_status`) before answering: committed resolves, rolled back rejects as above, and when the server cannot
 * be asked within a few seconds the error says that whether it was saved is unknown.
 *
 * @example
 * const store = postgresStore({ connectionString: process.env.DATABASE_URL! });
 * const planner = createPlanner({ store, ... });
 */
export function postgresStore(options: PostgresStoreOptions): PlannerStore {
  const runHistory = checkRunHistory(options.runHistory);
  const schema = options.schema ?? "agent_planner";
  const t = tableNames(schema);
  const channel = `agent_planner_${schema}`.slice(0, 63);
  const ownsClient = !options.sql;
  if (!options.sql && (typeof options.connectionString !== "string" || options.connectionString.length === 0)) {
    throw new TypeError("postgresStore needs { connectionString } or { sql } (a postgres.js client).");
  }
  const sql: Sql =
    options.sql ??
    postgres(options.connectionString, {
      max: options.max ?? 10,
      onnotice: () => {},
      idle_timeout: 30,
      connect_timeout: CONNECT_TIMEOUT_S,
      // Reconnect within about 2 s once the server is back (postgres.js waits up to 20 s by default, and answers
      // calls with the last connection error meanwhile).
      backoff: reconnectDelay,
      connection: { application_name: "agent-planner" },
    });
  const instance = randomUUID();
  const listeners = createListenerMap();
  const mutex = createKeyedMutex();
  const configs = new Map<string, { rev: number; view: ConfigView }>();
  let pruneTick = 0;
  let closed = false;
  let unlisten: (() => Promise<void>) | null = null;
  let starting: Promise<void> | null = null;
  /** Listening state: a `LISTEN` in flight, a retry timer, how many times `LISTEN` has answered. */
  let listening: Promise<void> | null = null;
  let listenTimer: ReturnType<typeof setTimeout> | null = null;
  let listenFailures = 0;
  let listenCount = 0;
  /** Subscribers per agent, and the last version this instance told them (or wrote), to resynchronise them. */
  const subscribed = new Map<string, number>();
  const toldVersions = new Map<string, number>();
  /** Errors thrown by the caller's own functions (`update`'s, `updateRun`'s): passed on as they are. */
  const callerErrors = new WeakSet<object>();

  function open() {
    if (closed) throw new StoreClosedError();
  }

  // --- the database going away ----------------------------------------------------------------------------

  /**
   * A storage fault for a connection-level failure (`57P01` terminated backend, `CONNECTION_CLOSED`,
   * `ECONNREFUSED`, too many connections…), else `error` as it is. The caller's own errors are never classified.
   */
  function faultOf(error: unknown, what: string): unknown {
    if (typeof error === "object" && error !== null && callerErrors.has(error)) return error;
    return storageFaultOf(error, `PostgreSQL schema "${schema}", ${what}: ${reasonOf(error)}`) ?? error;
  }

  function isUnavailable(error: unknown): boolean {
    if (typeof error === "object" && error !== null && callerErrors.has(error)) return false;
    return storageFaultOf(error)?.kind === "database-unavailable";
  }

  /** Runs one of the caller's functions, marking what it throws so it is not mistaken for a database fault. */
  async function callerCall<T>(fn: () => T | PromiseLike<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      if (typeof error === "object" && error !== null) callerErrors.add(error);
      throw error;
    }
  }

  function callerSync<T>(fn: () => T): T {
    try {
      return fn();
    } catch (error) {
      if (typeof error === "object" && error !== null) callerErrors.add(error);
      throw error;
    }
  }

  /** Runs a public call: a throw becomes a rejection, and a connection failure a `StorageFaultError`. */
  function guarded<T>(what: string, work: () => T | PromiseLike<T>): Promise<T> {
    return promised(work).catch((error: unknown) => {
      throw faultOf(error, what);
    });
  }

  /**
   * One write transaction whose outcome is reported honestly. `body` returns its result and, when it wrote, the
   * transaction id (`txid_current()`) it read. A failure before `COMMIT` was sent means nothing was committed (the
   * server rolls back a transaction whose connection ends). When `COMMIT` itself got no answer, the server is asked
   * (`txid_status`) whether the transaction committed: the result stands if it did, and when it cannot be told
   * the error says so instead of claiming nothing was saved.
   */
  async function transact<T>(what: string, body: (tx: Tx) => Promise<{ result: T; xid: string | null }>): Promise<T> {
    let done: { result: T; xid: string | null } | null = null;
    try {
      await sql.begin(async (tx) => {
        const outcome = await body(tx);
        done = outcome;
      });
      return done!.result;
    } catch (error) {
      const finished = done as { result: T; xid: string | null } | null;
      if (!finished || !isUnavailable(error)) throw error;
      // The body ran to its end; only COMMIT failed. A transaction that wrote nothing has nothing to lose.
      if (finished.xid === null) return finished.result;
      const status = await commitStatus(finished.xid);
      if (status === "committed") return finished.result;
      if (status === "aborted") throw error;
      throw new StorageFaultError("database-unavailable", `PostgreSQL schema "${schema}", ${what}: COMMIT got no answer (${reasonOf(error)}) and the server could not be asked whether transaction ${finished.xid} committed.`, {
        cause: error,
        message: "The planner's database is unavailable: the last change may or may not have been saved (its commit got no answer). It reconnects by itself; check before trying again.",
      });
    }
  }

  /** Whether a transaction whose COMMIT got no answer committed, asked on another connection for a few seconds. */
  async function commitStatus(xid: string): Promise<"committed" | "aborted" | "unknown"> {
    const deadline = Date.now() + COMMIT_CHECK_MS;
    for (let attempt = 0; ; attempt++) {
      try {
        const [row] = await q(sql, "SELECT txid_status($1::text::bigint) AS status", [xid]);
        if (row?.status === "committed") return "committed";
        if (row?.status === "aborted") return "aborted";
        // "in progress": the ended backend has not finished yet; null: too old to tell (cannot happen this soon).
        if (row?.status !== "in progress") return "unknown";
      } catch (error) {
        if (!isUnavailable(error)) return "unknown";
      }
      if (Date.now() + 50 >= deadline || closed) return "unknown";
      await sleep(Math.min(50 * 2 ** attempt, 1_000, Math.max(0, deadline - Date.now())));
    }
  }

  /**
   * Migrates and starts listening once; a failure is reported to the caller and retried by the next call. A
   * `LISTEN` that fails does not fail the call: it is tried again in the background until it works.
   */
  function ready(): Promise<void> {
    open();
    starting ??= start().catch((error: unknown) => {
      starting = null;
      throw error;
    });
    return starting;
  }

  async function start() {
    if (options.migrate !== false) {
      await sql.begin(async (tx) => {
        await tx.unsafe("SELECT pg_advisory_xact_lock(hashtext($1))", [`agent-planner:migrate:${schema}`]);
        await tx.unsafe(postgresMigration(schema));
      });
    }
    const [meta] = await sql.unsafe(`SELECT value FROM ${t.meta} WHERE key = 'schema_version'`);
    if (!meta || Number(meta.value) !== POSTGRES_SCHEMA_VERSION) {
      throw new StoreCorruptError(
        `postgres:${schema}`,
        `The PostgreSQL schema "${schema}" holds planner tables of version ${String(meta?.value ?? "none")}; this version of agent-planner reads version ${POSTGRES_SCHEMA_VERSION}. Run postgresMigration("${schema}") or use another schema.`,
      );
    }
    if (options.listen !== false) await listen();
  }

  /**
   * Listens for other instances' changes. postgres.js listens again by itself whenever its listening connection
   * comes back; a `LISTEN` that failed (the connection died while it was sent) is tried again here, with backoff.
   * Each time listening resumes after the first, subscribers hear of what changed while it was down.
   */
  function listen(): Promise<void> {
    if (closed || unlisten || options.listen === false) return Promise.resolve();
    listening ??= sql
      .listen(
        channel,
        (payload) => heard(payload),
        () => {
          listenCount += 1;
          // Listening again after its connection died, or at last after failed attempts: changes may have been missed.
          if (listenCount > 1 || listenFailures > 0) void resynchronise();
        },
      )
      .then(
        async (request) => {
          listenFailures = 0;
          if (closed) await request.unlisten().catch(() => {});
          else unlisten = () => request.unlisten();
        },
        // Not listening yet: try again shortly (queries may work already; they report their own failures).
        () => retryListen(),
      )
      .finally(() => {
        listening = null;
      });
    return listening;
  }

  /** Starts (if that failed) and listens again after a growing wait, until it works or the store closes. */
  function retryListen() {
    if (closed || listenTimer || options.listen === false) return;
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

  /**
   * After listening resumed: a `"planner"` change for every subscribed agent whose version is not the one this
   * instance last told its subscribers, since notifications sent meanwhile were lost.
   */
  async function resynchronise() {
    const agents = [...subscribed.keys()];
    if (closed || agents.length === 0) return;
    try {
      const rows = await q(sql, `SELECT agent_id, version FROM ${t.agents} WHERE agent_id IN (SELECT json_array_elements_text($1::text::json))`, [
        JSON.stringify(agents),
      ]);
      for (const row of rows) {
        const agentId = String(row.agent_id);
        const version = Number(row.version);
        if (closed || !listeners.has(agentId) || toldVersions.get(agentId) === version) continue;
        toldVersions.set(agentId, version);
        listeners.emit({ agentId, kind: "planner", version });
      }
    } catch {
      // The database went away again; the next time listening resumes tries again.
    }
  }

  function told(agentId: string, version: number) {
    if (subscribed.has(agentId) && version > (toldVersions.get(agentId) ?? 0)) toldVersions.set(agentId, version);
  }

  const q = (tx: Tx, text: string, params: unknown[] = []) => tx.unsafe(text, params as never[], { prepare: true }) as unknown as Promise<Row[]>;

  // --- reading rows ---------------------------------------------------------------------------------------

  const where = (agentId: string, what: string) => `postgres:${schema}/${what}/${agentId}`;

  /**
   * The parsed configuration of a row read with `CASE WHEN config_rev = <cached> THEN NULL ELSE planner END`: the
   * cached copy when the row left the planner out, else the row's planner, parsed and cached. When the cached copy
   * changed meanwhile (another call of this instance cached a newer one), the planner is read again with `tx`.
   */
  async function viewOf(tx: Tx, agentId: string, rev: number, planner: unknown): Promise<ConfigView> {
    const cached = configs.get(agentId);
    if (cached && cached.rev === rev) return cached.view;
    if (planner === null || planner === undefined) {
      const [row] = await q(tx, `SELECT config_rev, planner FROM ${t.agents} WHERE agent_id = $1`, [agentId]);
      if (!row) return configView(EMPTY_PLANNER);
      return parseView(agentId, Number(row.config_rev), row.planner);
    }
    return parseView(agentId, rev, planner);
  }

  function parseView(agentId: string, rev: number, planner: unknown): ConfigView {
    const cached = configs.get(agentId);
    if (cached && cached.rev === rev) return cached.view;
    const parsed = PlannerConfigSchema.safeParse(planner);
    if (!parsed.success) {
      throw new StoreCorruptError(
        where(agentId, "planner_agents"),
        `The planner of agent "${agentId}" in ${t.agents} does not match the schema: ${describeIssues(parsed.error)}. Fix or remove the row.`,
        { cause: parsed.error },
      );
    }
    const view = configView(parsed.data);
    if (!cached || cached.rev < rev) {
      configs.delete(agentId);
      configs.set(agentId, { rev, view });
      if (configs.size > CONFIG_CACHE_SIZE) configs.delete(configs.keys().next().value!);
    }
    return view;
  }

  const cachedRev = (agentId: string) => configs.get(agentId)?.rev ?? -1;

  function runOf(agentId: string, value: unknown): Run {
    const parsed = Run.safeParse(value);
    if (!parsed.success) {
      throw new StoreCorruptError(
        where(agentId, "planner_runs"),
        `A run of agent "${agentId}" in ${t.runs} does not match the schema: ${describeIssues(parsed.error)}. Fix or remove the row.`,
        { cause: parsed.error },
      );
    }
    return parsed.data;
  }

  function stampsOf(rows: Row[]): Pick<RuntimeChange, "jobs" | "triggers"> {
    const jobs: Array<[string, Stamped<JobState>]> = [];
    const triggers: Array<[string, Stamped<TriggerState>]> = [];
    for (const row of rows) {
      const stamped = { rev: Number(row.rev), state: row.state } as Stamped<never>;
      if (row.kind === "job") jobs.push([String(row.owner_id), stamped]);
      else triggers.push([String(row.owner_id), stamped]);
    }
    return { jobs, triggers };
  }

  // --- one agent's transaction ----------------------------------------------------------------------------

  interface Locked {
    exists: boolean;
    view: ConfigView;
  }

  /** Locks the agent's row (creating it when `create`); `exists: false` when it has none and `create` is off. */
  async function lockAgent(tx: Tx, agentId: string, create: boolean): Promise<Locked> {
    const select = `SELECT config_rev, CASE WHEN config_rev = $2 THEN NULL ELSE planner END AS planner FROM ${t.agents} WHERE agent_id = $1 FOR UPDATE`;
    let [row] = await q(tx, select, [agentId, cachedRev(agentId)]);
    if (!row && create) {
      await q(tx, `INSERT INTO ${t.agents} (agent_id, planner) VALUES ($1, $2::text::json) ON CONFLICT (agent_id) DO NOTHING`, [
        agentId,
        JSON.stringify(EMPTY_PLANNER),
      ]);
      [row] = await q(tx, select, [agentId, cachedRev(agentId)]);
    }
    if (!row) return { exists: false, view: configView(EMPTY_PLANNER) };
    return { exists: true, view: await viewOf(tx, agentId, Number(row.config_rev), row.planner) };
  }

  /** What a decision reads besides the configuration, loaded after the lock (so it sees the last writer's data). */
  interface Scope {
    /** Every run of this owner, and the run with `runId` whatever its owner. */
    owner?: RunOwner | undefined;
    runId?: string | undefined;
    /** Every run of the owner of this run, and that owner's state. */
    ownerOfRun?: string | undefined;
    stamps?: Array<["job" | "trigger", string]> | undefined;
    /** Every job's and trigger's state (for a configuration write). */
    allStamps?: boolean | undefined;
    deliveryId?: string | undefined;
  }

  async function load(tx: Tx, agentId: string, scope: Scope): Promise<AgentRuntime> {
    const runtime = new AgentRuntime();
    const reads: Array<Promise<void>> = [];
    if (scope.owner) {
      reads.push(
        q(tx, `SELECT run FROM ${t.runs} WHERE agent_id = $1 AND ((owner_kind = $2 AND owner_id = $3) OR run_id = $4)`, [
          agentId,
          scope.owner.kind,
          scope.owner.id,
          scope.runId ?? "",
        ]).then((rows) => runtime.apply({ runs: rows.map((row) => runOf(agentId, row.run)) })),
      );
    }
    if (scope.ownerOfRun !== undefined) {
      reads.push(
        q(
          tx,
          `SELECT r.run, s.kind, s.owner_id, s.rev, s.state
           FROM ${t.runs} o JOIN ${t.runs} r ON r.agent_id = o.agent_id AND r.owner_kind = o.owner_kind AND r.owner_id = o.owner_id
           LEFT JOIN ${t.states} s ON s.agent_id = o.agent_id AND s.kind = o.owner_kind AND s.owner_id = o.owner_id
           WHERE o.agent_id = $1 AND o.run_id = $2`,
          [agentId, scope.ownerOfRun],
        ).then((rows) => {
          runtime.apply({ runs: rows.map((row) => runOf(agentId, row.run)) });
          if (rows[0]?.kind) runtime.apply(stampsOf([rows[0]]));
        }),
      );
    }
    if (scope.allStamps) {
      reads.push(q(tx, `SELECT kind, owner_id, rev, state FROM ${t.states} WHERE agent_id = $1`, [agentId]).then((rows) => runtime.apply(stampsOf(rows))));
    } else {
      for (const [kind, id] of scope.stamps ?? []) {
        reads.push(
          q(tx, `SELECT kind, owner_id, rev, state FROM ${t.states} WHERE agent_id = $1 AND kind = $2 AND owner_id = $3`, [agentId, kind, id]).then((rows) =>
            runtime.apply(stampsOf(rows)),
          ),
        );
      }
    }
    if (scope.deliveryId !== undefined) {
      reads.push(
        q(tx, `SELECT expires_ms FROM ${t.agentDeliveries} WHERE agent_id = $1 AND delivery_id = $2`, [agentId, scope.deliveryId]).then((rows) => {
          if (rows[0]) runtime.apply({ deliveries: [[scope.deliveryId!, Number(rows[0].expires_ms)]] });
        }),
      );
    }
    await Promise.all(reads);
    return runtime;
  }

  /** The statements that store a configuration and re-index its jobs and triggers. */
  function writeConfig(tx: Tx, agentId: string, planner: PlannerConfig, runtime: AgentRuntime): Array<Promise<unknown>> {
    const effective = effectivePlanner(configView(planner), runtime);
    const due = effective.jobs.flatMap((job) => {
      const at = job.enabled && job.state.nextRunAt !== undefined ? Date.parse(job.state.nextRunAt) : NaN;
      return Number.isNaN(at) ? [] : [[job.id, at, job.state.nextRunAt]];
    });
    const refs = planner.triggers.map((trigger, position) => [trigger.id, position, trigger.composioTriggerId ?? null, trigger.source.connectedAccountId ?? null]);
    return [
      q(tx, `UPDATE ${t.agents} SET planner = $2::text::json, config_rev = config_rev + 1 WHERE agent_id = $1`, [agentId, JSON.stringify(planner)]),
      // A data-modifying CTE would not see its own DELETE, so each index is emptied first, then filled.
      q(tx, `DELETE FROM ${t.due} WHERE agent_id = $1`, [agentId]).then(() =>
        q(
          tx,
          `INSERT INTO ${t.due} (agent_id, job_id, next_run_ms, next_run_at)
           SELECT $1, e->>0, (e->>1)::bigint, e->>2 FROM json_array_elements($2::text::json) e`,
          [agentId, JSON.stringify(due)],
        ),
      ),
      q(tx, `DELETE FROM ${t.refs} WHERE agent_id = $1`, [agentId]).then(() =>
        q(
          tx,
          `INSERT INTO ${t.refs} (agent_id, trigger_id, position, composio_trigger_id, connected_account_id)
           SELECT $1, e->>0, (e->>1)::integer, e->>2, e->>3 FROM json_array_elements($2::text::json) e`,
          [agentId, JSON.stringify(refs)],
        ),
      ),
    ];
  }

  /**
   * Stores a runtime change (and configuration edit) of a locked agent; answers the agent's new version and the
   * transaction's id (to ask the server whether it committed when `COMMIT` gets no answer).
   */
  async function writeChange(
    tx: Tx,
    agentId: string,
    locked: Locked,
    runtime: AgentRuntime,
    change: RuntimeChange | undefined,
    planner: PlannerConfig | undefined,
  ): Promise<{ version: number; xid: string }> {
    const writes: Array<Promise<unknown>> = [];
    const dropped = new Set(change?.drop ?? []);
    const runs = (change?.runs ?? []).filter((run) => !dropped.has(run.id));
    if (runs.length) {
      writes.push(
        q(
          tx,
          `INSERT INTO ${t.runs} (agent_id, run_id, owner_kind, owner_id, status, created_ms, run)
           SELECT $1, e->'r'->>'id', e->'r'->'owner'->>'kind', e->'r'->'owner'->>'id', e->'r'->>'status', (e->>'ms')::bigint, e->'r'
           FROM json_array_elements($2::text::json) e
           ON CONFLICT (agent_id, run_id) DO UPDATE SET owner_kind = EXCLUDED.owner_kind, owner_id = EXCLUDED.owner_id,
             status = EXCLUDED.status, created_ms = EXCLUDED.created_ms, run = EXCLUDED.run`,
          [agentId, JSON.stringify(runs.map((run) => ({ ms: Date.parse(run.createdAt), r: run })))],
        ),
      );
    }
    if (dropped.size) {
      writes.push(q(tx, `DELETE FROM ${t.runs} WHERE agent_id = $1 AND run_id IN (SELECT json_array_elements_text($2::text::json))`, [agentId, JSON.stringify([...dropped])]));
    }
    const stamps = [
      ...(change?.jobs ?? []).map(([id, stamped]) => ["job", id, stamped.rev, stamped.state] as const),
      ...(change?.triggers ?? []).map(([id, stamped]) => ["trigger", id, stamped.rev, stamped.state] as const),
    ];
    if (stamps.length) {
      writes.push(
        q(
          tx,
          `INSERT INTO ${t.states} (agent_id, kind, owner_id, rev, state)
           SELECT $1, e->>0, e->>1, (e->>2)::integer, e->3 FROM json_array_elements($2::text::json) e
           ON CONFLICT (agent_id, kind, owner_id) DO UPDATE SET rev = EXCLUDED.rev, state = EXCLUDED.state`,
          [agentId, JSON.stringify(stamps)],
        ),
      );
    }
    if (change?.deliveries?.length) {
      writes.push(
        q(
          tx,
          `INSERT INTO ${t.agentDeliveries} (agent_id, delivery_id, expires_ms)
           SELECT $1, e->>0, (e->>1)::bigint FROM json_array_elements($2::text::json) e
           ON CONFLICT (agent_id, delivery_id) DO UPDATE SET expires_ms = EXCLUDED.expires_ms`,
          [agentId, JSON.stringify(change.deliveries)],
        ),
      );
      if (++pruneTick % PRUNE_EVERY === 0) {
        writes.push(q(tx, `DELETE FROM ${t.agentDeliveries} WHERE agent_id = $1 AND expires_ms <= $2::bigint`, [agentId, Date.now()]));
      }
    }
    if (planner) writes.push(...writeConfig(tx, agentId, planner, runtime));
    else if (change?.jobs?.length) {
      const updates = dueUpdatesOf(change, locked.view, runtime).map(([jobId, nextRunAt]) => {
        const at = nextRunAt === undefined ? NaN : Date.parse(nextRunAt);
        return Number.isNaN(at) ? [jobId, null, null] : [jobId, at, nextRunAt];
      });
      writes.push(
        q(
          tx,
          `WITH u AS (SELECT e->>0 AS job_id, (e->>1)::bigint AS ms, e->>2 AS at FROM json_array_elements($2::text::json) e),
           gone AS (DELETE FROM ${t.due} d USING u WHERE d.agent_id = $1 AND d.job_id = u.job_id AND u.ms IS NULL)
           INSERT INTO ${t.due} (agent_id, job_id, next_run_ms, next_run_at) SELECT $1, job_id, ms, at FROM u WHERE ms IS NOT NULL
           ON CONFLICT (agent_id, job_id) DO UPDATE SET next_run_ms = EXCLUDED.next_run_ms, next_run_at = EXCLUDED.next_run_at`,
          [agentId, JSON.stringify(updates)],
        ),
      );
    }
    // Tell every instance (delivered when the transaction commits; this instance skips its own).
    const runIds = runs.map((run) => run.id);
    writes.push(
      q(
        tx,
        `WITH b AS (UPDATE ${t.agents} SET version = version + 1 WHERE agent_id = $1 RETURNING version)
         SELECT version, txid_current()::text AS xid, pg_notify($2, json_build_object('i', $3::text, 'a', $1::text, 'v', version, 'r', $4::text::json)::text) FROM b`,
        [agentId, channel, instance, JSON.stringify(runIds.length * 210 > 7000 ? null : runIds)],
      ),
    );
    const results = (await Promise.all(writes)) as Row[][];
    const row = results.at(-1)![0]!;
    return { version: Number(row.version), xid: String(row.xid) };
  }

  /**
   * Runs one decision as the only writer of the agent: locks its row, loads what `scope` names, decides, stores
   * the change in the same transaction and, once committed, tells this instance's listeners.
   */
  function decide<T>(
    what: string,
    agentId: string,
    wanted: Scope,
    make: (runtime: AgentRuntime, config: ConfigView) => Decision<T>,
  ): Promise<T> {
    return mutex.run(agentId, async () => {
      await ready();
      let create = false;
      for (;;) {
        const outcome = await transact<{ decision: Decision<T>; version: number | null; retry: boolean }>(what, async (tx) => {
          const locked = await lockAgent(tx, agentId, create);
          const runtime = await load(tx, agentId, wanted);
          const decision = make(runtime, locked.view);
          const { change, editConfig } = decision;
          if (!change && !editConfig) return { result: { decision, version: null, retry: false }, xid: null };
          if (!locked.exists) return { result: { decision, version: null, retry: true }, xid: null };
          if (change) runtime.apply(change);
          let planner: PlannerConfig | undefined;
          if (editConfig) {
            // A configuration edit re-indexes the whole agent: it needs every owner's state, not just this one's.
            const everything = await load(tx, agentId, { allStamps: true });
            for (const [id, stamped] of runtime.jobs) everything.jobs.set(id, stamped);
            for (const [id, stamped] of runtime.triggers) everything.triggers.set(id, stamped);
            planner = validatePlannerResult(agentId, editConfig(structuredClone(locked.view.planner)));
            const { version, xid } = await writeChange(tx, agentId, locked, everything, change, planner);
            return { result: { decision, version, retry: false }, xid };
          }
          const { version, xid } = await writeChange(tx, agentId, locked, runtime, change, undefined);
          return { result: { decision, version, retry: false }, xid };
        });
        if (outcome.retry) {
          create = true;
          continue;
        }
        const { decision, version } = outcome;
        if (version !== null) emitLocal(agentId, version, decision.change);
        return decision.result;
      }
    });
  }

  function emitLocal(agentId: string, version: number, change: RuntimeChange | undefined) {
    const runs = change?.runs ?? [];
    const events: StoreChange[] = runs.length ? runs.map((run) => ({ agentId, kind: "run", version, run })) : [{ agentId, kind: "planner", version }];
    told(agentId, version);
    for (const event of events) listeners.emit(event);
  }

  // --- changes made by other instances --------------------------------------------------------------------

  const heardChains = new Map<string, Promise<void>>();

  function heard(payload: string) {
    let message: { i?: unknown; a?: unknown; v?: unknown; r?: unknown };
    try {
      message = JSON.parse(payload) as typeof message;
    } catch {
      return;
    }
    if (message.i === instance || typeof message.a !== "string" || closed) return;
    const agentId = message.a;
    if (!listeners.has(agentId)) return;
    const version = Number(message.v);
    const runIds = Array.isArray(message.r) ? message.r.filter((id): id is string => typeof id === "string") : null;
    // One chain per agent keeps the events of one agent in the order they were committed.
    const previous = heardChains.get(agentId) ?? Promise.resolve();
    const next = previous
      .then(async () => {
        told(agentId, version);
        // No run ids (a configuration change, or too many ids for one notification): one planner change.
        if (runIds === null || runIds.length === 0) {
          listeners.emit({ agentId, kind: "planner", version });
          return;
        }
        const rows = await q(sql, `SELECT run FROM ${t.runs} WHERE agent_id = $1 AND run_id IN (SELECT json_array_elements_text($2::text::json))`, [
          agentId,
          JSON.stringify(runIds),
        ]);
        const byId = new Map(rows.map((row) => [String((row.run as Run).id), runOf(agentId, row.run)]));
        for (const id of runIds) {
          const run = byId.get(id);
          if (run) listeners.emit({ agentId, kind: "run", version, run });
        }
      })
      .catch(() => {
        // The runs could not be read (the database went away): a planner change tells the listener to read again;
        // a failed read must not stop the chain.
        if (!closed) listeners.emit({ agentId, kind: "planner", version });
      });
    heardChains.set(agentId, next);
    void next.then(() => {
      if (heardChains.get(agentId) === next) heardChains.delete(agentId);
    });
  }

  // --- reads ----------------------------------------------------------------------------------------------

  function readAgent<T>(what: string, agentId: unknown, work: (id: string) => Promise<T>): Promise<T> {
    return guarded(what, async () => {
      const id = assertAgentId(agentId);
      await ready();
      return work(id);
    });
  }

  /** One job or trigger as stored (configuration merged with its runtime state), in one statement. */
  async function readOwner(agentId: string, kind: "job" | "trigger", ownerId: string) {
    const rows = await q(
      sql,
      `SELECT a.config_rev, CASE WHEN a.config_rev = $4 THEN NULL ELSE a.planner END AS planner, s.kind, s.owner_id, s.rev, s.state
       FROM ${t.agents} a LEFT JOIN ${t.states} s ON s.agent_id = a.agent_id AND s.kind = $2 AND s.owner_id = $3 WHERE a.agent_id = $1`,
      [agentId, kind, ownerId, cachedRev(agentId)],
    );
    const row = rows[0];
    if (!row) return null;
    const view = await viewOf(sql, agentId, Number(row.config_rev), row.planner);
    const runtime = new AgentRuntime();
    if (row.kind) runtime.apply(stampsOf([row]));
    return { view, runtime };
  }

  async function getTrigger(agentId: string, triggerId: string): Promise<Trigger | null> {
    const found = await readOwner(agentId, "trigger", triggerId);
    const trigger = found?.view.triggers.get(triggerId);
    return trigger && found ? structuredClone(effectiveTrigger(trigger, found.runtime)) : null;
  }

  async function pageOf(agentId: string, filters: { owner?: RunOwner | undefined; options: Parameters<PlannerStore["listAgentRuns"]>[1] }): Promise<RunPage> {
    const query = pageQueryOf(filters.owner ? { ...filters.options, ownerKind: undefined } : filters.options);
    const params: unknown[] = [agentId];
    const clauses = ["agent_id = $1"];
    const add = (clause: (n: number) => string, value: unknown) => {
      params.push(value);
      clauses.push(clause(params.length));
    };
    if (filters.owner) {
      add((n) => `owner_kind = $${n}`, filters.owner.kind);
      add((n) => `owner_id = $${n}`, filters.owner.id);
    } else if (query.ownerKind) add((n) => `owner_kind = $${n}`, query.ownerKind);
    if (query.statuses) add((n) => `status IN (SELECT json_array_elements_text($${n}::text::json))`, JSON.stringify(query.statuses));
    if (query.after) {
      params.push(query.after.at, query.after.id);
      const at = params.length - 1;
      clauses.push(`(created_ms < $${at}::bigint OR (created_ms = $${at}::bigint AND run_id < $${at + 1}))`);
    }
    params.push(query.limit + 1);
    const rows = await q(
      sql,
      `SELECT run FROM ${t.runs} WHERE ${clauses.join(" AND ")} ORDER BY created_ms DESC, run_id DESC LIMIT $${params.length}::integer`,
      params,
    );
    const items = rows.slice(0, query.limit).map((row) => runOf(agentId, row.run));
    const last = items.at(-1);
    return { items, nextCursor: rows.length > query.limit && last ? cursorAfter(last) : null };
  }

  return {
    get(agentId) {
      return readAgent("get", agentId, async (id) => {
        const rows = await q(
          sql,
          `SELECT a.config_rev, CASE WHEN a.config_rev = $2 THEN NULL ELSE a.planner END AS planner,
             (SELECT json_agg(json_build_object('kind', s.kind, 'owner_id', s.owner_id, 'rev', s.rev, 'state', s.state))
              FROM ${t.states} s WHERE s.agent_id = a.agent_id) AS stamps
           FROM ${t.agents} a WHERE a.agent_id = $1`,
          [id, cachedRev(id)],
        );
        const row = rows[0];
        if (!row) return structuredClone(EMPTY_PLANNER);
        const view = await viewOf(sql, id, Number(row.config_rev), row.planner);
        const runtime = new AgentRuntime();
        runtime.apply(stampsOf((row.stamps as Row[] | null) ?? []));
        return structuredClone(effectivePlanner(view, runtime));
      });
    },

    getJob(agentId, jobId) {
      return readAgent("getJob", agentId, async (id) => {
        const found = await readOwner(id, "job", String(jobId));
        const job = found?.view.jobs.get(jobId);
        return job && found ? structuredClone(effectiveJob(job, found.runtime)) : null;
      });
    },

    getTrigger(agentId, triggerId) {
      return readAgent("getTrigger", agentId, (id) => getTrigger(id, String(triggerId)));
    },

    update(agentId, fn) {
      return guarded("update", async () => {
        const id = assertAgentId(agentId);
        return mutex.run(id, async () => {
          await ready();
          const outcome = await transact<{ next: PlannerConfig; version: number | null }>("update", async (tx) => {
            const locked = await lockAgent(tx, id, true);
            const runtime = await load(tx, id, { allStamps: true });
            const current = effectivePlanner(locked.view, runtime);
            const next = validatePlannerResult(id, await callerCall(() => fn(structuredClone(current))));
            if (sameJson(next, current)) return { result: { next, version: null }, xid: null };
            const states = statesAfterConfigWrite(next, runtime);
            if (states) runtime.apply(states);
            const { version, xid } = await writeChange(tx, id, locked, runtime, states, next);
            return { result: { next, version }, xid };
          });
          if (outcome.version !== null) {
            told(id, outcome.version);
            listeners.emit({ agentId: id, kind: "planner", version: outcome.version });
          }
          return outcome.next;
        });
      });
    },

    dueJobs(now, limit) {
      return guarded("dueJobs", async () => {
        open();
        checkDueLimit(limit);
        const nowMs = checkDate(now, "now");
        await ready();
        const rows = await q(
          sql,
          `SELECT d.agent_id, d.job_id, d.next_run_at, a.config_rev, s.kind, s.owner_id, s.rev, s.state
           FROM ${t.due} d JOIN ${t.agents} a ON a.agent_id = d.agent_id
           LEFT JOIN ${t.states} s ON s.agent_id = d.agent_id AND s.kind = 'job' AND s.owner_id = d.job_id
           WHERE d.next_run_ms <= $1::bigint ORDER BY d.next_run_ms, d.agent_id, d.job_id LIMIT $2::integer`,
          [nowMs, limit],
        );
        const stale = [...new Set(rows.filter((row) => cachedRev(String(row.agent_id)) !== Number(row.config_rev)).map((row) => String(row.agent_id)))];
        const views = new Map<string, ConfigView>();
        if (stale.length) {
          const planners = await q(sql, `SELECT agent_id, config_rev, planner FROM ${t.agents} WHERE agent_id IN (SELECT json_array_elements_text($1::text::json))`, [
            JSON.stringify(stale),
          ]);
          for (const row of planners) views.set(String(row.agent_id), parseView(String(row.agent_id), Number(row.config_rev), row.planner));
        }
        const due: DueJob[] = [];
        for (const row of rows) {
          const agentId = String(row.agent_id);
          const view = views.get(agentId) ?? configs.get(agentId)?.view;
          const job = view?.jobs.get(String(row.job_id));
          if (!job) continue;
          const runtime = new AgentRuntime();
          if (row.kind) runtime.apply(stampsOf([row]));
          due.push({ agentId, jobId: job.id, nextRunAt: String(row.next_run_at), job: structuredClone(effectiveJob(job, runtime)) });
        }
        return due;
      });
    },

    nextDueAt() {
      return guarded("nextDueAt", async () => {
        await ready();
        const [row] = await q(sql, `SELECT min(next_run_ms) AS at FROM ${t.due}`);
        return row?.at === null || row?.at === undefined ? null : new Date(Number(row.at));
      });
    },

    findTriggerByComposioId(composioTriggerId) {
      return guarded("findTriggerByComposioId", async () => {
        await ready();
        if (typeof composioTriggerId !== "string") return null;
        const rows = await q(sql, `SELECT agent_id, trigger_id FROM ${t.refs} WHERE composio_trigger_id = $1 ORDER BY agent_id, position LIMIT 5`, [
          composioTriggerId,
        ]);
        for (const row of rows) {
          const agentId = String(row.agent_id);
          const trigger = await getTrigger(agentId, String(row.trigger_id));
          if (trigger?.composioTriggerId === composioTriggerId) return { agentId, trigger };
        }
        return null;
      });
    },

    findTriggersByConnectedAccount(connectedAccountId) {
      return guarded("findTriggersByConnectedAccount", async () => {
        await ready();
        if (typeof connectedAccountId !== "string") return [];
        const rows = await q(sql, `SELECT agent_id, trigger_id FROM ${t.refs} WHERE connected_account_id = $1 ORDER BY agent_id, position`, [
          connectedAccountId,
        ]);
        const found: Array<{ agentId: string; trigger: Trigger }> = [];
        for (const row of rows) {
          const agentId = String(row.agent_id);
          const trigger = await getTrigger(agentId, String(row.trigger_id));
          if (trigger?.source.connectedAccountId === connectedAccountId) found.push({ agentId, trigger });
        }
        return found;
      });
    },

    claimOccurrence(agentId, jobId, claim, writeOptions) {
      return guarded("claimOccurrence", () => {
        open();
        const id = assertAgentId(agentId);
        const checked = checkClaim(claim);
        const limit = historyLimitOf(writeOptions, runHistory);
        const missed = checked.missedRun;
        const scope: Scope = { stamps: [["job", String(jobId)]], ...(missed ? { owner: missed.owner, runId: missed.id } : {}) };
        return decide("claimOccurrence", id, scope, (runtime, config) => decideClaimOccurrence(runtime, config, jobId, checked, limit));
      });
    },

    startRun(run, startOptions) {
      return guarded("startRun", () => {
        open();
        const valid = validateRun(run, "The run to start");
        const limit = historyLimitOf(startOptions, runHistory);
        return decide("startRun", valid.agentId, { owner: valid.owner, runId: valid.id }, (runtime) => decideStartRun(runtime, valid, startOptions, limit));
      });
    },

    finishRun(agentId, runId, ending, finishOptions) {
      return guarded("finishRun", () => {
        open();
        const id = assertAgentId(agentId);
        assertRunId(runId);
        checkEnding(ending);
        const limit = historyLimitOf(finishOptions, runHistory);
        return decide("finishRun", id, { ownerOfRun: runId }, (runtime, config) => {
          const decision = decideFinishRun(runtime, config, runId, ending, finishOptions, limit);
          // The ending's result comes from an executor: the finished run is checked like any run written.
          if (decision.change?.runs) decision.change.runs = decision.change.runs.map((r) => validateRun(r, "The finished run"));
          return decision;
        });
      });
    },

    countDelivery(agentId, triggerId, delivery) {
      return guarded("countDelivery", () => {
        open();
        const id = assertAgentId(agentId);
        checkDelivery(delivery?.deliveryId, delivery?.ttlMs);
        checkDate(delivery.at, "at");
        return decide("countDelivery", id, { stamps: [["trigger", String(triggerId)]], deliveryId: delivery.deliveryId }, (runtime, config) =>
          decideCountDelivery(runtime, config, triggerId, delivery),
        );
      });
    },

    setConnectionError(agentId, triggerId, message) {
      return guarded("setConnectionError", () => {
        open();
        const id = assertAgentId(agentId);
        return decide("setConnectionError", id, { stamps: [["trigger", String(triggerId)]] }, (runtime, config) => decideConnectionError(runtime, config, triggerId, message));
      });
    },

    appendRun(run, writeOptions) {
      return guarded("appendRun", () => {
        open();
        const valid = validateRun(run, "The run to append");
        const limit = historyLimitOf(writeOptions, runHistory);
        return decide("appendRun", valid.agentId, { owner: valid.owner, runId: valid.id }, (runtime) => decideAppendRun(runtime, valid, limit));
      });
    },

    appendRunUnlessActive(run, activeOptions) {
      return guarded("appendRunUnlessActive", () => {
        open();
        const valid = validateRun(run, "The run to append");
        const limit = historyLimitOf(activeOptions, runHistory);
        return decide("appendRunUnlessActive", valid.agentId, { owner: valid.owner, runId: valid.id }, (runtime) => decideAppendRunUnlessActive(runtime, valid, activeOptions, limit));
      });
    },

    updateRun(agentId, runId, fn, writeOptions) {
      return guarded("updateRun", () => {
        open();
        const id = assertAgentId(agentId);
        assertRunId(runId);
        const limit = historyLimitOf(writeOptions, runHistory);
        return decide("updateRun", id, { ownerOfRun: runId }, (runtime) =>
          decideUpdateRun(runtime, runId, (run) => callerSync(() => fn(run)), limit),
        );
      });
    },

    getRun(agentId, runId) {
      return readAgent("getRun", agentId, async (id) => {
        assertRunId(runId);
        const [row] = await q(sql, `SELECT run FROM ${t.runs} WHERE agent_id = $1 AND run_id = $2`, [id, runId]);
        return row ? runOf(id, row.run) : null;
      });
    },

    listRuns(agentId, owner, listOptions) {
      return readAgent("listRuns", agentId, (id) => pageOf(id, { owner, options: listOptions }));
    },

    listAgentRuns(agentId, listOptions) {
      return readAgent("listAgentRuns", agentId, (id) => pageOf(id, { options: listOptions }));
    },

    activeRuns(agentId) {
      return readAgent("activeRuns", agentId, async (id) => {
        const rows = await q(
          sql,
          `SELECT run FROM ${t.runs} WHERE agent_id = $1 AND status IN ('queued', 'running') ORDER BY created_ms DESC, run_id DESC`,
          [id],
        );
        return rows.map((row) => runOf(id, row.run));
      });
    },

    agentsWithRuns() {
      return guarded("agentsWithRuns", async () => {
        await ready();
        const rows = await q(sql, `SELECT DISTINCT agent_id FROM ${t.runs}`);
        return rows.map((row) => String(row.agent_id));
      });
    },

    recordDelivery(deliveryId, now, ttlMs) {
      return guarded("recordDelivery", async () => {
        open();
        checkDelivery(deliveryId, ttlMs);
        const nowMs = checkDate(now, "now");
        await ready();
        if (++pruneTick % PRUNE_EVERY === 0) await q(sql, `DELETE FROM ${t.deliveries} WHERE seen_ms <= $1::bigint`, [nowMs - ttlMs]);
        // One statement: a first sighting (or one whose window passed) stores `now`; a repeat changes nothing. It
        // runs in a transaction so that a connection lost while it runs leaves nothing behind (a sighting stored
        // but never acknowledged would make the sender's retry look like a duplicate).
        return transact<DeliveryRecord>("recordDelivery", async (tx) => {
          const rows = await q(
            tx,
            `WITH ins AS (
               INSERT INTO ${t.deliveries} (delivery_id, seen_ms) VALUES ($1, $2::bigint)
               ON CONFLICT (delivery_id) DO UPDATE SET seen_ms = EXCLUDED.seen_ms WHERE ${t.deliveries}.seen_ms <= $3::bigint
               RETURNING seen_ms)
             SELECT (SELECT count(*) FROM ins) AS inserted, (SELECT seen_ms FROM ${t.deliveries} WHERE delivery_id = $1) AS seen_ms,
               txid_current()::text AS xid`,
            [deliveryId, nowMs, nowMs - ttlMs],
          );
          const row = rows[0]!;
          if (Number(row.inserted) > 0) return { result: { firstSeen: true } satisfies DeliveryRecord, xid: String(row.xid) };
          return { result: { firstSeen: false, firstSeenAt: new Date(Number(row.seen_ms)).toISOString() } satisfies DeliveryRecord, xid: null };
        });
      });
    },

    subscribe(agentId, listener) {
      const id = assertAgentId(agentId);
      // Start (and listen) now; when the database is unavailable, keep trying in the background.
      if (!closed) void ready().catch(() => retryListen());
      const remove = listeners.add(id, listener);
      subscribed.set(id, (subscribed.get(id) ?? 0) + 1);
      let removed = false;
      return () => {
        if (removed) return;
        removed = true;
        remove();
        const left = (subscribed.get(id) ?? 1) - 1;
        if (left > 0) subscribed.set(id, left);
        else {
          subscribed.delete(id);
          toldVersions.delete(id);
        }
      };
    },

    version(agentId) {
      return readAgent("version", agentId, async (id) => {
        const [row] = await q(sql, `SELECT version FROM ${t.agents} WHERE agent_id = $1`, [id]);
        return row ? Number(row.version) : 0;
      });
    },

    async close() {
      if (closed) return;
      closed = true;
      if (listenTimer) clearTimeout(listenTimer);
      listenTimer = null;
      await mutex.idle();
      await starting?.catch(() => {});
      await listening;
      // UNLISTEN on a connection that may be gone: not worth more than a moment (ending the client drops it anyway).
      await Promise.race([unlisten?.().catch(() => {}), sleep(UNLISTEN_TIMEOUT_MS)]);
      await Promise.all([...heardChains.values()]);
      listeners.clear();
      subscribed.clear();
      toldVersions.clear();
      configs.clear();
      if (ownsClient) await sql.end({ timeout: 5 });
    },
  };
}

/** Runs `work` and answers a promise of its result: a throw becomes a rejection, as callers of the port expect. */
function promised<T>(work: () => T | PromiseLike<T>): Promise<T> {
  return new Promise<T>((resolve) => resolve(work()));
}

/** The driver's words for a failure, short, for the server log (`detail` of the storage fault). */
function reasonOf(error: unknown): string {
  try {
    const { code, message } = error as { code?: unknown; message?: unknown };
    const text = typeof message === "string" ? message.slice(0, 200) : String(error).slice(0, 200);
    return typeof code === "string" && !text.includes(code) ? `${text} (${code})` : text;
  } catch {
    return "unknown error";
  }
}

/** Seconds the store's own pool waits before connecting again after `attempt` failures: 0.1 s doubling to 2 s, jittered. */
function reconnectDelay(attempt: number): number {
  return (0.5 + Math.random() / 2) * Math.min(0.1 * 2 ** attempt, 2);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

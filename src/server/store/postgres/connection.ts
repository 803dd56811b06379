import { AsyncLocalStorage } from "node:async_hooks";
import postgres from "postgres";
import { StoreCorruptError } from "../errors";
import { StorageFaultError, storageFaultOf } from "../faults";
import { POSTGRES_SCHEMA_VERSION, postgresMigration, tableNames } from "./schema";

/** A postgres.js client (`postgres(url)`), or a transaction of one. */
export type Sql = postgres.Sql;
export type Tx = postgres.TransactionSql | postgres.Sql;
export type Row = Record<string, unknown>;

/** How a PostgreSQL port reaches the database: a connection string (its own pool), or a client the host owns. */
export type PostgresConnection =
  | {
      /** `postgres://user:password@host:5432/database`. The port opens its own pool and closes it on `close()`. */
      connectionString: string;
      /** Connections in the pool (default 10). */
      max?: number | undefined;
      sql?: never;
    }
  | {
      /**
       * A postgres.js client (`postgres(...)`) the host owns: used as it is and left open on `close()`. Its
       * `types`/`transform` options must be the defaults (rows as plain objects).
       */
      sql: Sql;
      connectionString?: never;
      max?: never;
    };

/** Options shared by `postgresRuntime` and `postgresConfig`. */
export interface PostgresPortOptions {
  /** The schema that holds the tables (default `agent_planner`); lower-case letters, digits and `_`. */
  schema?: string | undefined;
  /** Create the tables on start (default `true`). With `false`, run `postgresMigration(schema)` yourself first. */
  migrate?: boolean | undefined;
}

/** Seconds a pool opened here waits for a connection before the call fails as "database unavailable". */
const CONNECT_TIMEOUT_S = 10;
/** How long a write whose `COMMIT` got no answer asks the server whether it committed. */
const COMMIT_CHECK_MS = 5_000;

/** The client to use and whether it was opened here (and so is ended on close). */
export function openClient(connection: PostgresConnection, who: string): { sql: Sql; owns: boolean } {
  if (connection?.sql) return { sql: connection.sql, owns: false };
  if (typeof connection?.connectionString !== "string" || connection.connectionString.length === 0) {
    throw new TypeError(`${who} needs { connectionString } or { sql } (a postgres.js client).`);
  }
  const sql = postgres(connection.connectionString, {
    max: connection.max ?? 10,
    onnotice: () => {},
    idle_timeout: 30,
    connect_timeout: CONNECT_TIMEOUT_S,
    // Reconnect within about 2 s once the server is back (postgres.js waits up to 20 s by default, and answers
    // calls with the last connection error meanwhile).
    backoff: reconnectDelay,
    connection: { application_name: "agent-planner" },
  });
  return { sql, owns: true };
}

/** Seconds before connecting again after `attempt` failures: 0.1 s doubling to 2 s, jittered. */
function reconnectDelay(attempt: number): number {
  return (0.5 + Math.random() / 2) * Math.min(0.1 * 2 ** attempt, 2);
}

export const q = (tx: Tx, text: string, params: unknown[] = []) => tx.unsafe(text, params as never[], { prepare: true }) as unknown as Promise<Row[]>;

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Runs `work` and answers a promise of its result: a throw becomes a rejection. */
export function promised<T>(work: () => T | PromiseLike<T>): Promise<T> {
  return new Promise<T>((resolve) => resolve(work()));
}

/** The driver's words for a failure, short, for the server log (`detail` of the storage fault). */
export function reasonOf(error: unknown): string {
  try {
    const { code, message } = error as { code?: unknown; message?: unknown };
    const text = typeof message === "string" ? message.slice(0, 200) : String(error).slice(0, 200);
    return typeof code === "string" && !text.includes(code) ? `${text} (${code})` : text;
  } catch {
    return "unknown error";
  }
}

/** A storage fault for a connection-level failure, else `error` as it is. */
export function faultOf(error: unknown, schema: string, what: string): unknown {
  return storageFaultOf(error, `PostgreSQL schema "${schema}", ${what}: ${reasonOf(error)}`) ?? error;
}

export function isUnavailable(error: unknown): boolean {
  return storageFaultOf(error)?.kind === "database-unavailable";
}

/**
 * The transaction a runtime transaction of one agent holds while its work runs: a config source on the same
 * client reads and writes that agent's planner through it (no second connection while one is held, which could
 * exhaust a small pool, and the definition and the runtime commit together).
 */
export interface AgentTransaction {
  sql: Sql;
  schema: string;
  agentId: string;
  tx: Tx;
  /**
   * The agent's config revision read in the transaction's first round trip, after its lock was taken (only when the
   * runtime was told the config table is beside it, as in `postgresStore`); `undefined` once the config was written
   * in the transaction, or when not read.
   */
  configRevision?: { value: number | null } | undefined;
}
export const agentTransactions = new AsyncLocalStorage<AgentTransaction>();

/**
 * Creates the tables once (under an advisory lock, so instances starting together take turns) and checks their
 * version; a failure is answered to the caller and tried again by the next call.
 */
export function starter(sql: Sql, schema: string, migrate: boolean): () => Promise<void> {
  const t = tableNames(schema);
  let starting: Promise<void> | null = null;
  async function start() {
    if (migrate) {
      await sql.begin(async (tx) => {
        await tx.unsafe("SELECT pg_advisory_xact_lock(hashtext($1))", [`agent-planner:migrate:${schema}`]);
        await tx.unsafe(postgresMigration(schema));
      });
    }
    const [meta] = await sql.unsafe(`SELECT value FROM ${t.meta} WHERE key = 'schema_version'`).catch((error: unknown) => {
      // No meta table: not migrated.
      if ((error as { code?: unknown })?.code === "42P01") return [];
      throw error;
    });
    if (!meta || Number(meta.value) !== POSTGRES_SCHEMA_VERSION) {
      throw new StoreCorruptError(
        `postgres:${schema}`,
        `The PostgreSQL schema "${schema}" holds planner tables of version ${String(meta?.value ?? "none")}; this version of agent-planner reads version ${POSTGRES_SCHEMA_VERSION}. Run postgresMigration("${schema}") or use another schema.`,
      );
    }
  }
  return () => {
    starting ??= start().catch((error: unknown) => {
      starting = null;
      throw error;
    });
    return starting;
  };
}

/** Whether a transaction whose COMMIT got no answer committed, asked on another connection for a few seconds. */
export async function commitStatus(sql: Sql, xid: string, closed: () => boolean): Promise<"committed" | "aborted" | "unknown"> {
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
    if (Date.now() + 50 >= deadline || closed()) return "unknown";
    await sleep(Math.min(50 * 2 ** attempt, 1_000, Math.max(0, deadline - Date.now())));
  }
}

/**
 * One write transaction whose outcome is reported honestly. `body` runs inside it and reports, through `wrote`,
 * the transaction id (`txid_current()`) of what it wrote. A failure before `COMMIT` was sent means nothing was
 * committed. When `COMMIT` itself got no answer, the server is asked (`txid_status`) whether the transaction
 * committed: the result stands if it did, and when it cannot be told the error says so. An error thrown by
 * `body` itself (already a fault, or the caller's own) is passed on as it is.
 */
export async function transact<T>(
  sql: Sql,
  schema: string,
  what: string,
  closed: () => boolean,
  body: (tx: Tx, wrote: (xid: string) => void) => Promise<T>,
): Promise<T> {
  let finished: { value: T } | null = null;
  let bodyError: { error: unknown } | null = null;
  let xid: string | null = null;
  try {
    await sql.begin(async (tx) => {
      try {
        finished = { value: await body(tx, (id) => (xid = id)) };
      } catch (error) {
        bodyError = { error };
        throw error;
      }
    });
    return finished!.value;
  } catch (error) {
    const thrown = bodyError as { error: unknown } | null;
    if (thrown && thrown.error === error) throw error;
    const done = finished as { value: T } | null;
    if (!done || !isUnavailable(error)) throw faultOf(error, schema, what);
    // The body ran to its end; only COMMIT failed. A transaction that wrote nothing has nothing to lose.
    const written = xid as string | null;
    if (written === null) return done.value;
    const status = await commitStatus(sql, written, closed);
    if (status === "committed") return done.value;
    if (status === "aborted") throw faultOf(error, schema, what);
    throw new StorageFaultError(
      "database-unavailable",
      `PostgreSQL schema "${schema}", ${what}: COMMIT got no answer (${reasonOf(error)}) and the server could not be asked whether transaction ${written} committed.`,
      {
        cause: error,
        message: "The planner's database is unavailable: the last change may or may not have been saved (its commit got no answer). It reconnects by itself; check before trying again.",
      },
    );
  }
}

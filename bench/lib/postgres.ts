import { readFileSync } from "node:fs";
import postgres from "postgres";
import { postgresStore, type PlannerStore } from "../../src/server/store";

/**
 * The PostgreSQL server the benches measure: `PLANNER_BENCH_POSTGRES_URL`, else `PLANNER_TEST_POSTGRES_URL`.
 * Neither set, or no server answering, and every PostgreSQL row is printed as "skipped: <reason>" instead.
 */
export function benchPostgresUrl(): string | null {
  return process.env.PLANNER_BENCH_POSTGRES_URL || process.env.PLANNER_TEST_POSTGRES_URL || null;
}

/** The URL without its password, for printing. */
export function shownUrl(url: string): string {
  return url.replace(/:[^:@/]*@/, ":***@");
}

export type PostgresServer = { ok: true; url: string; version: string } | { ok: false; reason: string };

/** Whether a server answers at the bench URL (and which one), or why the PostgreSQL rows are skipped. */
export async function findPostgres(): Promise<PostgresServer> {
  const url = benchPostgresUrl();
  if (!url) return { ok: false, reason: "PLANNER_BENCH_POSTGRES_URL (or PLANNER_TEST_POSTGRES_URL) is not set" };
  let sql: postgres.Sql;
  try {
    sql = postgres(url, { max: 1, connect_timeout: 3, onnotice: () => {} });
  } catch (error) {
    return { ok: false, reason: `the URL ${shownUrl(url)} is not a PostgreSQL connection string (${(error as Error).message})` };
  }
  try {
    const [row] = await sql<Array<{ server_version: string }>>`SHOW server_version`;
    return { ok: true, url, version: row?.server_version ?? "?" };
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string };
    return { ok: false, reason: `no PostgreSQL server answers at ${shownUrl(url)} (${code ?? message ?? String(error)})` };
  } finally {
    await sql.end({ timeout: 1 }).catch(() => {});
  }
}

/** A schema no other run uses: each measurement gets a fresh one and drops it afterwards. */
export function benchSchema(what: string): string {
  return `bench_${what}_${process.pid}_${Date.now().toString(36)}`.toLowerCase().replace(/[^a-z0-9_]/g, "_").slice(0, 40);
}

export async function dropSchema(url: string, schema: string): Promise<void> {
  const sql = postgres(url, { max: 1, connect_timeout: 5, onnotice: () => {} });
  try {
    await sql.unsafe(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await sql.end({ timeout: 1 }).catch(() => {});
  }
}

/**
 * The application name the store's connections carry in a bench process, so the database's CPU can be told from
 * other clients' (tests of another checkout may use the same server).
 */
export function benchApplicationName(): string {
  return `agent-planner-bench-${process.pid}`;
}

/**
 * `postgresStore` on its own pool, as `postgresStore({ connectionString })` opens it (10 connections, the same
 * timeouts), except that its connections carry `benchApplicationName()`. The pool is ended on `close()`.
 */
export function benchPostgresStore(url: string, schema: string): PlannerStore {
  const sql = postgres(url, {
    max: 10,
    onnotice: () => {},
    idle_timeout: 30,
    connect_timeout: 10,
    connection: { application_name: benchApplicationName() },
  });
  const store = postgresStore({ sql, schema });
  return {
    ...store,
    async close() {
      await store.close();
      await sql.end({ timeout: 5 });
    },
  };
}

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ: 100 on every Linux that Node runs on). */
const USER_HZ = 100;

/** utime + stime of a process in ms, from /proc (null when it is gone or not on this machine). */
function processCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name is in parentheses and may hold spaces: count fields after its closing one.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // Fields 14 and 15 of stat (utime, stime) are 12 and 13 after the state (field 3).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / USER_HZ;
  } catch {
    return null;
  }
}

function processName(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/comm`, "utf8").trim();
  } catch {
    return null;
  }
}

/**
 * The database's CPU while a bench runs, read cheaply: utime + stime from /proc/<pid>/stat of the server's
 * processes serving this bench (`application_name` = `benchApplicationName()` or the one given), plus its
 * background processes (WAL writer, checkpointer, background writer, autovacuum), which share their work with
 * any other client. Only possible when the server runs on this machine; otherwise `pg_stat_statements`' execution
 * time is read when the extension is installed (wall time inside the server, not CPU), else nothing.
 */
export interface DatabaseCpu {
  /** What `read()` measures, in words. */
  what: string;
  /** Milliseconds so far (CPU or, for pg_stat_statements, execution time); compare two reads. */
  read(): Promise<number>;
  close(): Promise<void>;
}

export type DatabaseCpuProbe = { ok: true; cpu: DatabaseCpu } | { ok: false; reason: string };

export async function databaseCpu(url: string, applicationName = benchApplicationName()): Promise<DatabaseCpuProbe> {
  const sql = postgres(url, { max: 1, connect_timeout: 5, onnotice: () => {} });
  const close = () => sql.end({ timeout: 1 }).catch(() => {});
  const serverPids = async () => {
    const rows = await sql<Array<{ pid: number }>>`
      SELECT pid FROM pg_stat_activity
      WHERE pid <> pg_backend_pid()
        AND (application_name = ${applicationName} OR backend_type IN ('walwriter', 'checkpointer', 'background writer', 'autovacuum worker', 'autovacuum launcher'))`;
    return rows.map((row) => row.pid);
  };
  try {
    const pids = await serverPids();
    const local = pids.length > 0 && pids.every((pid) => processName(pid) === "postgres" || processName(pid)?.startsWith("postgres"));
    if (local) {
      /** CPU of every process seen so far, last read (a backend that ended keeps its last reading). */
      const seen = new Map<number, number>();
      return {
        ok: true,
        cpu: {
          what: "database CPU (utime + stime of its backends serving this bench and its background processes, from /proc)",
          async read() {
            for (const pid of await serverPids()) {
              const ms = processCpuMs(pid);
              if (ms !== null) seen.set(pid, ms);
            }
            for (const pid of seen.keys()) {
              const ms = processCpuMs(pid);
              if (ms !== null && processName(pid)?.startsWith("postgres")) seen.set(pid, ms);
            }
            let total = 0;
            for (const ms of seen.values()) total += ms;
            return total;
          },
          close,
        },
      };
    }
    const [extension] = await sql`SELECT 1 FROM pg_extension WHERE extname = 'pg_stat_statements'`;
    if (extension) {
      return {
        ok: true,
        cpu: {
          what: "database execution time (pg_stat_statements total_exec_time, all clients; not CPU: the server's processes are not on this machine)",
          async read() {
            const [row] = await sql<Array<{ ms: number | null }>>`SELECT sum(total_exec_time)::float8 AS ms FROM pg_stat_statements`;
            return row?.ms ?? 0;
          },
          close,
        },
      };
    }
    await close();
    return { ok: false, reason: "the server's processes are not on this machine (no /proc to read) and pg_stat_statements is not installed" };
  } catch (error) {
    await close();
    return { ok: false, reason: `could not read the server's processes (${(error as Error).message})` };
  }
}

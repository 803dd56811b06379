import postgres from "postgres";

/**
 * The PostgreSQL server the store tests use: `PLANNER_TEST_POSTGRES_URL`, else the local default that `.ci/run`
 * sets up. Outside CI, tests skip with `POSTGRES_HINT` when no server answers; in CI a missing server fails them.
 */
export const POSTGRES_URL = process.env.PLANNER_TEST_POSTGRES_URL ?? "postgres://postgres:postgres@127.0.0.1:5432/postgres";

export const POSTGRES_HINT =
  `No PostgreSQL server answers at ${POSTGRES_URL.replace(/:[^:@/]*@/, ":***@")}, so the PostgreSQL store tests are skipped. ` +
  "Start one (Debian: `apt-get install -y postgresql && pg_ctlcluster 15 main start && su postgres -c \"psql -c \\\"ALTER USER postgres PASSWORD 'postgres'\\\"\"`) " +
  "or set PLANNER_TEST_POSTGRES_URL; CI (.ci/run) installs and starts one.";

/** Whether the server answers (always true in CI: there a missing server must fail the tests, not skip them). */
export async function postgresAvailable(): Promise<boolean> {
  if (process.env.CI) return true;
  const sql = postgres(POSTGRES_URL, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    console.warn(POSTGRES_HINT);
    return false;
  } finally {
    await sql.end({ timeout: 1 }).catch(() => {});
  }
}

let counter = 0;

/** A schema name no other test uses (tests of several files run at once against one server). */
export function uniqueSchema(prefix = "t"): string {
  counter += 1;
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${counter}`.toLowerCase().slice(0, 40);
}

/** A client for test set-up and clean-up. */
export function adminClient(): postgres.Sql {
  return postgres(POSTGRES_URL, { max: 2, onnotice: () => {} });
}

export async function dropSchema(admin: postgres.Sql, schema: string): Promise<void> {
  await admin.unsafe(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
}

/**
 * The PostgreSQL store's tables, in one schema (default `agent_planner`). `postgresStore` runs this migration on
 * start unless told not to; a host that migrates with its own tool runs `postgresMigration(schema)` there.
 *
 * Layout (one row per agent, per owner state, per run):
 * - `planner_agents`: the planner configuration per agent as the user defined it (`planner`, JSON text kept byte
 *   for byte), `config_rev` (grows with each configuration write; lets an instance reuse its parsed copy) and
 *   `version` (grows with every change, the port's `version`). Its row lock serialises writers of one agent.
 * - `planner_states`: runtime state of each job and trigger, stamped with the configuration revision it was
 *   written for (the same merge rule as the file store's runtime log).
 * - `planner_runs`: runs, capped per owner at the history limit; `created_ms` and the id order pages.
 * - `planner_due`: the due index (enabled jobs with a next run), read by every tick.
 * - `planner_trigger_refs`: triggers by Composio trigger id and connected account (the webhook's lookups).
 * - `planner_agent_deliveries` / `planner_deliveries`: delivery ids seen, per trigger count and route-wide.
 */

/** The version of the tables this code reads and writes. */
export const POSTGRES_SCHEMA_VERSION = 1;

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,39}$/;

/** Checks a schema name (it is interpolated into SQL, so only a plain lower-case identifier is accepted). */
export function checkSchemaName(schema: string): string {
  if (typeof schema !== "string" || !IDENTIFIER.test(schema) || schema.startsWith("pg_")) {
    throw new TypeError(
      `The PostgreSQL schema name must be 1–40 lower-case letters, digits or '_' and start with a letter or '_' (not "pg_", which PostgreSQL reserves), got ${JSON.stringify(schema)}.`,
    );
  }
  return schema;
}

/** Quoted, schema-qualified table names. */
export function tableNames(schema: string) {
  const s = `"${checkSchemaName(schema)}"`;
  return {
    schema: s,
    meta: `${s}.planner_meta`,
    agents: `${s}.planner_agents`,
    states: `${s}.planner_states`,
    runs: `${s}.planner_runs`,
    due: `${s}.planner_due`,
    refs: `${s}.planner_trigger_refs`,
    agentDeliveries: `${s}.planner_agent_deliveries`,
    deliveries: `${s}.planner_deliveries`,
  };
}

export type TableNames = ReturnType<typeof tableNames>;

/**
 * The SQL that creates (or leaves as they are) the store's tables in `schema`. Idempotent: safe to run on every
 * start and from several instances at once (the store takes an advisory lock around it).
 */
export function postgresMigration(schema = "agent_planner"): string {
  const t = tableNames(schema);
  return `
CREATE SCHEMA IF NOT EXISTS ${t.schema};
CREATE TABLE IF NOT EXISTS ${t.meta} (key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE IF NOT EXISTS ${t.agents} (
  agent_id text PRIMARY KEY,
  planner json NOT NULL,
  config_rev bigint NOT NULL DEFAULT 0,
  version bigint NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS ${t.states} (
  agent_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('job', 'trigger')),
  owner_id text NOT NULL,
  rev integer NOT NULL,
  state json NOT NULL,
  PRIMARY KEY (agent_id, kind, owner_id)
);
CREATE TABLE IF NOT EXISTS ${t.runs} (
  agent_id text NOT NULL,
  run_id text COLLATE "C" NOT NULL,
  owner_kind text NOT NULL,
  owner_id text NOT NULL,
  status text NOT NULL,
  created_ms bigint NOT NULL,
  run json NOT NULL,
  PRIMARY KEY (agent_id, run_id)
);
CREATE INDEX IF NOT EXISTS planner_runs_owner ON ${t.runs} (agent_id, owner_kind, owner_id, created_ms DESC, run_id DESC);
CREATE INDEX IF NOT EXISTS planner_runs_newest ON ${t.runs} (agent_id, created_ms DESC, run_id DESC);
CREATE INDEX IF NOT EXISTS planner_runs_active ON ${t.runs} (agent_id) WHERE status IN ('queued', 'running');
CREATE TABLE IF NOT EXISTS ${t.due} (
  agent_id text COLLATE "C" NOT NULL,
  job_id text COLLATE "C" NOT NULL,
  next_run_ms bigint NOT NULL,
  next_run_at text NOT NULL,
  PRIMARY KEY (agent_id, job_id)
);
CREATE INDEX IF NOT EXISTS planner_due_at ON ${t.due} (next_run_ms, agent_id, job_id);
CREATE TABLE IF NOT EXISTS ${t.refs} (
  agent_id text NOT NULL,
  trigger_id text NOT NULL,
  position integer NOT NULL,
  composio_trigger_id text,
  connected_account_id text,
  PRIMARY KEY (agent_id, trigger_id)
);
CREATE INDEX IF NOT EXISTS planner_refs_composio ON ${t.refs} (composio_trigger_id) WHERE composio_trigger_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS planner_refs_account ON ${t.refs} (connected_account_id) WHERE connected_account_id IS NOT NULL;
CREATE TABLE IF NOT EXISTS ${t.agentDeliveries} (
  agent_id text NOT NULL,
  delivery_id text NOT NULL,
  expires_ms bigint NOT NULL,
  PRIMARY KEY (agent_id, delivery_id)
);
CREATE TABLE IF NOT EXISTS ${t.deliveries} (delivery_id text PRIMARY KEY, seen_ms bigint NOT NULL);
CREATE INDEX IF NOT EXISTS planner_deliveries_seen ON ${t.deliveries} (seen_ms);
INSERT INTO ${t.meta} (key, value) VALUES ('schema_version', '${POSTGRES_SCHEMA_VERSION}') ON CONFLICT (key) DO NOTHING;
`;
}

/**
 * The PostgreSQL tables of `postgresConfig` and `postgresRuntime` (and so of `postgresStore`), in one schema
 * (default `agent_planner`). They are created on start unless told not to; a host that migrates with its own tool
 * runs `postgresMigration(schema)` there.
 *
 * Layout (one row per agent, per owner state, per run):
 * - `cfg_planners`: what people write, per agent: the planner definitions as JSON text kept byte for byte, and a
 *   `revision` counter (the config source's optimistic lock).
 * - `rt_agents`: the runtime's change counter per agent (`version`) and the config revision it was last reconciled
 *   with; its row lock serialises the writers of one agent across instances.
 * - `rt_states`: runtime state of each job and trigger, stamped with the definition revision it was written for.
 * - `rt_edits`: the edit log of each job and trigger (JSON text, newest entries kept).
 * - `rt_runs`: runs (JSON text); `rt_agent_deliveries`: delivery ids counted per agent; `rt_due`: the due index
 *   (epoch ms, indexed), read by every tick; `rt_composio`: agents by Composio trigger id; `rt_deliveries`:
 *   route-wide delivery dedupe; `rt_delivery_log`: the newest deliveries of each trigger with their verdicts (added
 *   without a version change: created where missing).
 *
 * A database with the tables of agent-planner's first PostgreSQL store (`planner_agents`, `planner_states`,
 * `planner_runs`, …) is imported into these once, when they are still empty; the old tables are left as they are.
 */

/** The version of the tables this code reads and writes (1: the first store's `planner_*` tables). */
export const POSTGRES_SCHEMA_VERSION = 2;

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
    planners: `${s}.cfg_planners`,
    agents: `${s}.rt_agents`,
    runs: `${s}.rt_runs`,
    states: `${s}.rt_states`,
    agentDeliveries: `${s}.rt_agent_deliveries`,
    due: `${s}.rt_due`,
    composio: `${s}.rt_composio`,
    deliveries: `${s}.rt_deliveries`,
    deliveryLog: `${s}.rt_delivery_log`,
    edits: `${s}.rt_edits`,
    /** The first store's tables (version 1), read once by the import. */
    legacy: {
      agents: `${s}.planner_agents`,
      states: `${s}.planner_states`,
      runs: `${s}.planner_runs`,
      due: `${s}.planner_due`,
      refs: `${s}.planner_trigger_refs`,
      agentDeliveries: `${s}.planner_agent_deliveries`,
      deliveries: `${s}.planner_deliveries`,
    },
  };
}

export type TableNames = ReturnType<typeof tableNames>;

/** A string literal for SQL (the names are checked identifiers, so this only doubles quotes). */
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/**
 * The SQL that creates (or leaves as they are) the store's tables in `schema`, and imports the first store's
 * tables into them when they are empty. Idempotent: safe to run on every start and from several instances at
 * once (the stores take an advisory lock around it).
 */
export function postgresMigration(schema = "agent_planner"): string {
  const t = tableNames(schema);
  const l = t.legacy;
  return `
CREATE SCHEMA IF NOT EXISTS ${t.schema};
CREATE TABLE IF NOT EXISTS ${t.meta} (key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE IF NOT EXISTS ${t.planners} (
  agent_id text PRIMARY KEY,
  planner text NOT NULL,
  revision bigint NOT NULL
);
CREATE TABLE IF NOT EXISTS ${t.agents} (
  agent_id text PRIMARY KEY,
  version bigint NOT NULL DEFAULT 0,
  config_revision text NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS ${t.runs} (
  agent_id text NOT NULL,
  run_id text NOT NULL,
  data text NOT NULL,
  PRIMARY KEY (agent_id, run_id)
);
CREATE TABLE IF NOT EXISTS ${t.states} (
  agent_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('job', 'trigger')),
  owner_id text NOT NULL,
  rev integer NOT NULL,
  data text NOT NULL,
  PRIMARY KEY (agent_id, kind, owner_id)
);
CREATE TABLE IF NOT EXISTS ${t.agentDeliveries} (
  agent_id text NOT NULL,
  delivery_id text NOT NULL,
  expires_at bigint NOT NULL,
  PRIMARY KEY (agent_id, delivery_id)
);
CREATE TABLE IF NOT EXISTS ${t.due} (
  agent_id text COLLATE "C" NOT NULL,
  job_id text COLLATE "C" NOT NULL,
  at bigint NOT NULL,
  PRIMARY KEY (agent_id, job_id)
);
CREATE INDEX IF NOT EXISTS rt_due_at ON ${t.due} (at, agent_id, job_id);
CREATE TABLE IF NOT EXISTS ${t.composio} (
  composio_id text NOT NULL,
  agent_id text NOT NULL,
  PRIMARY KEY (composio_id, agent_id)
);
CREATE INDEX IF NOT EXISTS rt_composio_agent ON ${t.composio} (agent_id);
CREATE TABLE IF NOT EXISTS ${t.edits} (
  seq bigserial PRIMARY KEY,
  agent_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('job', 'trigger')),
  owner_id text NOT NULL,
  data text NOT NULL
);
CREATE INDEX IF NOT EXISTS rt_edits_owner ON ${t.edits} (agent_id, kind, owner_id, seq);
CREATE INDEX IF NOT EXISTS rt_edits_agent ON ${t.edits} (agent_id, seq);
CREATE TABLE IF NOT EXISTS ${t.deliveries} (delivery_id text PRIMARY KEY, seen_at bigint NOT NULL);
CREATE INDEX IF NOT EXISTS rt_deliveries_seen ON ${t.deliveries} (seen_at);
CREATE TABLE IF NOT EXISTS ${t.deliveryLog} (
  seq bigserial PRIMARY KEY,
  agent_id text NOT NULL,
  trigger_id text NOT NULL,
  data text NOT NULL
);
CREATE INDEX IF NOT EXISTS rt_delivery_log_trigger ON ${t.deliveryLog} (agent_id, trigger_id, seq);
DO $import$
BEGIN
  IF to_regclass(${literal(l.agents)}) IS NOT NULL AND to_regclass(${literal(l.states)}) IS NOT NULL
     AND to_regclass(${literal(l.runs)}) IS NOT NULL AND to_regclass(${literal(l.due)}) IS NOT NULL
     AND to_regclass(${literal(l.refs)}) IS NOT NULL AND to_regclass(${literal(l.agentDeliveries)}) IS NOT NULL
     AND to_regclass(${literal(l.deliveries)}) IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM ${t.planners}) AND NOT EXISTS (SELECT 1 FROM ${t.agents})
     AND NOT EXISTS (SELECT 1 FROM ${t.runs}) AND NOT EXISTS (SELECT 1 FROM ${t.deliveries}) THEN
    -- Definitions: the planner text as it was (a job's or trigger's "state" in it is dropped when read).
    INSERT INTO ${t.planners} (agent_id, planner, revision) SELECT agent_id, planner::text, config_rev FROM ${l.agents};
    -- The runtime is reconciled with that revision: the due index and Composio links are taken over as they are.
    INSERT INTO ${t.agents} (agent_id, version, config_revision) SELECT agent_id, version, 'n:' || config_rev::text FROM ${l.agents};
    INSERT INTO ${t.states} (agent_id, kind, owner_id, rev, data) SELECT agent_id, kind, owner_id, rev, state::text FROM ${l.states};
    -- A state kept in the planner itself counts where no newer stamped state exists (the first store's merge rule).
    INSERT INTO ${t.states} (agent_id, kind, owner_id, rev, data)
      SELECT a.agent_id, o.kind, o.item->>'id', (o.item->>'revision')::integer, (o.item->'state')::text
      FROM ${l.agents} a
      CROSS JOIN LATERAL (
        SELECT 'job' AS kind, j AS item FROM json_array_elements(CASE WHEN json_typeof(a.planner->'jobs') = 'array' THEN a.planner->'jobs' ELSE '[]'::json END) j
        UNION ALL
        SELECT 'trigger', g FROM json_array_elements(CASE WHEN json_typeof(a.planner->'triggers') = 'array' THEN a.planner->'triggers' ELSE '[]'::json END) g
      ) o
      WHERE json_typeof(o.item->'state') = 'object' AND o.item->>'id' IS NOT NULL AND (o.item->>'revision') ~ '^[0-9]{1,9}$'
      ON CONFLICT (agent_id, kind, owner_id) DO UPDATE SET rev = EXCLUDED.rev, data = EXCLUDED.data WHERE ${t.states}.rev < EXCLUDED.rev;
    INSERT INTO ${t.runs} (agent_id, run_id, data) SELECT agent_id, run_id, run::text FROM ${l.runs};
    INSERT INTO ${t.due} (agent_id, job_id, at) SELECT agent_id, job_id, next_run_ms FROM ${l.due};
    INSERT INTO ${t.composio} (composio_id, agent_id)
      SELECT DISTINCT composio_trigger_id, agent_id FROM ${l.refs} WHERE composio_trigger_id IS NOT NULL;
    INSERT INTO ${t.agentDeliveries} (agent_id, delivery_id, expires_at) SELECT agent_id, delivery_id, expires_ms FROM ${l.agentDeliveries};
    INSERT INTO ${t.deliveries} (delivery_id, seen_at) SELECT delivery_id, seen_ms FROM ${l.deliveries};
  END IF;
END
$import$;
INSERT INTO ${t.meta} (key, value) VALUES ('schema_version', '${POSTGRES_SCHEMA_VERSION}')
  ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value WHERE ${t.meta}.value ~ '^[0-9]+$' AND ${t.meta}.value::integer < ${POSTGRES_SCHEMA_VERSION};
`;
}

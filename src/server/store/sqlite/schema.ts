/** The runtime database's schema version, stored in `planner_meta`; a newer one is refused. */
export const SQLITE_SCHEMA_VERSION = 1;

/**
 * The runtime tables. Runs and states are JSON text validated when read; the due index and Composio links are
 * plain rows with their own indexes, so a tick and a webhook lookup are one indexed query. Each trigger's delivery
 * log (`planner_delivery_log`, added without a version change: it is created where missing) is read on its own.
 */
export const SQLITE_SCHEMA = `
CREATE TABLE IF NOT EXISTS planner_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS planner_agents (
  agent_id TEXT PRIMARY KEY,
  version INTEGER NOT NULL,
  config_revision TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS planner_runs (
  agent_id TEXT NOT NULL,
  run_id TEXT NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (agent_id, run_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS planner_states (
  agent_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  owner_id TEXT NOT NULL,
  rev INTEGER NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (agent_id, kind, owner_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS planner_agent_deliveries (
  agent_id TEXT NOT NULL,
  delivery_id TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (agent_id, delivery_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS planner_due (
  agent_id TEXT NOT NULL,
  job_id TEXT NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (agent_id, job_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS planner_due_at ON planner_due (at, agent_id, job_id);
CREATE TABLE IF NOT EXISTS planner_composio (
  composio_id TEXT NOT NULL,
  agent_id TEXT NOT NULL,
  PRIMARY KEY (composio_id, agent_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS planner_composio_agent ON planner_composio (agent_id);
CREATE TABLE IF NOT EXISTS planner_delivery_log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  agent_id TEXT NOT NULL,
  trigger_id TEXT NOT NULL,
  data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS planner_delivery_log_trigger ON planner_delivery_log (agent_id, trigger_id, seq);
CREATE TABLE IF NOT EXISTS planner_edits (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  agent_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  owner_id TEXT NOT NULL,
  data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS planner_edits_owner ON planner_edits (agent_id, kind, owner_id, seq);
CREATE INDEX IF NOT EXISTS planner_edits_agent ON planner_edits (agent_id, seq);
CREATE TABLE IF NOT EXISTS planner_deliveries (delivery_id TEXT PRIMARY KEY, seen_at INTEGER NOT NULL) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS planner_deliveries_seen ON planner_deliveries (seen_at);
`;

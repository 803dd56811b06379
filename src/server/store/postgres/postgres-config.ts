import { ConflictError } from "../../errors";
import type { ConfigRevision, ConfigSource, PlannerDefinition, StoredPlanner } from "../core/config-source";
import { StoreClosedError, StoreCorruptError } from "../errors";
import { tableNames } from "./schema";
import { type AgentTransaction, type PostgresConnection, type PostgresPortOptions, type Sql, type Tx, agentTransactions, faultOf, openClient, promised, q, starter } from "./connection";

/** Options of {@link postgresConfig}. */
export type PostgresConfigOptions = PostgresPortOptions;

/**
 * A `ConfigSource` on PostgreSQL: each agent's planner definitions in one row of `cfg_planners` (JSON text, kept
 * byte for byte) with a `revision` counter; a write based on a stale revision changes nothing and is refused with
 * `ConflictError`. Connection failures are `StorageFaultError`s of kind `"database-unavailable"`.
 *
 * Given the same postgres.js client as a `postgresRuntime`, it reads and writes an agent's planner inside that
 * agent's runtime transaction (one connection, one commit).
 *
 * @example
 * const sql = postgres(process.env.DATABASE_URL!);
 * const store = plannerStore({ config: postgresConfig({ sql }), runtime: postgresRuntime({ sql }) });
 */
export function postgresConfig(connection: PostgresConnection, options: PostgresConfigOptions = {}): ConfigSource {
  const schema = options.schema ?? "agent_planner";
  tableNames(schema);
  const { sql, owns } = openClient(connection, "postgresConfig");
  const source = createPostgresConfig(sql, schema, starter(sql, schema, options.migrate !== false));
  return {
    ...source,
    async close() {
      await source.close?.();
      if (owns) await sql.end({ timeout: 5 });
    },
  };
}

/** The config source on a client it does not own (`close()` leaves the client open). */
export function createPostgresConfig(sql: Sql, schema: string, ready: () => Promise<void>): ConfigSource {
  const t = tableNames(schema);
  let closed = false;

  /** The client for this agent: the agent's runtime transaction when one runs on this client, else the pool. */
  function clientFor(agentId: string): Tx {
    return inTransaction(agentId)?.tx ?? sql;
  }

  /** The agent's runtime transaction when one runs on this client (see `AgentTransaction`). */
  function inTransaction(agentId: string): AgentTransaction | undefined {
    const current = agentTransactions.getStore();
    return current && current.sql === sql && current.schema === schema && current.agentId === agentId ? current : undefined;
  }

  function call<T>(what: string, work: () => Promise<T>): Promise<T> {
    return promised(async () => {
      if (closed) throw new StoreClosedError();
      await ready();
      return work();
    }).catch((error: unknown) => {
      throw faultOf(error, schema, `config ${what}`);
    });
  }

  function revisionOf(expected: ConfigRevision): number | null {
    const n = typeof expected === "number" ? expected : /^[0-9]{1,15}$/.test(expected) ? Number(expected) : NaN;
    return Number.isSafeInteger(n) ? n : null;
  }

  return {
    revision(agentId) {
      // One indexed lookup: the core reads (and parses) the planner again only when this changed.
      return call("revision", async (): Promise<ConfigRevision | null> => {
        // Inside the agent's runtime transaction, the revision it read with its lock (one round trip fewer).
        const prefetched = inTransaction(agentId)?.configRevision;
        if (prefetched) return prefetched.value;
        const [row] = await q(clientFor(agentId), `SELECT revision FROM ${t.planners} WHERE agent_id = $1`, [agentId]);
        return row ? Number(row.revision) : null;
      });
    },

    revisions(agentIds) {
      // The revisions of a tick's agents in one query (none of them is inside its runtime transaction then).
      return call("revisions", async () => {
        const revisions = new Map<string, ConfigRevision | null>();
        if (agentIds.length === 0) return revisions;
        const rows = await q(sql, `SELECT agent_id, revision FROM ${t.planners} WHERE agent_id IN (SELECT json_array_elements_text($1::text::json))`, [JSON.stringify(agentIds)]);
        for (const row of rows) revisions.set(String(row.agent_id), Number(row.revision));
        return revisions;
      });
    },

    read(agentId) {
      return call("read", async (): Promise<StoredPlanner | null> => {
        const [row] = await q(clientFor(agentId), `SELECT planner, revision FROM ${t.planners} WHERE agent_id = $1`, [agentId]);
        if (!row) return null;
        let planner: unknown;
        try {
          planner = JSON.parse(String(row.planner));
        } catch (error) {
          throw new StoreCorruptError(`postgres:${schema}/cfg_planners/${agentId}`, `The planner of agent "${agentId}" in ${t.planners} is not JSON. Fix or remove the row.`, { cause: error });
        }
        return { planner: planner as PlannerDefinition, revision: Number(row.revision) };
      });
    },

    write(agentId, planner, { expectedRevision }) {
      return call("write", async () => {
        const text = JSON.stringify(planner);
        const current = inTransaction(agentId);
        // Whatever this write answers, the revision read with the lock is no longer the one to tell.
        if (current) current.configRevision = undefined;
        const client = current?.tx ?? sql;
        let rows;
        if (expectedRevision === null) {
          rows = await q(client, `INSERT INTO ${t.planners} (agent_id, planner, revision) VALUES ($1, $2, 1) ON CONFLICT (agent_id) DO NOTHING RETURNING revision`, [agentId, text]);
        } else {
          const expected = revisionOf(expectedRevision);
          rows =
            expected === null
              ? []
              : await q(client, `UPDATE ${t.planners} SET planner = $3, revision = revision + 1 WHERE agent_id = $1 AND revision = $2::bigint RETURNING revision`, [
                  agentId,
                  expected,
                  text,
                ]);
        }
        const row = rows[0];
        if (!row) {
          throw new ConflictError(
            `The planner of agent "${agentId}" changed since it was read (expected revision ${expectedRevision === null ? "none" : String(expectedRevision)}).`,
          );
        }
        return { revision: Number(row.revision) };
      });
    },

    agents() {
      return call("agents", async () => (await q(sql, `SELECT agent_id FROM ${t.planners} ORDER BY agent_id`)).map((row) => String(row.agent_id)));
    },

    close() {
      closed = true;
    },
  };
}

import { plannerStore } from "../core/planner-store";
import type { RuntimeBackend } from "../core/runtime-backend";
import { createListenerMap } from "../core/listeners";
import type { PlannerStore, StoreListener } from "../port";
import { tableNames } from "./schema";
import { type PostgresConnection, openClient, starter } from "./connection";
import { createPostgresConfig } from "./postgres-config";
import { createPostgresRuntime } from "./postgres-runtime";
import { assertAgentId } from "../core/validate";

export { POSTGRES_SCHEMA_VERSION, postgresMigration } from "./schema";

/** Options of {@link postgresStore}: a connection string, or a postgres.js client the host already has. */
export type PostgresStoreOptions = PostgresConnection & {
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

/**
 * A `PlannerStore` on PostgreSQL, for several server instances sharing one database (Inngest as the engine, or an
 * in-process scheduler on each instance): `plannerStore({ config: postgresConfig, runtime: postgresRuntime })` on
 * one shared client. Every write of an agent is one short transaction that first locks the agent's runtime row
 * (`SELECT … FOR UPDATE`), so two ticks on two instances never claim one occurrence twice and of two `startRun`s
 * only one wins; a definition written by `update` commits in that same transaction. `subscribe` hears changes
 * made by other instances through `LISTEN/NOTIFY`, runs with their data.
 *
 * When the database cannot be reached or ends a connection, a call rejects with a `StorageFaultError` of kind
 * `"database-unavailable"` (HTTP 503) and nothing of it is acknowledged; postgres.js reconnects for the next call,
 * and the listening connection listens again by itself (subscribers then hear a `"planner"` change for every agent
 * whose version moved meanwhile). A write whose `COMMIT` got no answer asks the server what became of its
 * transaction (`txid_status`) before answering.
 *
 * @example
 * const store = postgresStore({ connectionString: process.env.DATABASE_URL! });
 * const planner = createPlanner({ store, ... });
 */
export function postgresStore(options: PostgresStoreOptions): PlannerStore {
  const schema = options.schema ?? "agent_planner";
  tableNames(schema);
  const { sql, owns } = openClient(options, "postgresStore");
  const ready = starter(sql, schema, options.migrate !== false);
  const config = createPostgresConfig(sql, schema, ready);
  const { runtime, internals } = createPostgresRuntime(sql, schema, ready, { listen: options.listen !== false, withConfig: true });
  // Other instances' changes are told here, with their runs (the core's `watch` would only say "planner").
  const port: RuntimeBackend = { ...runtime, watch: undefined };
  const core = plannerStore({ config, runtime: port, runHistory: options.runHistory });

  const remote = createListenerMap();
  /** Subscribers per agent, and the last version they were told of (or this instance wrote), to resynchronise. */
  const subscribed = new Map<string, number>();
  const toldVersions = new Map<string, number>();
  const heardChains = new Map<string, Promise<void>>();
  let stopHearing: (() => void) | null = null;
  let closed = false;

  function told(agentId: string, version: number) {
    if (subscribed.has(agentId) && version > (toldVersions.get(agentId) ?? 0)) toldVersions.set(agentId, version);
  }

  /** In the order heard per agent: the runs the notification names, else one planner change. */
  function heard(agentId: string, version: number, runIds: string[] | null) {
    if (closed || !remote.has(agentId)) return;
    const previous = heardChains.get(agentId) ?? Promise.resolve();
    const next = previous
      .then(async () => {
        told(agentId, version);
        if (runIds === null || runIds.length === 0) {
          remote.emit({ agentId, kind: "planner", version });
          return;
        }
        for (const run of await internals.runs(agentId, runIds)) remote.emit({ agentId, kind: "run", version, run });
      })
      .catch(() => {
        // The runs could not be read (the database went away): a planner change tells the listener to read again.
        if (!closed) remote.emit({ agentId, kind: "planner", version });
      });
    heardChains.set(agentId, next);
    void next.then(() => {
      if (heardChains.get(agentId) === next) heardChains.delete(agentId);
    });
  }

  /**
   * After listening resumed, and every few seconds while listening (a notification can be lost): a planner change for
   * every subscribed agent whose version moved past the last one it was told of.
   */
  async function resynchronise() {
    const agents = [...subscribed.keys()];
    if (closed || agents.length === 0) return;
    try {
      for (const [agentId, version] of await internals.versions(agents)) {
        if (closed || !remote.has(agentId) || version <= (toldVersions.get(agentId) ?? 0)) continue;
        toldVersions.set(agentId, version);
        remote.emit({ agentId, kind: "planner", version });
      }
    } catch {
      // The database went away again; the next time listening resumes tries again.
    }
  }

  return {
    ...core,

    subscribe(agentId: string, listener: StoreListener) {
      const id = assertAgentId(agentId);
      if (!stopHearing && !closed && options.listen !== false) {
        stopHearing = internals.changes(
          (change) => heard(change.agentId, change.version, change.runIds),
          () => void resynchronise(),
        );
      }
      const removeLocal = core.subscribe(id, (change) => {
        told(id, change.version);
        listener(change);
      });
      const removeRemote = remote.add(id, listener);
      if (!subscribed.has(id) && options.listen !== false) {
        // The version the subscriber starts from, so the periodic check (`relistened`) tells only what it missed.
        void internals
          .versions([id])
          .then((versions) => {
            const version = versions.get(id);
            if (version !== undefined && subscribed.has(id) && !toldVersions.has(id)) toldVersions.set(id, version);
          })
          .catch(() => {});
      }
      subscribed.set(id, (subscribed.get(id) ?? 0) + 1);
      let removed = false;
      return () => {
        if (removed) return;
        removed = true;
        removeLocal();
        removeRemote();
        const left = (subscribed.get(id) ?? 1) - 1;
        if (left > 0) subscribed.set(id, left);
        else {
          subscribed.delete(id);
          toldVersions.delete(id);
        }
      };
    },

    async close() {
      if (closed) return;
      closed = true;
      stopHearing?.();
      await core.close();
      await Promise.all([...heardChains.values()]);
      remote.clear();
      subscribed.clear();
      toldVersions.clear();
      if (owns) await sql.end({ timeout: 5 });
    },
  };
}

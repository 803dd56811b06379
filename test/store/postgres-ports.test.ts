import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { makeJob, makeRun, makeTrigger } from "./contract-fixtures";
import { postgresStore } from "../../src/server/store/postgres/postgres-store";
import { postgresConfig } from "../../src/server/store/postgres/postgres-config";
import { postgresRuntime } from "../../src/server/store/postgres/postgres-runtime";
import { describeConfigSourceContract } from "../../src/testing/config-contract";
import { describeRuntimeContract } from "../../src/testing/runtime-contract";
import { POSTGRES_URL, adminClient, dropSchema, postgresAvailable, uniqueSchema } from "../helpers/postgres";

const available = await postgresAvailable();
const admin = available ? adminClient() : null;
afterAll(() => admin?.end({ timeout: 2 }));

describe.skipIf(!available)("PostgreSQL ports", () => {
  describeRuntimeContract("postgresRuntime", () => {
    const schema = uniqueSchema("rt");
    return Promise.resolve({
      runtime: postgresRuntime({ connectionString: POSTGRES_URL, max: 4 }, { schema }),
      cleanup: () => dropSchema(admin!, schema),
    });
  });

  describeConfigSourceContract("postgresConfig", () => {
    const schema = uniqueSchema("cfg");
    return Promise.resolve({
      source: postgresConfig({ connectionString: POSTGRES_URL, max: 4 }, { schema }),
      cleanup: () => dropSchema(admin!, schema),
    });
  });

  it("keeps the planner text byte for byte and leaves a host's client open", async () => {
    const schema = uniqueSchema("cfgtext");
    const sql = postgres(POSTGRES_URL, { max: 2, onnotice: () => {} });
    try {
      const source = postgresConfig({ sql }, { schema });
      const planner = { jobs: [], triggers: [] };
      const { revision } = await source.write("agent-1", planner, { expectedRevision: null });
      const [row] = await admin!.unsafe(`SELECT planner, revision FROM "${schema}".cfg_planners WHERE agent_id = 'agent-1'`);
      expect(row).toMatchObject({ planner: JSON.stringify(planner), revision: String(revision) });
      await source.close?.();
      expect(await sql`select 1 as one`).toEqual([{ one: 1 }]);
    } finally {
      await sql.end({ timeout: 2 });
      await dropSchema(admin!, schema);
    }
  });

  it("imports the first store's tables once into the new ones, leaving the old ones as they were", async () => {
    const schema = uniqueSchema("import");
    const s = `"${schema}"`;
    try {
      // The first PostgreSQL store's layout (schema version 1), with one agent written by it.
      await admin!.unsafe(`
        CREATE SCHEMA ${s};
        CREATE TABLE ${s}.planner_meta (key text PRIMARY KEY, value text NOT NULL);
        CREATE TABLE ${s}.planner_agents (agent_id text PRIMARY KEY, planner json NOT NULL, config_rev bigint NOT NULL DEFAULT 0, version bigint NOT NULL DEFAULT 0);
        CREATE TABLE ${s}.planner_states (agent_id text NOT NULL, kind text NOT NULL, owner_id text NOT NULL, rev integer NOT NULL, state json NOT NULL, PRIMARY KEY (agent_id, kind, owner_id));
        CREATE TABLE ${s}.planner_runs (agent_id text NOT NULL, run_id text NOT NULL, owner_kind text NOT NULL, owner_id text NOT NULL, status text NOT NULL, created_ms bigint NOT NULL, run json NOT NULL, PRIMARY KEY (agent_id, run_id));
        CREATE TABLE ${s}.planner_due (agent_id text NOT NULL, job_id text NOT NULL, next_run_ms bigint NOT NULL, next_run_at text NOT NULL, PRIMARY KEY (agent_id, job_id));
        CREATE TABLE ${s}.planner_trigger_refs (agent_id text NOT NULL, trigger_id text NOT NULL, position integer NOT NULL, composio_trigger_id text, connected_account_id text, PRIMARY KEY (agent_id, trigger_id));
        CREATE TABLE ${s}.planner_agent_deliveries (agent_id text NOT NULL, delivery_id text NOT NULL, expires_ms bigint NOT NULL, PRIMARY KEY (agent_id, delivery_id));
        CREATE TABLE ${s}.planner_deliveries (delivery_id text PRIMARY KEY, seen_ms bigint NOT NULL);
        INSERT INTO ${s}.planner_meta VALUES ('schema_version', '1');
      `);
      const nextRunAt = "2026-03-02T09:00:00.000Z";
      const job1 = makeJob(1, { nextRunAt });
      const job2 = makeJob(2);
      const trigger = makeTrigger(1, "ti_1");
      const planner = { jobs: [job1, job2], triggers: [trigger] };
      const run = makeRun("agent-1", { kind: "job", id: job1.id }, 1, { status: "succeeded" });
      const job2State = { ...job2.state, consecutiveFailures: 3 };
      const seen = Date.now();
      await admin!.unsafe(`INSERT INTO ${s}.planner_agents VALUES ('agent-1', $1::text::json, 4, 9)`, [JSON.stringify(planner)]);
      await admin!.unsafe(`INSERT INTO ${s}.planner_states VALUES ('agent-1', 'job', $1, $2, $3::text::json)`, [job2.id, job2.revision, JSON.stringify(job2State)]);
      await admin!.unsafe(`INSERT INTO ${s}.planner_runs VALUES ('agent-1', $1, 'job', $2, 'succeeded', $3, $4::text::json)`, [run.id, job1.id, Date.parse(run.createdAt), JSON.stringify(run)]);
      await admin!.unsafe(`INSERT INTO ${s}.planner_due VALUES ('agent-1', $1, $2, $3)`, [job1.id, Date.parse(nextRunAt), nextRunAt]);
      await admin!.unsafe(`INSERT INTO ${s}.planner_trigger_refs VALUES ('agent-1', $1, 0, 'ti_1', NULL)`, [trigger.id]);
      await admin!.unsafe(`INSERT INTO ${s}.planner_deliveries VALUES ('d-1', $1)`, [seen]);

      const store = postgresStore({ connectionString: POSTGRES_URL, schema, max: 2, listen: false });
      try {
        const got = await store.get("agent-1");
        expect(got.jobs.map((job) => job.state)).toEqual([job1.state, job2State]);
        expect(got.triggers.map((t) => t.id)).toEqual([trigger.id]);
        expect(await store.getRun("agent-1", run.id)).toEqual(run);
        expect((await store.dueJobs(new Date(Date.parse(nextRunAt) + 1000), 10)).map((due) => due.jobId)).toEqual([job1.id]);
        expect((await store.findTriggerByComposioId("ti_1"))?.agentId).toBe("agent-1");
        expect(await store.recordDelivery("d-1", new Date(seen + 1000), 60_000)).toMatchObject({ firstSeen: false });
        expect(await store.version("agent-1")).toBe(9);
      } finally {
        await store.close();
      }
      const [old] = await admin!.unsafe(`SELECT count(*)::int AS n FROM ${s}.planner_agents`);
      expect(old!.n).toBe(1);
      // A second start imports nothing again.
      await admin!.unsafe(`DELETE FROM ${s}.rt_runs`);
      const again = postgresStore({ connectionString: POSTGRES_URL, schema, max: 2, listen: false });
      try {
        expect(await again.getRun("agent-1", run.id)).toBeNull();
      } finally {
        await again.close();
      }
    } finally {
      await dropSchema(admin!, schema);
    }
  });
});

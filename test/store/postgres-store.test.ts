import postgres from "postgres";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { describeStoreContract } from "./contract";
import { at, makeJob, makeRun, makeTrigger, withJobs } from "./contract-fixtures";
import { killAfterAcks, killWhenHolding, runWorker } from "./processes";
import { definitionOf } from "../../src/server/store/core/config-source";
import { StoreClosedError, StoreCorruptError } from "../../src/server/store/errors";
import type { PlannerStore, StoreChange } from "../../src/server/store/port";
import { postgresMigration } from "../../src/server/store/postgres/schema";
import { postgresStore } from "../../src/server/store/postgres/postgres-store";
import { POSTGRES_URL, adminClient, dropSchema, postgresAvailable, uniqueSchema } from "../helpers/postgres";

const available = await postgresAvailable();
const admin = available ? adminClient() : null;
afterAll(() => admin?.end({ timeout: 2 }));

describe.skipIf(!available)("postgresStore", () => {
  describeStoreContract("postgresStore", (options) => {
    const schema = uniqueSchema("contract");
    return Promise.resolve({
      store: postgresStore({ connectionString: POSTGRES_URL, schema, max: 4, ...options }),
      cleanup: () => dropSchema(admin!, schema),
    });
  });

  let schema: string;
  const stores: PlannerStore[] = [];
  const open = (options: { listen?: boolean } = {}) => {
    const store = postgresStore({ connectionString: POSTGRES_URL, schema, max: 4, ...options });
    stores.push(store);
    return store;
  };
  const owner = { kind: "job" as const, id: "job_counter" };

  beforeEach(() => {
    schema = uniqueSchema("store");
  });
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
    await dropSchema(admin!, schema);
  });

  describe("tables", () => {
    it("keeps the planner as the JSON text it was given, one row per agent, and reads it back in another instance", async () => {
      const planner = await open().update("agent-1", () => ({ jobs: [makeJob(1)], triggers: [makeTrigger(1, "ti_1")] }));
      const [row] = await admin!.unsafe(
        `SELECT p.planner AS text, a.version FROM "${schema}".cfg_planners p JOIN "${schema}".rt_agents a USING (agent_id) WHERE agent_id = 'agent-1'`,
      );
      // The config source keeps the definitions (runtime states live in the runtime tables).
      expect(row!.text).toBe(JSON.stringify(definitionOf(planner)));
      expect(Number(row!.version)).toBe(1);
      expect(await open().get("agent-1")).toEqual(planner);
    });

    it("reports a row that does not match the schema as StoreCorruptError and changes nothing", async () => {
      const store = open();
      await store.update("agent-1", () => withJobs(makeJob(1)));
      await admin!.unsafe(`UPDATE "${schema}".cfg_planners SET planner = '{"jobs": 7}', revision = revision + 1 WHERE agent_id = 'agent-1'`);
      await expect(store.get("agent-1")).rejects.toBeInstanceOf(StoreCorruptError);
      await expect(store.update("agent-1", (p) => p)).rejects.toThrow(/planner of agent "agent-1" .* is invalid/);
      const [row] = await admin!.unsafe(`SELECT planner AS text FROM "${schema}".cfg_planners WHERE agent_id = 'agent-1'`);
      expect(row!.text).toBe('{"jobs": 7}');
    });

    it("migrates once when several instances start together, and the exported migration can be run again", async () => {
      const many = [open(), open(), open()];
      await Promise.all(many.map((store) => store.version("agent-1")));
      await admin!.unsafe(postgresMigration(schema));
      expect(await many[0]!.version("agent-1")).toBe(0);
    });

    it("works on a client the host owns and leaves it open on close", async () => {
      const sql = postgres(POSTGRES_URL, { max: 2, onnotice: () => {} });
      try {
        const store = postgresStore({ sql, schema });
        await store.update("agent-1", () => withJobs(makeJob(1)));
        await store.close();
        await expect(store.get("agent-1")).rejects.toBeInstanceOf(StoreClosedError);
        expect(await sql`select 1 as one`).toEqual([{ one: 1 }]);
      } finally {
        await sql.end({ timeout: 2 });
      }
    });

    it("refuses a schema name that is not a plain identifier, and a missing connection", () => {
      expect(() => postgresStore({ connectionString: POSTGRES_URL, schema: 'x"; DROP TABLE y; --' })).toThrow(/schema name/);
      expect(() => postgresStore({ connectionString: "" })).toThrow(/connectionString/);
    });

    it("says clearly when the server cannot be reached, and answers once it is given a reachable one", async () => {
      const store = postgresStore({ connectionString: "postgres://nobody:nothing@127.0.0.1:1/none", schema, max: 1 });
      stores.push(store);
      await expect(store.get("agent-1")).rejects.toThrow(/ECONNREFUSED|connect/);
    });
  });

  describe("across instances", () => {
    it("tells a subscriber of one instance about changes another instance makes, runs with their data", async () => {
      const a = open();
      const b = open();
      await a.version("agent-1");
      const seen: StoreChange[] = [];
      const other: StoreChange[] = [];
      a.subscribe("agent-1", (change) => seen.push(change));
      a.subscribe("agent-2", (change) => other.push(change));
      await b.update("agent-1", () => withJobs({ ...makeJob(1), id: "job_counter" }));
      await b.appendRun(makeRun("agent-1", owner, 1, { status: "queued" }));
      await b.finishRun("agent-1", "run_000001", { status: "failed", finishedAt: at(2), attempts: 1, error: "boom" }, { updateOwner: true });
      await expect.poll(() => seen.length, { timeout: 5000 }).toBe(3);
      expect(seen.map((change) => [change.kind, change.version])).toEqual([
        ["planner", 1],
        ["run", 2],
        ["run", 3],
      ]);
      expect(seen[2]).toMatchObject({ kind: "run", run: { id: "run_000001", status: "failed", error: "boom" } });
      expect(other).toEqual([]);
      // And the other instance reads what the first wrote (its cached configuration is not stale).
      await b.update("agent-1", (p) => withJobs({ ...p.jobs[0]!, name: "Renamed" }));
      expect((await a.getJob("agent-1", "job_counter"))?.name).toBe("Renamed");
      expect((await a.getJob("agent-1", "job_counter"))?.state.consecutiveFailures).toBe(1);
    });

    it("hears nothing from others with listen: false, but still tells its own subscribers", async () => {
      const a = open({ listen: false });
      const b = open();
      const seen: StoreChange[] = [];
      a.subscribe("agent-1", (change) => seen.push(change));
      await b.update("agent-1", () => withJobs(makeJob(1)));
      await a.update("agent-1", () => withJobs(makeJob(2)));
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(seen.map((change) => change.version)).toEqual([2]);
    });
  });

  describe("across processes", () => {
    const dir = () => `postgres:${schema}`;

    it("loses no update when two processes update the same agent 60 times each", async () => {
      const outputs = await Promise.all([runWorker(dir(), ["increment", "60"]), runWorker(dir(), ["increment", "60"])]);
      expect(outputs).toEqual(["done\n", "done\n"]);
      expect((await open().getJob("agent-1", "job_counter"))?.revision).toBe(120);
    }, 60_000);

    it("admits exactly one run when two processes race appendRunUnlessActive 15 times each", async () => {
      const outputs = await Promise.all([runWorker(dir(), ["exclusive", "a", "15"]), runWorker(dir(), ["exclusive", "b", "15"])]);
      expect(outputs.map((output) => Number(output.trim().split(" ")[1])).sort()).toEqual([0, 1]);
      expect((await open().listRuns("agent-1", owner)).items).toHaveLength(1);
    }, 60_000);

    it("claims each occurrence exactly once when two processes race claimOccurrence 40 times each", async () => {
      const minute = (n: number) => new Date(Date.UTC(2026, 2, 2) + n * 60_000).toISOString();
      await open().update("agent-1", () => withJobs({ ...makeJob(1, { nextRunAt: minute(0) }), id: "job_counter" }));
      const outputs = await Promise.all([runWorker(dir(), ["claim", "40"]), runWorker(dir(), ["claim", "40"])]);
      const claimed = outputs.map((output) => Number(output.trim().split(" ")[1]));
      expect(claimed[0]! + claimed[1]!).toBe(40);
      expect((await open().getJob("agent-1", "job_counter"))?.state.nextRunAt).toBe(minute(40));
      const [due] = await admin!.unsafe(`SELECT at FROM "${schema}".rt_due WHERE job_id = 'job_counter'`);
      expect(Number(due!.at)).toBe(Date.parse(minute(40)));
    }, 60_000);

    it("counts every delivery once when two processes count 30 deliveries each (and one shared id)", async () => {
      await open().update("agent-1", () => ({ jobs: [], triggers: [{ ...makeTrigger(1, "ti_1"), id: "trg_counter" }] }));
      await Promise.all([runWorker(dir(), ["count", "a", "30"]), runWorker(dir(), ["count", "b", "30"])]);
      expect((await open().getTrigger("agent-1", "trg_counter"))?.state).toMatchObject({ firedCount: 61, duplicateCount: 59 });
    }, 60_000);

    it("starts exactly one exclusive run when two processes race startRun 10 times each", async () => {
      const outputs = await Promise.all([runWorker(dir(), ["start", "a", "10"]), runWorker(dir(), ["start", "b", "10"])]);
      expect(outputs.map((output) => Number(output.trim().split(" ")[1])).sort()).toEqual([0, 1]);
      expect((await open().activeRuns("agent-1")).filter((run) => run.status === "running")).toHaveLength(1);
    }, 60_000);

    it("keeps every acknowledged run ending and owner count of a writer killed with SIGKILL", async () => {
      await open().update("agent-1", () => withJobs({ ...makeJob(1), id: "job_counter" }));
      const acked = await killAfterAcks(dir(), 25, "finish-loop");
      const store = open();
      const failures = (await store.getJob("agent-1", "job_counter"))?.state.consecutiveFailures ?? 0;
      expect(failures).toBeGreaterThanOrEqual(acked);
      expect(failures).toBeLessThanOrEqual(acked + 1);
      const finished = (await store.listRuns("agent-1", owner, { status: ["failed"], limit: 100 })).items;
      expect(finished.length).toBe(Math.min(failures, 50));
      expect(await store.getRun("agent-1", `run_${String(acked).padStart(8, "0")}`)).toMatchObject({ status: "failed" });
    }, 60_000);

    it("lets others write at once after a writer is killed while it holds the agent's row lock", async () => {
      await open().update("agent-1", () => withJobs(makeJob(1)));
      await killWhenHolding(dir());
      const store = open();
      const started = Date.now();
      await store.update("agent-1", () => withJobs(makeJob(2)));
      expect(Date.now() - started).toBeLessThan(5000);
      expect((await store.get("agent-1")).jobs.map((job) => job.id)).toEqual(["job_000002"]);
    }, 60_000);
  });
});

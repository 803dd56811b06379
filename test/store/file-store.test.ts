import { mkdir, mkdtemp, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { describeStoreContract, dueRefs } from "./contract";
import { killAfterAcks, runWorker } from "./processes";
import { T0, at, makeJob, makeRun, makeTrigger, withJobs } from "./contract-fixtures";
import { StoreCorruptError } from "../../src/server/store/errors";
import { fileStore } from "../../src/server/store/file-store";
import type { PlannerStore } from "../../src/server/store/port";
import { definitionOf } from "../../src/server/store/core/config-source";

describeStoreContract("fileStore", async (options) => {
  const dir = await mkdtemp(join(tmpdir(), "planner-store-"));
  return { store: fileStore({ dir, ...options }), cleanup: () => rm(dir, { recursive: true, force: true }) };
});

describe("fileStore files", () => {
  let dir: string;
  const stores: PlannerStore[] = [];

  function open() {
    const store = fileStore({ dir });
    stores.push(store);
    return store;
  }
  const agentFile = (agentId: string) => join(dir, "agents", `${agentId}.json`);

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "planner-files-"));
  });
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
    await rm(dir, { recursive: true, force: true });
  });

  describe("agent config", () => {
    it("creates a missing config with just the planner key, indented by two spaces", async () => {
      const planner = await open().update("agent-1", () => withJobs(makeJob(1)));
      expect(await readFile(agentFile("agent-1"), "utf8")).toBe(`${JSON.stringify({ planner: definitionOf(planner) }, null, 2)}\n`);
    });

    it("keeps every other key of a host config through 20 updates", async () => {
      const host = {
        name: "Ada ✨ — 日本語",
        model: { provider: "openai", params: { temperature: 0.2, maxTokens: 4096, stop: ["\n\n", "}"] } },
        tools: [{ id: "search", enabled: true }, { id: "email", config: { "quoted \"key\"": null } }],
        planner: { jobs: [], triggers: [] },
        counts: [0, -1, 1.5, 1e21],
        emptyObject: {},
      };
      await mkdir(join(dir, "agents"), { recursive: true });
      await writeFile(agentFile("agent-1"), `${JSON.stringify(host, null, 2)}\n`);
      const store = open();
      for (let n = 1; n <= 20; n++) await store.update("agent-1", (p) => withJobs(...p.jobs, makeJob(n)));

      const text = await readFile(agentFile("agent-1"), "utf8");
      const { planner, ...rest } = JSON.parse(text) as typeof host;
      const { planner: _before, ...hostRest } = host;
      expect(rest).toEqual(hostRest);
      expect(Object.keys(JSON.parse(text) as object)).toEqual(Object.keys(host));
      expect(planner.jobs).toHaveLength(20);
      // A config formatted like JSON.stringify(…, null, 2) comes back exactly in that format.
      expect(text).toBe(`${JSON.stringify({ ...host, planner: definitionOf(await store.get("agent-1")) }, null, 2)}\n`);
    });

    it("leaves the bytes of other keys untouched, even numbers JSON.parse cannot hold exactly", async () => {
      const before = '{\n    "id": 12345678901234567890,\n    "price": 1.10,\n    "planner": {"jobs": []},';
      const after = '\n    "note": "caf\\u00e9 \\"quoted\\" {not: a brace}"\n}\n';
      await mkdir(join(dir, "agents"), { recursive: true });
      await writeFile(agentFile("agent-1"), `${before}${after}`);
      await open().update("agent-1", () => withJobs(makeJob(1)));
      const text = await readFile(agentFile("agent-1"), "utf8");
      expect(text.startsWith('{\n    "id": 12345678901234567890,\n    "price": 1.10,\n    "planner": {\n')).toBe(true);
      expect(text.endsWith(`},${after}`)).toBe(true);
      expect((JSON.parse(text) as { planner: unknown }).planner).toEqual(definitionOf(withJobs(makeJob(1))));
    });

    it("adds the planner key last to a config that has none", async () => {
      await mkdir(join(dir, "agents"), { recursive: true });
      await writeFile(agentFile("agent-1"), '{\n  "name": "Ada"\n}\n');
      const store = open();
      expect(await store.get("agent-1")).toEqual({ jobs: [], triggers: [] });
      const planner = await store.update("agent-1", () => withJobs(makeJob(1)));
      expect(await readFile(agentFile("agent-1"), "utf8")).toBe(`${JSON.stringify({ name: "Ada", planner: definitionOf(planner) }, null, 2)}\n`);
      await writeFile(agentFile("agent-2"), "{}");
      await store.update("agent-2", () => withJobs(makeJob(1)));
      expect(JSON.parse(await readFile(agentFile("agent-2"), "utf8"))).toEqual({ planner: definitionOf(planner) });
    });

    it("reports a config that is not JSON with its path, and never changes it", async () => {
      await mkdir(join(dir, "agents"), { recursive: true });
      const bytes = '{ "name": "Ada", "planner": ';
      await writeFile(agentFile("broken"), bytes);
      const store = open();
      const error = await store.update("broken", () => withJobs(makeJob(1))).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreCorruptError);
      expect((error as StoreCorruptError).path).toBe(agentFile("broken"));
      expect((error as Error).message).toMatch(
        new RegExp(`^Cannot read agent config ${escape(agentFile("broken"))}: .+ — fix or remove the file; it was not changed\\.$`),
      );
      await expect(store.get("broken")).rejects.toBeInstanceOf(StoreCorruptError);
      expect(await readFile(agentFile("broken"), "utf8")).toBe(bytes);
    });

    it("reports a planner that does not match the schema with its path and the problem, and never changes it", async () => {
      await mkdir(join(dir, "agents"), { recursive: true });
      const bytes = JSON.stringify({ name: "Ada", planner: { jobs: [{ ...makeJob(1), id: "nope" }] } });
      await writeFile(agentFile("agent-1"), bytes);
      const store = open();
      await expect(store.update("agent-1", (p) => p)).rejects.toThrow(
        `Agent config ${agentFile("agent-1")} has an invalid "planner": jobs.0.id: This is not a valid job id`,
      );
      await writeFile(agentFile("agent-2"), "[1, 2]");
      await expect(store.get("agent-2")).rejects.toThrow(`Cannot read agent config ${agentFile("agent-2")}: expected a JSON object, found an array`);
      expect(await readFile(agentFile("agent-1"), "utf8")).toBe(bytes);
    });

    it("reports an unreadable run in the runtime database with its path, and changes nothing", async () => {
      const store = open();
      await store.appendRun(makeRun("agent-1", { kind: "job", id: "job_000001" }, 1));
      await store.close();
      const { default: Database } = (await import("libsql")) as unknown as { default: new (path: string) => { exec(sql: string): void; close(): void } };
      const db = new Database(join(dir, "planner.db"));
      db.exec(`UPDATE planner_runs SET data = '{"id": 1}'`);
      db.close();
      const again = open();
      await expect(again.listRuns("agent-1", { kind: "job", id: "job_000001" })).rejects.toThrow(`The planner database ${join(dir, "planner.db")} holds an unreadable run of agent "agent-1"`);
      await expect(again.appendRun(makeRun("agent-1", { kind: "job", id: "job_000001" }, 2))).rejects.toBeInstanceOf(StoreCorruptError);
      expect(await again.get("agent-2")).toEqual({ jobs: [], triggers: [] });
    });

    it("keeps data, run history, versions and deliveries for the next store on the same directory", async () => {
      const first = open();
      await first.update("agent-1", () => withJobs(makeJob(1, { nextRunAt: at(-1) })));
      await first.appendRun(makeRun("agent-1", { kind: "job", id: "job_000001" }, 1));
      await first.recordDelivery("msg_1", new Date(T0), 60_000);
      await first.close();
      const second = open();
      expect((await second.get("agent-1")).jobs).toHaveLength(1);
      expect(await second.getRun("agent-1", "run_000001")).not.toBeNull();
      expect(await second.version("agent-1")).toBeGreaterThanOrEqual(2);
      expect(await second.recordDelivery("msg_1", new Date(T0 + 1000), 60_000)).toMatchObject({ firstSeen: false });
      expect(await second.dueJobs(new Date(T0), 10)).toHaveLength(1);
    });
  });

  it("removes temp files a crashed writer left behind, and nothing else", async () => {
    await mkdir(join(dir, "agents"), { recursive: true });
    const orphan = join(dir, "agents", ".agent-1.json.0badf00d.tmp");
    const young = join(dir, "agents", ".agent-2.json.0badf00d.tmp");
    const hostFile = join(dir, "agents", ".notes.tmp");
    for (const file of [orphan, young, hostFile]) await writeFile(file, "{");
    const old = new Date(Date.now() - 3_600_000);
    await utimes(orphan, old, old);
    await utimes(hostFile, old, old);
    await open().get("agent-1");
    await expect(stat(orphan)).rejects.toMatchObject({ code: "ENOENT" });
    expect(await stat(young)).toBeTruthy();
    expect(await stat(hostFile)).toBeTruthy();
  });

  describe("reconciling the runtime with the agent files", () => {
    async function seed(store: PlannerStore) {
      await store.update("agent-a", () => withJobs(makeJob(1, { nextRunAt: at(-5) }), makeJob(2, { nextRunAt: at(10) })));
      await store.update("agent-b", () => ({ jobs: [makeJob(3, { nextRunAt: at(-1) })], triggers: [makeTrigger(1, "ti_1")] }));
    }
    const due = async (store: PlannerStore, now = T0) => (await store.dueJobs(new Date(now), 10)).map((job) => job.jobId);

    it("indexes again from the agent files when the runtime database is deleted, keeping jobs due from now", async () => {
      const store = open();
      await seed(store);
      await store.close();
      await rm(join(dir, "planner.db"));
      await rm(join(dir, "planner.db-wal"), { force: true });
      await rm(join(dir, "planner.db-shm"), { force: true });
      const fresh = fileStore({ dir, now: () => new Date(T0) });
      stores.push(fresh);
      // The next run of each enabled job is computed again (09:00 Paris daily), and the Composio link is back.
      expect((await fresh.getJob("agent-a", "job_000001"))?.state.nextRunAt).toBe("2026-03-03T08:00:00.000Z");
      expect((await fresh.findTriggerByComposioId("ti_1"))?.agentId).toBe("agent-b");
      expect(await fresh.nextDueAt()).toEqual(new Date("2026-03-03T08:00:00.000Z"));
    });

    it("picks up an agent file written by hand or by the host (no state, no runtime) on start", async () => {
      await mkdir(join(dir, "agents"), { recursive: true });
      const { state: _state, ...job } = makeJob(7);
      await writeFile(agentFile("agent-x"), JSON.stringify({ name: "X", planner: { jobs: [job], triggers: [makeTrigger(4, "ti_4")] } }));
      await writeFile(agentFile("not an agent"), "{");
      await writeFile(agentFile("corrupt"), "{");
      const store = fileStore({ dir, now: () => new Date(T0) });
      stores.push(store);
      expect(await store.nextDueAt()).toEqual(new Date("2026-03-03T08:00:00.000Z"));
      expect(dueRefs(await store.dueJobs(new Date("2026-03-03T08:00:00.000Z"), 10))).toEqual([
        { agentId: "agent-x", jobId: "job_000007", nextRunAt: "2026-03-03T08:00:00.000Z" },
      ]);
      expect((await store.findTriggerByComposioId("ti_4"))?.agentId).toBe("agent-x");
      await expect(store.get("corrupt")).rejects.toBeInstanceOf(StoreCorruptError);
    });

    it("follows an agent file edited behind its back: a disabled job leaves the due list, a deleted trigger its link", async () => {
      const store = open();
      await seed(store);
      expect(await due(store)).toEqual(["job_000001", "job_000003"]);
      const edited = definitionOf(withJobs(makeJob(1, { enabled: false, revision: 2 }), makeJob(2)));
      await writeFile(agentFile("agent-a"), JSON.stringify({ planner: edited }));
      await writeFile(agentFile("agent-b"), JSON.stringify({ planner: { jobs: [], triggers: [] } }));
      expect(await store.getJob("agent-a", "job_000001")).toMatchObject({ enabled: false, state: { consecutiveFailures: 0 } });
      expect(await store.get("agent-b")).toEqual({ jobs: [], triggers: [] });
      expect(await due(store)).toEqual([]);
      expect(await store.findTriggerByComposioId("ti_1")).toBeNull();
      // What a store opened later reads too.
      expect(await due(open())).toEqual([]);
    });

    it("schedules a job whose config write landed but whose runtime write did not", async () => {
      const store = open();
      await seed(store);
      await store.close();
      // A crash between the two writes: the definition of a new job is in the file, nothing in the runtime.
      const text = JSON.parse(await readFile(agentFile("agent-a"), "utf8")) as { planner: { jobs: unknown[] } };
      const { state: _s, ...job } = makeJob(9, { revision: 1 });
      text.planner.jobs.push(job);
      await writeFile(agentFile("agent-a"), JSON.stringify(text));
      const later = fileStore({ dir, now: () => new Date(T0) });
      stores.push(later);
      expect((await later.getJob("agent-a", "job_000009"))?.state.nextRunAt).toBe("2026-03-03T08:00:00.000Z");
      // The jobs whose runtime state did land keep it.
      expect((await later.getJob("agent-a", "job_000001"))?.state.nextRunAt).toBe(at(-5));
      expect(await due(later)).toEqual(["job_000001", "job_000003"]);
    });

    it("shows changes made by another store on the same directory", async () => {
      const a = open();
      const b = open();
      await seed(a);
      expect(await due(b)).toEqual(["job_000001", "job_000003"]);
      await b.update("agent-a", () => withJobs());
      expect(await due(a)).toEqual(["job_000003"]);
      await b.update("agent-c", () => ({ jobs: [], triggers: [makeTrigger(2, "ti_2")] }));
      expect((await a.findTriggerByComposioId("ti_2"))?.agentId).toBe("agent-c");
    });
  });

  describe("across processes", () => {
    it("loses no update when two processes update the same agent 100 times each", async () => {
      const outputs = await Promise.all([runWorker(dir, ["increment", "100"]), runWorker(dir, ["increment", "100"])]);
      expect(outputs).toEqual(["done\n", "done\n"]);
      const counter = (await open().get("agent-1")).jobs.find((job) => job.id === "job_counter");
      expect(counter?.revision).toBe(200);
    }, 30_000);

    it("admits exactly one run when two processes race appendRunUnlessActive 15 times each", async () => {
      const outputs = await Promise.all([runWorker(dir, ["exclusive", "a", "15"]), runWorker(dir, ["exclusive", "b", "15"])]);
      expect(outputs.map((output) => Number(output.trim().split(" ")[1])).sort()).toEqual([0, 1]);
      const page = await open().listRuns("agent-1", { kind: "job", id: "job_counter" });
      expect(page.items).toHaveLength(1);
    }, 30_000);

    it("claims each occurrence exactly once when two processes race claimOccurrence 40 times each", async () => {
      const minute = (n: number) => new Date(Date.UTC(2026, 2, 2) + n * 60_000).toISOString();
      await open().update("agent-1", () => withJobs({ ...makeJob(1, { nextRunAt: minute(0) }), id: "job_counter" }));
      const outputs = await Promise.all([runWorker(dir, ["claim", "40"]), runWorker(dir, ["claim", "40"])]);
      const claimed = outputs.map((output) => Number(output.trim().split(" ")[1]));
      // Every occurrence is claimed by one of the two, never by both: 40 in all, nextRunAt at minute 40.
      expect(claimed[0]! + claimed[1]!).toBe(40);
      expect((await open().getJob("agent-1", "job_counter"))?.state.nextRunAt).toBe(minute(40));
    }, 30_000);

    it("counts every delivery once when two processes count 30 deliveries each (and one shared id)", async () => {
      await open().update("agent-1", () => ({ jobs: [], triggers: [{ ...makeTrigger(1, "ti_1"), id: "trg_counter" }] }));
      await Promise.all([runWorker(dir, ["count", "a", "30"]), runWorker(dir, ["count", "b", "30"])]);
      const state = (await open().getTrigger("agent-1", "trg_counter"))?.state;
      expect(state).toMatchObject({ firedCount: 61, duplicateCount: 59 });
    }, 30_000);

    it("starts exactly one exclusive run when two processes race startRun 10 times each", async () => {
      const outputs = await Promise.all([runWorker(dir, ["start", "a", "10"]), runWorker(dir, ["start", "b", "10"])]);
      expect(outputs.map((output) => Number(output.trim().split(" ")[1])).sort()).toEqual([0, 1]);
      const active = await open().activeRuns("agent-1");
      expect(active.filter((run) => run.status === "running")).toHaveLength(1);
    }, 30_000);

    it("keeps every acknowledged run ending and owner count of a writer killed with SIGKILL", async () => {
      await open().update("agent-1", () => withJobs({ ...makeJob(1), id: "job_counter" }));
      const acked = await killAfterAcks(dir, 25, "finish-loop");
      const store = open();
      const failures = (await store.getJob("agent-1", "job_counter"))?.state.consecutiveFailures ?? 0;
      // Each run and its owner's count are one line: never one without the other.
      expect(failures).toBeGreaterThanOrEqual(acked);
      expect(failures).toBeLessThanOrEqual(acked + 1);
      const finished = (await store.listRuns("agent-1", { kind: "job", id: "job_counter" }, { status: ["failed"], limit: 100 })).items;
      expect(finished.length).toBe(Math.min(failures, 50));
      expect(await store.getRun("agent-1", `run_${String(acked).padStart(8, "0")}`)).toMatchObject({ status: "failed" });
      // And the store goes on: the next change is stored after the torn line, if any.
      await store.appendRun(makeRun("agent-1", { kind: "job", id: "job_counter" }, 9999));
      expect(await open().getRun("agent-1", "run_009999")).not.toBeNull();
    }, 30_000);

    it("keeps every acknowledged write of a writer killed with SIGKILL and lets others write at once", async () => {
      const acked = await killAfterAcks(dir, 30);
      const file = await readFile(agentFile("agent-1"), "utf8");
      const counter = (JSON.parse(file) as { planner: ReturnType<typeof withJobs> }).planner.jobs[0]!;
      // Every acknowledged write is there; the write in flight at the kill may or may not be.
      expect(counter.revision).toBeGreaterThanOrEqual(acked);
      expect(counter.revision).toBeLessThanOrEqual(acked + 1);

      const store = open();
      const owner = { kind: "job" as const, id: "job_counter" };
      expect((await store.listRuns("agent-1", owner, { limit: 1 })).items[0]?.id).toMatch(/^run_\d{8}$/);
      expect(await store.getRun("agent-1", `run_${String(acked).padStart(8, "0")}`)).not.toBeNull();
      const started = Date.now();
      const updated = await store.update("agent-1", (p) => withJobs({ ...p.jobs[0]!, revision: p.jobs[0]!.revision + 1 }));
      // SQLite releases a dead writer's lock with its process.
      expect(Date.now() - started).toBeLessThan(2000);
      expect(updated.jobs[0]!.revision).toBe(counter.revision + 1);
      await store.appendRun(makeRun("agent-1", owner, 1));
    }, 30_000);

  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Job, PlannerConfig, Run, RunOwner } from "../shared/schemas";
import { T0, at, makeJob, makeRun, makeTrigger, withJobs } from "./fixtures";
import { describeEditLogContract } from "./edit-log-contract";
import type { DueJob, OccurrenceClaim, PlannerStore, RunEnding, StartRunOptions, StoreChange } from "../server/store/port";

/** A store under test and how to dispose of it. */
export interface StoreHarness {
  store: PlannerStore;
  cleanup: () => Promise<void>;
}

/** Builds a fresh, empty store for each test; `runHistory` is passed through when a test needs another cap. */
export type MakeStore = (options?: { runHistory?: number }) => Promise<StoreHarness>;

/** The due jobs without their job objects, to compare with a list of expected references. */
export function dueRefs(due: DueJob[]): Array<{ agentId: string; jobId: string; nextRunAt: string }> {
  return due.map(({ agentId, jobId, nextRunAt }) => ({ agentId, jobId, nextRunAt }));
}

const JOB_OWNER: RunOwner = { kind: "job", id: "job_000001" };
const OTHER_OWNER: RunOwner = { kind: "trigger", id: "trg_000001" };

/**
 * The behaviour every `PlannerStore` adapter must have. Call it from the adapter's test file; a host that writes
 * its own adapter over its agent config storage can run it too.
 *
 * @example
 * describeStoreContract("memoryStore", async () => ({ store: memoryStore(), cleanup: async () => {} }));
 */
export function describeStoreContract(name: string, makeStore: MakeStore): void {
  describe(`${name} (PlannerStore contract)`, () => {
    let harness: StoreHarness;
    let store: PlannerStore;

    beforeEach(async () => {
      harness = await makeStore();
      store = harness.store;
    });
    afterEach(async () => {
      await harness.store.close();
      await harness.cleanup();
    });

    describe("planner", () => {
      it("gives an empty planner and version 0 for an agent never written", async () => {
        expect(await store.get("agent-new")).toEqual({ jobs: [], triggers: [] });
        expect(await store.version("agent-new")).toBe(0);
      });

      it("stores what update returns and reads it back", async () => {
        const planner = { jobs: [makeJob(1)], triggers: [makeTrigger(1, "ti_1")] };
        const stored = await store.update("agent-1", () => planner);
        expect(stored).toEqual(planner);
        expect(await store.get("agent-1")).toEqual(planner);
        expect(await store.get("agent-2")).toEqual({ jobs: [], triggers: [] });
      });

      it("keeps the agent's proposed jobs beside its jobs, never among them, and drops the list when it empties", async () => {
        const proposal = {
          id: "prp_000001",
          kind: "job" as const,
          job: { name: "Proposed", schedule: { cron: "0 9 * * 1", timezone: "UTC" }, action: { type: "chat" as const, template: "Hi" } },
          proposedBy: "agent" as const,
          userId: "user-1",
          createdAt: at(0),
        };
        const job = makeJob(1, { nextRunAt: at(60) });
        await store.update("agent-1", () => ({ ...withJobs(job), proposals: [proposal] }));
        expect(await store.get("agent-1")).toEqual({ ...withJobs(job), proposals: [proposal] });
        expect(dueRefs(await store.dueJobs(new Date("2100-01-01T00:00:00.000Z"), 10)).map((due) => due.jobId)).toEqual(["job_000001"]);
        await store.update("agent-1", (current) => ({ ...current, proposals: [] }));
        expect(await store.get("agent-1")).toEqual(withJobs(job));
      });

      it("passes the latest stored planner to update and fills schema defaults", async () => {
        await store.update("agent-1", () => withJobs(makeJob(1)));
        const seen: PlannerConfig[] = [];
        await store.update("agent-1", (current) => {
          seen.push(structuredClone(current));
          return { ...current, jobs: [...current.jobs, { ...makeJob(2), policy: {} } as unknown as Job] };
        });
        expect(seen).toEqual([withJobs(makeJob(1))]);
        expect((await store.get("agent-1")).jobs[1]?.policy).toEqual({ misfire: "runOnce", overlap: "skip" });
      });

      it("changes nothing and rethrows the same error when the update function throws", async () => {
        await store.update("agent-1", () => withJobs(makeJob(1)));
        const version = await store.version("agent-1");
        const failure = new Error("nope");
        await expect(
          store.update("agent-1", async (current) => {
            current.jobs.push(makeJob(2));
            await Promise.resolve();
            throw failure;
          }),
        ).rejects.toBe(failure);
        expect(await store.get("agent-1")).toEqual(withJobs(makeJob(1)));
        expect(await store.version("agent-1")).toBe(version);
      });

      it("rejects an invalid result with a clear error and changes nothing", async () => {
        await store.update("agent-1", () => withJobs(makeJob(1)));
        const bad = withJobs({ ...makeJob(2), id: "not-a-job-id" });
        await expect(store.update("agent-1", () => bad)).rejects.toThrow(
          /agent "agent-1" produced invalid data, so nothing was saved: jobs\.0\.id: This is not a valid job id/,
        );
        await expect(store.update("agent-1", () => null as unknown as PlannerConfig)).rejects.toMatchObject({ name: "StoreValidationError" });
        expect(await store.get("agent-1")).toEqual(withJobs(makeJob(1)));
      });

      it("hands out copies, so mutating them does not change stored data", async () => {
        const input = withJobs(makeJob(1));
        const returned = await store.update("agent-1", () => input);
        input.jobs[0]!.name = "changed input";
        returned.jobs[0]!.name = "changed result";
        (await store.get("agent-1")).jobs[0]!.name = "changed read";
        expect((await store.get("agent-1")).jobs[0]!.name).toBe("Job 1");
      });

      it("refuses agent ids that are not safe file names", async () => {
        for (const agentId of ["", "../etc", "a/b", ".hidden", "a\\b", "x".repeat(129)]) {
          await expect(store.get(agentId)).rejects.toMatchObject({ name: "StoreValidationError" });
          await expect(store.update(agentId, (p) => p)).rejects.toMatchObject({ name: "StoreValidationError" });
        }
      });

      it("serialises 100 concurrent updates so none is lost", async () => {
        await store.update("agent-1", () => withJobs(makeJob(0)));
        await Promise.all(
          Array.from({ length: 100 }, (_, i) =>
            store.update("agent-1", async (current) => {
              // Yield between read and write: a store that does not serialise loses updates here.
              await new Promise((resolve) => setTimeout(resolve, 0));
              const [counter, ...rest] = current.jobs;
              return withJobs({ ...counter!, revision: counter!.revision + 1 }, ...rest, makeJob(i + 1));
            }),
          ),
        );
        const { jobs } = await store.get("agent-1");
        expect(jobs).toHaveLength(101);
        expect(jobs[0]!.revision).toBe(101);
        expect(new Set(jobs.map((job) => job.id)).size).toBe(101);
      });
    });

    describe("due jobs", () => {
      beforeEach(async () => {
        await store.update("agent-a", () =>
          withJobs(
            makeJob(1, { nextRunAt: at(5) }),
            makeJob(2, { nextRunAt: at(-10) }),
            makeJob(3, { nextRunAt: at(-20), enabled: false }),
            makeJob(4),
          ),
        );
        await store.update("agent-b", () =>
          withJobs(makeJob(5, { nextRunAt: at(-30) }), makeJob(6, { nextRunAt: "2026-03-02T09:00:00Z" })),
        );
      });

      it("lists enabled jobs due at or before now, earliest first, up to the limit", async () => {
        const due = await store.dueJobs(new Date(T0), 10);
        expect(dueRefs(due)).toEqual([
          { agentId: "agent-b", jobId: "job_000005", nextRunAt: at(-30) },
          { agentId: "agent-a", jobId: "job_000002", nextRunAt: at(-10) },
          { agentId: "agent-b", jobId: "job_000006", nextRunAt: "2026-03-02T09:00:00Z" },
        ]);
        // Each comes with the job as stored, so the tick need not read the agent again.
        const stored = await store.get("agent-b");
        expect(due[0]!.job).toEqual(stored.jobs.find((job) => job.id === "job_000005"));
        expect((await store.dueJobs(new Date(T0), 2)).map((due) => due.jobId)).toEqual(["job_000005", "job_000002"]);
        expect(await store.dueJobs(new Date(T0 - 31 * 60_000), 10)).toEqual([]);
        expect((await store.dueJobs(new Date(T0 + 5 * 60_000), 10)).map((due) => due.jobId)).toContain("job_000001");
      });

      it("follows updates: advanced, disabled and deleted jobs leave the due list", async () => {
        await store.update("agent-b", (p) => ({
          ...p,
          jobs: p.jobs.map((job) => (job.id === "job_000005" ? { ...job, state: { ...job.state, nextRunAt: at(60) } } : job)),
        }));
        await store.update("agent-a", (p) => ({ ...p, jobs: p.jobs.map((job) => ({ ...job, enabled: false })) }));
        expect(dueRefs(await store.dueJobs(new Date(T0), 10))).toEqual([
          { agentId: "agent-b", jobId: "job_000006", nextRunAt: "2026-03-02T09:00:00Z" },
        ]);
        await store.update("agent-b", () => withJobs());
        expect(await store.dueJobs(new Date(T0 + 1e9), 10)).toEqual([]);
      });

      it("tells the earliest next run of any enabled job", async () => {
        expect(await store.nextDueAt()).toEqual(new Date(at(-30)));
        await store.update("agent-b", () => withJobs());
        expect(await store.nextDueAt()).toEqual(new Date(at(-10)));
        await store.update("agent-a", () => withJobs());
        expect(await store.nextDueAt()).toBeNull();
      });

      it("refuses a limit that is not a positive whole number, or an invalid date", async () => {
        await expect(store.dueJobs(new Date(T0), 0)).rejects.toMatchObject({ name: "StoreValidationError" });
        await expect(store.dueJobs(new Date(Number.NaN), 10)).rejects.toThrow("`now` must be a valid Date.");
      });
    });

    describe("triggers by Composio id", () => {
      it("finds the trigger and its agent, and follows changes and deletion", async () => {
        await store.update("agent-a", () => ({ jobs: [], triggers: [makeTrigger(1, "ti_one"), makeTrigger(2)] }));
        await store.update("agent-b", () => ({ jobs: [], triggers: [makeTrigger(3, "ti_three")] }));
        expect(await store.findTriggerByComposioId("ti_one")).toEqual({ agentId: "agent-a", trigger: makeTrigger(1, "ti_one") });
        expect((await store.findTriggerByComposioId("ti_three"))?.agentId).toBe("agent-b");
        expect(await store.findTriggerByComposioId("ti_unknown")).toBeNull();

        await store.update("agent-a", (p) => ({ ...p, triggers: [{ ...p.triggers[0]!, composioTriggerId: "ti_new" }] }));
        expect(await store.findTriggerByComposioId("ti_one")).toBeNull();
        expect((await store.findTriggerByComposioId("ti_new"))?.trigger.id).toBe("trg_000001");

        await store.update("agent-a", (p) => ({ ...p, triggers: [] }));
        expect(await store.findTriggerByComposioId("ti_new")).toBeNull();
      });

      it("finds every trigger attached to a connected account", async () => {
        const on = (n: number, account: string) => {
          const trigger = makeTrigger(n, `ti_${n}`);
          return { ...trigger, source: { ...trigger.source, connectedAccountId: account } };
        };
        await store.update("agent-a", () => ({ jobs: [], triggers: [on(1, "ca_1"), on(2, "ca_2")] }));
        await store.update("agent-b", () => ({ jobs: [], triggers: [on(3, "ca_1")] }));
        const found = await store.findTriggersByConnectedAccount("ca_1");
        expect(found.map((f) => [f.agentId, f.trigger.id]).sort()).toEqual([
          ["agent-a", "trg_000001"],
          ["agent-b", "trg_000003"],
        ]);
        expect(await store.findTriggersByConnectedAccount("ca_none")).toEqual([]);
      });
    });

    describe("runs", () => {
      it("lists the agents that have runs", async () => {
        expect(await store.agentsWithRuns()).toEqual([]);
        await store.appendRun(makeRun("agent-1", JOB_OWNER, 1));
        await store.appendRun(makeRun("agent-2", JOB_OWNER, 2));
        await store.update("agent-3", (p) => p);
        expect((await store.agentsWithRuns()).sort()).toEqual(["agent-1", "agent-2"]);
      });

      it("appends, reads back, and absorbs a duplicate id by returning the stored run", async () => {
        const run = makeRun("agent-1", JOB_OWNER, 1, { status: "queued", attempts: 0 });
        expect(await store.appendRun(run)).toEqual({ inserted: true, run });
        const duplicate = { ...run, status: "failed" as const, error: "boom" };
        expect(await store.appendRun(duplicate)).toEqual({ inserted: false, run });
        expect(await store.getRun("agent-1", run.id)).toEqual(run);
        expect(await store.getRun("agent-1", "run_missing1")).toBeNull();
        expect(await store.getRun("agent-2", run.id)).toBeNull();
      });

      it("rejects an invalid run", async () => {
        const run = makeRun("agent-1", JOB_OWNER, 1);
        await expect(store.appendRun({ ...run, status: "bored" } as unknown as Run)).rejects.toMatchObject({ name: "StoreValidationError" });
        await expect(store.appendRun({ ...run, agentId: "../x" })).rejects.toMatchObject({ name: "StoreValidationError" });
        expect(await store.listRuns("agent-1", JOB_OWNER)).toEqual({ items: [], nextCursor: null });
      });

      it("updates a run atomically and answers null for an unknown run", async () => {
        const run = makeRun("agent-1", JOB_OWNER, 1, { status: "queued", attempts: 0 });
        await store.appendRun(run);
        const running = await store.updateRun("agent-1", run.id, (r) => ({ ...r, status: "running", startedAt: at(1), attempts: 1 }));
        expect(running).toEqual({ ...run, status: "running", startedAt: at(1), attempts: 1 });
        expect(await store.getRun("agent-1", run.id)).toEqual(running);
        expect(await store.updateRun("agent-1", "run_missing1", (r) => r)).toBeNull();
        await expect(store.updateRun("agent-1", run.id, (r) => ({ ...r, id: "run_other01" }))).rejects.toMatchObject({ name: "StoreValidationError" });
        await expect(store.updateRun("agent-1", run.id, (r) => ({ ...r, attempts: -1 }))).rejects.toMatchObject({ name: "StoreValidationError" });
        expect(await store.getRun("agent-1", run.id)).toEqual(running);
      });

      it("lists active runs (queued or running) only", async () => {
        await store.appendRun(makeRun("agent-1", JOB_OWNER, 1, { status: "queued" }));
        await store.appendRun(makeRun("agent-1", JOB_OWNER, 2, { status: "succeeded" }));
        await store.appendRun(makeRun("agent-1", OTHER_OWNER, 3, { status: "running" }));
        await store.appendRun(makeRun("agent-2", JOB_OWNER, 4, { status: "running" }));
        expect((await store.activeRuns("agent-1")).map((run) => run.id)).toEqual(["run_000003", "run_000001"]);
        await store.updateRun("agent-1", "run_000003", (r) => ({ ...r, status: "failed", error: "x" }));
        expect((await store.activeRuns("agent-1")).map((run) => run.id)).toEqual(["run_000001"]);
      });

      it("pages newest first with a stable cursor while newer runs are added", async () => {
        for (let n = 1; n <= 25; n++) await store.appendRun(makeRun("agent-1", JOB_OWNER, n));
        await store.appendRun(makeRun("agent-1", OTHER_OWNER, 100));
        const first = await store.listRuns("agent-1", JOB_OWNER, { limit: 10 });
        expect(first.items.map((run) => run.id)).toEqual(ids(25, 16));
        expect(first.nextCursor).toEqual(expect.any(String));

        await store.appendRun(makeRun("agent-1", JOB_OWNER, 26));
        await store.appendRun(makeRun("agent-1", JOB_OWNER, 27));
        const second = await store.listRuns("agent-1", JOB_OWNER, { limit: 10, cursor: first.nextCursor });
        expect(second.items.map((run) => run.id)).toEqual(ids(15, 6));
        const third = await store.listRuns("agent-1", JOB_OWNER, { limit: 10, cursor: second.nextCursor });
        expect(third.items.map((run) => run.id)).toEqual(ids(5, 1));
        expect(third.nextCursor).toBeNull();

        expect((await store.listRuns("agent-1", JOB_OWNER)).items).toHaveLength(20);
        expect((await store.listRuns("agent-1", OTHER_OWNER)).items.map((run) => run.id)).toEqual(["run_000100"]);
        await expect(store.listRuns("agent-1", JOB_OWNER, { cursor: "%%%" })).rejects.toMatchObject({ name: "StoreValidationError" });
        await expect(store.listRuns("agent-1", JOB_OWNER, { limit: 101 })).rejects.toMatchObject({ name: "StoreValidationError" });
      });

      it("orders runs created at the same instant by id, newest id first", async () => {
        for (const n of [3, 1, 2]) await store.appendRun(makeRun("agent-1", JOB_OWNER, n, { createdAt: at(0) }));
        const page = await store.listRuns("agent-1", JOB_OWNER, { limit: 2 });
        expect(page.items.map((run) => run.id)).toEqual(ids(3, 2));
        const rest = await store.listRuns("agent-1", JOB_OWNER, { limit: 2, cursor: page.nextCursor });
        expect(rest).toEqual({ items: [expect.objectContaining({ id: "run_000001" })], nextCursor: null });
      });

      it("keeps the newest 50 finished runs per owner and never drops queued or running ones", async () => {
        await store.appendRun(makeRun("agent-1", JOB_OWNER, 1, { status: "running" }));
        await store.appendRun(makeRun("agent-1", JOB_OWNER, 2, { status: "queued" }));
        await store.appendRun(makeRun("agent-1", OTHER_OWNER, 3));
        for (let n = 4; n <= 51; n++) await store.appendRun(makeRun("agent-1", JOB_OWNER, n));
        expect(await pagedIds(store, "agent-1", JOB_OWNER)).toEqual([...ids(51, 4), ...ids(2, 1)]);

        await store.appendRun(makeRun("agent-1", JOB_OWNER, 52));
        expect(await pagedIds(store, "agent-1", JOB_OWNER)).toEqual([...ids(52, 5), ...ids(2, 1)]);
        expect(await store.getRun("agent-1", "run_000004")).toBeNull();
        expect((await store.listRuns("agent-1", OTHER_OWNER)).items).toHaveLength(1);

        // Once the oldest run finishes it is the oldest finished run, so the next run drops it.
        await store.updateRun("agent-1", "run_000001", (r) => ({ ...r, status: "succeeded" }));
        await store.appendRun(makeRun("agent-1", JOB_OWNER, 53));
        expect(await pagedIds(store, "agent-1", JOB_OWNER)).toEqual([...ids(53, 5), "run_000002"]);
      });

      it("keeps the newest finished run when 51 finish with a history of 50", async () => {
        for (let n = 1; n <= 51; n++) await store.appendRun(makeRun("agent-1", JOB_OWNER, n));
        expect(await pagedIds(store, "agent-1", JOB_OWNER)).toEqual(ids(51, 2));
      });

      it("caps history at the historyLimit a write passes (the planner's limits.runHistory), over its own default", async () => {
        for (let n = 1; n <= 7; n++) await store.appendRun(makeRun("agent-1", JOB_OWNER, n), { historyLimit: 5 });
        expect(await pagedIds(store, "agent-1", JOB_OWNER)).toEqual(ids(7, 3));

        await store.appendRun(makeRun("agent-1", JOB_OWNER, 8, { status: "running" }), { historyLimit: 5 });
        await store.updateRun("agent-1", "run_000008", (r) => ({ ...r, status: "succeeded" }), { historyLimit: 3 });
        expect(await pagedIds(store, "agent-1", JOB_OWNER)).toEqual(ids(8, 6));
        await expect(store.appendRun(makeRun("agent-1", JOB_OWNER, 9), { historyLimit: 0 })).rejects.toMatchObject({ name: "StoreValidationError" });
      });
    });

    describe("listRuns status filter and listAgentRuns", () => {
      it("filters one owner's runs by status, paging through the filtered runs only", async () => {
        for (let n = 1; n <= 9; n++) {
          const status = n % 3 === 0 ? "failed" : n % 3 === 1 ? "succeeded" : "skipped";
          await store.appendRun(makeRun("agent-1", JOB_OWNER, n, { status }));
        }
        await store.appendRun(makeRun("agent-1", OTHER_OWNER, 10, { status: "failed" }));
        expect((await store.listRuns("agent-1", JOB_OWNER, { status: ["failed"] })).items.map((run) => run.id)).toEqual(["run_000009", "run_000006", "run_000003"]);
        const first = await store.listRuns("agent-1", JOB_OWNER, { status: ["failed", "succeeded"], limit: 4 });
        expect(first.items.map((run) => run.id)).toEqual(["run_000009", "run_000007", "run_000006", "run_000004"]);
        const rest = await store.listRuns("agent-1", JOB_OWNER, { status: ["failed", "succeeded"], limit: 4, cursor: first.nextCursor });
        expect(rest).toEqual({ items: [expect.objectContaining({ id: "run_000003" }), expect.objectContaining({ id: "run_000001" })], nextCursor: null });
        expect((await store.listRuns("agent-1", JOB_OWNER, { status: ["running"] })).items).toEqual([]);
        await expect(store.listRuns("agent-1", JOB_OWNER, { status: ["bored"] } as never)).rejects.toMatchObject({ name: "StoreValidationError" });
      });

      it("lists every owner's runs of one agent newest first, by owner kind and status, and pages through 45", async () => {
        const trigger: RunOwner = { kind: "trigger", id: "trg_000002" };
        for (let n = 1; n <= 45; n++) {
          const owner = n % 3 === 0 ? OTHER_OWNER : n % 3 === 1 ? JOB_OWNER : trigger;
          await store.appendRun(makeRun("agent-1", owner, n, { status: n % 5 === 0 ? "failed" : "succeeded" }));
        }
        await store.appendRun(makeRun("agent-2", JOB_OWNER, 46));

        const seen: string[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const page = await store.listAgentRuns("agent-1", { limit: 20, cursor });
          seen.push(...page.items.map((run) => run.id));
          cursor = page.nextCursor;
          pages++;
        } while (cursor);
        expect(pages).toBe(3);
        expect(seen).toEqual(ids(45, 1));

        const triggers = await store.listAgentRuns("agent-1", { ownerKind: "trigger", limit: 100 });
        expect(triggers.items).toHaveLength(30);
        expect(triggers.items.every((run) => run.owner.kind === "trigger")).toBe(true);
        const jobFailures = await store.listAgentRuns("agent-1", { ownerKind: "job", status: ["failed"] });
        expect(jobFailures.items.map((run) => run.id)).toEqual(["run_000040", "run_000025", "run_000010"]);
        expect((await store.listAgentRuns("agent-3")).items).toEqual([]);
        expect((await store.listAgentRuns("agent-2")).items.map((run) => run.id)).toEqual(["run_000046"]);
        await expect(store.listAgentRuns("agent-1", { ownerKind: "workflow" } as never)).rejects.toMatchObject({ name: "StoreValidationError" });
        await expect(store.listAgentRuns("agent-1", { limit: 0 })).rejects.toMatchObject({ name: "StoreValidationError" });
        await expect(store.listAgentRuns("../x")).rejects.toMatchObject({ name: "StoreValidationError" });
      });
    });

    describe("searchAgentRuns", () => {
      const trigger: RunOwner = { kind: "trigger", id: "trg_000002" };
      async function seed() {
        for (let n = 1; n <= 30; n++) {
          const owner = n % 3 === 0 ? trigger : JOB_OWNER;
          await store.appendRun(
            makeRun("agent-1", owner, n, {
              status: n % 5 === 0 ? "failed" : n === 29 ? "running" : "succeeded",
              cause: n % 3 === 0 ? "event" : n % 7 === 0 ? "replay" : "schedule",
              ...(n % 5 === 0 ? { error: `Timeout ${n}: 100% of 50_000 ms (.*)` } : {}),
              ...(n % 2 === 0 ? { renderedMessage: `Summarise inbox number ${n}` } : { input: { folder: `Folder-${n}` } }),
            }),
          );
        }
        await store.appendRun(makeRun("agent-2", JOB_OWNER, 31, { renderedMessage: "Summarise inbox number 31" }));
      }

      it("pages the matches newest first with the total, filtered by status, cause, owner and date range", async () => {
        await seed();
        const all = await store.searchAgentRuns("agent-1", { limit: 10 });
        expect(all.total).toBe(30);
        expect(all.items.map((run) => run.id)).toEqual(ids(30, 21));
        const third = await store.searchAgentRuns("agent-1", { limit: 10, offset: 20 });
        expect(third.items.map((run) => run.id)).toEqual(ids(10, 1));
        expect((await store.searchAgentRuns("agent-1", { limit: 10, offset: 40 })).items).toEqual([]);

        const failed = await store.searchAgentRuns("agent-1", { statuses: ["failed"], limit: 100 });
        expect(failed.items.map((run) => run.id)).toEqual(["run_000030", "run_000025", "run_000020", "run_000015", "run_000010", "run_000005"]);
        expect((await store.searchAgentRuns("agent-1", { statuses: ["running"] })).items.map((run) => run.id)).toEqual(["run_000029"]);
        const events = await store.searchAgentRuns("agent-1", { causes: ["event"], statuses: ["failed"] });
        expect(events.total).toBe(2);
        expect(events.items.map((run) => run.id)).toEqual(["run_000030", "run_000015"]);
        expect((await store.searchAgentRuns("agent-1", { causes: ["replay"] })).items.map((run) => run.id)).toEqual(["run_000028", "run_000014", "run_000007"]);
        expect((await store.searchAgentRuns("agent-1", { owner: trigger })).total).toBe(10);
        expect((await store.searchAgentRuns("agent-1", { ownerKind: "job" })).total).toBe(20);
        const range = await store.searchAgentRuns("agent-1", { from: at(10), to: at(15) });
        expect(range.items.map((run) => run.id)).toEqual(ids(14, 10));
        expect((await store.searchAgentRuns("agent-3", {})).total).toBe(0);
      });

      it("finds text literally and case-insensitively in the message, input, error, id and the owners it is told match", async () => {
        await seed();
        const text = async (value: string, extra = {}) => (await store.searchAgentRuns("agent-1", { text: value, limit: 100, ...extra })).items.map((run) => run.id);
        expect(await text("INBOX NUMBER 12")).toEqual(["run_000012"]);
        expect(await text("folder-9")).toEqual(["run_000009"]);
        expect(await text("run_000017")).toEqual(["run_000017"]);
        expect(await text("100% of 50_000")).toHaveLength(6);
        expect(await text("(.*)")).toHaveLength(6);
        expect(await text("%")).toHaveLength(6);
        expect(await text(".*")).toHaveLength(6);
        expect(await text("_")).toHaveLength(30);
        expect(await text("[a-z]+")).toEqual([]);
        expect(await text("nothing like this", { textOwners: [trigger] })).toHaveLength(10);
        expect((await store.searchAgentRuns("agent-1", { text: "Timeout", statuses: ["failed"], causes: ["event"] })).total).toBe(2);
        await expect(store.searchAgentRuns("agent-1", { text: "x".repeat(1_001) })).rejects.toMatchObject({ name: "StoreValidationError" });
        await expect(store.searchAgentRuns("agent-1", { limit: 10_001 })).rejects.toMatchObject({ name: "StoreValidationError" });
        await expect(store.searchAgentRuns("agent-1", { offset: -1 })).rejects.toMatchObject({ name: "StoreValidationError" });
        await expect(store.searchAgentRuns("agent-1", { statuses: ["bored"] } as never)).rejects.toMatchObject({ name: "StoreValidationError" });
        await expect(store.searchAgentRuns("agent-1", { from: "yesterday" })).rejects.toMatchObject({ name: "StoreValidationError" });
        await expect(store.searchAgentRuns("../x", {})).rejects.toMatchObject({ name: "StoreValidationError" });
      });
    });

    describe("appendRunUnlessActive", () => {
      const exclusive = { staleQueuedMs: 10 * 60_000 };

      it("inserts when the owner has no active run, and returns the active run in the way otherwise", async () => {
        await store.appendRun(makeRun("agent-1", JOB_OWNER, 1, { status: "succeeded" }));
        await store.appendRun(makeRun("agent-1", OTHER_OWNER, 2, { status: "running" }));
        await store.appendRun(makeRun("agent-2", JOB_OWNER, 3, { status: "running" }));
        const first = makeRun("agent-1", JOB_OWNER, 4, { status: "queued", attempts: 0 });
        expect(await store.appendRunUnlessActive(first, exclusive)).toEqual({ inserted: true, run: first });

        const second = makeRun("agent-1", JOB_OWNER, 5, { status: "queued", attempts: 0 });
        expect(await store.appendRunUnlessActive(second, exclusive)).toEqual({ inserted: false, run: first });
        await store.updateRun("agent-1", first.id, (r) => ({ ...r, status: "running", startedAt: at(4) }));
        expect(await store.appendRunUnlessActive(second, exclusive)).toMatchObject({ inserted: false, run: { id: first.id, status: "running" } });
        expect(await store.getRun("agent-1", second.id)).toBeNull();

        await store.updateRun("agent-1", first.id, (r) => ({ ...r, status: "succeeded", finishedAt: at(5) }));
        expect(await store.appendRunUnlessActive(second, exclusive)).toEqual({ inserted: true, run: second });
      });

      it("answers the stored run for an id already stored, without a second insert", async () => {
        const run = makeRun("agent-1", JOB_OWNER, 1, { status: "succeeded" });
        await store.appendRun(run);
        expect(await store.appendRunUnlessActive({ ...run, status: "queued", attempts: 0 }, exclusive)).toEqual({ inserted: false, run });
        expect(await store.version("agent-1")).toBe(1);
      });

      it("lets a queued run stop counting once it is older than staleQueuedMs; a running one always counts", async () => {
        await store.appendRun(makeRun("agent-1", JOB_OWNER, 1, { status: "queued", attempts: 0 }));
        const tenMinutesLater = makeRun("agent-1", JOB_OWNER, 11, { status: "queued", attempts: 0 });
        expect((await store.appendRunUnlessActive(tenMinutesLater, exclusive)).inserted).toBe(true);

        await store.appendRun(makeRun("agent-1", OTHER_OWNER, 20, { status: "running" }));
        const muchLater = makeRun("agent-1", OTHER_OWNER, 500, { status: "queued", attempts: 0 });
        expect(await store.appendRunUnlessActive(muchLater, exclusive)).toMatchObject({ inserted: false, run: { id: "run_000020" } });
      });

      it("counts only active runs of the given causes", async () => {
        await store.appendRun(makeRun("agent-1", OTHER_OWNER, 1, { status: "running", cause: "event" }));
        const test = makeRun("agent-1", OTHER_OWNER, 2, { status: "queued", attempts: 0, cause: "test" });
        expect((await store.appendRunUnlessActive(test, { ...exclusive, causes: ["test"] })).inserted).toBe(true);
        const again = makeRun("agent-1", OTHER_OWNER, 3, { status: "queued", attempts: 0, cause: "test" });
        expect(await store.appendRunUnlessActive(again, { ...exclusive, causes: ["test"] })).toMatchObject({ inserted: false, run: { id: test.id } });
      });

      it("inserts exactly one of 30 concurrent calls for one owner", async () => {
        const runs = Array.from({ length: 30 }, (_, i) => makeRun("agent-1", JOB_OWNER, i + 1, { status: "queued", attempts: 0, createdAt: at(0) }));
        const results = await Promise.all(runs.map((run) => store.appendRunUnlessActive(run, exclusive)));
        const inserted = results.filter((result) => result.inserted);
        expect(inserted).toHaveLength(1);
        expect(results.every((result) => result.run.id === inserted[0]!.run.id)).toBe(true);
        expect((await store.listRuns("agent-1", JOB_OWNER)).items.map((run) => run.id)).toEqual([inserted[0]!.run.id]);
      });

      it("rejects an invalid run or staleQueuedMs and stores nothing", async () => {
        const run = makeRun("agent-1", JOB_OWNER, 1, { status: "queued", attempts: 0 });
        await expect(store.appendRunUnlessActive({ ...run, status: "bored" } as unknown as Run, exclusive)).rejects.toMatchObject({ name: "StoreValidationError" });
        await expect(store.appendRunUnlessActive(run, { staleQueuedMs: Number.NaN })).rejects.toMatchObject({ name: "StoreValidationError" });
        expect(await store.getRun("agent-1", run.id)).toBeNull();
      });
    });

    describe("webhook deliveries", () => {
      it("answers first seen once, then duplicate within the window, then first seen again after it", async () => {
        const hour = 3_600_000;
        expect(await store.recordDelivery("msg_1", new Date(T0), hour)).toEqual({ firstSeen: true });
        expect(await store.recordDelivery("msg_1", new Date(T0 + 1000), hour)).toEqual({
          firstSeen: false,
          firstSeenAt: new Date(T0).toISOString(),
        });
        expect(await store.recordDelivery("msg_2", new Date(T0 + 1000), hour)).toEqual({ firstSeen: true });
        expect(await store.recordDelivery("msg_1", new Date(T0 + hour), hour)).toEqual({ firstSeen: true });
        expect(await store.recordDelivery("msg_1", new Date(T0 + hour + 1), hour)).toMatchObject({ firstSeen: false });
        await expect(store.recordDelivery("", new Date(T0), hour)).rejects.toMatchObject({ name: "StoreValidationError" });
      });
    });

    describe("runtime operations", () => {
      const AGENT = "agent-1";
      const JOB = "job_000001";
      const TRIGGER = "trg_000001";
      const due = at(-1);
      const claimOf = (overrides: Partial<OccurrenceClaim> = {}): OccurrenceClaim => ({
        expectedNextRunAt: due,
        expectedScheduleRevision: 1,
        nextRunAt: at(1439),
        ...overrides,
      });
      const running = (n: number, overrides: Partial<Run> = {}) =>
        makeRun(AGENT, JOB_OWNER, n, { status: "running", attempts: 0, startedAt: at(n), cause: "schedule", scheduledFor: at(n), ...overrides });
      const failed = (n: number): RunEnding => ({ status: "failed", finishedAt: at(n + 1), attempts: 3, error: `boom ${n}` });

      beforeEach(async () => {
        await store.update(AGENT, () => ({ jobs: [makeJob(1, { nextRunAt: due }), makeJob(2, { nextRunAt: at(5) })], triggers: [makeTrigger(1, "ti_1")] }));
      });

      it("reads one job or trigger, or null", async () => {
        expect(await store.getJob(AGENT, JOB)).toEqual((await store.get(AGENT)).jobs[0]);
        expect(await store.getTrigger(AGENT, TRIGGER)).toEqual((await store.get(AGENT)).triggers[0]);
        expect(await store.getJob(AGENT, "job_missing")).toBeNull();
        expect(await store.getTrigger("agent-other", TRIGGER)).toBeNull();
      });

      it("claims a due occurrence once: advances nextRunAt, and a second claim with the same expectation fails", async () => {
        const version = await store.version(AGENT);
        expect(await store.claimOccurrence(AGENT, JOB, claimOf())).toEqual({ claimed: true });
        expect((await store.getJob(AGENT, JOB))?.state.nextRunAt).toBe(at(1439));
        expect(await store.version(AGENT)).toBe(version + 1);
        expect(dueRefs(await store.dueJobs(new Date(T0), 10))).toEqual([]);
        expect(await store.claimOccurrence(AGENT, JOB, claimOf())).toEqual({ claimed: false });
        expect(await store.version(AGENT)).toBe(version + 1);
      });

      it("refuses a claim when the job changed: other nextRunAt or schedule revision, paused, deleted", async () => {
        expect(await store.claimOccurrence(AGENT, JOB, claimOf({ expectedNextRunAt: at(-2) }))).toEqual({ claimed: false });
        expect(await store.claimOccurrence(AGENT, JOB, claimOf({ expectedScheduleRevision: 2 }))).toEqual({ claimed: false });
        await store.update(AGENT, (p) => ({ ...p, jobs: p.jobs.map((j) => (j.id === JOB ? { ...j, enabled: false, revision: 2 } : j)) }));
        expect(await store.claimOccurrence(AGENT, JOB, claimOf())).toEqual({ claimed: false });
        expect(await store.claimOccurrence(AGENT, "job_missing", claimOf())).toEqual({ claimed: false });
        expect((await store.getJob(AGENT, JOB))?.state.nextRunAt).toBe(due);
      });

      it("stores the missed-occurrences run in the same step as the claim, once", async () => {
        const missed = makeRun(AGENT, JOB_OWNER, 1, { status: "skipped", skipReason: "missed", cause: "schedule", attempts: 0 });
        const changes: StoreChange[] = [];
        store.subscribe(AGENT, (change) => changes.push(change));
        expect(await store.claimOccurrence(AGENT, JOB, claimOf({ missedRun: missed }))).toEqual({ claimed: true });
        expect(await store.getRun(AGENT, missed.id)).toEqual(missed);
        expect(changes).toHaveLength(1);
        expect(changes[0]).toMatchObject({ kind: "run", run: missed });
      });

      it("pauses a job through a claim: disabled, a new revision, the reason, no next run", async () => {
        await store.claimOccurrence(AGENT, JOB, claimOf({ nextRunAt: null, pause: { reason: "Paused: broken zone", at: at(0) } }));
        const job = await store.getJob(AGENT, JOB);
        expect(job).toMatchObject({ enabled: false, revision: 2, updatedAt: at(0), state: { pausedReason: "Paused: broken zone" } });
        expect(job?.state.nextRunAt).toBeUndefined();
      });

      it("admits exactly one of 30 concurrent claims of one occurrence", async () => {
        const results = await Promise.all(Array.from({ length: 30 }, () => store.claimOccurrence(AGENT, JOB, claimOf())));
        expect(results.filter((r) => r.claimed)).toHaveLength(1);
      });

      it("keeps runtime state across a configuration edit, and an edit's own state wins over older runtime state", async () => {
        await store.claimOccurrence(AGENT, JOB, claimOf());
        // An edit (new revision) made from the current job keeps the claimed nextRunAt…
        await store.update(AGENT, (p) => ({ ...p, jobs: p.jobs.map((j) => (j.id === JOB ? { ...j, name: "Renamed", revision: j.revision + 1 } : j)) }));
        expect(await store.getJob(AGENT, JOB)).toMatchObject({ name: "Renamed", revision: 2, state: { nextRunAt: at(1439) } });
        // …and one that sets state (a new schedule) stores it, whether or not it bumps the revision.
        await store.update(AGENT, (p) => ({ ...p, jobs: p.jobs.map((j) => (j.id === JOB ? { ...j, revision: 3, state: { ...j.state, nextRunAt: at(60), scheduleRevision: 2 } } : j)) }));
        expect((await store.getJob(AGENT, JOB))?.state).toMatchObject({ nextRunAt: at(60), scheduleRevision: 2 });
        await store.update(AGENT, (p) => ({ ...p, jobs: p.jobs.map((j) => (j.id === JOB ? { ...j, state: { ...j.state, nextRunAt: at(90) } } : j)) }));
        expect((await store.getJob(AGENT, JOB))?.state.nextRunAt).toBe(at(90));
        expect(dueRefs(await store.dueJobs(new Date(T0 + 90 * 60_000), 10))).toEqual([
          { agentId: AGENT, jobId: "job_000002", nextRunAt: at(5) },
          { agentId: AGENT, jobId: JOB, nextRunAt: at(90) },
        ]);
      });

      it("starts a queued run in its place, keeping when it was queued; a run no longer queued is left alone", async () => {
        const queued = makeRun(AGENT, JOB_OWNER, 1, { status: "queued", attempts: 0, cause: "schedule" });
        await store.appendRun(queued);
        const start = running(1, { createdAt: at(3), startedAt: at(3) });
        const first = await store.startRun(start, { overlap: "skip", dueAt: at(1) });
        expect(first).toEqual({ started: true, run: { ...start, createdAt: queued.createdAt } });
        expect(await store.getRun(AGENT, queued.id)).toEqual(first.run);
        expect(await store.startRun(start, { overlap: "allow" })).toEqual({ started: false, run: first.run });
        // Never stored before: stored as is.
        const fresh = running(2);
        expect(await store.startRun(fresh, { overlap: "allow" })).toEqual({ started: true, run: fresh });
      });

      it("skips a run for overlap in the same step when another run of the owner was running when it came due", async () => {
        await store.startRun(running(1), { overlap: "skip", dueAt: at(1) });
        const second = await store.startRun(running(2), { overlap: "skip", dueAt: at(2) });
        expect(second.started).toBe(false);
        expect(second.run).toMatchObject({ id: "run_000002", status: "skipped", skipReason: "overlap", finishedAt: at(2) });
        expect(second.run.startedAt).toBeUndefined();
        // An occurrence that came due before the other run started is no overlap; "allow" never checks.
        expect((await store.startRun(running(3, { scheduledFor: at(0) }), { overlap: "skip", dueAt: at(0) })).started).toBe(true);
        expect((await store.startRun(running(4), { overlap: "allow" })).started).toBe(true);
        await expect(store.startRun(running(5), { overlap: "skip" })).rejects.toMatchObject({ name: "StoreValidationError" });
        await expect(store.startRun(running(6), { overlap: "maybe" } as unknown as StartRunOptions)).rejects.toMatchObject({ name: "StoreValidationError" });
      });

      it("starts exactly one of 20 concurrent exclusive runs of one owner", async () => {
        const results = await Promise.all(Array.from({ length: 20 }, (_, i) => store.startRun(running(i + 1, { startedAt: at(0) }), { overlap: "skip", dueAt: at(30) })));
        expect(results.filter((r) => r.started)).toHaveLength(1);
        expect((await store.activeRuns(AGENT)).filter((r) => r.status === "running")).toHaveLength(1);
      });

      it("finishes a run and records it on its job in one step; a second finish changes nothing", async () => {
        const started = (await store.startRun(running(1), { overlap: "allow" })).run;
        const ending: RunEnding = { status: "succeeded", finishedAt: at(2), attempts: 1, result: { threadId: "th_1" } };
        const version = await store.version(AGENT);
        const done = await store.finishRun(AGENT, started.id, ending, { updateOwner: true });
        expect(done).toEqual({ finished: true, run: { ...started, status: "succeeded", finishedAt: at(2), attempts: 1, result: { threadId: "th_1" } } });
        expect(await store.version(AGENT)).toBe(version + 1);
        expect((await store.getJob(AGENT, JOB))?.state).toMatchObject({
          lastRun: { runId: started.id, status: "succeeded", at: at(2) },
          lastRunAt: at(1),
          consecutiveFailures: 0,
        });
        expect(await store.finishRun(AGENT, started.id, failed(1), { updateOwner: true })).toEqual({ finished: false, run: done!.run });
        expect((await store.getJob(AGENT, JOB))?.state.consecutiveFailures).toBe(0);
        expect(await store.finishRun(AGENT, "run_unknown", ending, { updateOwner: true })).toBeNull();
      });

      it("drops a deleted job's finished runs with it; its running run stays until it ends", async () => {
        const done = (await store.startRun(running(1), { overlap: "allow" })).run;
        await store.finishRun(AGENT, done.id, { status: "succeeded", finishedAt: at(2), attempts: 1 }, { updateOwner: true });
        const stillRunning = (await store.startRun(running(3), { overlap: "allow" })).run;
        const otherJob = (await store.startRun(makeRun(AGENT, { kind: "job", id: "job_000002" }, 4, { status: "running", attempts: 0, startedAt: at(4), cause: "schedule" }), { overlap: "allow" })).run;
        await store.update(AGENT, (planner) => ({ ...planner, jobs: planner.jobs.filter((job) => job.id !== JOB) }));
        expect(await store.getRun(AGENT, done.id)).toBeNull();
        expect((await store.getRun(AGENT, stillRunning.id))?.status).toBe("running");
        expect((await store.getRun(AGENT, otherJob.id))?.id).toBe(otherJob.id);
        expect((await store.listAgentRuns(AGENT)).items.map((run) => run.id)).not.toContain(done.id);
      });

      it("counts failures and pauses the owner at the limit in the same step", async () => {
        const autoPause = { after: 3, reason: "Paused after 3 failed runs: boom 3" };
        for (let n = 1; n <= 3; n++) {
          const run = (await store.startRun(running(n), { overlap: "allow" })).run;
          await store.finishRun(AGENT, run.id, failed(n), { updateOwner: true, autoPause });
          const job = await store.getJob(AGENT, JOB);
          expect(job?.state.consecutiveFailures).toBe(n);
          expect(job?.enabled).toBe(n < 3);
        }
        const job = await store.getJob(AGENT, JOB);
        expect(job).toMatchObject({ revision: 2, updatedAt: at(4), state: { pausedReason: autoPause.reason, lastRun: { status: "failed", error: "boom 3" } } });
        expect(job?.state.nextRunAt).toBeUndefined();
        expect(dueRefs(await store.dueJobs(new Date(T0 + 1e7), 10)).map((d) => d.jobId)).toEqual(["job_000002"]);
      });

      it("leaves the owner alone for a test run (updateOwner: false) and honours onlyIf", async () => {
        const run = (await store.startRun(running(1, { cause: "manual" }), { overlap: "allow" })).run;
        expect((await store.finishRun(AGENT, run.id, failed(1), { updateOwner: true, onlyIf: { status: "queued" } }))?.finished).toBe(false);
        expect((await store.finishRun(AGENT, run.id, failed(1), { updateOwner: true, onlyIf: { status: "running", startedAtOrBefore: at(0) } }))?.finished).toBe(false);
        expect((await store.finishRun(AGENT, run.id, failed(1), { updateOwner: false, onlyIf: { status: "running", startedAtOrBefore: at(1) } }))?.finished).toBe(true);
        expect((await store.getJob(AGENT, JOB))?.state.consecutiveFailures).toBe(0);
        await expect(store.finishRun(AGENT, run.id, { status: "done" } as unknown as RunEnding, { updateOwner: true })).rejects.toMatchObject({ name: "StoreValidationError" });
      });

      it("counts deliveries with their dedupe in one step: fired, filtered, then duplicates", async () => {
        const hour = 3_600_000;
        const count = (deliveryId: string, outcome: "fired" | "filtered", ms = 0) =>
          store.countDelivery(AGENT, TRIGGER, { deliveryId, outcome, at: new Date(T0 + ms), ttlMs: hour });
        expect(await count("msg_1", "fired")).toEqual({ firstSeen: true });
        expect(await count("msg_2", "filtered")).toEqual({ firstSeen: true });
        expect(await count("msg_1", "fired", 1000)).toEqual({ firstSeen: false });
        expect(await count("msg_2", "fired", 1000)).toEqual({ firstSeen: false });
        expect(await count("msg_1", "fired", hour + 1)).toEqual({ firstSeen: true });
        expect((await store.getTrigger(AGENT, TRIGGER))?.state).toMatchObject({
          firedCount: 2,
          filteredCount: 1,
          duplicateCount: 2,
          lastFiredAt: new Date(T0 + hour + 1).toISOString(),
          recentFiltered: [new Date(T0).toISOString()],
        });
        expect(await store.countDelivery(AGENT, "trg_missing", { deliveryId: "msg_3", outcome: "fired", at: new Date(T0), ttlMs: hour })).toBeNull();
        await expect(store.countDelivery(AGENT, TRIGGER, { deliveryId: "", outcome: "fired", at: new Date(T0), ttlMs: hour })).rejects.toMatchObject({ name: "StoreValidationError" });
      });

      it("counts 40 concurrent deliveries exactly: 20 distinct ids fired, 20 repeats of one id", async () => {
        const hour = 3_600_000;
        const distinct = Array.from({ length: 20 }, (_, i) => store.countDelivery(AGENT, TRIGGER, { deliveryId: `msg_${i}`, outcome: "fired", at: new Date(T0), ttlMs: hour }));
        const repeats = Array.from({ length: 20 }, () => store.countDelivery(AGENT, TRIGGER, { deliveryId: "msg_same", outcome: "fired", at: new Date(T0), ttlMs: hour }));
        const results = await Promise.all([...distinct, ...repeats]);
        expect(results.filter((r) => r?.firstSeen)).toHaveLength(21);
        expect((await store.getTrigger(AGENT, TRIGGER))?.state).toMatchObject({ firedCount: 21, duplicateCount: 19 });
      });

      it("keeps a delivery log per trigger in the same step as the count: verdicts, failed conditions, payloads, newest first", async () => {
        const hour = 3_600_000;
        const run = makeRun(AGENT, OTHER_OWNER, 90, { status: "queued", cause: "event", attempts: 0 });
        expect(
          await store.countDelivery(AGENT, TRIGGER, {
            deliveryId: "msg_a",
            outcome: "fired",
            at: new Date(T0),
            ttlMs: hour,
            run,
            log: { eventType: "GMAIL_NEW_GMAIL_MESSAGE", payload: { subject: "Invoice 7" } },
          }),
        ).toEqual({ firstSeen: true, run });
        await store.countDelivery(AGENT, TRIGGER, {
          deliveryId: "msg_b",
          outcome: "filtered",
          at: new Date(T0 + 1000),
          ttlMs: hour,
          log: { payload: { subject: "Hello" }, failed: [{ index: 2, text: "subject contains 'invoice'" }] },
        });
        await store.countDelivery(AGENT, TRIGGER, { deliveryId: "msg_a", outcome: "fired", at: new Date(T0 + 2000), ttlMs: hour, log: { payload: { subject: "Invoice 7" } } });
        // Counted without a log: nothing logged.
        await store.countDelivery(AGENT, TRIGGER, { deliveryId: "msg_c", outcome: "fired", at: new Date(T0 + 3000), ttlMs: hour });
        expect(await store.logDelivery(AGENT, { deliveryId: "msg_d", triggerId: TRIGGER, receivedAt: new Date(T0 + 4000).toISOString(), verdict: "paused", payload: { subject: "x" } })).toBe(true);
        expect(await store.logDelivery(AGENT, { deliveryId: "msg_e", triggerId: "trg_missing", receivedAt: new Date(T0).toISOString(), verdict: "invalid" })).toBe(false);

        const log = await store.listDeliveries(AGENT, TRIGGER);
        expect(log.map((entry) => [entry.deliveryId, entry.verdict])).toEqual([
          ["msg_d", "paused"],
          ["msg_a", "duplicate"],
          ["msg_b", "filtered"],
          ["msg_a", "fired"],
        ]);
        expect(log[3]).toEqual({
          deliveryId: "msg_a",
          triggerId: TRIGGER,
          receivedAt: new Date(T0).toISOString(),
          verdict: "fired",
          eventType: "GMAIL_NEW_GMAIL_MESSAGE",
          runId: run.id,
          payload: { subject: "Invoice 7" },
        });
        expect(log[2]).toMatchObject({ failed: [{ index: 2, text: "subject contains 'invoice'" }], payload: { subject: "Hello" } });
        // A duplicate keeps no payload: it is the first delivery again.
        expect(log[1]?.payload).toBeUndefined();
        expect(await store.listDeliveries(AGENT, TRIGGER, { limit: 2 })).toHaveLength(2);
        expect(await store.listDeliveries(AGENT, "trg_missing")).toEqual([]);
        expect(await store.listDeliveries("agent-other", TRIGGER)).toEqual([]);
      });

      it("keeps only the newest 50 deliveries of a trigger and forgets the log with the trigger", async () => {
        const hour = 3_600_000;
        for (let i = 0; i < 56; i++) {
          await store.countDelivery(AGENT, TRIGGER, { deliveryId: `msg_${i}`, outcome: "filtered", at: new Date(T0 + i * 1000), ttlMs: hour, log: { payload: { i } } });
        }
        const log = await store.listDeliveries(AGENT, TRIGGER);
        expect(log).toHaveLength(50);
        expect(log[0]?.deliveryId).toBe("msg_55");
        expect(log[49]?.deliveryId).toBe("msg_6");
        await store.update(AGENT, (planner) => ({ ...planner, triggers: [] }));
        await store.update(AGENT, (planner) => ({ ...planner, triggers: [makeTrigger(1, "ti_1")] }));
        expect(await store.listDeliveries(AGENT, TRIGGER)).toEqual([]);
      });

      it("refuses a malformed delivery log entry and changes nothing", async () => {
        const hour = 3_600_000;
        const version = await store.version(AGENT);
        const bad = [
          { deliveryId: "", triggerId: TRIGGER, receivedAt: at(0), verdict: "paused" },
          { deliveryId: "msg_x", triggerId: TRIGGER, receivedAt: "yesterday", verdict: "paused" },
          { deliveryId: "msg_x", triggerId: TRIGGER, receivedAt: at(0), verdict: "maybe" },
          { deliveryId: "msg_x", triggerId: TRIGGER, receivedAt: at(0), verdict: "paused", payload: JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, never> },
          { deliveryId: "msg_x", triggerId: TRIGGER, receivedAt: at(0), verdict: "paused", payload: { big: "x".repeat(20_000) } },
        ];
        for (const entry of bad) {
          await expect(store.logDelivery(AGENT, entry as never)).rejects.toMatchObject({ name: "StoreValidationError" });
        }
        await expect(
          store.countDelivery(AGENT, TRIGGER, { deliveryId: "msg_y", outcome: "fired", at: new Date(T0), ttlMs: hour, log: { failed: "2" } as never }),
        ).rejects.toMatchObject({ name: "StoreValidationError" });
        await expect(store.listDeliveries(AGENT, TRIGGER, { limit: 0 })).rejects.toMatchObject({ name: "StoreValidationError" });
        expect(await store.version(AGENT)).toBe(version);
        expect(await store.listDeliveries(AGENT, TRIGGER)).toEqual([]);
        expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
      });

      it("sets and clears a trigger's connection error", async () => {
        expect(await store.setConnectionError(AGENT, TRIGGER, "The connected account expired.")).toBe(true);
        expect((await store.getTrigger(AGENT, TRIGGER))?.state.connectionError).toBe("The connected account expired.");
        expect(await store.setConnectionError(AGENT, TRIGGER, null)).toBe(true);
        expect((await store.getTrigger(AGENT, TRIGGER))?.state.connectionError).toBeUndefined();
        expect(await store.setConnectionError(AGENT, "trg_missing", "x")).toBe(false);
      });

      it("refuses a malformed claim and changes nothing", async () => {
        const version = await store.version(AGENT);
        for (const bad of [
          claimOf({ expectedNextRunAt: "yesterday" }),
          claimOf({ expectedScheduleRevision: 0 }),
          claimOf({ nextRunAt: "soon" }),
          claimOf({ missedRun: { id: "run_x" } as unknown as Run }),
          claimOf({ pause: { reason: 42 } as unknown as OccurrenceClaim["pause"] }),
        ]) {
          await expect(store.claimOccurrence(AGENT, JOB, bad)).rejects.toMatchObject({ name: "StoreValidationError" });
        }
        expect(await store.version(AGENT)).toBe(version);
        expect((await store.getJob(AGENT, JOB))?.state.nextRunAt).toBe(due);
      });
    });

    describeEditLogContract(() => store);

    describe("change notifications", () => {
      it("notifies planner and run changes of one agent with a growing version", async () => {
        const changes: StoreChange[] = [];
        const unsubscribe = store.subscribe("agent-1", (change) => changes.push(change));
        store.subscribe("agent-2", () => {
          throw new Error("a failing listener of another agent must not matter");
        });
        await store.update("agent-1", () => withJobs(makeJob(1)));
        await store.update("agent-2", () => withJobs(makeJob(1)));
        const run = makeRun("agent-1", JOB_OWNER, 1, { status: "queued" });
        await store.appendRun(run);
        await store.updateRun("agent-1", run.id, (r) => ({ ...r, status: "running" }));

        expect(changes).toEqual([
          { agentId: "agent-1", kind: "planner", version: 1 },
          { agentId: "agent-1", kind: "run", version: 2, run },
          { agentId: "agent-1", kind: "run", version: 3, run: { ...run, status: "running" } },
        ]);
        expect(await store.version("agent-1")).toBe(3);
        expect(await store.version("agent-2")).toBe(1);

        unsubscribe();
        await store.update("agent-1", () => withJobs(makeJob(2)));
        expect(changes).toHaveLength(3);
        expect(await store.version("agent-1")).toBe(4);
      });

      it("does not count an update or run update that changes nothing", async () => {
        await store.update("agent-1", () => withJobs(makeJob(1)));
        await store.update("agent-1", (current) => current);
        const run = makeRun("agent-1", JOB_OWNER, 1);
        await store.appendRun(run);
        await store.appendRun(run);
        await store.updateRun("agent-1", run.id, (r) => r);
        expect(await store.version("agent-1")).toBe(2);
      });
    });
  });
}

function ids(from: number, to: number): string[] {
  return Array.from({ length: from - to + 1 }, (_, i) => `run_${String(from - i).padStart(6, "0")}`);
}

async function pagedIds(store: PlannerStore, agentId: string, owner: RunOwner): Promise<string[]> {
  const all: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await store.listRuns(agentId, owner, { limit: 100, cursor });
    all.push(...page.items.map((run) => run.id));
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

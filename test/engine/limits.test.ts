import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { executeRun, jobSubject, tick } from "../../src/server/engine";
import type { PlannerLimits } from "../../src/server/options";
import { fileStore, memoryStore, type PlannerStore } from "../../src/server/store";
import type { CreateJobInput, Job } from "../../src/shared/schemas";
import { recordingExecutors } from "../helpers/executors";
import { testPlanner } from "../helpers/planner";
import { recordingDispatcher } from "./harness";

/** "Job", then "Job 2", "Job 3"…: names are unique per agent. */
let jobsNamed = 0;
const nextJobName = () => (++jobsNamed === 1 ? "Job" : `Job ${jobsNamed}`);

const noSleep = { sleep: () => Promise.resolve(), backoffMs: () => 0 };
const every15 = { cron: "*/15 * * * *", timezone: "UTC" };

function limitedPlanner(limits: Partial<PlannerLimits>, store: PlannerStore = memoryStore(), start = "2026-11-30T08:50:00.000Z") {
  const exec = recordingExecutors();
  const t = testPlanner({ store, executors: exec.executors, limits }, start);
  async function createJob(input: Partial<CreateJobInput> = {}): Promise<Job> {
    const view = await t.caller().jobs.create({ agentId: "agent-1", name: nextJobName(), schedule: every15, action: { type: "chat", template: "Hello" }, ...input });
    const job = (await store.get("agent-1")).jobs.find((candidate) => candidate.id === view.id);
    if (!job) throw new Error("the created job is not stored");
    return job;
  }
  const runOccurrence = (job: Job, scheduledFor: string) =>
    executeRun(
      t.planner.deps,
      jobSubject({ runId: `${job.id}@${scheduledFor}`, agentId: "agent-1", jobId: job.id, cause: "schedule", scheduledFor, scheduleRevision: job.state.scheduleRevision }),
      noSleep,
    );
  return { ...t, exec, createJob, runOccurrence };
}

const occurrence = (n: number) => new Date(Date.parse("2026-11-30T09:00:00.000Z") + n * 15 * 60_000).toISOString();

describe("limits.runHistory reaches the store", () => {
  const stores: Array<[string, () => Promise<{ store: PlannerStore; cleanup: () => Promise<void> }>]> = [
    ["memoryStore", () => Promise.resolve({ store: memoryStore(), cleanup: () => Promise.resolve() })],
    [
      "fileStore",
      async () => {
        const dir = await mkdtemp(join(tmpdir(), "planner-limits-"));
        return { store: fileStore({ dir }), cleanup: () => rm(dir, { recursive: true, force: true }) };
      },
    ],
  ];

  it.each(stores)("createPlanner({ limits: { runHistory: 5 } }) keeps the newest 5 of 8 runs in a %s", async (_name, make) => {
    const { store, cleanup } = await make();
    try {
      const h = limitedPlanner({ runHistory: 5 }, store);
      const job = await h.createJob();
      for (let n = 0; n < 8; n++) {
        h.clock.set(occurrence(n));
        expect((await h.runOccurrence(job, occurrence(n))).status).toBe("succeeded");
      }
      const history = await store.listRuns("agent-1", { kind: "job", id: job.id }, { limit: 100 });
      expect(history.items.map((run) => run.scheduledFor)).toEqual([occurrence(7), occurrence(6), occurrence(5), occurrence(4), occurrence(3)]);
    } finally {
      await store.close();
      await cleanup();
    }
    // Eight runs on disk: a few hundred ms idle, longer on a loaded shared machine.
  }, 30_000);
});

describe("engine policy limits", () => {
  it("autoPauseAfter: 2 pauses a job after 2 failed runs in a row, with the count in the reason", async () => {
    const h = limitedPlanner({ autoPauseAfter: 2 });
    const job = await h.createJob();
    h.exec.fail("Agent is overloaded");
    h.clock.set(occurrence(0));
    await h.runOccurrence(job, occurrence(0));
    expect((await h.store.get("agent-1")).jobs[0]).toMatchObject({ enabled: true, state: { consecutiveFailures: 1 } });
    h.clock.set(occurrence(1));
    await h.runOccurrence(job, occurrence(1));
    expect((await h.store.get("agent-1")).jobs[0]).toMatchObject({
      enabled: false,
      state: { consecutiveFailures: 2, pausedReason: "Paused after 2 failed runs: Agent is overloaded" },
    });
  });

  it("runAllMaxRuns: 3 runs only the latest 3 missed occurrences after an outage", async () => {
    const h = limitedPlanner({ runAllMaxRuns: 3 });
    const job = await h.createJob({ policy: { misfire: "runAll", overlap: "skip" } });
    h.clock.set("2026-11-30T12:01:00.000Z");
    const { dispatcher, jobs } = recordingDispatcher();
    expect(await tick(h.planner.deps, dispatcher, h.clock.now())).toEqual({ due: 1, dispatched: 3, missed: 10 });
    expect(jobs.map((request) => [request.jobId, request.scheduledFor])).toEqual([
      [job.id, "2026-11-30T11:30:00.000Z"],
      [job.id, "2026-11-30T11:45:00.000Z"],
      [job.id, "2026-11-30T12:00:00.000Z"],
    ]);
  });

  it("misfireGraceMs widens the window in which the skip policy still runs a late occurrence", async () => {
    async function lateBy(limits: Partial<PlannerLimits>) {
      const h = limitedPlanner(limits);
      await h.createJob({ policy: { misfire: "skip", overlap: "skip" } });
      // 12:00 is 5 minutes late.
      h.clock.set("2026-11-30T12:05:00.000Z");
      const { dispatcher, jobs } = recordingDispatcher();
      await tick(h.planner.deps, dispatcher, h.clock.now());
      return jobs.map((request) => request.scheduledFor);
    }
    expect(await lateBy({})).toEqual([]);
    expect(await lateBy({ misfireGraceMs: 10 * 60_000 })).toEqual(["2026-11-30T12:00:00.000Z"]);
  });
});

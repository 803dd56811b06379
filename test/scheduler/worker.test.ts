import { createInProcessScheduler } from "../../src/server/scheduler";
import { describe, expect, it } from "vitest";
import type { JobRunRequest } from "../../src/shared/events";
import type { Job } from "../../src/shared/schemas";
import { deferred, schedulerHarness } from "./harness";

const START = "2026-11-28T10:00:00.000Z";
const t = (iso: string) => Date.parse(iso);

function manual(job: Job, runId: string): JobRunRequest {
  return { runId, agentId: "agent-1", jobId: job.id, cause: "manual", scheduledFor: START, scheduleRevision: job.state.scheduleRevision };
}

describe("retries", () => {
  it("tries a failing executor 3 times with the default 1 s and 4 s backoff, then records the failed run", async () => {
    const h = schedulerHarness({ start: START });
    const job = await h.createJob("agent-1", { schedule: { cron: "*/5 * * * *", timezone: "UTC" } });
    h.exec.behave(() => Promise.reject(new Error("The chat service is down.")));
    await h.scheduler.start();
    await h.sim.runUntil("2026-11-28T10:06:00.000Z");
    expect(h.exec.calls.map((call) => call.at)).toEqual([t("2026-11-28T10:05:00.000Z"), t("2026-11-28T10:05:01.000Z"), t("2026-11-28T10:05:05.000Z")]);
    expect(await h.store.getRun("agent-1", `${job.id}@2026-11-28T10:05:00.000Z`)).toMatchObject({
      status: "failed",
      attempts: 3,
      error: "The chat service is down.",
      startedAt: "2026-11-28T10:05:00.000Z",
      finishedAt: "2026-11-28T10:05:05.000Z",
    });
    expect((await h.store.get("agent-1")).jobs[0]!.state.consecutiveFailures).toBe(1);
    await h.scheduler.stop();
  });

  it("uses maxAttempts and backoffMs, and a later success ends the retries", async () => {
    const h = schedulerHarness({ start: START, scheduler: { maxAttempts: 4, backoffMs: (attempt) => attempt * 30_000 } });
    const job = await h.createJob("agent-1", { schedule: { cron: "*/5 * * * *", timezone: "UTC" } });
    h.exec.behave(() => (h.exec.calls.length < 3 ? Promise.reject(new Error("timeout")) : Promise.resolve()));
    await h.scheduler.start();
    await h.sim.runUntil("2026-11-28T10:09:00.000Z");
    expect(h.exec.calls.map((call) => call.at)).toEqual([t("2026-11-28T10:05:00.000Z"), t("2026-11-28T10:05:30.000Z"), t("2026-11-28T10:06:30.000Z")]);
    expect(await h.store.getRun("agent-1", `${job.id}@2026-11-28T10:05:00.000Z`)).toMatchObject({ status: "succeeded", attempts: 3 });
    await h.scheduler.stop();
  });

  it("stop() ends a run's wait between retries at once and leaves it for the next start, which goes on with the same key", async () => {
    const h = schedulerHarness({ start: START });
    const job = await h.createJob("agent-1", { schedule: { cron: "*/5 * * * *", timezone: "UTC" } });
    h.exec.behave(() => Promise.reject(new Error("down")));
    await h.scheduler.start();
    await h.sim.runUntil("2026-11-28T10:05:00.000Z");
    expect(h.exec.calls).toHaveLength(1);
    await h.scheduler.stop();
    const runId = `${job.id}@2026-11-28T10:05:00.000Z`;
    // Still running, let go of (its lease ends now), one failed attempt recorded, nothing counted against the job.
    const left = await h.store.getRun("agent-1", runId);
    expect(left).toMatchObject({ status: "running", attempts: 1, lease: { expiresAt: "2026-11-28T10:05:00.000Z" } });
    expect((await h.store.getJob("agent-1", job.id))?.state.consecutiveFailures).toBe(0);
    h.exec.behave(() => Promise.resolve());
    const restarted = createInProcessScheduler(h.planner.deps, { timers: h.sim.timers });
    await restarted.start();
    await restarted.idle();
    expect(h.exec.calls.map((call) => call.idempotencyKey)).toEqual([runId, runId]);
    expect(await h.store.getRun("agent-1", runId)).toMatchObject({ status: "succeeded", attempts: 2, takeovers: 1 });
    await restarted.stop();
  });
});

describe("worker queue", () => {
  it("executes at most `concurrency` runs at once and queues the rest in order", async () => {
    const h = schedulerHarness({ start: START, scheduler: { concurrency: 4 } });
    for (let i = 0; i < 10; i++) await h.createJob(`agent-${i}`, { schedule: { cron: "0 11 * * *", timezone: "UTC" } });
    const gates = new Map<string, ReturnType<typeof deferred>>();
    h.exec.behave((call) => {
      const gate = deferred();
      gates.set(call.idempotencyKey, gate);
      return gate.promise;
    });
    await h.scheduler.start();
    await h.sim.runUntil("2026-11-28T11:00:00.000Z");
    expect(h.exec.calls).toHaveLength(4);
    for (let done = 0; done < 6; done++) {
      gates.get(h.exec.calls[done]!.idempotencyKey)!.resolve();
      await h.sim.settle();
      expect(h.exec.calls).toHaveLength(5 + done);
    }
    for (const gate of gates.values()) gate.resolve();
    await h.scheduler.idle();
    expect(new Set(h.exec.calls.map((call) => call.agentId)).size).toBe(10);
    await h.scheduler.stop();
  });

  it("a dispatch repeated with the same run id is stored and executed once", async () => {
    const h = schedulerHarness({ start: START });
    const job = await h.createJob("agent-1", { schedule: { cron: "0 9 * * *", timezone: "UTC" } });
    await h.scheduler.start();
    const request = manual(job, "run_twice00001");
    await Promise.all([h.scheduler.dispatcher.dispatchJob(request), h.scheduler.dispatcher.dispatchJob(request)]);
    await h.scheduler.dispatcher.dispatchJob(request);
    await h.scheduler.idle();
    await h.scheduler.dispatcher.dispatchJob(request);
    await h.scheduler.idle();
    expect(h.exec.calls.map((call) => call.idempotencyKey)).toEqual(["run_twice00001"]);
    await h.scheduler.stop();
  });
});

describe("overlap", () => {
  it("skip: two runs of one job dispatched together never both execute; the second is skipped as overlap", async () => {
    const h = schedulerHarness({ start: START });
    const job = await h.createJob("agent-1", { schedule: { cron: "0 9 * * *", timezone: "UTC" }, policy: { misfire: "runOnce", overlap: "skip" } });
    const gate = deferred();
    h.exec.behave(() => gate.promise);
    await h.scheduler.start();
    await Promise.all([h.scheduler.dispatcher.dispatchJob(manual(job, "run_overlap001")), h.scheduler.dispatcher.dispatchJob(manual(job, "run_overlap002"))]);
    await h.sim.settle();
    expect(h.exec.calls.map((call) => call.idempotencyKey)).toEqual(["run_overlap001"]);
    expect(await h.store.getRun("agent-1", "run_overlap002")).toMatchObject({ status: "skipped", skipReason: "overlap" });
    gate.resolve();
    await h.scheduler.idle();
    expect(await h.store.getRun("agent-1", "run_overlap001")).toMatchObject({ status: "succeeded" });
    await h.scheduler.stop();
  });

  it("skip: an occurrence due while the previous run still executes is skipped; the next one runs", async () => {
    const h = schedulerHarness({ start: START });
    const job = await h.createJob("agent-1", { schedule: { cron: "* * * * *", timezone: "UTC" }, policy: { misfire: "runOnce", overlap: "skip" } });
    const slow = deferred();
    h.exec.behave((call) => (call.idempotencyKey.endsWith("10:01:00.000Z") ? slow.promise : Promise.resolve()));
    await h.scheduler.start();
    await h.sim.runUntil("2026-11-28T10:02:30.000Z");
    slow.resolve();
    await h.sim.runUntil("2026-11-28T10:03:00.000Z");
    const runs = (await h.store.listRuns("agent-1", { kind: "job", id: job.id })).items.map((run) => [run.scheduledFor, run.status, run.skipReason]);
    expect(runs).toEqual([
      ["2026-11-28T10:03:00.000Z", "succeeded", undefined],
      ["2026-11-28T10:02:00.000Z", "skipped", "overlap"],
      ["2026-11-28T10:01:00.000Z", "succeeded", undefined],
    ]);
    await h.scheduler.stop();
  });

  it("allow: runs of one job execute side by side", async () => {
    const h = schedulerHarness({ start: START });
    const job = await h.createJob("agent-1", { schedule: { cron: "0 9 * * *", timezone: "UTC" }, policy: { misfire: "runOnce", overlap: "allow" } });
    const gate = deferred();
    h.exec.behave(() => gate.promise);
    await h.scheduler.start();
    await Promise.all([h.scheduler.dispatcher.dispatchJob(manual(job, "run_allow00001")), h.scheduler.dispatcher.dispatchJob(manual(job, "run_allow00002"))]);
    await h.sim.settle();
    expect(h.exec.calls.map((call) => call.idempotencyKey)).toEqual(["run_allow00001", "run_allow00002"]);
    gate.resolve();
    await h.scheduler.stop();
  });
});

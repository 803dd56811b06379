import { describe, expect, it } from "vitest";
import { jitterOffsetMs } from "../../src/shared/cron";
import { memoryStore } from "../../src/server/store";
import { parseRunId, schedulerHarness } from "./harness";

/** One-time runs, start and end dates, run limits and jitter on the in-process scheduler, on simulated time. */

const DAY = 24 * 3_600_000;

function callsOf(h: ReturnType<typeof schedulerHarness>, jobId: string) {
  return h.exec.calls.filter((call) => parseRunId(call.idempotencyKey)[0] === jobId);
}

describe("one-time jobs on the in-process scheduler", () => {
  it("runs once at its instant (a local time in the job's zone), then is done and never fires again, even after a restart", async () => {
    const store = memoryStore();
    const h = schedulerHarness({ start: "2026-12-20T08:00:00.000Z", store });
    const job = await h.createJob("agent-1", { schedule: { cron: "0 9 * * *", timezone: "Europe/Paris", kind: "once", at: "2026-12-24T09:00" } });
    expect(job.schedule).toMatchObject({ kind: "once", at: "2026-12-24T08:00:00.000Z", cron: "0 9 24 12 *" });
    expect(job.state.nextRunAt).toBe("2026-12-24T08:00:00.000Z");

    await h.scheduler.start();
    await h.sim.runUntil("2026-12-26T00:00:00.000Z");
    const calls = callsOf(h, job.id);
    expect(calls.map((call) => call.idempotencyKey)).toEqual([`${job.id}@2026-12-24T08:00:00.000Z`]);
    expect(calls[0]!.at).toBe(Date.parse("2026-12-24T08:00:00.000Z"));

    const view = await h.caller().jobs.byId({ agentId: "agent-1", jobId: job.id });
    expect(view).toMatchObject({ enabled: true, ended: true, status: "active" });
    expect(view.state.nextRunAt).toBeUndefined();
    expect(view.state.lastRun).toMatchObject({ status: "succeeded" });
    await h.scheduler.stop();

    // A new process on the same store: nothing to run, however long it waits (the job has no next run).
    const again = schedulerHarness({ start: h.sim.iso(), store, sim: h.sim });
    await again.scheduler.start();
    await h.sim.runUntil(Date.parse("2026-12-29T00:00:00.000Z"));
    await again.scheduler.stop();
    expect(again.exec.calls).toEqual([]);
    expect(callsOf(h, job.id)).toHaveLength(1);
    expect((await store.get("agent-1")).jobs[0]?.state.nextRunAt).toBeUndefined();
  });

  it('"in 2 hours" is resolved to an instant when saved, and runs then', async () => {
    const h = schedulerHarness({ start: "2026-12-01T10:17:30.000Z" });
    const job = await h.createJob("agent-1", { schedule: { cron: "* * * * *", timezone: "UTC", kind: "once", in: { amount: 2, unit: "hours" } } });
    expect(job.schedule.at).toBe("2026-12-01T12:17:30.000Z");
    expect(job.schedule).not.toHaveProperty("in");
    await h.scheduler.start();
    await h.sim.runUntil("2026-12-02T00:00:00.000Z");
    await h.scheduler.stop();
    expect(callsOf(h, job.id).map((call) => call.at)).toEqual([Date.parse("2026-12-01T12:17:30.000Z")]);
  });

  it("a one-time job whose instant passed while the scheduler was down runs once when it is back (misfire runOnce)", async () => {
    const store = memoryStore();
    const h = schedulerHarness({ start: "2026-12-01T08:00:00.000Z", store });
    const job = await h.createJob("agent-1", { schedule: { cron: "0 9 * * *", timezone: "UTC", kind: "once", at: "2026-12-01T09:00:00Z" } });
    await h.sim.runUntil("2026-12-01T11:00:00.000Z");
    await h.scheduler.start();
    await h.sim.runUntil("2026-12-03T00:00:00.000Z");
    await h.scheduler.stop();
    expect(callsOf(h, job.id).map((call) => call.idempotencyKey)).toEqual([`${job.id}@2026-12-01T09:00:00.000Z`]);
  });
});

describe("start date, end date and run limit on the in-process scheduler", () => {
  it("runs nothing before the start date, nothing after the end date, and then the job has ended", async () => {
    const h = schedulerHarness({ start: "2026-12-01T00:00:00.000Z" });
    const job = await h.createJob("agent-1", {
      schedule: { cron: "0 9 * * *", timezone: "Europe/Paris", startAt: "2026-12-03", endAt: "2026-12-05" },
    });
    expect(job.schedule).toMatchObject({ startAt: "2026-12-02T23:00:00.000Z", endAt: "2026-12-05T22:59:59.999Z" });
    expect(job.state.nextRunAt).toBe("2026-12-03T08:00:00.000Z");
    await h.scheduler.start();
    await h.sim.runUntil("2026-12-10T00:00:00.000Z");
    await h.scheduler.stop();
    expect(callsOf(h, job.id).map((call) => parseRunId(call.idempotencyKey)[1])).toEqual([
      "2026-12-03T08:00:00.000Z",
      "2026-12-04T08:00:00.000Z",
      "2026-12-05T08:00:00.000Z",
    ]);
    const view = await h.caller().jobs.byId({ agentId: "agent-1", jobId: job.id });
    expect(view.ended).toBe(true);
    expect(view.state.nextRunAt).toBeUndefined();
  });

  it("stops after the run limit, counted from the save when no start date is given", async () => {
    const h = schedulerHarness({ start: "2026-12-01T10:30:00.000Z" });
    const job = await h.createJob("agent-1", { schedule: { cron: "0 * * * *", timezone: "UTC", maxRuns: 3 } });
    expect(job.schedule.startAt).toBe("2026-12-01T10:31:00.000Z");
    await h.scheduler.start();
    await h.sim.runUntil("2026-12-02T00:00:00.000Z");
    await h.scheduler.stop();
    expect(callsOf(h, job.id).map((call) => parseRunId(call.idempotencyKey)[1])).toEqual([
      "2026-12-01T11:00:00.000Z",
      "2026-12-01T12:00:00.000Z",
      "2026-12-01T13:00:00.000Z",
    ]);
    expect((await h.caller().jobs.byId({ agentId: "agent-1", jobId: job.id })).ended).toBe(true);
  });

  it("a limit and an end date: whichever comes first ends the job", async () => {
    const h = schedulerHarness({ start: "2026-12-01T00:00:00.000Z" });
    const job = await h.createJob("agent-1", { schedule: { cron: "0 9 * * *", timezone: "UTC", startAt: "2026-12-01", endAt: "2026-12-31", maxRuns: 2 } });
    await h.scheduler.start();
    await h.sim.runUntil("2026-12-10T00:00:00.000Z");
    await h.scheduler.stop();
    expect(callsOf(h, job.id)).toHaveLength(2);
  });
});

describe("jitter on the in-process scheduler", () => {
  it("delays each occurrence by its own offset within the window, never before it, and the same on every instance", async () => {
    const h = schedulerHarness({ start: "2026-12-01T00:00:00.000Z" });
    const job = await h.createJob("agent-1", { schedule: { cron: "0 * * * *", timezone: "UTC", jitterMinutes: 10 } });
    const plain = await h.createJob("agent-1", { schedule: { cron: "0 * * * *", timezone: "UTC" } });
    await h.scheduler.start();
    await h.sim.runUntil(Date.parse("2026-12-01T00:00:00.000Z") + DAY);
    await h.scheduler.stop();

    const calls = callsOf(h, job.id);
    expect(calls).toHaveLength(24);
    const offsets = calls.map((call) => {
      const occurrence = parseRunId(call.idempotencyKey)[1];
      const offset = call.at - Date.parse(occurrence);
      // The run starts at its due time exactly: the occurrence plus the offset derived from the job and occurrence.
      expect(offset).toBe(jitterOffsetMs(job.id, new Date(occurrence), 10 * 60_000));
      return offset;
    });
    expect(Math.min(...offsets)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...offsets)).toBeLessThan(10 * 60_000);
    // Spread out, not one fixed delay.
    expect(new Set(offsets).size).toBeGreaterThan(12);
    // The job without jitter still runs on the hour.
    expect(callsOf(h, plain.id).every((call) => call.at === Date.parse(parseRunId(call.idempotencyKey)[1]))).toBe(true);
    // The run keeps its occurrence as scheduledFor (templates say 01:00, not 01:07).
    const runs = await h.store.listRuns("agent-1", { kind: "job", id: job.id }, { limit: 1 });
    expect(runs.items[0]?.scheduledFor).toMatch(/:00:00\.000Z$/);
  });

  it("a jittered run left queued by a stopped process waits for its due time when the next process takes it over", async () => {
    const h = schedulerHarness({ start: "2026-12-01T09:00:00.000Z" });
    const job = await h.createJob("agent-1", { schedule: { cron: "0 9 * * *", timezone: "UTC", jitterMinutes: 30 } });
    const occurrence = "2026-12-01T09:00:00.000Z";
    const offset = jitterOffsetMs(job.id, new Date(occurrence), 30 * 60_000);
    expect(offset).toBeGreaterThan(0);
    // Dispatched (stored queued) for its occurrence by a process that stopped before its due time.
    await h.store.appendRun({
      id: `${job.id}@${occurrence}`,
      agentId: "agent-1",
      owner: { kind: "job", id: job.id },
      cause: "schedule",
      createdAt: occurrence,
      scheduledFor: occurrence,
      scheduleRevision: job.state.scheduleRevision,
      status: "queued",
      attempts: 0,
    });
    await h.scheduler.start();
    await h.sim.runUntil(Date.parse(occurrence) + 40 * 60_000);
    await h.scheduler.stop();
    const calls = callsOf(h, job.id);
    expect(calls.map((call) => call.at)).toEqual([Date.parse(occurrence) + offset]);
  });

  it("two scheduler instances on one store run each jittered occurrence exactly once, at the same due time", async () => {
    const store = memoryStore();
    const a = schedulerHarness({ start: "2026-12-01T00:00:00.000Z", store });
    const b = schedulerHarness({ start: "2026-12-01T00:00:00.000Z", store, sim: a.sim });
    const job = await a.createJob("agent-1", { schedule: { cron: "*/30 * * * *", timezone: "UTC", jitterMinutes: 30 } });
    await a.scheduler.start();
    await b.scheduler.start();
    await a.sim.runUntil("2026-12-01T06:00:00.000Z");
    await a.scheduler.stop();
    await b.scheduler.stop();
    const calls = [...callsOf(a, job.id), ...callsOf(b, job.id)];
    expect(calls).toHaveLength(12);
    expect(new Set(calls.map((call) => call.idempotencyKey)).size).toBe(12);
    for (const call of calls) {
      const occurrence = parseRunId(call.idempotencyKey)[1];
      expect(call.at).toBe(Date.parse(occurrence) + jitterOffsetMs(job.id, new Date(occurrence), 30 * 60_000));
    }
  });
});

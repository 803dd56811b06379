import { describe, expect, it } from "vitest";
import { createInProcessScheduler, MAX_TIMER_DELAY_MS } from "../../src/server/scheduler";
import type { Job } from "../../src/shared/schemas";
import { schedulerHarness } from "./harness";

const START = "2026-11-28T10:00:00.000Z";
const t = (iso: string) => Date.parse(iso);

/** The wake-up timer's delays: without the lease renewals of running runs (every third of the 30 s lease). */
const wakeDelays = (delays: number[]) => delays.filter((ms) => ms !== 10_000);

describe("the wake-up timer", () => {
  it("sleeps until the earliest next run, not a fixed poll", async () => {
    const h = schedulerHarness({ start: START, scheduler: { maxSleepMs: 24 * 3_600_000, lookaheadMs: 0 } });
    await h.createJob("agent-1", { schedule: { cron: "30 10 * * *", timezone: "UTC" } });
    await h.createJob("agent-2", { schedule: { cron: "0 13 * * *", timezone: "Europe/Paris" } });
    await h.scheduler.start();
    await h.sim.runUntil("2026-11-28T13:00:00.000Z");
    expect(h.exec.calls.map((call) => call.at)).toEqual([t("2026-11-28T10:30:00.000Z"), t("2026-11-28T12:00:00.000Z")]);
    // Slept 30 min, then 90 min, then until tomorrow's 10:30: three timers for three hours.
    expect(wakeDelays(h.sim.delays)).toEqual([30 * 60_000, 90 * 60_000, 22.5 * 3_600_000]);
    await h.scheduler.stop();
  });

  it("ticks lookaheadMs ahead, holds the runs, and starts them at their instant, never before", async () => {
    const h = schedulerHarness({ start: START, scheduler: { maxSleepMs: 24 * 3_600_000 } });
    const job = await h.createJob("agent-1", { schedule: { cron: "30 10 * * *", timezone: "UTC" } });
    await h.scheduler.start();
    await h.sim.runUntil("2026-11-28T10:29:58.000Z");
    // Dispatched (queued, nextRunAt moved on) two seconds ahead…
    expect((await h.store.getRun("agent-1", `${job.id}@2026-11-28T10:30:00.000Z`))?.status).toBe("queued");
    expect((await h.store.get("agent-1")).jobs[0]!.state.nextRunAt).toBe("2026-11-29T10:30:00.000Z");
    await h.sim.runUntil("2026-11-28T10:29:59.999Z");
    expect(h.exec.calls).toEqual([]);
    // …and run at the instant.
    await h.sim.runUntil("2026-11-28T10:30:00.000Z");
    expect(h.exec.calls.map((call) => call.at)).toEqual([t("2026-11-28T10:30:00.000Z")]);
    expect(wakeDelays(h.sim.delays)).toEqual([30 * 60_000 - 2_000, 2_000, 24 * 3_600_000]);
    await h.scheduler.stop();
  });

  it("stop() drops held runs; they stay queued in the store and run at their instant after a restart", async () => {
    const h = schedulerHarness({ start: START });
    const job = await h.createJob("agent-1", { schedule: { cron: "30 10 * * *", timezone: "UTC" } });
    await h.scheduler.start();
    await h.sim.runUntil("2026-11-28T10:29:59.000Z");
    await h.scheduler.stop();
    expect(h.sim.pendingTimers()).toEqual([]);
    expect((await h.store.getRun("agent-1", `${job.id}@2026-11-28T10:30:00.000Z`))?.status).toBe("queued");
    await h.scheduler.start();
    await h.sim.runUntil("2026-11-28T10:31:00.000Z");
    expect(h.exec.calls.map((call) => call.at)).toEqual([t("2026-11-28T10:30:00.000Z")]);
    await h.scheduler.stop();
  });

  it("wake() re-arms at once, so a job created after start runs on time", async () => {
    const h = schedulerHarness({ start: START, scheduler: { maxSleepMs: 3_600_000 } });
    await h.scheduler.start();
    expect(h.sim.pendingTimers()).toEqual([{ at: "2026-11-28T11:00:00.000Z" }]);
    await h.sim.runUntil("2026-11-28T10:00:30.000Z");
    await h.createJob("agent-1", { schedule: { cron: "*/5 * * * *", timezone: "UTC" } });
    await h.sim.runUntil("2026-11-28T10:06:00.000Z");
    expect(h.exec.calls.map((call) => call.at)).toEqual([t("2026-11-28T10:05:00.000Z")]);
    await h.scheduler.stop();
  });

  it("notices within maxSleepMs a job written by another process, which cannot wake it", async () => {
    const h = schedulerHarness({ start: START, scheduler: { maxSleepMs: 7 * 60_000 } });
    await h.scheduler.start();
    await h.sim.runUntil("2026-11-28T10:00:30.000Z");
    // Through the router but not h.createJob: this scheduler is not told.
    await h.caller().jobs.create({ agentId: "agent-1", name: "Elsewhere", schedule: { cron: "0 11 * * *", timezone: "UTC" }, action: { type: "chat", template: "Hi" } });
    await h.sim.runUntil("2026-11-28T11:01:00.000Z");
    expect(h.exec.calls.map((call) => call.at)).toEqual([t("2026-11-28T11:00:00.000Z")]);
    expect(Math.max(...h.sim.delays)).toBe(7 * 60_000);
    await h.scheduler.stop();
  });

  it("never asks setTimeout for more than 2^31-1 ms, and still runs a job further away on time", async () => {
    const h = schedulerHarness({ start: START, scheduler: { maxSleepMs: Number.POSITIVE_INFINITY } });
    await h.createJob("agent-1", { schedule: { cron: "0 0 1 3 *", timezone: "UTC" } });
    await h.scheduler.start();
    await h.sim.runUntil("2027-03-01T00:00:00.000Z");
    expect(h.sim.delays[0]).toBe(MAX_TIMER_DELAY_MS);
    expect(h.sim.delays.every((ms) => ms <= MAX_TIMER_DELAY_MS)).toBe(true);
    expect(h.exec.calls.map((call) => call.at)).toEqual([t("2027-03-01T00:00:00.000Z")]);
    await h.scheduler.stop();
  });

  it("does not spin on a job the tick cannot advance, and other jobs still run", async () => {
    const h = schedulerHarness({ start: START });
    await h.createJob("agent-1", { schedule: { cron: "*/5 * * * *", timezone: "UTC" } });
    // Stored schedules are not re-validated on read: one that no longer parses makes every tick fail for it.
    const broken = await h.createJob("agent-2", { schedule: { cron: "0 9 * * *", timezone: "UTC" } });
    await h.store.update("agent-2", (planner) => ({
      ...planner,
      jobs: planner.jobs.map((job): Job => (job.id === broken.id ? { ...job, schedule: { cron: "61 * * * *", timezone: "UTC" }, state: { ...job.state, nextRunAt: "2026-11-28T09:59:00.000Z" } } : job)),
    }));
    await h.scheduler.start();
    await h.sim.runUntil("2026-11-28T10:11:00.000Z");
    expect(h.exec.calls.map((call) => call.at)).toEqual([t("2026-11-28T10:05:00.000Z"), t("2026-11-28T10:10:00.000Z")]);
    // 11 minutes at one tick per 5 s while stuck, rather than thousands of zero-delay ticks.
    expect(h.sim.delays.length).toBeLessThanOrEqual(11 * 12 + 2);
    expect(h.sim.delays.every((ms) => ms > 0)).toBe(true);
    await h.scheduler.stop();
  });
});

describe("options", () => {
  it("refuses bad options with a message naming them", () => {
    const h = schedulerHarness({ start: START });
    expect(() => createInProcessScheduler(h.planner.deps, { concurrency: 0 })).toThrow("`concurrency` must be a whole number of at least 1, got 0.");
    expect(() => createInProcessScheduler(h.planner.deps, { maxAttempts: 1.5 })).toThrow("`maxAttempts`");
    expect(() => createInProcessScheduler(h.planner.deps, { maxSleepMs: -1 })).toThrow("`maxSleepMs` must be a positive number of milliseconds, got -1.");
    expect(() => createInProcessScheduler(h.planner.deps, { staleRunMs: Number.NaN })).toThrow("`staleRunMs`");
    expect(() => createInProcessScheduler(h.planner.deps, { lookaheadMs: 60_000 })).toThrow("`lookaheadMs` must be from 0 to 30000 ms, got 60000.");
  });

  it("does nothing until start(): no timer, no store access", async () => {
    const h = schedulerHarness({ start: START });
    await h.createJob("agent-1", { schedule: { cron: "*/5 * * * *", timezone: "UTC" } });
    const calls = h.sim.storeCalls();
    const scheduler = createInProcessScheduler(h.planner.deps, { timers: h.sim.timers });
    scheduler.wake();
    await scheduler.stop();
    await h.sim.settle();
    expect(h.sim.storeCalls()).toBe(calls);
    expect(h.sim.pendingTimers()).toEqual([]);
  });
});

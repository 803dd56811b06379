import { describe, expect, it } from "vitest";
import { createInProcessScheduler, INTERRUPTED_MESSAGE } from "../../src/server/scheduler";
import type { Run, Trigger } from "../../src/shared/schemas";
import { deferred, schedulerHarness } from "./harness";

const START = "2026-11-28T10:00:00.000Z";

function prTrigger(id: string): Trigger {
  return {
    id,
    name: "New PR",
    source: { toolkit: "github", triggerSlug: "GITHUB_PULL_REQUEST_EVENT", config: {} },
    action: { type: "chat", template: "New PR {eventData.title}" },
    enabled: true,
    revision: 1,
    createdAt: START,
    updatedAt: START,
    state: { firedCount: 0, filteredCount: 0, duplicateCount: 0, consecutiveFailures: 0 },
  };
}

function queuedRun(overrides: Partial<Run> & Pick<Run, "id" | "owner">): Run {
  return { agentId: "agent-1", cause: "manual", createdAt: START, status: "queued", attempts: 0, ...overrides };
}

describe("stop and restart", () => {
  it("stop() waits for the run in progress; runs still queued stay queued and the next start runs them", async () => {
    const h = schedulerHarness({ start: START, scheduler: { concurrency: 1 } });
    const first = await h.createJob("agent-1", { schedule: { cron: "*/5 * * * *", timezone: "UTC" } });
    const second = await h.createJob("agent-1", { schedule: { cron: "*/5 * * * *", timezone: "UTC" } });
    const gate = deferred();
    h.exec.behave(() => gate.promise);
    await h.scheduler.start();
    await h.sim.runUntil("2026-11-28T10:05:00.000Z");
    expect(h.exec.calls).toHaveLength(1);

    let stopped = false;
    const stopping = h.scheduler.stop().then(() => {
      stopped = true;
    });
    await h.sim.settle();
    expect(stopped).toBe(false);
    gate.resolve();
    await stopping;
    expect(stopped).toBe(true);

    const active = await h.store.activeRuns("agent-1");
    const waiting = [first, second].find((job) => job.id !== h.exec.calls[0]!.source.id)!;
    expect(active.map((run) => [run.id, run.status])).toEqual([[`${waiting.id}@2026-11-28T10:05:00.000Z`, "queued"]]);

    // Nothing runs while stopped, not even the timer.
    await h.sim.runUntil("2026-11-28T10:07:00.000Z");
    expect(h.exec.calls).toHaveLength(1);
    expect(h.sim.pendingTimers()).toEqual([]);

    // A new scheduler (a restarted process) picks the queued run up at once.
    h.exec.behave(() => Promise.resolve());
    const restarted = createInProcessScheduler(h.planner.deps, { timers: h.sim.timers });
    await restarted.start();
    await restarted.idle();
    expect(h.exec.calls.map((call) => [call.idempotencyKey, call.at])).toEqual([
      [h.exec.calls[0]!.idempotencyKey, Date.parse("2026-11-28T10:05:00.000Z")],
      [`${waiting.id}@2026-11-28T10:05:00.000Z`, Date.parse("2026-11-28T10:07:00.000Z")],
    ]);
    expect(await h.store.activeRuns("agent-1")).toEqual([]);
    await restarted.stop();
  });

  it("start() is idempotent: one catch-up, one timer", async () => {
    const h = schedulerHarness({ start: START });
    await h.createJob("agent-1", { schedule: { cron: "*/5 * * * *", timezone: "UTC" } });
    await h.sim.runUntil("2026-11-28T10:06:00.000Z");
    await Promise.all([h.scheduler.start(), h.scheduler.start()]);
    await h.scheduler.start();
    await h.scheduler.idle();
    expect(h.exec.calls).toHaveLength(1);
    // One timer, capped by maxSleepMs (60 s) although the next run is at 10:10.
    expect(h.sim.pendingTimers()).toEqual([{ at: "2026-11-28T10:07:00.000Z" }]);
    await h.scheduler.stop();
    await h.scheduler.stop();
  });

  it("runs dispatched before start() wait for it", async () => {
    const h = schedulerHarness({ start: START });
    const job = await h.createJob("agent-1", { schedule: { cron: "0 9 * * *", timezone: "UTC" } });
    const request = { runId: "run_manual0001", agentId: "agent-1", jobId: job.id, cause: "manual" as const, scheduledFor: START, scheduleRevision: 1 };
    await h.scheduler.dispatcher.dispatchJob(request);
    await h.sim.settle();
    expect(h.exec.calls).toEqual([]);
    expect((await h.store.getRun("agent-1", "run_manual0001"))?.status).toBe("queued");
    await h.sim.runUntil("2026-11-28T10:01:00.000Z");
    await h.scheduler.start();
    await h.scheduler.idle();
    expect(h.exec.calls.map((call) => [call.idempotencyKey, call.at])).toEqual([["run_manual0001", Date.parse("2026-11-28T10:01:00.000Z")]]);
    await h.scheduler.stop();
  });
});

describe("recovery of runs a stopped process left behind", () => {
  it("re-queues queued runs; a scheduled run whose job was rescheduled meanwhile is skipped as rescheduled", async () => {
    const h = schedulerHarness({ start: START });
    const job = await h.createJob("agent-1", { schedule: { cron: "0 * * * *", timezone: "UTC" } });
    await h.store.appendRun(queuedRun({ id: "run_leftover01", owner: { kind: "job", id: job.id }, scheduledFor: "2026-11-28T09:58:00.000Z" }));
    // Scheduled for 09:00, an occurrence of the current schedule, with the warning it was queued with.
    await h.store.appendRun(
      queuedRun({ id: `${job.id}@2026-11-28T09:00:00.000Z`, owner: { kind: "job", id: job.id }, cause: "schedule", scheduledFor: "2026-11-28T09:00:00.000Z", warnings: ["1 earlier run was missed."] }),
    );
    // Scheduled for 09:30, which the hourly schedule never runs: dispatched under an older schedule.
    await h.store.appendRun(
      queuedRun({ id: `${job.id}@2026-11-28T09:30:00.000Z`, owner: { kind: "job", id: job.id }, cause: "schedule", scheduledFor: "2026-11-28T09:30:00.000Z" }),
    );
    await h.scheduler.start();
    await h.scheduler.idle();
    expect(h.exec.calls.map((call) => call.idempotencyKey).toSorted()).toEqual([`${job.id}@2026-11-28T09:00:00.000Z`, "run_leftover01"].toSorted());
    expect(await h.store.getRun("agent-1", `${job.id}@2026-11-28T09:00:00.000Z`)).toMatchObject({ status: "succeeded", warnings: ["1 earlier run was missed."] });
    expect(await h.store.getRun("agent-1", `${job.id}@2026-11-28T09:30:00.000Z`)).toMatchObject({ status: "skipped", skipReason: "rescheduled" });
    await h.scheduler.stop();
  });

  it("takes over runs left running without a lease once staleRunMs has passed, with the same key, and leaves recent ones to their process", async () => {
    const h = schedulerHarness({ start: START, scheduler: { staleRunMs: 15 * 60_000 } });
    const job = await h.createJob("agent-1", { schedule: { cron: "0 9 * * *", timezone: "UTC" } });
    const owner = { kind: "job" as const, id: job.id };
    const scheduled = { cause: "manual" as const, scheduledFor: "2026-11-28T09:40:00.000Z", scheduleRevision: job.state.scheduleRevision };
    await h.store.appendRun(queuedRun({ id: "run_stale00001", owner, ...scheduled, status: "running", startedAt: "2026-11-28T09:40:00.000Z", attempts: 1 }));
    await h.store.appendRun(queuedRun({ id: "run_recent0001", owner, ...scheduled, status: "running", startedAt: "2026-11-28T09:59:00.000Z" }));
    await h.scheduler.start();
    await h.scheduler.idle();

    expect(await h.store.getRun("agent-1", "run_stale00001")).toMatchObject({ status: "succeeded", attempts: 2, takeovers: 1 });
    expect((await h.store.getRun("agent-1", "run_recent0001"))?.status).toBe("running");
    expect(h.exec.calls.map((call) => call.idempotencyKey)).toEqual(["run_stale00001"]);
    // Interruptions never count as failures.
    expect((await h.store.get("agent-1")).jobs[0]!.state.consecutiveFailures).toBe(0);

    // Still running 15 minutes later: a periodic sweep takes it over too.
    await h.sim.runUntil("2026-11-28T10:16:00.000Z");
    await h.scheduler.idle();
    expect(await h.store.getRun("agent-1", "run_recent0001")).toMatchObject({ status: "succeeded", takeovers: 1 });
    expect(INTERRUPTED_MESSAGE).toBe("The run was interrupted (the server stopped while it was running).");
    await h.scheduler.stop();
  });

  it("fails a queued trigger run it cannot rebuild (its event is not stored) instead of leaving it queued for ever", async () => {
    const h = schedulerHarness({ start: START });
    const trigger = prTrigger("trg_github0001");
    await h.store.update("agent-1", (planner) => ({ ...planner, triggers: [trigger] }));
    await h.createJob("agent-1", { schedule: { cron: "0 9 * * *", timezone: "UTC" } });
    await h.store.appendRun(queuedRun({ id: "run_trigger001", owner: { kind: "trigger", id: trigger.id }, cause: "event", eventId: "evt-1" }));
    await h.scheduler.start();
    await h.scheduler.idle();
    const lost = await h.store.getRun("agent-1", "run_trigger001");
    expect(lost?.status).toBe("failed");
    expect(lost?.error).toContain("its event is not kept with the run");

    // A trigger run dispatched to this scheduler does run.
    await h.scheduler.dispatcher.dispatchTrigger({
      runId: "run_trigger002",
      agentId: "agent-1",
      triggerId: trigger.id,
      cause: "event",
      event: { id: "evt-2", type: "github.pr", source: "github", time: START, data: { title: "Fix" } },
    });
    await h.scheduler.idle();
    expect(h.exec.calls.map((call) => [call.idempotencyKey, call.source.kind])).toEqual([["run_trigger002", "trigger"]]);
    await h.scheduler.stop();
  });

  it("runs a queued trigger run after a restart from the event kept on the run, and keeps the event for a replay", async () => {
    const h = schedulerHarness({ start: START });
    const trigger = prTrigger("trg_github0002");
    await h.store.update("agent-1", (planner) => ({ ...planner, triggers: [trigger] }));
    const request = {
      runId: "run_trigger003",
      agentId: "agent-1",
      triggerId: trigger.id,
      cause: "event" as const,
      event: { id: "evt-3", type: "GITHUB_PULL_REQUEST_EVENT", source: "github", time: START, data: { title: "Add tests" } },
    };
    // Queued by a process that stopped before running it.
    const stopped = createInProcessScheduler(h.planner.deps, { timers: h.sim.timers });
    await stopped.dispatcher.dispatchTrigger(request);
    expect((await h.store.getRun("agent-1", "run_trigger003"))?.event).toEqual(request.event);

    await h.scheduler.start();
    await h.scheduler.idle();
    expect(h.exec.calls.map((call) => call.idempotencyKey)).toEqual(["run_trigger003"]);
    const run = await h.store.getRun("agent-1", "run_trigger003");
    expect(run).toMatchObject({ status: "succeeded", renderedMessage: "New PR Add tests", eventId: "evt-3" });
    expect(run?.event).toEqual(request.event);
    await h.scheduler.stop();
  });
});

import { describe, expect, it } from "vitest";
import { memoryStore } from "../../src/server/store";
import { testPlanner } from "../helpers/planner";
import { parseRunId, recordingExecutors } from "./harness";
import { simulation } from "./simulation";

/**
 * An hourly UTC job created at 10:00 (first run 11:00) on a planner whose own in-process scheduler runs on simulated
 * time (its own, so "run once now" on resume reaches a started driver).
 */
async function hourly(start = "2026-11-28T10:00:00.000Z") {
  const sim = simulation(start);
  const exec = recordingExecutors(sim);
  const store = sim.track(memoryStore());
  const t = testPlanner({ store, clock: sim.clock, executors: exec.executors, canAccessAgent: () => true, scheduler: { timers: sim.timers } }, start);
  const job = await t.caller().jobs.create({ agentId: "agent-1", name: "Hourly", schedule: { cron: "0 * * * *", timezone: "UTC" }, action: { type: "chat", template: "Hello" } });
  await t.planner.start();
  const h = { sim, exec, store, caller: t.caller, scheduler: { stop: () => t.planner.stop() } };
  const history = async () => (await store.listRuns("agent-1", { kind: "job", id: job.id }, { limit: 100 })).items.reverse();
  const ranAt = () => exec.calls.map((call) => parseRunId(call.idempotencyKey)[1]);
  return { h, job, history, ranAt, ref: { agentId: "agent-1", jobId: job.id } };
}

describe("bending one run (in-process scheduler, simulated clock)", () => {
  it("does not run a skipped occurrence and records it as skipped by the user", async () => {
    const { h, history, ranAt, ref } = await hourly();
    await h.caller().jobs.skipOccurrence({ ...ref, occurrence: "2026-11-28T12:00:00.000Z" });
    await h.sim.runUntil("2026-11-28T13:30:00.000Z");
    await h.scheduler.stop();
    expect(ranAt()).toEqual(["2026-11-28T11:00:00.000Z", "2026-11-28T13:00:00.000Z"]);
    const skipped = (await history()).filter((run) => run.status === "skipped");
    expect(skipped).toEqual([expect.objectContaining({ scheduledFor: "2026-11-28T12:00:00.000Z", skipReason: "skipped", warnings: ["Skipped by user-1."] })]);
  });

  it("runs a moved occurrence once at its new time, not at the old one", async () => {
    const { h, history, ranAt, ref } = await hourly();
    const view = await h.caller().jobs.moveOccurrence({ ...ref, occurrence: "2026-11-28T12:00:00.000Z", to: "2026-11-28T12:40:00.000Z" });
    expect(view.state.nextRunAt).toBe("2026-11-28T11:00:00.000Z");
    await h.sim.runUntil("2026-11-28T13:30:00.000Z");
    await h.scheduler.stop();
    expect(ranAt()).toEqual(["2026-11-28T11:00:00.000Z", "2026-11-28T12:40:00.000Z", "2026-11-28T13:00:00.000Z"]);
    expect(h.exec.calls[1]?.at).toBe(Date.parse("2026-11-28T12:40:00.000Z"));
    const runs = await history();
    expect(runs.find((run) => run.scheduledFor === "2026-11-28T12:00:00.000Z")).toMatchObject({ status: "skipped", skipReason: "moved", warnings: ["Moved to 2026-11-28T12:40:00.000Z by user-1."] });
    expect(runs.find((run) => run.scheduledFor === "2026-11-28T12:40:00.000Z")).toMatchObject({ status: "succeeded" });
  });

  it("runs a run moved earlier than the next occurrence at its new time (nextRunAt follows it)", async () => {
    const { h, ranAt, ref } = await hourly();
    const view = await h.caller().jobs.moveOccurrence({ ...ref, occurrence: "2026-11-28T11:00:00.000Z", to: "2026-11-28T10:30:00.000Z" });
    expect(view.state.nextRunAt).toBe("2026-11-28T10:30:00.000Z");
    await h.sim.runUntil("2026-11-28T12:10:00.000Z");
    await h.scheduler.stop();
    expect(ranAt()).toEqual(["2026-11-28T10:30:00.000Z", "2026-11-28T12:00:00.000Z"]);
  });

  it("snoozed: skips (and records) every occurrence before the date, then runs again", async () => {
    const { h, history, ranAt, ref } = await hourly();
    await h.caller().jobs.snooze({ ...ref, until: "2026-11-28T13:30:00.000Z" });
    await h.sim.runUntil("2026-11-28T14:10:00.000Z");
    await h.scheduler.stop();
    expect(ranAt()).toEqual(["2026-11-28T14:00:00.000Z"]);
    const skipped = (await history()).filter((run) => run.status === "skipped");
    expect(skipped.map((run) => [run.scheduledFor, run.skipReason])).toEqual([
      ["2026-11-28T11:00:00.000Z", "snoozed"],
      ["2026-11-28T12:00:00.000Z", "snoozed"],
      ["2026-11-28T13:00:00.000Z", "snoozed"],
    ]);
    expect(skipped[0]?.warnings).toEqual(["Snoozed until 2026-11-28T13:30:00.000Z by user-1."]);
  });

  it("undoing a skip runs the occurrence again", async () => {
    const { h, ranAt, ref } = await hourly();
    await h.caller().jobs.skipOccurrence({ ...ref, occurrence: "2026-11-28T11:00:00.000Z" });
    await h.caller().jobs.clearOverride({ ...ref, occurrence: "2026-11-28T11:00:00.000Z" });
    await h.sim.runUntil("2026-11-28T11:10:00.000Z");
    await h.scheduler.stop();
    expect(ranAt()).toEqual(["2026-11-28T11:00:00.000Z"]);
  });
});

describe("resume with a choice (in-process scheduler, simulated clock)", () => {
  async function pausedThroughThree() {
    const t = await hourly();
    await t.h.caller().jobs.pause(t.ref);
    await t.h.sim.runUntil("2026-11-28T13:20:00.000Z");
    return t;
  }

  it("counts what the paused job missed", async () => {
    const { h, ref } = await pausedThroughThree();
    expect(await h.caller().jobs.missedRuns(ref)).toEqual({ count: 3, beyond: false, since: "2026-11-28T10:00:00.000Z", latest: "2026-11-28T13:00:00.000Z" });
    await h.scheduler.stop();
  });

  it("runOnce runs the latest missed occurrence now, then the schedule goes on", async () => {
    const { h, ranAt, ref } = await pausedThroughThree();
    await h.caller().jobs.resume({ ...ref, missed: "runOnce" });
    await h.sim.runUntil("2026-11-28T14:10:00.000Z");
    await h.scheduler.stop();
    expect(ranAt()).toEqual(["2026-11-28T13:00:00.000Z", "2026-11-28T14:00:00.000Z"]);
    expect(h.exec.calls[0]?.at).toBe(Date.parse("2026-11-28T13:20:00.000Z"));
  });

  it("skip runs nothing missed and records one skipped run saying how many and who", async () => {
    const { h, history, ranAt, ref } = await pausedThroughThree();
    await h.caller().jobs.resume({ ...ref, missed: "skip" });
    await h.sim.runUntil("2026-11-28T14:10:00.000Z");
    await h.scheduler.stop();
    expect(ranAt()).toEqual(["2026-11-28T14:00:00.000Z"]);
    const skipped = (await history()).filter((run) => run.status === "skipped");
    expect(skipped).toEqual([
      expect.objectContaining({ scheduledFor: "2026-11-28T13:00:00.000Z", skipReason: "missed", warnings: ["3 runs missed while paused (since 2026-11-28T10:00:00.000Z) were skipped by user-1."] }),
    ]);
  });

  it("with nothing missed, resume just resumes", async () => {
    const { h, history, ranAt, ref } = await hourly();
    await h.caller().jobs.pause(ref);
    await h.sim.runUntil("2026-11-28T10:30:00.000Z");
    expect((await h.caller().jobs.missedRuns(ref)).count).toBe(0);
    const view = await h.caller().jobs.resume({ ...ref, missed: "runOnce" });
    expect(view.enabled).toBe(true);
    await h.sim.runUntil("2026-11-28T11:10:00.000Z");
    await h.scheduler.stop();
    expect(ranAt()).toEqual(["2026-11-28T11:00:00.000Z"]);
    expect((await history()).filter((run) => run.status === "skipped")).toEqual([]);
  });
});

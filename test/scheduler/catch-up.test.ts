import { describe, expect, it } from "vitest";
import type { MisfirePolicy, Run } from "../../src/shared/schemas";
import { schedulerHarness } from "./harness";

const at = (iso: string) => Date.parse(iso);

async function outage(misfire: MisfirePolicy) {
  const h = schedulerHarness({ start: "2026-11-28T10:00:00.000Z" });
  const job = await h.createJob("agent-1", {
    schedule: { cron: "*/15 * * * *", timezone: "UTC" },
    // "allow": the catch-up runs of one job may overlap, so every dispatched run executes (see the overlap tests).
    policy: { misfire, overlap: "allow" },
  });
  await h.scheduler.start();
  await h.sim.runUntil("2026-11-28T10:20:00.000Z");
  await h.scheduler.stop();
  // Three hours down: 10:30 … 13:15 (12 occurrences) are missed.
  await h.sim.runUntil("2026-11-28T13:16:00.000Z");
  const before = h.exec.calls.length;
  await h.scheduler.start();
  await h.scheduler.idle();
  const catchUp = h.exec.calls.slice(before);
  await h.sim.runUntil("2026-11-28T13:31:00.000Z");
  await h.scheduler.stop();
  const history = await h.store.listRuns("agent-1", { kind: "job", id: job.id }, { limit: 100 });
  return { h, job, calls: h.exec.calls, catchUp, history: history.items };
}

const scheduledFor = (runId: string) => runId.slice(runId.indexOf("@") + 1);

describe("catch-up on start after a 3-hour outage", () => {
  it("runOnce runs the latest missed occurrence once and says how many were missed", async () => {
    const { catchUp, calls, history } = await outage("runOnce");
    expect(catchUp.map((call) => [scheduledFor(call.idempotencyKey), call.at])).toEqual([["2026-11-28T13:15:00.000Z", at("2026-11-28T13:16:00.000Z")]]);
    expect(calls.map((call) => scheduledFor(call.idempotencyKey))).toEqual([
      "2026-11-28T10:15:00.000Z",
      "2026-11-28T13:15:00.000Z",
      "2026-11-28T13:30:00.000Z",
    ]);
    const caughtUp = history.find((run) => run.scheduledFor === "2026-11-28T13:15:00.000Z");
    expect(caughtUp).toMatchObject({ status: "succeeded", warnings: [expect.stringContaining("11 earlier runs were missed")] });
  });

  it("skip runs only what is within the 2-minute grace and records the rest as missed", async () => {
    const { catchUp, calls, history } = await outage("skip");
    expect(catchUp.map((call) => scheduledFor(call.idempotencyKey))).toEqual(["2026-11-28T13:15:00.000Z"]);
    expect(calls).toHaveLength(3);
    expect(history.filter((run) => run.status === "skipped")).toEqual([
      expect.objectContaining({ skipReason: "missed", scheduledFor: "2026-11-28T13:00:00.000Z", warnings: [expect.stringContaining("11 earlier runs were missed")] }),
    ]);
  });

  it("runAll runs the latest 10 missed occurrences, oldest first, at most `concurrency` at a time", async () => {
    const { catchUp, calls, history } = await outage("runAll");
    expect(catchUp.map((call) => scheduledFor(call.idempotencyKey))).toEqual([
      "2026-11-28T11:00:00.000Z",
      "2026-11-28T11:15:00.000Z",
      "2026-11-28T11:30:00.000Z",
      "2026-11-28T11:45:00.000Z",
      "2026-11-28T12:00:00.000Z",
      "2026-11-28T12:15:00.000Z",
      "2026-11-28T12:30:00.000Z",
      "2026-11-28T12:45:00.000Z",
      "2026-11-28T13:00:00.000Z",
      "2026-11-28T13:15:00.000Z",
    ]);
    expect(catchUp.every((call) => call.at === at("2026-11-28T13:16:00.000Z"))).toBe(true);
    expect(calls).toHaveLength(12);
    expect(history.filter((run) => run.status === "skipped").map((run) => [run.skipReason, run.scheduledFor])).toEqual([["missed", "2026-11-28T10:45:00.000Z"]]);
  });
});

describe("runAll catch-up with overlap skip", () => {
  /** A job every 15 minutes, runAll + overlap skip, down from 10:20 to 13:16; `runMs`: how long each executor call takes. */
  async function outageWithSkip(runMs: number, until: string) {
    const h = schedulerHarness({ start: "2026-11-28T10:00:00.000Z" });
    const job = await h.createJob("agent-1", { schedule: { cron: "*/15 * * * *", timezone: "UTC" }, policy: { misfire: "runAll", overlap: "skip" } });
    let executing = 0;
    let mostAtOnce = 0;
    h.exec.behave(async () => {
      executing++;
      mostAtOnce = Math.max(mostAtOnce, executing);
      await new Promise<void>((resolve) => h.sim.timers.setTimeout(resolve, runMs));
      executing--;
    });
    await h.scheduler.start();
    await h.sim.runUntil("2026-11-28T10:20:00.000Z");
    await h.scheduler.stop();
    await h.sim.runUntil("2026-11-28T13:16:00.000Z");
    const before = h.exec.calls.length;
    await h.scheduler.start();
    await h.sim.runUntil(until);
    await h.scheduler.idle();
    await h.scheduler.stop();
    const history = await h.store.listRuns("agent-1", { kind: "job", id: job.id }, { limit: 100 });
    const outcome = (run: Run) => [run.scheduledFor?.slice(11, 16), run.status, run.skipReason];
    const byOccurrence = [...history.items].sort((a, b) => (a.scheduledFor ?? "").localeCompare(b.scheduledFor ?? ""));
    return { catchUp: h.exec.calls.slice(before), mostAtOnce, runs: byOccurrence.map(outcome) };
  }

  const caughtUp = ["11:00", "11:15", "11:30", "11:45", "12:00", "12:15", "12:30", "12:45", "13:00", "13:15"];

  it("runs the 10 caught-up occurrences one after another with a fast executor: 10 succeeded, none skipped as overlap", async () => {
    // One second per call: quick, yet long enough that runs started side by side would be seen executing together.
    const { catchUp, mostAtOnce, runs } = await outageWithSkip(1000, "2026-11-28T13:17:00.000Z");
    expect(catchUp.map((call) => scheduledFor(call.idempotencyKey).slice(11, 16))).toEqual(caughtUp);
    expect(mostAtOnce).toBe(1);
    expect(runs).toEqual([
      ["10:15", "succeeded", undefined],
      ["10:45", "skipped", "missed"],
      ...caughtUp.map((time) => [time, "succeeded", undefined]),
    ]);
  });

  it("still skips an occurrence that comes due while a caught-up run is executing", async () => {
    // Each call takes 3 minutes: the catch-up runs 13:16–13:46, so 13:30 (during 13:28–13:31) and 13:45
    // (during 13:43–13:46) come due while a run executes, and are skipped; the caught-up ones all run.
    const { catchUp, mostAtOnce, runs } = await outageWithSkip(3 * 60_000, "2026-11-28T13:50:00.000Z");
    expect(catchUp.map((call) => [scheduledFor(call.idempotencyKey).slice(11, 16), new Date(call.at).toISOString().slice(11, 16)])).toEqual(
      caughtUp.map((time, i) => [time, new Date(at("2026-11-28T13:16:00.000Z") + i * 3 * 60_000).toISOString().slice(11, 16)]),
    );
    expect(mostAtOnce).toBe(1);
    expect(runs.filter(([, status]) => status === "skipped")).toEqual([
      ["10:45", "skipped", "missed"],
      ["13:30", "skipped", "overlap"],
      ["13:45", "skipped", "overlap"],
    ]);
    expect(runs.filter(([, status]) => status === "succeeded")).toHaveLength(11);
  });
});

import { describe, expect, it } from "vitest";
import type { MisfirePolicy } from "../../src/shared/schemas";
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

import { describe, expect, it } from "vitest";
import { createInProcessScheduler } from "../../src/server/scheduler";
import { schedulerHarness } from "./harness";

const START = "2026-11-28T10:00:00.000Z";

describe("two schedulers recovering the same queued run", () => {
  it("execute it once when they start at the same moment", async () => {
    const h = schedulerHarness({ start: START });
    const job = await h.createJob("agent-1", { schedule: { cron: "0 9 * * *", timezone: "UTC" } });
    // Left queued by a process that stopped.
    await h.store.appendRun({
      id: "run_leftover01",
      agentId: "agent-1",
      owner: { kind: "job", id: job.id },
      cause: "manual",
      createdAt: START,
      scheduledFor: START,
      status: "queued",
      attempts: 0,
    });
    const other = createInProcessScheduler(h.planner.deps, { timers: h.sim.timers });
    await Promise.all([h.scheduler.start(), other.start()]);
    await Promise.all([h.scheduler.idle(), other.idle()]);
    expect(h.exec.calls.map((call) => call.idempotencyKey)).toEqual(["run_leftover01"]);
    expect(await h.store.getRun("agent-1", "run_leftover01")).toMatchObject({ status: "succeeded", attempts: 1 });
    await Promise.all([h.scheduler.stop(), other.stop()]);
  });
});

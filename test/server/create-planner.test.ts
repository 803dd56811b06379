import { describe, expect, it } from "vitest";
import { createPlanner } from "../../src/server/planner";
import type { PlannerOptions } from "../../src/server/options";
import { memoryStore } from "../../src/server/store";

const base: PlannerOptions = { store: memoryStore(), auth: () => null, canAccessAgent: () => false };

describe("createPlanner", () => {
  it("names what is missing", () => {
    expect(() => createPlanner({ ...base, store: undefined as never })).toThrow(
      "createPlanner: `store` is required (a PlannerStore such as fileStore({ dir }) or memoryStore()).",
    );
    expect(() => createPlanner({ ...base, auth: undefined as never })).toThrow("createPlanner: `auth` is required");
    expect(() => createPlanner({ ...base, canAccessAgent: undefined as never })).toThrow("createPlanner: `canAccessAgent` is required");
    expect(() => createPlanner({ ...base, store: { get() {} } as never })).toThrow("`store` is not a PlannerStore (missing update, getJob, getTrigger, dueJobs, claimOccurrence");
    expect(() => createPlanner({ ...base, executors: { startChat: () => Promise.resolve({ threadId: "t" }) } as never })).toThrow(
      "createPlanner: `executors.runWorkflow` is required",
    );
    expect(() => createPlanner({ ...base, limits: { runHistory: 0 } })).toThrow("`limits.runHistory` must be a positive whole number, got 0.");
  });

  it("fills defaults", () => {
    const planner = createPlanner(base);
    expect(planner.deps.limits).toEqual({
      minIntervalMinutes: 1,
      maxJobsPerAgent: 100,
      maxTriggersPerAgent: 100,
      runHistory: 50,
      maxRenderedMessageBytes: 32_768,
      maxStoredInputBytes: 32_768,
      maxQueuedEventBytes: 262_144,
      misfireGraceMs: 120_000,
      runAllMaxRuns: 10,
      autoPauseAfter: 5,
      executorTimeoutMs: 120_000,
      completionTimeoutMs: 1_800_000,
    });
    expect(planner.deps.clock()).toBeInstanceOf(Date);
  });

  it("checks the engine limits and names the one that is wrong", () => {
    expect(() => createPlanner({ ...base, limits: { autoPauseAfter: 0 } })).toThrow("createPlanner: `limits.autoPauseAfter` must be a positive whole number, got 0.");
    expect(() => createPlanner({ ...base, limits: { runAllMaxRuns: 2.5 } })).toThrow("`limits.runAllMaxRuns` must be a positive whole number, got 2.5.");
    expect(() => createPlanner({ ...base, limits: { maxRenderedMessageBytes: 100 } })).toThrow(
      "createPlanner: `limits.maxRenderedMessageBytes` must be from 1,024 to 16,777,216 bytes, got 100.",
    );
    expect(() => createPlanner({ ...base, limits: { misfireGraceMs: -1 } })).toThrow("`limits.misfireGraceMs` must be a positive whole number, got -1.");
    expect(() => createPlanner({ ...base, limits: { runHistroy: 5 } as never })).toThrow(
      "createPlanner: `limits.runHistroy` is not a planner limit (known: minIntervalMinutes, maxJobsPerAgent,",
    );
    expect(createPlanner({ ...base, limits: { autoPauseAfter: 2, misfireGraceMs: 60_000 } }).deps.limits).toMatchObject({ autoPauseAfter: 2, misfireGraceMs: 60_000, runAllMaxRuns: 10 });
  });
});

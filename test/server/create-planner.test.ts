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
    expect(() => createPlanner({ ...base, store: { get() {} } as never })).toThrow("`store` is not a PlannerStore (missing update, dueJobs");
    expect(() => createPlanner({ ...base, executors: { startChat: () => Promise.resolve({ threadId: "t" }) } as never })).toThrow(
      "createPlanner: `executors.runWorkflow` is required",
    );
    expect(() => createPlanner({ ...base, limits: { runHistory: 0 } })).toThrow("`limits.runHistory` must be a positive whole number, got 0.");
  });

  it("fills defaults", () => {
    const planner = createPlanner(base);
    expect(planner.deps.limits).toEqual({ minIntervalMinutes: 1, maxJobsPerAgent: 100, maxTriggersPerAgent: 100, runHistory: 50 });
    expect(planner.deps.clock()).toBeInstanceOf(Date);
  });
});

import { createPlanner } from "../../src/server/planner";
import type { PlannerOptions } from "../../src/server/options";
import { memoryStore } from "../../src/server/store";
import { createCallerFactory } from "../../src/server/trpc";
import { createContextInner } from "../../src/server/context";
import { plannerRouter } from "../../src/server/router";

/** A clock the test moves by hand. */
export function fakeClock(start: string) {
  let now = new Date(start);
  return {
    now: () => new Date(now),
    set(iso: string) {
      now = new Date(iso);
    },
    advance(ms: number) {
      now = new Date(now.getTime() + ms);
    },
  };
}

/** Agents "agent-1" and "agent-2" belong to "user-1"; "agent-other" to "user-2". */
export const OWNERS: Record<string, string> = { "agent-1": "user-1", "agent-2": "user-1", "agent-other": "user-2" };

export function testPlanner(overrides: Partial<PlannerOptions> = {}, start = "2026-11-28T10:00:00.000Z") {
  const clock = fakeClock(start);
  const store = overrides.store ?? memoryStore();
  const planner = createPlanner({
    store,
    auth: (req) => {
      const user = req.headers.get("x-user");
      return user ? { userId: user } : null;
    },
    canAccessAgent: (userId, agentId) => OWNERS[agentId] === userId,
    catalog: {
      workflows: (agentId) => Promise.resolve(agentId === "agent-1" ? [{ id: "wf_triage", name: "Triage" }] : []),
      agent: (agentId) => Promise.resolve({ name: agentId === "agent-1" ? "Ada" : "Other" }),
    },
    clock: clock.now,
    ...overrides,
  });
  const createCaller = createCallerFactory(plannerRouter);
  return {
    planner,
    store,
    clock,
    caller: (userId: string | null = "user-1") => createCaller(createContextInner(planner.deps, userId ? { userId } : null)),
  };
}

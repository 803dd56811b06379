/** `createPlannerCaller`: the API for server actions and scripts, without HTTP, with the same access checks. */
import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { createPlannerCaller, PlannerConfigError } from "../../src/server";
import { testPlanner } from "../helpers/planner";

const job = {
  agentId: "agent-1",
  name: "Morning brief",
  schedule: { cron: "0 7 * * 1-5", timezone: "Europe/Paris" },
  action: { type: "chat" as const, template: "Good morning!" },
};

describe("createPlannerCaller", () => {
  it("calls the procedures as the user, typed, without HTTP", async () => {
    const { planner } = testPlanner();
    const caller = createPlannerCaller(planner, { userId: "user-1" });
    const created = await caller.jobs.create(job);
    const names: string[] = (await caller.jobs.list({ agentId: "agent-1" })).map((listed) => listed.name);
    expect(names).toEqual(["Morning brief"]);
    expect((await caller.jobs.pause({ agentId: "agent-1", jobId: created.id })).status).toBe("paused");
  });

  it("checks canAccessAgent per agent, like the HTTP route", async () => {
    const { planner } = testPlanner();
    const stranger = createPlannerCaller(planner, { userId: "user-2" });
    const refused = await stranger.jobs.list({ agentId: "agent-1" }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(TRPCError);
    expect((refused as TRPCError).code).toBe("FORBIDDEN");
    await expect(stranger.jobs.create(job)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await planner.deps.store.get("agent-1")).jobs).toEqual([]);
  });

  it("requires a planner and a user id", () => {
    const { planner } = testPlanner();
    expect(() => createPlannerCaller(planner, { userId: "" })).toThrow(PlannerConfigError);
    expect(() => createPlannerCaller(planner, null as never)).toThrow("createPlannerCaller: `userId` is required");
    expect(() => createPlannerCaller(undefined as never, { userId: "user-1" })).toThrow("createPlannerCaller: `planner` is required");
  });
});

import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import type { Run } from "../../src/shared/schemas";
import { testPlanner } from "../helpers/planner";

const AGENT = "agent-1";
const BASE = Date.parse("2026-11-01T00:00:00.000Z");
const at = (n: number) => new Date(BASE + n * 60_000).toISOString();

describe("runs.strips: every card's last runs in one query", () => {
  it("answers the last 20 runs of each job and trigger, newest first, reduced to what a strip shows", async () => {
    const t = testPlanner();
    const caller = t.caller();
    const digest = await caller.jobs.create({ agentId: AGENT, name: "Digest", schedule: { cron: "0 9 * * *", timezone: "UTC" }, action: { type: "chat", template: "Hi" } });
    const quiet = await caller.jobs.create({ agentId: AGENT, name: "Quiet", schedule: { cron: "0 9 * * *", timezone: "UTC" }, action: { type: "chat", template: "Hi" } });
    for (let n = 1; n <= 25; n++) {
      const run: Run = {
        id: `run_strip${String(n).padStart(3, "0")}`,
        agentId: AGENT,
        owner: { kind: "job", id: digest.id },
        cause: "schedule",
        createdAt: at(n),
        scheduledFor: at(n),
        startedAt: at(n),
        finishedAt: at(n),
        status: n % 5 === 0 ? "failed" : "succeeded",
        attempts: 1,
        renderedMessage: "x".repeat(5000),
        ...(n % 5 === 0 ? { error: `Timed out (${n})` } : {}),
      };
      await t.store.appendRun(run);
    }
    const strips = await caller.runs.strips({ agentId: AGENT });
    expect(strips.map((strip) => strip.owner)).toEqual([
      { kind: "job", id: digest.id },
      { kind: "job", id: quiet.id },
    ]);
    const runs = strips[0]!.runs;
    expect(runs).toHaveLength(20);
    expect(runs[0]).toEqual({ id: "run_strip025", status: "failed", cause: "schedule", createdAt: at(25), startedAt: at(25), finishedAt: at(25), error: "Timed out (25)" });
    expect(runs.at(-1)!.id).toBe("run_strip006");
    // Nothing a strip does not show (the rendered message, the event) travels with it.
    expect(JSON.stringify(strips).length).toBeLessThan(5000);
    expect(strips[1]!.runs).toEqual([]);
  });

  it("refuses an agent the user cannot access, and a signed-out caller", async () => {
    const t = testPlanner();
    await expect(t.caller("someone-else").runs.strips({ agentId: AGENT })).rejects.toSatisfy((error) => error instanceof TRPCError && error.code === "FORBIDDEN");
    await expect(t.caller(null).runs.strips({ agentId: AGENT })).rejects.toSatisfy((error) => error instanceof TRPCError && error.code === "UNAUTHORIZED");
    await expect(t.caller().runs.strips({ agentId: "__proto__" })).rejects.toBeInstanceOf(TRPCError);
  });
});

import { InngestTestEngine } from "@inngest/test";
import type { InngestFunction } from "inngest";
import { describe, expect, it } from "vitest";
import { createPlannerFunctions } from "../../src/server/inngest";
import { plannerTools } from "../../src/server/tools";
import { PLANNER_EVENTS, type JobRunRequest } from "../../src/shared/events";
import { inngestHarness } from "./helpers";

type Harness = ReturnType<typeof inngestHarness>;

function plannerFunction(h: Harness, id: "planner-tick" | "planner-run-job"): InngestFunction.Any {
  const fn = createPlannerFunctions(h.planner).find((f) => f.id() === id);
  if (!fn) throw new Error(`no function ${id}`);
  return fn;
}

const cronEvent = { name: "inngest/scheduled.timer", data: { cron: "* * * * *" } };

async function tick(h: Harness) {
  return (await new InngestTestEngine({ function: plannerFunction(h, "planner-tick"), events: [cronEvent] }).execute()).result;
}

describe("proposals on the Inngest driver", () => {
  it("a proposed job is never dispatched by the tick; once approved it is, and runs for the user the agent talked to", async () => {
    const h = inngestHarness("2026-11-30T07:50:00.000Z");
    const tools = plannerTools({ planner: h.planner, agentId: "agent-1", userId: "user-1" });
    expect(await tools.proposeJob.execute({ name: "Hourly check", cron: "0 * * * *", timezone: "UTC", prompt: "Check at {time}" })).toMatchObject({ ok: true });

    for (const at of ["2026-11-30T08:00:30.000Z", "2026-11-30T09:00:30.000Z", "2026-12-01T09:00:30.000Z"]) {
      h.clock.set(at);
      expect(await tick(h)).toEqual({ due: 0, dispatched: 0, missed: 0 });
    }
    expect(h.api.sent).toEqual([]);

    const [proposal] = await h.caller().proposals.list({ agentId: "agent-1" });
    const job = await h.caller().proposals.approve({ agentId: "agent-1", proposalId: proposal!.id });
    expect(job.state.nextRunAt).toBe("2026-12-01T10:00:00.000Z");
    h.clock.set("2026-12-01T10:00:30.000Z");
    expect(await tick(h)).toEqual({ due: 1, dispatched: 1, missed: 0 });
    const sent = h.api.sent.map((event) => event.data as JobRunRequest);
    expect(sent).toEqual([expect.objectContaining({ jobId: job.id, scheduledFor: "2026-12-01T10:00:00.000Z" })]);

    const run = await new InngestTestEngine({ function: plannerFunction(h, "planner-run-job"), events: [{ name: PLANNER_EVENTS.jobDue, id: sent[0]!.runId, data: sent[0]! }] }).execute();
    expect(run.error).toBeUndefined();
    expect(h.exec.chats).toEqual([expect.objectContaining({ userId: "user-1", message: "Check at 10:00" })]);
  });
});

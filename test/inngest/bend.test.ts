import { InngestTestEngine } from "@inngest/test";
import type { InngestFunction } from "inngest";
import { describe, expect, it } from "vitest";
import { createPlannerFunctions } from "../../src/server/inngest";
import { PLANNER_EVENTS } from "../../src/shared/events";
import { inngestHarness } from "./helpers";

type Harness = ReturnType<typeof inngestHarness>;

const cronEvent = { name: "inngest/scheduled.timer", data: { cron: "* * * * *" } };

function fn(h: Harness, id: "planner-tick" | "planner-run-job"): InngestFunction.Any {
  const found = createPlannerFunctions(h.planner).find((f) => f.id() === id);
  if (!found) throw new Error(`no function ${id}`);
  return found;
}

/** Inngest's cron: one tick at every minute from now to `until` on the harness's clock. */
async function tickUntil(h: Harness, until: string) {
  for (let at = h.clock.now().getTime(); at <= Date.parse(until); at += 60_000) {
    h.clock.set(new Date(at).toISOString());
    const { error } = await new InngestTestEngine({ function: fn(h, "planner-tick"), events: [cronEvent] }).execute();
    expect(error).toBeUndefined();
  }
}

/** An hourly UTC job created at 10:00 on a planner driven by Inngest (simulated clock, fake event API). */
async function hourly() {
  const h = inngestHarness("2026-11-28T10:00:00.000Z");
  const job = await h.createJob({ name: "Hourly", schedule: { cron: "0 * * * *", timezone: "UTC" } });
  const sentFor = () => h.api.sent.filter((e) => e.name === PLANNER_EVENTS.jobDue).map((e) => e.id?.slice(e.id.indexOf("@") + 1));
  const skipped = async () =>
    (await h.store.listRuns("agent-1", { kind: "job", id: job.id }, { limit: 100 })).items.filter((run) => run.status === "skipped").map((run) => [run.scheduledFor, run.skipReason, run.warnings?.[0]]);
  return { h, job, sentFor, skipped, ref: { agentId: "agent-1", jobId: job.id } };
}

describe("bending one run (Inngest driver, simulated clock)", () => {
  it("sends no event for a skipped occurrence and records it as skipped by the user", async () => {
    const { h, sentFor, skipped, ref } = await hourly();
    await h.caller().jobs.skipOccurrence({ ...ref, occurrence: "2026-11-28T11:00:00.000Z" });
    await tickUntil(h, "2026-11-28T12:01:00.000Z");
    expect(sentFor()).toEqual(["2026-11-28T12:00:00.000Z"]);
    expect(await skipped()).toEqual([["2026-11-28T11:00:00.000Z", "skipped", "Skipped by user-1."]]);
  });

  it("sends a moved occurrence at its new time once, and records the old time as moved", async () => {
    const { h, sentFor, skipped, ref } = await hourly();
    await h.caller().jobs.moveOccurrence({ ...ref, occurrence: "2026-11-28T11:00:00.000Z", to: "2026-11-28T11:25:00.000Z" });
    await tickUntil(h, "2026-11-28T11:24:00.000Z");
    expect(sentFor()).toEqual([]);
    await tickUntil(h, "2026-11-28T12:00:00.000Z");
    expect(sentFor()).toEqual(["2026-11-28T11:25:00.000Z", "2026-11-28T12:00:00.000Z"]);
    expect(await skipped()).toEqual([["2026-11-28T11:00:00.000Z", "moved", "Moved to 2026-11-28T11:25:00.000Z by user-1."]]);

    // The run function executes the moved run like any scheduled one.
    const moved = h.api.sent.find((e) => e.id?.endsWith("@2026-11-28T11:25:00.000Z"));
    const { error } = await new InngestTestEngine({ function: fn(h, "planner-run-job"), events: [{ name: PLANNER_EVENTS.jobDue, id: moved!.id!, data: moved!.data }] }).execute();
    expect(error).toBeUndefined();
    expect(h.exec.chats.map((chat) => chat.idempotencyKey)).toEqual([moved!.id]);
    expect(await h.store.getRun("agent-1", moved!.id!)).toMatchObject({ status: "succeeded", scheduledFor: "2026-11-28T11:25:00.000Z" });
  });

  it("sends nothing while snoozed and records each snoozed occurrence", async () => {
    const { h, sentFor, skipped, ref } = await hourly();
    await h.caller().jobs.snooze({ ...ref, until: "2026-11-28T12:30:00.000Z" });
    await tickUntil(h, "2026-11-28T13:00:00.000Z");
    expect(sentFor()).toEqual(["2026-11-28T13:00:00.000Z"]);
    expect((await skipped()).map(([at, reason]) => [at, reason])).toEqual([
      ["2026-11-28T12:00:00.000Z", "snoozed"],
      ["2026-11-28T11:00:00.000Z", "snoozed"],
    ]);
  });
});

describe("resume with a choice (Inngest driver, simulated clock)", () => {
  async function pausedThroughTwo() {
    const t = await hourly();
    await t.h.caller().jobs.pause(t.ref);
    await tickUntil(t.h, "2026-11-28T12:20:00.000Z");
    expect(t.sentFor()).toEqual([]);
    return t;
  }

  it("runOnce sends the latest missed occurrence now", async () => {
    const { h, sentFor, ref } = await pausedThroughTwo();
    expect(await h.caller().jobs.missedRuns(ref)).toMatchObject({ count: 2, latest: "2026-11-28T12:00:00.000Z" });
    await h.caller().jobs.resume({ ...ref, missed: "runOnce" });
    expect(sentFor()).toEqual(["2026-11-28T12:00:00.000Z"]);
    await tickUntil(h, "2026-11-28T13:00:00.000Z");
    expect(sentFor()).toEqual(["2026-11-28T12:00:00.000Z", "2026-11-28T13:00:00.000Z"]);
  });

  it("skip sends nothing for the missed ones and records them as skipped", async () => {
    const { h, sentFor, skipped, ref } = await pausedThroughTwo();
    await h.caller().jobs.resume({ ...ref, missed: "skip" });
    await tickUntil(h, "2026-11-28T13:00:00.000Z");
    expect(sentFor()).toEqual(["2026-11-28T13:00:00.000Z"]);
    expect(await skipped()).toEqual([["2026-11-28T12:00:00.000Z", "missed", "2 runs missed while paused (since 2026-11-28T10:00:00.000Z) were skipped by user-1."]]);
  });
});

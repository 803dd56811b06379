import { InngestTestEngine } from "@inngest/test";
import type { InngestFunction } from "inngest";
import { describe, expect, it } from "vitest";
import { createPlannerFunctions } from "../../src/server/inngest";
import { jitterOffsetMs } from "../../src/shared/cron";
import { PLANNER_EVENTS } from "../../src/shared/events";
import type { CreateJobInput } from "../../src/shared/schemas";
import { inngestHarness } from "./helpers";

/**
 * One-time runs, start and end dates, run limits and jitter on the Inngest driver, on a simulated clock: Inngest's
 * cron tick fires at each whole minute (only the minutes where a job is due are played), and every
 * `planner/job.due` it sends runs `planner-run-job`.
 */

type Harness = ReturnType<typeof inngestHarness>;
const cronEvent = { name: "inngest/scheduled.timer", data: { cron: "* * * * *" } };
const MINUTE = 60_000;

function plannerFunction(h: Harness, id: "planner-tick" | "planner-run-job"): InngestFunction.Any {
  const fn = createPlannerFunctions(h.planner).find((f) => f.id() === id);
  if (!fn) throw new Error(`no function ${id}`);
  return fn;
}

/** Plays Inngest until `until`: a tick at the first whole minute after each due job, then the runs it sent. */
async function playUntil(h: Harness, until: string) {
  const end = Date.parse(until);
  const tick = plannerFunction(h, "planner-tick");
  const runJob = plannerFunction(h, "planner-run-job");
  let handled = 0;
  const sleeps: string[] = [];
  for (let guard = 0; guard < 500; guard++) {
    const due = await h.store.nextDueAt();
    if (!due || due.getTime() > end) break;
    h.clock.set(new Date(Math.ceil(due.getTime() / MINUTE) * MINUTE).toISOString());
    const ticked = await new InngestTestEngine({ function: tick, events: [cronEvent] }).execute();
    expect(ticked.error).toBeUndefined();
    for (const event of h.api.sent.slice(handled)) {
      handled++;
      if (event.name !== PLANNER_EVENTS.jobDue) continue;
      const run = new InngestTestEngine({
        function: runJob,
        events: [{ name: event.name, id: event.id, data: event.data }],
        steps: [{ id: "jitter", handler: () => void sleeps.push(String(event.id)) }],
      });
      const { error } = await run.execute();
      expect(error).toBeUndefined();
    }
  }
  h.clock.set(until);
  return { sleeps };
}

async function runsOf(h: Harness, jobId: string) {
  const runs = await h.store.listRuns("agent-1", { kind: "job", id: jobId }, { limit: 100 });
  return runs.items.slice().reverse();
}

function job(h: Harness, schedule: CreateJobInput["schedule"]) {
  return h.createJob({ name: `Job ${Math.random().toString(36).slice(2, 8)}`, schedule });
}

describe("one-time jobs on Inngest", () => {
  it("runs once at its instant, then the job has ended and later ticks send nothing", async () => {
    const h = inngestHarness("2026-12-20T08:00:00.000Z");
    const once = await job(h, { cron: "0 9 * * *", timezone: "Europe/Paris", kind: "once", at: "2026-12-24T09:00" });
    await playUntil(h, "2026-12-26T00:00:00.000Z");
    expect(h.api.sent.map((e) => e.id)).toEqual([`${once.id}@2026-12-24T08:00:00.000Z`]);
    const runs = await runsOf(h, once.id);
    expect(runs.map((r) => [r.status, r.startedAt])).toEqual([["succeeded", "2026-12-24T08:00:00.000Z"]]);
    const view = await h.caller().jobs.byId({ agentId: "agent-1", jobId: once.id });
    expect(view).toMatchObject({ enabled: true, ended: true });
    expect(view.state.nextRunAt).toBeUndefined();

    // A tick a year later (the cron names 24 Dec) sends nothing.
    h.clock.set("2027-12-24T08:00:30.000Z");
    const later = await new InngestTestEngine({ function: plannerFunction(h, "planner-tick"), events: [cronEvent] }).execute();
    expect(later.result).toEqual({ due: 0, dispatched: 0, missed: 0 });
    expect(h.api.sent).toHaveLength(1);
  });

  it('"in 2 hours" runs at the first tick after the resolved instant', async () => {
    const h = inngestHarness("2026-12-01T10:17:00.000Z");
    const once = await job(h, { cron: "* * * * *", timezone: "UTC", kind: "once", in: { amount: 2, unit: "hours" } });
    expect(once.schedule.at).toBe("2026-12-01T12:17:00.000Z");
    await playUntil(h, "2026-12-02T00:00:00.000Z");
    expect((await runsOf(h, once.id)).map((r) => r.startedAt)).toEqual(["2026-12-01T12:17:00.000Z"]);
  });
});

describe("start date, end date and run limit on Inngest", () => {
  it("sends nothing before the start or after the end", async () => {
    const h = inngestHarness("2026-12-01T00:00:00.000Z");
    const daily = await job(h, { cron: "0 9 * * *", timezone: "UTC", startAt: "2026-12-03", endAt: "2026-12-05" });
    await playUntil(h, "2026-12-10T00:00:00.000Z");
    expect((await runsOf(h, daily.id)).map((r) => r.scheduledFor)).toEqual(["2026-12-03T09:00:00.000Z", "2026-12-04T09:00:00.000Z", "2026-12-05T09:00:00.000Z"]);
    expect((await h.caller().jobs.byId({ agentId: "agent-1", jobId: daily.id })).ended).toBe(true);
  });

  it("stops after the run limit", async () => {
    const h = inngestHarness("2026-12-01T00:00:00.000Z");
    const limited = await job(h, { cron: "0 */6 * * *", timezone: "UTC", maxRuns: 4 });
    await playUntil(h, "2026-12-05T00:00:00.000Z");
    expect((await runsOf(h, limited.id)).map((r) => r.scheduledFor)).toEqual([
      "2026-12-01T06:00:00.000Z",
      "2026-12-01T12:00:00.000Z",
      "2026-12-01T18:00:00.000Z",
      "2026-12-02T00:00:00.000Z",
    ]);
    expect((await h.caller().jobs.byId({ agentId: "agent-1", jobId: limited.id })).ended).toBe(true);
  });
});

describe("jitter on Inngest", () => {
  it("sends each occurrence at the first tick after its jittered due time, with notBefore, and the run sleeps until it", async () => {
    const h = inngestHarness("2026-12-01T00:00:00.000Z");
    const jittered = await job(h, { cron: "0 * * * *", timezone: "UTC", jitterMinutes: 15 });
    const { sleeps } = await playUntil(h, "2026-12-01T12:00:00.000Z");
    const runs = await runsOf(h, jittered.id);
    // 00:00 … 11:00: the 00:00 occurrence was due (jittered) after the save.
    expect(runs).toHaveLength(12);
    for (const run of runs) {
      const occurrence = Date.parse(run.scheduledFor!);
      const due = occurrence + jitterOffsetMs(jittered.id, new Date(occurrence), 15 * MINUTE);
      const started = Date.parse(run.startedAt!);
      // Never before its due time; at Inngest's next minute tick at the latest.
      expect(started).toBeGreaterThanOrEqual(due);
      expect(started - due).toBeLessThan(MINUTE);
      expect(run.id).toBe(`${jittered.id}@${run.scheduledFor}`);
    }
    const sent = h.api.sent.filter((e) => e.name === PLANNER_EVENTS.jobDue);
    for (const event of sent) {
      const data = event.data as { scheduledFor: string; notBefore?: string };
      const offset = jitterOffsetMs(jittered.id, new Date(data.scheduledFor), 15 * MINUTE);
      expect(data.notBefore).toBe(offset > 0 ? new Date(Date.parse(data.scheduledFor) + offset).toISOString() : undefined);
    }
    // Each run with a delay passed through the durable sleep.
    expect(sleeps.length).toBe(sent.filter((e) => (e.data as { notBefore?: string }).notBefore).length);
    expect(new Set(runs.map((r) => Date.parse(r.startedAt!) - Date.parse(r.scheduledFor!))).size).toBeGreaterThan(5);
  });
});

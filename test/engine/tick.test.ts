import { describe, expect, it } from "vitest";
import { tick } from "../../src/server/engine";
import { engineHarness, recordingDispatcher } from "./harness";

const every15 = { cron: "*/15 * * * *", timezone: "UTC" };

describe("tick after a 3-hour outage", () => {
  // The job was due at 09:00; the scheduler comes back at 12:01. Occurrences 09:00 … 12:00 = 13.
  async function outage(misfire: "runOnce" | "skip" | "runAll", resumeAt = "2026-11-30T12:01:00.000Z") {
    const h = engineHarness("2026-11-30T08:50:00.000Z");
    const job = await h.createJob({ schedule: every15, policy: { misfire, overlap: "skip" } });
    expect(job.state.nextRunAt).toBe("2026-11-30T09:00:00.000Z");
    h.clock.set(resumeAt);
    const { dispatcher, jobs } = recordingDispatcher();
    const result = await tick(h.planner.deps, dispatcher, h.clock.now());
    const stored = (await h.store.get("agent-1")).jobs[0];
    const history = await h.store.listRuns("agent-1", { kind: "job", id: job.id }, { limit: 100 });
    return { job, result, jobs, stored, history };
  }

  it("runOnce dispatches the latest occurrence and counts the other 12 as missed", async () => {
    const { job, result, jobs, stored } = await outage("runOnce");
    expect(result).toEqual({ due: 1, dispatched: 1, missed: 12 });
    expect(jobs).toEqual([
      {
        runId: `${job.id}@2026-11-30T12:00:00.000Z`,
        agentId: "agent-1",
        jobId: job.id,
        cause: "schedule",
        scheduledFor: "2026-11-30T12:00:00.000Z",
        scheduleRevision: 1,
        missedOccurrences: 12,
      },
    ]);
    expect(stored?.state.nextRunAt).toBe("2026-11-30T12:15:00.000Z");
  });

  it("skip dispatches only occurrences within the 2-minute grace and records the rest as one skipped run", async () => {
    const { job, result, jobs, history } = await outage("skip");
    expect(result).toEqual({ due: 1, dispatched: 1, missed: 12 });
    expect(jobs.map((r) => r.scheduledFor)).toEqual(["2026-11-30T12:00:00.000Z"]);
    expect(history.items).toHaveLength(1);
    expect(history.items[0]).toMatchObject({
      id: `${job.id}@2026-11-30T11:45:00.000Z`,
      status: "skipped",
      skipReason: "missed",
      warnings: ["12 earlier runs were missed between 2026-11-30T09:00:00.000Z and 2026-11-30T11:45:00.000Z while the scheduler was not running."],
    });
  });

  it("skip dispatches nothing when even the latest occurrence is older than the grace", async () => {
    const { result, jobs, stored } = await outage("skip", "2026-11-30T12:05:00.000Z");
    expect(result).toEqual({ due: 1, dispatched: 0, missed: 13 });
    expect(jobs).toEqual([]);
    expect(stored?.state.nextRunAt).toBe("2026-11-30T12:15:00.000Z");
  });

  it("runAll dispatches the latest 10 occurrences, oldest first, and records the 3 older ones as missed", async () => {
    const { result, jobs, history } = await outage("runAll");
    expect(result).toEqual({ due: 1, dispatched: 10, missed: 3 });
    expect(jobs.map((r) => r.scheduledFor.slice(11, 16))).toEqual([
      "09:45", "10:00", "10:15", "10:30", "10:45", "11:00", "11:15", "11:30", "11:45", "12:00",
    ]);
    expect(history.items.map((r) => [r.scheduledFor, r.skipReason])).toEqual([["2026-11-30T09:30:00.000Z", "missed"]]);
  });
});

describe("tick across DST transitions (America/New_York)", () => {
  async function minuteByMinute(cron: string, from: string, to: string) {
    const h = engineHarness(from);
    await h.createJob({ schedule: { cron, timezone: "America/New_York" } });
    const { dispatcher, jobs } = recordingDispatcher();
    for (let t = Date.parse(from); t <= Date.parse(to); t += 60_000) {
      h.clock.set(new Date(t).toISOString());
      await tick(h.planner.deps, dispatcher, h.clock.now());
    }
    return jobs.map((r) => r.scheduledFor);
  }

  it("runs a 02:30 job exactly once on the spring-forward day, at 03:00 EDT", async () => {
    // 8 March 2026: 02:00 EST jumps to 03:00 EDT. 02:30 does not exist.
    expect(await minuteByMinute("30 2 * * *", "2026-03-08T05:00:00.000Z", "2026-03-08T09:00:00.000Z")).toEqual(["2026-03-08T07:00:00.000Z"]);
  });

  it("runs a 01:30 job exactly once on the fall-back day, at its first occurrence (EDT)", async () => {
    // 1 November 2026: 01:00–02:00 happens twice. 01:30 EDT = 05:30Z, 01:30 EST = 06:30Z.
    expect(await minuteByMinute("30 1 * * *", "2026-11-01T04:00:00.000Z", "2026-11-01T08:00:00.000Z")).toEqual(["2026-11-01T05:30:00.000Z"]);
  });
});

describe("tick and the job's state", () => {
  it("ignores paused jobs and jobs not yet due, and a second tick dispatches nothing new", async () => {
    const h = engineHarness("2026-11-30T08:50:00.000Z");
    const due = await h.createJob({ schedule: every15 });
    const paused = await h.createJob({ schedule: every15 });
    await h.caller().jobs.pause({ agentId: "agent-1", jobId: paused.id });
    await h.createJob({ schedule: { cron: "0 18 * * *", timezone: "UTC" } });
    h.clock.set("2026-11-30T09:00:30.000Z");
    const { dispatcher, jobs } = recordingDispatcher();
    expect(await tick(h.planner.deps, dispatcher, h.clock.now())).toEqual({ due: 1, dispatched: 1, missed: 0 });
    expect(await tick(h.planner.deps, dispatcher, h.clock.now())).toEqual({ due: 0, dispatched: 0, missed: 0 });
    expect(jobs.map((r) => r.jobId)).toEqual([due.id]);
  });

  it("keeps going when one dispatch fails, and retries that job on the next tick", async () => {
    const h = engineHarness("2026-11-30T08:50:00.000Z");
    const a = await h.createJob({ schedule: every15 });
    const b = await h.createJob({ schedule: every15 });
    h.clock.set("2026-11-30T09:00:10.000Z");
    const sent: string[] = [];
    let failFor: string | null = a.id;
    const flaky = {
      dispatchJob: (r: { jobId: string; runId: string }) => {
        if (r.jobId === failFor) return Promise.reject(new Error("queue unavailable"));
        sent.push(r.runId);
        return Promise.resolve();
      },
      dispatchTrigger: () => Promise.resolve(),
      dispatchStored: () => Promise.resolve(),
    };
    expect(await tick(h.planner.deps, flaky, h.clock.now())).toEqual({ due: 1, dispatched: 1, missed: 0 });
    expect(sent).toEqual([`${b.id}@2026-11-30T09:00:00.000Z`]);
    // Dispatch before advance: a's nextRunAt did not move, so the next tick dispatches it.
    failFor = null;
    h.clock.set("2026-11-30T09:01:00.000Z");
    await tick(h.planner.deps, flaky, h.clock.now());
    expect(sent).toEqual([`${b.id}@2026-11-30T09:00:00.000Z`, `${a.id}@2026-11-30T09:00:00.000Z`]);
  });
});

describe("tick with a stored schedule that no longer computes", () => {
  it("pauses the job with a reason instead of failing every tick", async () => {
    const h = engineHarness("2026-11-30T08:50:00.000Z");
    const job = await h.createJob({ schedule: every15 });
    // As if the runtime's timezone data dropped the zone since the job was saved.
    await h.store.update("agent-1", (p) => ({ ...p, jobs: p.jobs.map((j) => ({ ...j, schedule: { ...j.schedule, timezone: "Atlantis/Lost" } })) }));
    h.clock.set("2026-11-30T09:00:10.000Z");
    const { dispatcher, jobs } = recordingDispatcher();
    expect(await tick(h.planner.deps, dispatcher, h.clock.now())).toEqual({ due: 1, dispatched: 0, missed: 0 });
    expect(jobs).toEqual([]);
    const stored = await h.caller().jobs.byId({ agentId: "agent-1", jobId: job.id });
    expect(stored.status).toBe("paused");
    expect(stored.state.nextRunAt).toBeUndefined();
    expect(stored.state.pausedReason).toMatch(/^Paused: the schedule can no longer be computed \(.*Atlantis\/Lost.*\)\. Edit the schedule, then resume\.$/);
  });
});

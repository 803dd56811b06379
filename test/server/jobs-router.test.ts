import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { describeSchedule } from "../../src/shared/cron";
import type { Run } from "../../src/shared/schemas";
import { testPlanner } from "../helpers/planner";

const weekly = {
  agentId: "agent-1",
  name: "Weekly digest",
  schedule: { cron: "0 9 * * 1", timezone: "Europe/Paris" },
  action: { type: "chat" as const, template: "Summarise last week for {agentName}." },
};

async function rejection(promise: Promise<unknown>): Promise<TRPCError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCError) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

describe("jobs.create", () => {
  it("stores the job with its first run computed in its timezone", async () => {
    const { caller, store } = testPlanner();
    const job = await caller().jobs.create(weekly);
    expect(job.id).toMatch(/^job_[A-Za-z0-9]{20}$/);
    expect(job).toMatchObject({
      name: "Weekly digest",
      enabled: true,
      revision: 1,
      status: "active",
      activeRun: null,
      policy: { misfire: "runOnce", overlap: "skip" },
      createdAt: "2026-11-28T10:00:00.000Z",
      // Monday 30 November 2026, 09:00 in Paris (CET, UTC+1)
      state: { nextRunAt: "2026-11-30T08:00:00.000Z", consecutiveFailures: 0, scheduleRevision: 1 },
    });
    expect((await store.get("agent-1")).jobs.map((j) => j.id)).toEqual([job.id]);
  });

  it("creates a paused job without a next run", async () => {
    const { caller } = testPlanner();
    const job = await caller().jobs.create({ ...weekly, enabled: false });
    expect(job.status).toBe("paused");
    expect(job.state.nextRunAt).toBeUndefined();
  });

  it("rejects invalid input with the field's message and stores nothing", async () => {
    const { caller, store } = testPlanner();
    const error = await rejection(caller().jobs.create({ ...weekly, schedule: { cron: "0 24 * * *", timezone: "Europe/Paris" } }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toContain("Hour must be between 0 and 23, got 24.");
    expect((await store.get("agent-1")).jobs).toEqual([]);
  });

  it("enforces the host's limits with sentences", async () => {
    const { caller } = testPlanner({ limits: { maxJobsPerAgent: 2, minIntervalMinutes: 60 } });
    const tooOften = await rejection(caller().jobs.create({ ...weekly, schedule: { cron: "*/15 * * * *", timezone: "UTC" } }));
    expect(tooOften.code).toBe("BAD_REQUEST");
    expect(tooOften.message).toBe("Runs must be at least 60 minutes apart; this schedule runs 15 minutes apart.");
    await caller().jobs.create(weekly);
    await caller().jobs.create({ ...weekly, name: "Weekly digest 2" });
    const tooMany = await rejection(caller().jobs.create({ ...weekly, name: "Weekly digest 3" }));
    expect(tooMany.code).toBe("BAD_REQUEST");
    expect(tooMany.message).toBe("This agent already has 2 scheduled jobs, the most allowed is 2. Delete one to add another.");
  });
});

describe("access", () => {
  it("answers UNAUTHORIZED without a user and FORBIDDEN for another user's agent", async () => {
    const { caller } = testPlanner();
    expect((await rejection(caller(null).jobs.list({ agentId: "agent-1" }))).code).toBe("UNAUTHORIZED");
    expect((await rejection(caller("user-1").jobs.list({ agentId: "agent-other" }))).code).toBe("FORBIDDEN");
    expect((await rejection(caller("user-2").jobs.create(weekly))).code).toBe("FORBIDDEN");
  });

  it("answers NOT_FOUND for a job that does not exist", async () => {
    const { caller } = testPlanner();
    const error = await rejection(caller().jobs.byId({ agentId: "agent-1", jobId: "job_doesnotexist" }));
    expect(error.code).toBe("NOT_FOUND");
    expect(error.message).toBe("This job no longer exists. It may have been deleted.");
  });

  it("does not let one agent's job be reached through another agent", async () => {
    const { caller } = testPlanner();
    const job = await caller().jobs.create(weekly);
    expect((await rejection(caller().jobs.byId({ agentId: "agent-2", jobId: job.id }))).code).toBe("NOT_FOUND");
  });
});

describe("jobs.update", () => {
  it("refuses a stale revision with CONFLICT and changes nothing", async () => {
    const { caller, store } = testPlanner();
    const job = await caller().jobs.create(weekly);
    await caller().jobs.update({ agentId: "agent-1", jobId: job.id, expectedRevision: 1, name: "Renamed" });
    const error = await rejection(caller().jobs.update({ agentId: "agent-1", jobId: job.id, expectedRevision: 1, name: "Lost edit" }));
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toBe("Someone else changed this job after you opened it. Reload to see their changes, then edit again.");
    expect((await store.get("agent-1")).jobs[0]).toMatchObject({ name: "Renamed", revision: 2 });
  });

  it("recomputes the next run when the schedule changes, and only then", async () => {
    const { caller, clock } = testPlanner();
    const job = await caller().jobs.create(weekly);
    clock.set("2026-11-29T12:00:00.000Z");
    const renamed = await caller().jobs.update({ agentId: "agent-1", jobId: job.id, expectedRevision: 1, description: "For the team" });
    expect(renamed.state).toMatchObject({ nextRunAt: "2026-11-30T08:00:00.000Z", scheduleRevision: 1 });
    expect(renamed.description).toBe("For the team");
    const moved = await caller().jobs.update({
      agentId: "agent-1",
      jobId: job.id,
      expectedRevision: 2,
      schedule: { cron: "30 8 * * *", timezone: "America/New_York" },
    });
    // It is 07:00 in New York (EST, UTC-5), so the next 08:30 is later the same day.
    expect(moved.state).toMatchObject({ nextRunAt: "2026-11-29T13:30:00.000Z", scheduleRevision: 2 });
    expect(moved.revision).toBe(3);
    expect(moved.updatedAt).toBe("2026-11-29T12:00:00.000Z");
  });

  it("validates the new schedule against the limits", async () => {
    const { caller } = testPlanner({ limits: { minIntervalMinutes: 30 } });
    const job = await caller().jobs.create(weekly);
    const error = await rejection(
      caller().jobs.update({ agentId: "agent-1", jobId: job.id, expectedRevision: 1, schedule: { cron: "* * * * *", timezone: "UTC" } }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toBe("Runs must be at least 30 minutes apart; this schedule runs 1 minute apart.");
  });
});

describe("jobs.pause / jobs.resume / jobs.delete", () => {
  it("pause clears the next run; resume schedules from now without catching up", async () => {
    const { caller, clock } = testPlanner();
    const job = await caller().jobs.create(weekly);
    const paused = await caller().jobs.pause({ agentId: "agent-1", jobId: job.id, reason: "On holiday" });
    expect(paused).toMatchObject({ enabled: false, status: "paused", revision: 2, state: { pausedReason: "On holiday" } });
    expect(paused.state.nextRunAt).toBeUndefined();
    // Two Mondays pass while paused.
    clock.set("2026-12-09T10:00:00.000Z");
    const resumed = await caller().jobs.resume({ agentId: "agent-1", jobId: job.id });
    expect(resumed).toMatchObject({ enabled: true, status: "active", revision: 3, state: { nextRunAt: "2026-12-14T08:00:00.000Z" } });
    expect(resumed.state.pausedReason).toBeUndefined();
  });

  it("resume resets the failure count of an auto-paused job", async () => {
    const { caller, store } = testPlanner();
    const job = await caller().jobs.create(weekly);
    await store.update("agent-1", (p) => ({
      ...p,
      jobs: p.jobs.map((j) => ({ ...j, enabled: false, state: { ...j.state, consecutiveFailures: 5, pausedReason: "Paused after 5 failed runs: boom" } })),
    }));
    const resumed = await caller().jobs.resume({ agentId: "agent-1", jobId: job.id });
    expect(resumed.state.consecutiveFailures).toBe(0);
    expect(resumed.status).toBe("active");
  });

  it("delete removes the job", async () => {
    const { caller } = testPlanner();
    const job = await caller().jobs.create(weekly);
    expect(await caller().jobs.delete({ agentId: "agent-1", jobId: job.id })).toEqual({ deleted: true });
    expect(await caller().jobs.list({ agentId: "agent-1" })).toEqual([]);
    expect((await rejection(caller().jobs.delete({ agentId: "agent-1", jobId: job.id }))).code).toBe("NOT_FOUND");
  });
});

describe("jobs.runs and derived status", () => {
  function run(jobId: string, minute: number, status: Run["status"]): Run {
    const at = `2026-11-28T09:${String(minute).padStart(2, "0")}:00.000Z`;
    return { id: `${jobId}@${at}`, agentId: "agent-1", owner: { kind: "job", id: jobId }, cause: "schedule", createdAt: at, scheduledFor: at, status, attempts: 1 };
  }

  it("pages runs newest first", async () => {
    const { caller, store } = testPlanner();
    const job = await caller().jobs.create(weekly);
    for (let minute = 0; minute < 5; minute++) await store.appendRun(run(job.id, minute, "succeeded"));
    const first = await caller().jobs.runs({ agentId: "agent-1", jobId: job.id, limit: 2 });
    expect(first.items.map((r) => r.scheduledFor)).toEqual(["2026-11-28T09:04:00.000Z", "2026-11-28T09:03:00.000Z"]);
    const second = await caller().jobs.runs({ agentId: "agent-1", jobId: job.id, limit: 2, cursor: first.nextCursor });
    expect(second.items.map((r) => r.scheduledFor)).toEqual(["2026-11-28T09:02:00.000Z", "2026-11-28T09:01:00.000Z"]);
    const third = await caller().jobs.runs({ agentId: "agent-1", jobId: job.id, limit: 2, cursor: second.nextCursor });
    expect(third.items.map((r) => r.scheduledFor)).toEqual(["2026-11-28T09:00:00.000Z"]);
    expect(third.nextCursor).toBeNull();
  });

  it("shows running while a run is active and error after a failure", async () => {
    const { caller, store } = testPlanner();
    const job = await caller().jobs.create(weekly);
    await store.appendRun(run(job.id, 0, "running"));
    expect((await caller().jobs.byId({ agentId: "agent-1", jobId: job.id })).status).toBe("running");
    await store.updateRun("agent-1", `${job.id}@2026-11-28T09:00:00.000Z`, (r) => ({ ...r, status: "failed", error: "boom" }));
    await store.update("agent-1", (p) => ({
      ...p,
      jobs: p.jobs.map((j) => ({
        ...j,
        state: { ...j.state, consecutiveFailures: 1, lastRun: { runId: `${job.id}@2026-11-28T09:00:00.000Z`, cause: "schedule", status: "failed", at: "2026-11-28T09:00:05.000Z", error: "boom" } },
      })),
    }));
    const [view] = await caller().jobs.list({ agentId: "agent-1" });
    expect(view?.status).toBe("error");
  });
});

describe("schedule.preview", () => {
  it("describes the schedule and lists the next runs in the zone and in UTC", async () => {
    const { caller } = testPlanner();
    const preview = await caller().schedule.preview({ cron: "0 9 * * 1", timezone: "Europe/Paris", count: 2 });
    expect(preview.description).toBe(describeSchedule("0 9 * * 1"));
    expect({ ...preview, description: "" }).toEqual({
      valid: true,
      errors: [],
      description: "",
      timezone: "Europe/Paris",
      dstNotes: [],
      nextRuns: [
        { at: "2026-11-30T08:00:00.000Z", local: "Mon, Nov 30, 2026, 09:00 GMT+1", utc: "Mon, Nov 30, 2026, 08:00 UTC" },
        { at: "2026-12-07T08:00:00.000Z", local: "Mon, Dec 7, 2026, 09:00 GMT+1", utc: "Mon, Dec 7, 2026, 08:00 UTC" },
      ],
    });
  });

  it("answers field errors instead of throwing, and applies the same limits as saving", async () => {
    const { caller } = testPlanner({ limits: { minIntervalMinutes: 60 } });
    expect(await caller().schedule.preview({ cron: "0 24 * * *", timezone: "UTC" })).toEqual({
      valid: false,
      errors: [{ path: "cron", field: "hour", message: "Hour must be between 0 and 23, got 24." }],
      description: "",
      nextRuns: [],
      timezone: "UTC",
      dstNotes: [],
    });
    const tooOften = await caller().schedule.preview({ cron: "*/5 * * * *", timezone: "UTC" });
    expect(tooOften.errors).toEqual([
      { path: "cron", field: "expression", message: "Runs must be at least 60 minutes apart; this schedule runs 5 minutes apart." },
    ]);
  });

  it("previews from a given instant and caps the count at 20", async () => {
    const { caller } = testPlanner();
    const preview = await caller().schedule.preview({ cron: "@daily", timezone: "UTC", count: 3, from: "2027-01-01T12:00:00.000Z" });
    expect(preview.nextRuns.map((r) => r.at)).toEqual(["2027-01-02T00:00:00.000Z", "2027-01-03T00:00:00.000Z", "2027-01-04T00:00:00.000Z"]);
    expect((await rejection(caller().schedule.preview({ cron: "@daily", timezone: "UTC", count: 21 }))).code).toBe("BAD_REQUEST");
  });
});

describe("catalog", () => {
  it("lists the agent's workflows from the host catalog", async () => {
    const { caller } = testPlanner();
    expect(await caller().catalog.workflows({ agentId: "agent-1" })).toEqual([{ id: "wf_triage", name: "Triage" }]);
  });

  it("answers an empty list without a catalog", async () => {
    const { caller } = testPlanner({ catalog: undefined });
    expect(await caller().catalog.workflows({ agentId: "agent-1" })).toEqual([]);
  });

  it("lists job variables including the job's own", async () => {
    const { caller } = testPlanner();
    const job = await caller().jobs.create({ ...weekly, variables: { team: "Platform" } });
    const variables = await caller().catalog.variables({ kind: "job", agentId: "agent-1", jobId: job.id });
    const names = variables.map((v) => v.name);
    expect(names).toEqual(expect.arrayContaining(["date", "time", "dateTime", "dayOfWeek", "timeOfDay", "timezone", "scheduledFor", "jobName", "agentName", "team"]));
  });
});

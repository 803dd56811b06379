import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { Job, JobFields, Schedule } from "../../src/shared/schemas";
import { testPlanner } from "../helpers/planner";
import { defaultLabels } from "../../src/client/labels";
import { formatScheduleSentence } from "../../src/shared/format";

/** Time fields of a schedule (one-time, start, end, run limit, jitter): schemas, jobs.create/update and schedule.preview. */

const base = {
  agentId: "agent-1",
  name: "Reminder",
  action: { type: "chat" as const, template: "Remind me" },
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

function issues(input: unknown): Record<string, string> {
  const result = Schedule.safeParse(input);
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((issue) => [issue.path.join("."), issue.message]));
}

describe("Schedule schema: time fields", () => {
  it("a schedule stored before the time fields still parses, in a job and unchanged", () => {
    const stored = {
      id: "job_abcdefghijklmnopqrst",
      name: "Old",
      schedule: { cron: "0 9 * * *", timezone: "UTC" },
      action: { type: "chat", template: "Hi" },
      policy: { misfire: "runOnce", overlap: "skip" },
      enabled: true,
      revision: 3,
      createdAt: "2026-01-01T00:00:00.000Z",
      updatedAt: "2026-01-01T00:00:00.000Z",
      state: { consecutiveFailures: 0, scheduleRevision: 1 },
    };
    expect(Job.parse(stored).schedule).toEqual({ cron: "0 9 * * *", timezone: "UTC" });
  });

  it("accepts a one-time job at a local time, an instant or a delay", () => {
    expect(issues({ cron: "0 9 24 12 *", timezone: "Europe/Paris", kind: "once", at: "2026-12-24T09:00" })).toEqual({});
    expect(issues({ cron: "0 9 24 12 *", timezone: "Europe/Paris", kind: "once", at: "2026-12-24T08:00:00Z" })).toEqual({});
    expect(issues({ cron: "x", timezone: "UTC", kind: "once", in: { amount: 2, unit: "hours" } })).toEqual({});
  });

  it("explains what is wrong, on the field", () => {
    expect(issues({ cron: "0 9 * * *", timezone: "UTC", kind: "once" })).toEqual({ at: "Choose when to run it: a date and time, or a delay like in 2 hours." });
    expect(issues({ cron: "0 9 * * *", timezone: "UTC", kind: "once", at: "2026-02-30T09:00" })).toEqual({ at: "Enter a date and time like 2026-12-24T09:00." });
    expect(issues({ cron: "0 9 * * *", timezone: "UTC", kind: "once", at: "2026-12-24T09:00", maxRuns: 3 })).toEqual({ maxRuns: "A one-time job runs once: it has no run limit." });
    expect(issues({ cron: "0 9 * * *", timezone: "UTC", startAt: "2026-12-10", endAt: "2026-12-01" })).toEqual({ endAt: "The end date must be after the start date." });
    expect(issues({ cron: "0 9 * * *", timezone: "UTC", startAt: "tomorrow" })).toEqual({ startAt: "Enter the start date like 2026-12-24 or 2026-12-24T09:00." });
    expect(issues({ cron: "0 9 * * *", timezone: "UTC", maxRuns: 0 })).toEqual({ maxRuns: "The run limit must be at least 1." });
    expect(issues({ cron: "0 9 * * *", timezone: "UTC", maxRuns: 1001 })).toEqual({ maxRuns: "The run limit must be at most 1,000." });
    expect(issues({ cron: "0 9 * * *", timezone: "UTC", jitterMinutes: 61 })).toEqual({ jitterMinutes: "The jitter window must be at most 60 minutes." });
    expect(issues({ cron: "*/15 * * * *", timezone: "UTC", jitterMinutes: 20 })).toEqual({ jitterMinutes: "The jitter window must not be wider than the time between runs (15 minutes)." });
    expect(issues({ cron: "0 9 * * *", timezone: "UTC", in: { amount: 2, unit: "hours" } })).toEqual({ in: "A delay is only for a one-time job." });
    expect(issues({ cron: "0 9 * * *", timezone: "UTC", kind: "once", in: { amount: 400, unit: "days" } })).toEqual({ "in.amount": "The delay must be at most a year." });
  });

  it("the job form's fields take them too", () => {
    expect(JobFields.safeParse({ name: "A", schedule: { cron: "0 9 * * *", timezone: "UTC", jitterMinutes: 5, maxRuns: 10 }, action: base.action }).success).toBe(true);
  });
});

describe("jobs.create and jobs.update with time fields", () => {
  it("refuses a one-time job in the past with a clear error on schedule.at, and stores nothing", async () => {
    const { caller, store } = testPlanner({}, "2026-12-01T10:00:00.000Z");
    const error = await rejection(caller().jobs.create({ ...base, schedule: { cron: "0 9 * * *", timezone: "UTC", kind: "once", at: "2026-12-01T09:00" } }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toBe("This time has already passed: choose a time in the future.");
    expect((await store.get("agent-1")).jobs).toEqual([]);
  });

  it("refuses an end date that has passed, or a window with no run left", async () => {
    const { caller, store } = testPlanner({}, "2026-12-01T10:00:00.000Z");
    expect((await rejection(caller().jobs.create({ ...base, schedule: { cron: "0 9 * * *", timezone: "UTC", endAt: "2026-11-30" } }))).message).toBe(
      "The end date has already passed: choose a later one, or none.",
    );
    expect((await rejection(caller().jobs.create({ ...base, schedule: { cron: "0 9 1 1 *", timezone: "UTC", startAt: "2026-12-02", endAt: "2026-12-20" } }))).message).toBe(
      "This schedule has no run left between its start and end: widen the dates or raise the run limit.",
    );
    expect((await store.get("agent-1")).jobs).toEqual([]);
  });

  it("an edit of the end date moves the next run; renaming an ended one-time job is allowed", async () => {
    const t = testPlanner({}, "2026-12-01T08:00:00.000Z");
    const daily = await t.caller().jobs.create({ ...base, schedule: { cron: "0 9 * * *", timezone: "UTC" } });
    expect(daily.state.nextRunAt).toBe("2026-12-01T09:00:00.000Z");
    const bounded = await t.caller().jobs.update({ agentId: "agent-1", jobId: daily.id, expectedRevision: daily.revision, schedule: { cron: "0 9 * * *", timezone: "UTC", startAt: "2026-12-05" } });
    expect(bounded.state.nextRunAt).toBe("2026-12-05T09:00:00.000Z");
    expect(bounded.state.scheduleRevision).toBe(2);

    const once = await t.caller().jobs.create({ ...base, name: "Once", schedule: { cron: "0 9 * * *", timezone: "UTC", kind: "once", at: "2026-12-01T09:30" } });
    // It ran and ended (as the tick leaves it).
    await t.store.update("agent-1", (planner) => ({ ...planner, jobs: planner.jobs.map((j) => (j.id === once.id ? { ...j, state: { ...j.state, nextRunAt: undefined } } : j)) }));
    t.clock.set("2026-12-02T00:00:00.000Z");
    const ended = await t.caller().jobs.byId({ agentId: "agent-1", jobId: once.id });
    expect(ended.ended).toBe(true);
    const renamed = await t.caller().jobs.update({ agentId: "agent-1", jobId: once.id, expectedRevision: ended.revision, name: "Once (done)", schedule: ended.schedule });
    expect(renamed).toMatchObject({ name: "Once (done)", ended: true });
  });
});

describe("schedule.preview with time fields", () => {
  it("a one-time job: one run, at the instant the save would store", async () => {
    const { caller } = testPlanner({}, "2026-12-01T10:00:00.000Z");
    const preview = await caller().schedule.preview({ cron: "0 9 * * *", timezone: "Europe/Paris", kind: "once", at: "2026-12-24T09:00", count: 5 });
    expect(preview.valid).toBe(true);
    expect(preview.nextRuns.map((run) => run.at)).toEqual(["2026-12-24T08:00:00.000Z"]);
    expect(preview.schedule).toMatchObject({ kind: "once", at: "2026-12-24T08:00:00.000Z", cron: "0 9 24 12 *" });
    const relative = await caller().schedule.preview({ cron: "0 9 * * *", timezone: "UTC", kind: "once", in: { amount: 90, unit: "minutes" }, count: 5 });
    expect(relative.nextRuns.map((run) => run.at)).toEqual(["2026-12-01T11:30:00.000Z"]);
  });

  it("says what the save would refuse, on the field, without throwing", async () => {
    const { caller } = testPlanner({}, "2026-12-01T10:00:00.000Z");
    const past = await caller().schedule.preview({ cron: "0 9 * * *", timezone: "UTC", kind: "once", at: "2026-11-30T09:00", count: 5 });
    expect(past).toMatchObject({ valid: false, timeErrors: [{ path: "at", message: "This time has already passed: choose a time in the future." }] });
    const reversed = await caller().schedule.preview({ cron: "0 9 * * *", timezone: "UTC", startAt: "2026-12-10", endAt: "2026-12-05", count: 5 });
    expect(reversed).toMatchObject({ valid: false, timeErrors: [{ path: "endAt", message: "The end date must be after the start date." }] });
  });

  it("runs between the start and the end, at most the limit, with each run's jitter window", async () => {
    const { caller } = testPlanner({}, "2026-12-01T10:00:00.000Z");
    const preview = await caller().schedule.preview({ cron: "0 9 * * *", timezone: "UTC", startAt: "2026-12-03", maxRuns: 2, jitterMinutes: 10, count: 5 });
    expect(preview.nextRuns.map((run) => [run.at, run.windowEnd])).toEqual([
      ["2026-12-03T09:00:00.000Z", "2026-12-03T09:10:00.000Z"],
      ["2026-12-04T09:00:00.000Z", "2026-12-04T09:10:00.000Z"],
    ]);
    // A saved job: its id gives each run's real start, inside the window.
    const saved = await caller().schedule.preview({ cron: "0 9 * * *", timezone: "UTC", startAt: "2026-12-03", jitterMinutes: 10, jobId: "job_abcdefghijklmnopqrst", count: 3 });
    for (const run of saved.nextRuns) {
      expect(Date.parse(run.at)).toBeGreaterThanOrEqual(Date.parse(run.occurrence!));
      expect(Date.parse(run.at)).toBeLessThan(Date.parse(run.windowEnd!));
    }
  });

  it("plain schedules answer as before (no time fields in the answer)", async () => {
    const { caller } = testPlanner({}, "2026-12-01T10:00:00.000Z");
    const preview = await caller().schedule.preview({ cron: "0 9 * * *", timezone: "UTC", count: 1 });
    expect(preview).not.toHaveProperty("timeErrors");
    expect(preview.nextRuns).toEqual([{ at: "2026-12-02T09:00:00.000Z", local: expect.any(String) as string, utc: expect.any(String) as string }]);
  });
});

describe("formatScheduleSentence with time fields", () => {
  const labels = defaultLabels.cards;
  it("says dates as dates, for stored instants and for local dates being typed", () => {
    const stored = { cron: "0 9 * * *", timezone: "Europe/Paris", startAt: "2026-11-30T23:00:00.000Z", endAt: "2026-12-31T22:59:59.999Z", maxRuns: 10, jitterMinutes: 10 };
    const typed = { ...stored, startAt: "2026-12-01", endAt: "2026-12-31" };
    const expected = "Daily at 9:00 AM, from Dec 1, 2026 until Dec 31, 2026, at most 10 runs, up to 10 min late (jitter)";
    expect(formatScheduleSentence(stored, labels, { locale: "en-US" })).toBe(expected);
    expect(formatScheduleSentence(typed, labels, { locale: "en-US" })).toBe(expected);
    expect(formatScheduleSentence({ cron: "0 9 24 12 *", timezone: "Europe/Paris", kind: "once", at: "2026-12-24T08:00:00.000Z" }, labels, { locale: "en-US" })).toBe("Once on Thu, Dec 24, 2026, 9:00 AM");
    expect(formatScheduleSentence({ cron: "0 9 * * *", timezone: "Europe/Paris", kind: "once", at: "2026-12-24T09:00" }, labels, { locale: "en-US" })).toBe("Once on Thu, Dec 24, 2026, 9:00 AM");
    expect(formatScheduleSentence("0 9 * * *", labels, { locale: "en-US" })).toBe("Daily at 9:00 AM");
  });
});

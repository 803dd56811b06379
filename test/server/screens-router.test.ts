import { TRPCError } from "@trpc/server";
import superjson from "superjson";
import { describe, expect, it } from "vitest";
import type { ComposioGateway, TriggerTypeInfo } from "../../src/server/composio";
import { createPlannerRoute } from "../../src/server/next/trpc-route";
import type { Job, Run, RunOwner, Trigger } from "../../src/shared/schemas";
import triggerTypes from "../../src/sandbox/fixtures/trigger-types.json" with { type: "json" };
import { testPlanner } from "../helpers/planner";
import { gmailTrigger } from "../helpers/triggers";

/** The fixed clock of every test here (testPlanner's default): Saturday 28 November 2026, 10:00 UTC. */
const NOW = "2026-11-28T10:00:00.000Z";
const MINUTE = 60_000;

const gmailType = triggerTypes.find((type) => type.slug === "GMAIL_NEW_GMAIL_MESSAGE")!;

/** Just enough of a Composio gateway for these procedures: the Gmail trigger type from the fixtures. */
function fixtureGateway(): ComposioGateway {
  const type: TriggerTypeInfo = {
    slug: gmailType.slug,
    name: gmailType.name,
    description: gmailType.description,
    toolkit: gmailType.toolkit.slug,
    type: "webhook",
    config: gmailType.config,
    payload: gmailType.payload,
  };
  const gateway: Partial<ComposioGateway> = {
    getTriggerType: (slug) => (slug === type.slug ? Promise.resolve(type) : Promise.reject(new Error(`unknown ${slug}`))),
  };
  return gateway as ComposioGateway;
}

async function rejection(promise: Promise<unknown>): Promise<TRPCError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCError) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

function minutesBefore(minutes: number): string {
  return new Date(Date.parse(NOW) - minutes * MINUTE).toISOString();
}

let runCounter = 0;
function run(owner: RunOwner, createdAt: string, overrides: Partial<Run> = {}): Run {
  runCounter++;
  return {
    id: `run_${String(runCounter).padStart(8, "0")}`,
    agentId: "agent-1",
    owner,
    cause: owner.kind === "job" ? "schedule" : "event",
    createdAt,
    status: "succeeded",
    attempts: 1,
    ...overrides,
  };
}

const daily = (name: string, cron = "0 9 * * *") => ({
  agentId: "agent-1",
  name,
  schedule: { cron, timezone: "Europe/Paris" },
  action: { type: "chat" as const, template: "Hello {agentName}" },
});

function failedSummary(runId: string, error: string) {
  return { runId, cause: "schedule" as const, status: "failed" as const, at: minutesBefore(30), error };
}

/**
 * An agent with five jobs (healthy, last run failed, paused after 5 failures, paused by the user, due soonest)
 * and four triggers (broken connection, healthy, paused by the user, last run failed).
 */
async function seededAgent() {
  const t = testPlanner({ composio: fixtureGateway() });
  const caller = t.caller();
  const healthy = await caller.jobs.create(daily("Morning brief"));
  const failing = await caller.jobs.create(daily("Inbox digest"));
  const autoPaused = await caller.jobs.create(daily("CRM sync"));
  const userPaused = await caller.jobs.create(daily("Holiday reminder"));
  const soonest = await caller.jobs.create(daily("Lunch check", "0 12 * * *"));
  await caller.jobs.pause({ agentId: "agent-1", jobId: userPaused.id, reason: "On holiday" });
  const counts = { firedCount: 1, filteredCount: 0, duplicateCount: 0 };
  const expired = "The connected account expired. Reconnect the app, then resume the trigger.";
  const triggerFailure = { ...failedSummary("run_trgfail001", "Workflow timed out"), cause: "event" as const };
  const triggers: Trigger[] = [
    gmailTrigger(NOW, { id: "trg_broken000001", name: "Support inbox", state: { ...counts, consecutiveFailures: 0, connectionError: expired } }),
    gmailTrigger(NOW, { id: "trg_healthy00001", name: "Sales inbox", composioTriggerId: "ti_sales" }),
    gmailTrigger(NOW, { id: "trg_paused000001", name: "Old inbox", enabled: false, composioTriggerId: "ti_old" }),
    gmailTrigger(NOW, {
      id: "trg_failing00001",
      name: "Billing inbox",
      composioTriggerId: "ti_billing",
      state: { ...counts, consecutiveFailures: 1, lastRun: triggerFailure },
    }),
  ];
  await t.store.update("agent-1", (planner) => ({
    triggers,
    jobs: planner.jobs.map((job): Job => {
      if (job.id === failing.id) {
        return { ...job, state: { ...job.state, consecutiveFailures: 1, lastRun: failedSummary("run_jobfail001", "The chat service answered 503.") } };
      }
      if (job.id !== autoPaused.id) return job;
      const { nextRunAt: _dropped, ...state } = job.state;
      const lastRun = failedSummary("run_jobfail002", "boom");
      return { ...job, enabled: false, state: { ...state, consecutiveFailures: 5, pausedReason: "Paused after 5 failed runs: boom", lastRun } };
    }),
  }));
  return { ...t, caller, jobs: { healthy, failing, autoPaused, userPaused, soonest }, triggers };
}

describe("overview", () => {
  it("counts jobs, triggers and the last 24 hours of runs, names the next job due and what needs attention", async () => {
    const { caller, store, jobs, triggers } = await seededAgent();
    const jobOwner: RunOwner = { kind: "job", id: jobs.healthy.id };
    const triggerOwner: RunOwner = { kind: "trigger", id: triggers[1]!.id };
    // Inside the window: 3 succeeded, 2 failed, 1 skipped, 1 running; the one exactly 24 h old counts.
    for (const [minutes, status, owner] of [
      [5, "succeeded", jobOwner],
      [60, "failed", triggerOwner],
      [120, "succeeded", triggerOwner],
      [600, "skipped", jobOwner],
      [1000, "failed", jobOwner],
      [1, "running", triggerOwner],
      [24 * 60, "succeeded", jobOwner],
    ] as const) {
      await store.appendRun(run(owner, minutesBefore(minutes), { status }));
    }
    // Older than 24 h: not counted.
    await store.appendRun(run(jobOwner, minutesBefore(24 * 60 + 1), { status: "failed" }));
    await store.appendRun(run(triggerOwner, minutesBefore(3 * 24 * 60), { status: "failed" }));
    await store.appendRun(run(jobOwner, minutesBefore(2 * 24 * 60), { status: "succeeded" }));

    expect(await caller.overview({ agentId: "agent-1" })).toEqual({
      jobs: { total: 5, active: 3, paused: 2 },
      triggers: { total: 4, active: 2, paused: 1, broken: 1 },
      runsLast24h: { since: "2026-11-27T10:00:00.000Z", total: 7, succeeded: 3, failed: 2 },
      // 12:00 in Paris is 11:00 UTC, today; the 09:00 jobs next run on Sunday.
      nextJob: { id: jobs.soonest.id, name: "Lunch check", at: "2026-11-28T11:00:00.000Z" },
      attention: {
        count: 4,
        items: [
          expect.objectContaining({
            kind: "trigger",
            id: "trg_broken000001",
            name: "Support inbox",
            problem: "connectionBroken",
            cause: "connection",
            reason: "The connected account expired. Reconnect the app, then resume the trigger.",
            action: "reconnect",
          }),
          expect.objectContaining({ kind: "job", id: jobs.autoPaused.id, name: "CRM sync", problem: "pausedAfterFailures", cause: "autoPaused", reason: "Paused after 5 failed runs: boom", action: "resume", enabled: false }),
          expect.objectContaining({
            kind: "job",
            id: jobs.failing.id,
            name: "Inbox digest",
            problem: "lastRunFailed",
            cause: "failure",
            reason: "The last run failed: The chat service answered 503.",
            action: "runNow",
          }),
          expect.objectContaining({
            kind: "trigger",
            id: "trg_failing00001",
            name: "Billing inbox",
            problem: "lastRunFailed",
            cause: "timeout",
            reason: "The last run failed: Workflow timed out",
            action: "openHistory",
          }),
        ],
      },
    });
  });

  it("moves with the clock: a day later the same runs are no longer counted", async () => {
    const { caller, store, clock, jobs } = await seededAgent();
    await store.appendRun(run({ kind: "job", id: jobs.healthy.id }, minutesBefore(10), { status: "failed" }));
    expect((await caller.overview({ agentId: "agent-1" })).runsLast24h).toMatchObject({ total: 1, failed: 1 });
    clock.advance(24 * 60 * MINUTE);
    expect((await caller.overview({ agentId: "agent-1" })).runsLast24h).toEqual({ since: "2026-11-28T10:00:00.000Z", total: 0, succeeded: 0, failed: 0 });
  });

  it("answers zeros and no next job for an empty planner, without Composio", async () => {
    const { caller } = testPlanner();
    expect(await caller().overview({ agentId: "agent-2" })).toEqual({
      jobs: { total: 0, active: 0, paused: 0 },
      triggers: { total: 0, active: 0, paused: 0, broken: 0 },
      runsLast24h: { since: "2026-11-27T10:00:00.000Z", total: 0, succeeded: 0, failed: 0 },
      nextJob: null,
      attention: { count: 0, items: [] },
    });
  });
});

describe("activity.list", () => {
  /** 45 runs, one a minute, cycling through two jobs, a trigger and a job that was deleted since. */
  async function activityAgent() {
    const t = await seededAgent();
    const owners: RunOwner[] = [
      { kind: "job", id: t.jobs.healthy.id },
      { kind: "trigger", id: "trg_healthy00001" },
      { kind: "job", id: t.jobs.failing.id },
      { kind: "job", id: "job_deleted00001" },
    ];
    const runs: Run[] = [];
    for (let n = 0; n < 45; n++) {
      const status = n % 5 === 0 ? "failed" : n % 7 === 0 ? "skipped" : "succeeded";
      const stored = run(owners[n % 4]!, minutesBefore(100 - n), { status });
      runs.push(stored);
      await t.store.appendRun(stored);
    }
    return { ...t, runs, owners };
  }

  it("pages through 45 runs of every job and trigger, newest first, with a cursor", async () => {
    const { caller, runs } = await activityAgent();
    const seen: string[] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    do {
      const page = await caller.activity.list({ agentId: "agent-1", limit: 20, cursor });
      seen.push(...page.items.map((item) => item.id));
      sizes.push(page.items.length);
      cursor = page.nextCursor;
    } while (cursor);
    expect(sizes).toEqual([20, 20, 5]);
    expect(seen).toEqual(runs.map((r) => r.id).reverse());
    expect((await caller.activity.list({ agentId: "agent-1" })).items).toHaveLength(20);
  });

  it("names each run's owner, and marks runs of a deleted job", async () => {
    const { caller, owners } = await activityAgent();
    const page = await caller.activity.list({ agentId: "agent-1", limit: 4 });
    // Newest first: run 44 belongs to owners[0], 43 to owners[3] (deleted), 42 to owners[2], 41 to owners[1].
    expect(page.items.map((item) => [item.owner, item.ownerName, item.ownerDeleted])).toEqual([
      [owners[0], "Morning brief", false],
      [owners[3], null, true],
      [owners[2], "Inbox digest", false],
      [owners[1], "Sales inbox", false],
    ]);
  });

  it("filters by status (one or several) and by kind, paging within the filter", async () => {
    const { caller, runs } = await activityAgent();
    const failed = runs.filter((r) => r.status === "failed").map((r) => r.id).reverse();
    expect((await caller.activity.list({ agentId: "agent-1", status: "failed", limit: 100 })).items.map((item) => item.id)).toEqual(failed);

    const notSucceeded = runs.filter((r) => r.status !== "succeeded").map((r) => r.id).reverse();
    const first = await caller.activity.list({ agentId: "agent-1", status: ["failed", "skipped"], limit: 5 });
    const second = await caller.activity.list({ agentId: "agent-1", status: ["failed", "skipped"], limit: 5, cursor: first.nextCursor });
    expect([...first.items, ...second.items].map((item) => item.id)).toEqual(notSucceeded.slice(0, 10));
    expect(notSucceeded.length).toBeGreaterThan(10);

    const triggerRuns = await caller.activity.list({ agentId: "agent-1", kind: "trigger", limit: 100 });
    expect(triggerRuns.items).toHaveLength(11);
    expect(new Set(triggerRuns.items.map((item) => item.ownerName))).toEqual(new Set(["Sales inbox"]));
    const jobFailures = await caller.activity.list({ agentId: "agent-1", kind: "job", status: "failed", limit: 100 });
    expect(jobFailures.items.map((item) => item.id)).toEqual(runs.filter((r) => r.owner.kind === "job" && r.status === "failed").map((r) => r.id).reverse());
  });

  it("refuses a bad cursor, status or kind with BAD_REQUEST", async () => {
    const { caller } = await activityAgent();
    expect((await rejection(caller.activity.list({ agentId: "agent-1", cursor: "not-a-cursor" }))).code).toBe("BAD_REQUEST");
    const badStatus = await rejection(caller.activity.list({ agentId: "agent-1", status: "bored" as never }));
    expect(badStatus.code).toBe("BAD_REQUEST");
    expect(badStatus.message).toContain("Filter by a run status (queued, running, started, succeeded, failed, skipped, cancelled) or a list of them.");
    expect((await rejection(caller.activity.list({ agentId: "agent-1", kind: "workflow" as never }))).code).toBe("BAD_REQUEST");
    expect((await rejection(caller.activity.list({ agentId: "agent-1", status: [] }))).code).toBe("BAD_REQUEST");
  });
});

describe("run durations and the runs status filter", () => {
  it("gives finished runs their duration in every run list, and null to runs that have not finished", async () => {
    const { caller, store, jobs } = await seededAgent();
    const owner: RunOwner = { kind: "job", id: jobs.healthy.id };
    const finished = run(owner, minutesBefore(10), { startedAt: minutesBefore(10), finishedAt: "2026-11-28T09:50:01.500Z" });
    const running = run(owner, minutesBefore(5), { status: "running", startedAt: minutesBefore(5) });
    const queued = run(owner, minutesBefore(1), { status: "queued", attempts: 0 });
    for (const r of [finished, running, queued]) await store.appendRun(r);

    const expected = [
      [queued.id, null],
      [running.id, null],
      [finished.id, 1500],
    ];
    const jobRuns = await caller.jobs.runs({ agentId: "agent-1", jobId: jobs.healthy.id });
    expect(jobRuns.items.map((r) => [r.id, r.durationMs])).toEqual(expected);
    const activity = await caller.activity.list({ agentId: "agent-1" });
    expect(activity.items.map((r) => [r.id, r.durationMs])).toEqual(expected);
  });

  it("filters jobs.runs and triggers.runs by one status or several", async () => {
    const { caller, store, jobs } = await seededAgent();
    const jobOwner: RunOwner = { kind: "job", id: jobs.healthy.id };
    const triggerOwner: RunOwner = { kind: "trigger", id: "trg_healthy00001" };
    const statuses = ["succeeded", "failed", "skipped", "failed", "succeeded"] as const;
    const jobRuns: Run[] = [];
    for (const [i, status] of statuses.entries()) {
      const r = run(jobOwner, minutesBefore(50 - i), { status });
      jobRuns.push(r);
      await store.appendRun(r);
      await store.appendRun(run(triggerOwner, minutesBefore(50 - i), { status }));
    }
    const ids = (list: Run[]) => list.map((r) => r.id).reverse();

    const failed = await caller.jobs.runs({ agentId: "agent-1", jobId: jobs.healthy.id, status: "failed" });
    expect(failed.items.map((r) => r.id)).toEqual(ids(jobRuns.filter((r) => r.status === "failed")));
    const finished = await caller.jobs.runs({ agentId: "agent-1", jobId: jobs.healthy.id, status: ["failed", "succeeded"], limit: 3 });
    expect(finished.items.map((r) => r.status)).toEqual(["succeeded", "failed", "failed"]);
    const rest = await caller.jobs.runs({ agentId: "agent-1", jobId: jobs.healthy.id, status: ["failed", "succeeded"], limit: 3, cursor: finished.nextCursor });
    expect(rest.items.map((r) => r.status)).toEqual(["succeeded"]);
    expect(rest.nextCursor).toBeNull();

    const skipped = await caller.triggers.runs({ agentId: "agent-1", triggerId: "trg_healthy00001", status: ["skipped"] });
    expect(skipped.items.map((r) => [r.owner.kind, r.status])).toEqual([["trigger", "skipped"]]);
    expect((await rejection(caller.jobs.runs({ agentId: "agent-1", jobId: jobs.healthy.id, status: "bored" as never }))).code).toBe("BAD_REQUEST");
  });
});

describe("schedule.preview field errors and from", () => {
  it("names the cron field of a bad hour and the timezone of a bad zone, next to the input path", async () => {
    const { caller } = testPlanner();
    const preview = await caller().schedule.preview({ cron: "0 25 * * *", timezone: "Mars/Base" });
    expect(preview.valid).toBe(false);
    expect(preview.errors).toEqual([
      { path: "cron", field: "hour", message: "Hour must be between 0 and 23, got 25." },
      { path: "timezone", field: "timezone", message: 'Unknown timezone "Mars/Base". Use an IANA name like Europe/Paris.' },
    ]);
    const month = await caller().schedule.preview({ cron: "0 9 * 13 *", timezone: "UTC" });
    expect(month.errors.map((error) => [error.path, error.field])).toEqual([["cron", "month"]]);
    const short = await caller().schedule.preview({ cron: "0 9 *", timezone: "UTC" });
    expect(short.errors.map((error) => [error.path, error.field])).toEqual([["cron", "expression"]]);
  });

  it("previews from a Date or an ISO string alike, and refuses an invalid date", async () => {
    const { caller } = testPlanner();
    const input = { cron: "0 9 * * *", timezone: "Europe/Paris", count: 2 };
    const expected = ["2027-03-02T08:00:00.000Z", "2027-03-03T08:00:00.000Z"];
    const fromDate = await caller().schedule.preview({ ...input, from: new Date("2027-03-01T12:00:00.000Z") });
    const fromString = await caller().schedule.preview({ ...input, from: "2027-03-01T12:00:00.000Z" });
    expect(fromDate.nextRuns.map((r) => r.at)).toEqual(expected);
    expect(fromString).toEqual(fromDate);
    // Without `from`, the planner's clock (28 November 2026, 10:00 UTC) is the start.
    expect((await caller().schedule.preview(input)).nextRuns[0]?.at).toBe("2026-11-29T08:00:00.000Z");
    const invalid = await rejection(caller().schedule.preview({ ...input, from: new Date("nope") }));
    expect(invalid.code).toBe("BAD_REQUEST");
    expect(invalid.message).toContain("Preview from a valid date, or a UTC date-time like 2026-11-28T09:00:00Z.");
    expect((await rejection(caller().schedule.preview({ ...input, from: "tomorrow" }))).code).toBe("BAD_REQUEST");
  });

  it("accepts a Date sent through superjson over HTTP, as the client sends it", async () => {
    const { planner } = testPlanner();
    const { GET } = createPlannerRoute({ planner, endpoint: "/api/planner" });
    const input = superjson.serialize({ cron: "@daily", timezone: "UTC", count: 1, from: new Date("2027-01-01T12:00:00.000Z") });
    const url = `http://localhost/api/planner/schedule.preview?input=${encodeURIComponent(JSON.stringify(input))}`;
    const res = await GET(new Request(url, { headers: { "x-user": "user-1" } }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { result: { data: { json: { nextRuns: { at: string }[] } } } };
    expect(body.result.data.json.nextRuns.map((r) => r.at)).toEqual(["2027-01-02T00:00:00.000Z"]);
  });
});

describe("catalog.variables samples", () => {
  it("gives job variables a description and a sample from the job's next run in its timezone", async () => {
    const { caller, jobs } = await seededAgent();
    const variables = await caller.catalog.variables({ kind: "job", agentId: "agent-1", jobId: jobs.healthy.id });
    const byName = new Map(variables.map((v) => [v.name, v]));
    // Next run of "0 9 * * *" in Paris after Saturday 28 November 10:00 UTC: Sunday 29 November, 09:00 local.
    expect(Object.fromEntries(variables.map((v) => [v.name, v.sample]))).toEqual({
      date: "Sunday, November 29, 2026",
      time: "09:00",
      dateTime: "Sunday, November 29, 2026 at 09:00",
      dayOfWeek: "Sunday",
      timeOfDay: "morning",
      timezone: "Europe/Paris",
      scheduledFor: "2026-11-29T08:00:00.000Z",
      jobName: "Morning brief",
      agentName: "Ada",
    });
    expect(byName.get("time")).toMatchObject({ description: "The scheduled time in the job's timezone, on the clock of the planner's locale (24-hour when none is set).", group: "builtin" });
    expect(variables.every((v) => v.description.length > 0)).toBe(true);
  });

  it("samples the form's unsaved schedule and name, and falls back to now while the cron is half typed", async () => {
    const { caller } = testPlanner();
    const editing = await caller().catalog.variables({
      kind: "job",
      agentId: "agent-1",
      name: "Evening wrap-up",
      schedule: { cron: "30 18 * * 1-5", timezone: "America/New_York" },
    });
    const samples = Object.fromEntries(editing.map((v) => [v.name, v.sample]));
    // The next weekday at 18:30 in New York after Saturday: Monday 30 November, 23:30 UTC.
    expect(samples).toMatchObject({
      scheduledFor: "2026-11-30T23:30:00.000Z",
      time: "18:30",
      timeOfDay: "evening",
      jobName: "Evening wrap-up",
      timezone: "America/New_York",
    });

    const halfTyped = await caller().catalog.variables({ kind: "job", agentId: "agent-1", schedule: { cron: "30 1", timezone: "Asia/Tokyo" } });
    const halfTypedSamples = Object.fromEntries(halfTyped.map((v) => [v.name, v.sample]));
    expect(halfTypedSamples).toMatchObject({ scheduledFor: NOW, time: "19:00", timezone: "Asia/Tokyo", jobName: "My job" });
  });

  it("lists the job's own variables with their values as samples", async () => {
    const { caller } = testPlanner();
    const job = await caller().jobs.create({ ...daily("Team"), variables: { team: "Platform" } });
    const variables = await caller().catalog.variables({ kind: "job", agentId: "agent-1", jobId: job.id });
    expect(variables.find((v) => v.name === "team")).toEqual({
      name: "team",
      description: "A variable set on this job.",
      example: "Platform",
      sample: "Platform",
      group: "custom",
    });
  });

  it("gives trigger variables a description and a sample from the payload schema's sample event", async () => {
    const { caller } = testPlanner({ composio: fixtureGateway() });
    const variables = await caller().catalog.variables({ kind: "trigger", agentId: "agent-1", triggerSlug: "GMAIL_NEW_GMAIL_MESSAGE", name: "Support inbox" });
    const sample = (name: string) => variables.find((v) => v.name === name)?.sample;
    expect(sample("subject")).toBe("Sample Subject");
    expect(sample("emailSubject")).toBe("Sample Subject");
    expect(sample("emailFrom")).toBe("Sample Sender");
    expect(sample("triggerName")).toBe("Support inbox");
    expect(sample("agentName")).toBe("Ada");
    expect(sample("eventTime")).toBe(NOW);
    expect(sample("eventType")).toBe("GMAIL_NEW_GMAIL_MESSAGE");
    expect(sample("eventData")).toMatchObject({ subject: "Sample Subject", sender: "Sample Sender" });
    expect(variables.find((v) => v.name === "emailSubject")).toMatchObject({ description: "Alias for subject: the subject line of the email.", group: "alias" });
    expect(variables.every((v) => v.description.length > 0 && v.sample !== undefined)).toBe(true);
  });
});

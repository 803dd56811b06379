import { describe, expect, it } from "vitest";
import { executeRun, jobSubject, triggerSubject } from "../../src/server/engine";
import type { JobRunRequest } from "../../src/shared/events";
import type { Job, Trigger } from "../../src/shared/schemas";
import { gmailTrigger } from "../helpers/triggers";
import { engineHarness } from "./harness";

function request(job: Job, scheduledFor: string, extra: Partial<JobRunRequest> = {}): JobRunRequest {
  return {
    runId: `${job.id}@${scheduledFor}`,
    agentId: "agent-1",
    jobId: job.id,
    cause: "schedule",
    scheduledFor,
    scheduleRevision: job.state.scheduleRevision,
    ...extra,
  };
}

describe("runJob", () => {
  it("renders the template with the job's variables in its timezone and records success", async () => {
    const h = engineHarness("2026-11-30T07:59:00.000Z");
    const job = await h.createJob({
      name: "Standup prep",
      schedule: { cron: "0 9 * * 1-5", timezone: "Europe/Paris" },
      variables: { team: "Platform" },
      action: { type: "chat", template: "Hi {agentName}, it is {dayOfWeek} {time} ({timezone}). Prepare {jobName} for {team}. {unknownThing}" },
    });
    h.clock.set("2026-11-30T08:00:01.000Z");
    const run = await executeRun(h.planner.deps, jobSubject(request(job, "2026-11-30T08:00:00.000Z")), h.noSleep);
    expect(h.exec.chats).toEqual([
      {
        agentId: "agent-1",
        userId: "user-1",
        message: "Hi Ada, it is Monday 09:00 (Europe/Paris). Prepare Standup prep for Platform. ",
        title: "Standup prep",
        source: { kind: "job", id: job.id, runId: `${job.id}@2026-11-30T08:00:00.000Z`, cause: "schedule" },
        idempotencyKey: `${job.id}@2026-11-30T08:00:00.000Z`,
        signal: expect.any(AbortSignal) as AbortSignal,
      },
    ]);
    expect(run).toMatchObject({
      status: "succeeded",
      attempts: 1,
      startedAt: "2026-11-30T08:00:01.000Z",
      finishedAt: "2026-11-30T08:00:01.000Z",
      renderedMessage: "Hi Ada, it is Monday 09:00 (Europe/Paris). Prepare Standup prep for Platform. ",
      result: { threadId: "thread-1", url: "/chat/thread-1" },
      warnings: ["Missing variable: {unknownThing} (rendered as empty)."],
    });
    const stored = (await h.store.get("agent-1")).jobs[0];
    expect(stored?.state).toMatchObject({
      lastRunAt: "2026-11-30T08:00:01.000Z",
      consecutiveFailures: 0,
      lastRun: { runId: run.id, status: "succeeded", cause: "schedule", at: "2026-11-30T08:00:01.000Z" },
    });
  });

  it("runs a workflow with the job's static input", async () => {
    const h = engineHarness("2026-11-30T07:59:00.000Z");
    const job = await h.createJob({
      schedule: { cron: "0 8 * * *", timezone: "UTC" },
      action: { type: "workflow", workflowId: "wf_report", input: { mode: "static", value: { range: "7d" } } },
    });
    const run = await executeRun(h.planner.deps, jobSubject(request(job, "2026-11-30T08:00:00.000Z")), h.noSleep);
    expect(h.exec.workflows.map((w) => [w.workflowId, w.input])).toEqual([["wf_report", { range: "7d" }]]);
    expect(run).toMatchObject({ status: "succeeded", input: { range: "7d" }, result: { workflowRunId: "wfrun-1" } });
  });

  it("treats a second delivery of the same run id as a duplicate", async () => {
    const h = engineHarness("2026-11-30T07:59:00.000Z");
    const job = await h.createJob({ schedule: { cron: "0 8 * * *", timezone: "UTC" } });
    const req = request(job, "2026-11-30T08:00:00.000Z");
    await executeRun(h.planner.deps, jobSubject(req), h.noSleep);
    const again = await executeRun(h.planner.deps, jobSubject(req), h.noSleep);
    expect(h.exec.chats).toHaveLength(1);
    expect(again.status).toBe("succeeded");
  });

  it("skips with a recorded reason when the job was deleted, paused or rescheduled since dispatch", async () => {
    const h = engineHarness("2026-11-30T07:59:00.000Z");
    const deleted = await h.createJob({ schedule: { cron: "0 8 * * *", timezone: "UTC" } });
    const paused = await h.createJob({ schedule: { cron: "0 8 * * *", timezone: "UTC" } });
    const moved = await h.createJob({ schedule: { cron: "0 8 * * *", timezone: "UTC" } });
    await h.caller().jobs.delete({ agentId: "agent-1", jobId: deleted.id });
    await h.caller().jobs.pause({ agentId: "agent-1", jobId: paused.id });
    await h.caller().jobs.update({ agentId: "agent-1", jobId: moved.id, expectedRevision: 1, schedule: { cron: "0 10 * * *", timezone: "UTC" } });
    const at = "2026-11-30T08:00:00.000Z";
    const results = [];
    for (const job of [deleted, paused, moved]) results.push(await executeRun(h.planner.deps, jobSubject(request(job, at)), h.noSleep));
    expect(results.map((r) => [r.status, r.skipReason])).toEqual([
      ["skipped", "deleted"],
      ["skipped", "paused"],
      ["skipped", "rescheduled"],
    ]);
    expect(h.exec.chats).toEqual([]);
  });

  it("skips an occurrence while the previous run is still running (overlap skip), runs it with overlap allow", async () => {
    const h = engineHarness("2026-11-30T07:59:00.000Z");
    const skipJob = await h.createJob({ schedule: { cron: "* * * * *", timezone: "UTC" } });
    const allowJob = await h.createJob({ schedule: { cron: "* * * * *", timezone: "UTC" }, policy: { misfire: "runOnce", overlap: "allow" } });
    for (const job of [skipJob, allowJob]) {
      await h.store.appendRun({
        id: `${job.id}@2026-11-30T08:00:00.000Z`,
        agentId: "agent-1",
        owner: { kind: "job", id: job.id },
        cause: "schedule",
        createdAt: "2026-11-30T08:00:00.000Z",
        status: "running",
        startedAt: "2026-11-30T08:00:00.000Z",
        attempts: 0,
      });
    }
    const skipped = await executeRun(h.planner.deps, jobSubject(request(skipJob, "2026-11-30T08:01:00.000Z")), h.noSleep);
    const allowed = await executeRun(h.planner.deps, jobSubject(request(allowJob, "2026-11-30T08:01:00.000Z")), h.noSleep);
    expect([skipped.status, skipped.skipReason]).toEqual(["skipped", "overlap"]);
    expect(allowed.status).toBe("succeeded");
  });

  it("retries a failing executor 3 times, records the failure, and pauses the job after 5 failed runs", async () => {
    const h = engineHarness("2026-11-30T07:59:00.000Z");
    const job = await h.createJob({ schedule: { cron: "* * * * *", timezone: "UTC" } });
    h.exec.fail("Agent is overloaded");
    const sleeps: number[] = [];
    const options = { sleep: (ms: number) => (sleeps.push(ms), Promise.resolve()) };
    const first = await executeRun(h.planner.deps, jobSubject(request(job, "2026-11-30T08:00:00.000Z")), options);
    expect(first).toMatchObject({ status: "failed", attempts: 3, error: "Agent is overloaded" });
    expect(h.exec.chats).toHaveLength(3);
    expect(sleeps).toEqual([1000, 4000]);
    let stored = (await h.store.get("agent-1")).jobs[0];
    expect(stored).toMatchObject({ enabled: true, state: { consecutiveFailures: 1, lastRun: { status: "failed", error: "Agent is overloaded" } } });

    for (let minute = 1; minute <= 4; minute++) {
      await executeRun(h.planner.deps, jobSubject(request(job, `2026-11-30T08:0${minute}:00.000Z`)), h.noSleep);
    }
    stored = (await h.store.get("agent-1")).jobs[0];
    expect(stored).toMatchObject({
      enabled: false,
      revision: 2,
      state: { consecutiveFailures: 5, pausedReason: "Paused after 5 failed runs: Agent is overloaded" },
    });
    expect(stored?.state.nextRunAt).toBeUndefined();
    const view = await h.caller().jobs.byId({ agentId: "agent-1", jobId: job.id });
    expect(view.status).toBe("paused");
  });

  it("a success resets the failure count", async () => {
    const h = engineHarness("2026-11-30T07:59:00.000Z");
    const job = await h.createJob({ schedule: { cron: "* * * * *", timezone: "UTC" } });
    h.exec.fail("boom");
    await executeRun(h.planner.deps, jobSubject(request(job, "2026-11-30T08:00:00.000Z")), h.noSleep);
    h.exec.fail(null);
    await executeRun(h.planner.deps, jobSubject(request(job, "2026-11-30T08:01:00.000Z")), h.noSleep);
    expect((await h.store.get("agent-1")).jobs[0]?.state.consecutiveFailures).toBe(0);
  });

  it("carries the missed-occurrence warning of a runOnce catch-up", async () => {
    const h = engineHarness("2026-11-30T07:59:00.000Z");
    const job = await h.createJob({ schedule: { cron: "* * * * *", timezone: "UTC" } });
    const run = await executeRun(h.planner.deps, jobSubject(request(job, "2026-11-30T08:00:00.000Z", { missedOccurrences: 12 })), h.noSleep);
    expect(run.warnings).toEqual(["12 earlier runs were missed while the scheduler was not running; this run replaces them."]);
  });
});

describe("runTrigger", () => {
  async function withTrigger(action: Trigger["action"]) {
    const h = engineHarness("2026-11-30T07:59:00.000Z");
    const trigger = gmailTrigger("2026-11-30T07:59:00.000Z", { action });
    await h.store.update("agent-1", (p) => ({ ...p, triggers: [trigger] }));
    const event = {
      id: "msg_1",
      type: "GMAIL_NEW_GMAIL_MESSAGE",
      source: "gmail",
      time: "2026-11-30T07:58:00.000Z",
      data: { subject: "Invoice 42", sender: "Jordan <jordan@example.com>", message_text: "Please pay" },
    };
    return { h, trigger, event };
  }

  it("renders the event variables and aliases into the chat message", async () => {
    const { h, trigger, event } = await withTrigger({ type: "chat", template: "New mail from {emailFrom}: {emailSubject} — {eventData.message_text}" });
    const run = await executeRun(h.planner.deps, triggerSubject({ runId: "run_abcdef123", agentId: "agent-1", triggerId: trigger.id, cause: "event", event }), h.noSleep);
    expect(run).toMatchObject({ status: "succeeded", eventId: "msg_1", renderedMessage: "New mail from Jordan <jordan@example.com>: Invoice 42 — Please pay" });
    expect(h.exec.chats[0]?.source).toEqual({ kind: "trigger", id: trigger.id, runId: "run_abcdef123", cause: "event" });
  });

  it("passes the payload to a workflow by default and maps fields when asked", async () => {
    const a = await withTrigger({ type: "workflow", workflowId: "wf_triage" });
    await executeRun(a.h.planner.deps, triggerSubject({ runId: "run_abcdef123", agentId: "agent-1", triggerId: a.trigger.id, cause: "event", event: a.event }), a.h.noSleep);
    expect(a.h.exec.workflows[0]?.input).toEqual(a.event.data);

    const b = await withTrigger({ type: "workflow", workflowId: "wf_triage", input: { mode: "fields", fields: { title: "{emailSubject}", from: "{sender}" } } });
    await executeRun(b.h.planner.deps, triggerSubject({ runId: "run_abcdef124", agentId: "agent-1", triggerId: b.trigger.id, cause: "event", event: b.event }), b.h.noSleep);
    expect(b.h.exec.workflows[0]?.input).toEqual({ title: "Invoice 42", from: "Jordan <jordan@example.com>" });
  });

  it("skips events for a paused trigger but runs tests for it, without touching its state", async () => {
    const { h, trigger, event } = await withTrigger({ type: "chat", template: "{emailSubject}" });
    await h.store.update("agent-1", (p) => ({ ...p, triggers: p.triggers.map((t) => ({ ...t, enabled: false })) }));
    const skipped = await executeRun(h.planner.deps, triggerSubject({ runId: "run_abcdef125", agentId: "agent-1", triggerId: trigger.id, cause: "event", event }), h.noSleep);
    expect([skipped.status, skipped.skipReason]).toEqual(["skipped", "paused"]);
    const tested = await executeRun(h.planner.deps, triggerSubject({ runId: "run_abcdef126", agentId: "agent-1", triggerId: trigger.id, cause: "test", event }), h.noSleep);
    expect(tested.status).toBe("succeeded");
    expect((await h.store.get("agent-1")).triggers[0]?.state.lastRun).toBeUndefined();
  });
});

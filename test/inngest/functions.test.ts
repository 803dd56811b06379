import { InngestTestEngine } from "@inngest/test";
import type { InngestFunction } from "inngest";
import { describe, expect, it, vi } from "vitest";
import { createPlannerFunctions } from "../../src/server/inngest";
import { PLANNER_EVENTS, type JobRunRequest, type TriggerRunRequest } from "../../src/shared/events";
import type { PlannerExecutors } from "../../src/server/options";
import { PlannerConfigError, type Planner } from "../../src/server/planner";
import { testPlanner } from "../helpers/planner";
import { inngestHarness } from "./helpers";

type Harness = ReturnType<typeof inngestHarness>;

function plannerFunction(h: Harness, id: "planner-tick" | "planner-run-job" | "planner-run-trigger"): InngestFunction.Any {
  const fn = createPlannerFunctions(h.planner).find((f) => f.id() === id);
  if (!fn) throw new Error(`no function ${id}`);
  return fn;
}

const cronEvent = { name: "inngest/scheduled.timer", data: { cron: "* * * * *" } };

function jobDueEvent(request: JobRunRequest) {
  return { name: PLANNER_EVENTS.jobDue, id: request.runId, data: request };
}

function scheduledRequest(jobId: string, scheduledFor = "2026-11-30T08:00:00.000Z"): JobRunRequest {
  return { runId: `${jobId}@${scheduledFor}`, agentId: "agent-1", jobId, cause: "schedule", scheduledFor, scheduleRevision: 1 };
}

describe("createPlannerFunctions", () => {
  it("builds planner-tick, planner-run-job and planner-run-trigger from the planner's client", () => {
    const h = inngestHarness();
    const fns = createPlannerFunctions(h.planner);
    expect(fns.map((f) => f.id(h.client.id))).toEqual(["test-app-planner-tick", "test-app-planner-run-job", "test-app-planner-run-trigger"]);
  });

  it("refuses a missing planner", () => {
    expect(() => createPlannerFunctions(undefined as unknown as Planner)).toThrow("createPlannerFunctions: `planner` is required (the result of createPlanner).");
  });

  it("refuses a planner without an Inngest client", () => {
    const { planner } = testPlanner();
    expect(() => createPlannerFunctions(planner)).toThrow(PlannerConfigError);
    expect(() => createPlannerFunctions(planner)).toThrow(/the planner has no Inngest client\. Pass `inngest: \{ client \}` to createPlanner/);
  });
});

describe("planner-tick", () => {
  it("sends one planner/job.due per due job, with the run id as the event id, and advances nextRunAt", async () => {
    const h = inngestHarness("2026-11-30T07:50:00.000Z");
    const paris = await h.createJob();
    const utc = await h.createJob({ name: "Hourly", schedule: { cron: "0 * * * *", timezone: "UTC" } });
    const later = await h.createJob({ name: "Evening", schedule: { cron: "0 18 * * *", timezone: "UTC" } });
    expect([paris.state.nextRunAt, utc.state.nextRunAt]).toEqual(["2026-11-30T08:00:00.000Z", "2026-11-30T08:00:00.000Z"]);

    h.clock.set("2026-11-30T08:00:30.000Z");
    const t = new InngestTestEngine({ function: plannerFunction(h, "planner-tick"), events: [cronEvent] });
    const { result, error } = await t.execute();

    expect(error).toBeUndefined();
    expect(result).toEqual({ due: 2, dispatched: 2, missed: 0 });
    // Both are due at the same instant; the store may hand them over in either order.
    expect(h.api.sent.map((e) => [e.name, e.id]).sort()).toEqual(
      [
        ["planner/job.due", `${paris.id}@2026-11-30T08:00:00.000Z`],
        ["planner/job.due", `${utc.id}@2026-11-30T08:00:00.000Z`],
      ].sort(),
    );
    expect(h.api.sent.find((e) => e.id?.startsWith(paris.id))?.data).toEqual({
      runId: `${paris.id}@2026-11-30T08:00:00.000Z`,
      agentId: "agent-1",
      jobId: paris.id,
      cause: "schedule",
      scheduledFor: "2026-11-30T08:00:00.000Z",
      scheduleRevision: 1,
    });
    const jobs = (await h.store.get("agent-1")).jobs;
    expect(jobs.map((j) => [j.id, j.state.nextRunAt])).toEqual([
      [paris.id, "2026-12-01T08:00:00.000Z"],
      [utc.id, "2026-11-30T09:00:00.000Z"],
      [later.id, "2026-11-30T18:00:00.000Z"],
    ]);
    // Recorded as queued so the UI (and "run now") see them before Inngest starts them.
    const queued = await h.store.activeRuns("agent-1");
    expect(queued.map((r) => [r.id, r.status]).sort()).toEqual(
      [
        [`${paris.id}@2026-11-30T08:00:00.000Z`, "queued"],
        [`${utc.id}@2026-11-30T08:00:00.000Z`, "queued"],
      ].sort(),
    );
  });

  it("sends nothing when no job is due", async () => {
    const h = inngestHarness("2026-11-30T07:50:00.000Z");
    const job = await h.createJob();
    const t = new InngestTestEngine({ function: plannerFunction(h, "planner-tick"), events: [cronEvent] });
    const { result } = await t.execute();
    expect(result).toEqual({ due: 0, dispatched: 0, missed: 0 });
    expect(h.api.sent).toEqual([]);
    expect((await h.store.get("agent-1")).jobs[0]?.state.nextRunAt).toBe(job.state.nextRunAt);
  });

  it("leaves nextRunAt alone when Inngest refuses the event, so the next tick dispatches it again", async () => {
    const h = inngestHarness("2026-11-30T07:50:00.000Z");
    const job = await h.createJob();
    h.clock.set("2026-11-30T08:00:30.000Z");
    h.api.fail(400);
    const first = await new InngestTestEngine({ function: plannerFunction(h, "planner-tick"), events: [cronEvent] }).execute();
    expect(first.result).toEqual({ due: 0, dispatched: 0, missed: 0 });
    expect((await h.store.get("agent-1")).jobs[0]?.state.nextRunAt).toBe("2026-11-30T08:00:00.000Z");
    expect(await h.store.activeRuns("agent-1")).toEqual([]);

    h.api.fail(null);
    h.clock.set("2026-11-30T08:01:30.000Z");
    const second = await new InngestTestEngine({ function: plannerFunction(h, "planner-tick"), events: [cronEvent] }).execute();
    expect(second.result).toEqual({ due: 1, dispatched: 1, missed: 0 });
    expect(h.api.sent.map((e) => e.id)).toEqual([`${job.id}@2026-11-30T08:00:00.000Z`]);
  });
});

describe("planner-run-job", () => {
  it("runs the executor with the rendered message and records a succeeded run", async () => {
    const h = inngestHarness("2026-11-30T08:00:05.000Z");
    const job = await h.createJob();
    const request = scheduledRequest(job.id);
    const t = new InngestTestEngine({ function: plannerFunction(h, "planner-run-job"), events: [jobDueEvent(request)] });

    const { result, error, ctx } = await t.execute();

    expect(error).toBeUndefined();
    expect(result).toEqual({ runId: request.runId, status: "succeeded" });
    expect(ctx.step.run).toHaveBeenCalledTimes(3);
    expect(ctx.step.run.mock.calls.map((call) => call[0])).toEqual(["start", "execute", "finish"]);
    expect(h.exec.chats).toEqual([
      {
        agentId: "agent-1",
        userId: "user-1",
        message: "Good morning, Ada! It is Monday 09:00 in Europe/Paris.",
        title: "Morning brief",
        source: { kind: "job", id: job.id, runId: request.runId, cause: "schedule" },
        idempotencyKey: request.runId,
        signal: expect.any(AbortSignal) as AbortSignal,
      },
    ]);
    const run = await h.store.getRun("agent-1", request.runId);
    expect(run).toMatchObject({
      status: "succeeded",
      attempts: 1,
      renderedMessage: "Good morning, Ada! It is Monday 09:00 in Europe/Paris.",
      result: { threadId: "thread-1", url: "/chat/thread-1" },
      startedAt: "2026-11-30T08:00:05.000Z",
      finishedAt: "2026-11-30T08:00:05.000Z",
    });
    const stored = (await h.store.get("agent-1")).jobs[0];
    expect(stored?.state).toMatchObject({ lastRunAt: "2026-11-30T08:00:05.000Z", consecutiveFailures: 0, lastRun: { runId: request.runId, status: "succeeded" } });
  });

  it("skips with a recorded reason, without calling the executor, when the job was paused since dispatch", async () => {
    const h = inngestHarness("2026-11-30T08:00:05.000Z");
    const job = await h.createJob();
    await h.caller().jobs.pause({ agentId: "agent-1", jobId: job.id });
    const request = scheduledRequest(job.id);
    const t = new InngestTestEngine({ function: plannerFunction(h, "planner-run-job"), events: [jobDueEvent(request)] });

    const { result, ctx } = await t.execute();

    expect(result).toEqual({ runId: request.runId, status: "skipped" });
    expect(ctx.step.run.mock.calls.map((call) => call[0])).toEqual(["start"]);
    expect(h.exec.chats).toEqual([]);
    expect(await h.store.getRun("agent-1", request.runId)).toMatchObject({ status: "skipped", skipReason: "paused" });
  });

  it("records a failed attempt and hands the error to Inngest to retry when the executor throws", async () => {
    const h = inngestHarness("2026-11-30T08:00:05.000Z");
    const job = await h.createJob();
    h.exec.fail("The chat service is down.");
    const request = scheduledRequest(job.id);
    const t = new InngestTestEngine({ function: plannerFunction(h, "planner-run-job"), events: [jobDueEvent(request)] });

    // The test engine does not model retries: it stops at the first failed step.
    const { result, error } = await t.execute();

    expect(result).toBeUndefined();
    expect(error).toMatchObject({ message: "The chat service is down." });
    expect(h.exec.chats).toHaveLength(1);
    expect(await h.store.getRun("agent-1", request.runId)).toMatchObject({ status: "running", attempts: 1, error: "The chat service is down." });
    // Not final yet: the job's failure count moves only when Inngest gives up (onFailure, see route tests).
    expect((await h.store.get("agent-1")).jobs[0]?.state.consecutiveFailures).toBe(0);
  });

  it("still hands Inngest the executor's error when recording the attempt fails", async () => {
    const h = inngestHarness("2026-11-30T08:00:05.000Z");
    const job = await h.createJob();
    h.exec.fail("The chat service is down.");
    const updateRun = vi.spyOn(h.store, "updateRun").mockRejectedValueOnce(new Error("disk full"));
    const t = new InngestTestEngine({ function: plannerFunction(h, "planner-run-job"), events: [jobDueEvent(scheduledRequest(job.id))] });

    const { error } = await t.execute();

    expect(updateRun).toHaveBeenCalledTimes(1);
    expect(error).toMatchObject({ message: "The chat service is down." });
  });

  it("counts attempts from Inngest's attempt number and marks the last one as final", async () => {
    const h = inngestHarness("2026-11-30T08:00:05.000Z");
    const job = await h.createJob();
    h.exec.fail("The chat service is down.");
    const request = scheduledRequest(job.id);
    const t = new InngestTestEngine({
      function: plannerFunction(h, "planner-run-job"),
      events: [jobDueEvent(request)],
      // Inngest's fourth attempt of 4 (retries: 3).
      transformCtx: (ctx) => ({ ...ctx, attempt: 3, maxAttempts: 4 }),
    });

    const { error } = await t.execute();

    expect(error).toMatchObject({ message: "The chat service is down." });
    expect(await h.store.getRun("agent-1", request.runId)).toMatchObject({ attempts: 4, error: "The chat service is down." });
  });

  it("does not retry when the planner has no executors", async () => {
    const h = inngestHarness("2026-11-30T08:00:05.000Z");
    const job = await h.createJob();
    const bare = testPlanner({ store: h.store, inngest: { client: h.client } }, "2026-11-30T08:00:05.000Z");
    const fn = createPlannerFunctions(bare.planner).find((f) => f.id() === "planner-run-job");
    if (!fn) throw new Error("no planner-run-job");
    const request = scheduledRequest(job.id);

    const { error } = await new InngestTestEngine({ function: fn, events: [jobDueEvent(request)] }).execute();

    expect(error).toMatchObject({ name: "NonRetriableError", message: expect.stringContaining("No executors are configured") as string });
  });

  it("hands Inngest a readable Error whatever the executor throws, and does not retry an answer of the wrong shape", async () => {
    const h = inngestHarness("2026-11-30T08:00:05.000Z");
    const job = await h.createJob();
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    /* eslint-disable @typescript-eslint/prefer-promise-reject-errors -- executors that reject with things that are not Errors */
    const cases: Array<[() => Promise<unknown>, Record<string, unknown>]> = [
      [() => Promise.reject(undefined), { name: "Error", message: "Unknown error (the executor threw undefined)." }],
      [() => Promise.reject("quota exceeded"), { name: "Error", message: "quota exceeded" }],
      [() => Promise.reject(proxy), { name: "Error", message: "The executor threw a value that could not be read." }],
      [() => Promise.resolve({ id: "thread-1" }), { name: "NonRetriableError", message: "startChat returned threadId as undefined; it must return { threadId: string, url?: string }." }],
    ];
    /* eslint-enable @typescript-eslint/prefer-promise-reject-errors */
    for (const [index, [startChat, expected]] of cases.entries()) {
      const executors = { startChat, runWorkflow: () => Promise.resolve({ workflowRunId: "w" }) } as unknown as PlannerExecutors;
      const faulty = testPlanner({ store: h.store, inngest: { client: h.client }, executors }, "2026-11-30T08:00:05.000Z");
      const fn = createPlannerFunctions(faulty.planner).find((f) => f.id() === "planner-run-job");
      if (!fn) throw new Error("no planner-run-job");
      const request = scheduledRequest(job.id, `2026-11-30T08:00:0${index}.000Z`);
      const { error } = await new InngestTestEngine({ function: fn, events: [jobDueEvent(request)] }).execute();
      expect(error).toMatchObject(expected);
      expect(await h.store.getRun("agent-1", request.runId)).toMatchObject({ status: "running", attempts: 1, error: expected.message });
    }
  });

  it("rejects an event that does not match the shared schema before running anything", async () => {
    const h = inngestHarness("2026-11-30T08:00:05.000Z");
    const job = await h.createJob();
    const t = new InngestTestEngine({
      function: plannerFunction(h, "planner-run-job"),
      events: [{ name: PLANNER_EVENTS.jobDue, data: { ...scheduledRequest(job.id), scheduleRevision: 0 } }],
    });

    const { error, ctx } = await t.execute();

    expect(error).toMatchObject({ name: "EventValidationError", message: expect.stringContaining("scheduleRevision") as string });
    expect(ctx.step.run).not.toHaveBeenCalled();
    expect(h.exec.chats).toEqual([]);
  });
});

describe("planner-run-trigger", () => {
  it("renders the trigger's template from the event and records a succeeded run", async () => {
    const h = inngestHarness("2026-11-30T08:00:05.000Z");
    const trigger = await h.addTrigger({
      name: "New invoice",
      action: { type: "chat", template: "{triggerName} from {sender}: {subject} ({eventType}, {agentName})" },
    });
    const request: TriggerRunRequest = {
      runId: "run_evt0001",
      agentId: "agent-1",
      triggerId: trigger.id,
      cause: "event",
      event: {
        id: "msg_123",
        type: "GMAIL_NEW_GMAIL_MESSAGE",
        source: "gmail",
        time: "2026-11-30T08:00:00.000Z",
        data: { sender: "billing@example.com", subject: "Invoice #42" },
      },
    };
    const t = new InngestTestEngine({
      function: plannerFunction(h, "planner-run-trigger"),
      events: [{ name: PLANNER_EVENTS.triggerFired, id: request.runId, data: request }],
    });

    const { result, error } = await t.execute();

    expect(error).toBeUndefined();
    expect(result).toEqual({ runId: "run_evt0001", status: "succeeded" });
    expect(h.exec.chats).toEqual([
      {
        agentId: "agent-1",
        message: "New invoice from billing@example.com: Invoice #42 (GMAIL_NEW_GMAIL_MESSAGE, Ada)",
        title: "New invoice",
        source: { kind: "trigger", id: trigger.id, runId: "run_evt0001", cause: "event" },
        idempotencyKey: "run_evt0001",
        signal: expect.any(AbortSignal) as AbortSignal,
      },
    ]);
    expect(await h.store.getRun("agent-1", "run_evt0001")).toMatchObject({
      owner: { kind: "trigger", id: trigger.id },
      eventId: "msg_123",
      status: "succeeded",
      attempts: 1,
      renderedMessage: "New invoice from billing@example.com: Invoice #42 (GMAIL_NEW_GMAIL_MESSAGE, Ada)",
      result: { threadId: "thread-1" },
    });
    expect((await h.store.get("agent-1")).triggers[0]?.state.lastRun).toMatchObject({ runId: "run_evt0001", status: "succeeded" });
  });
});

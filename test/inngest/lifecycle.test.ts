/**
 * Issue 21 on Inngest: the run functions keep the same lifecycle as the in-process driver — a PermanentError is not
 * retried, an executor answering "started" leaves the run started until `planner.completeRun`, runs act for the last
 * editor, and a failed result write is retried as its own step (the executor's step is memoized).
 */
import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it } from "vitest";
import { PermanentError } from "../../src/server/errors";
import { createPlannerFunctions } from "../../src/server/inngest";
import type { PlannerExecutors } from "../../src/server/options";
import { PLANNER_EVENTS, type JobRunRequest } from "../../src/shared/events";
import { testPlanner } from "../helpers/planner";
import { inngestHarness } from "./helpers";

function runJobFunction(planner: Parameters<typeof createPlannerFunctions>[0]) {
  const fn = createPlannerFunctions(planner).find((f) => f.id() === "planner-run-job");
  if (!fn) throw new Error("no planner-run-job");
  return fn;
}

function request(jobId: string, scheduledFor: string): JobRunRequest {
  return { runId: `${jobId}@${scheduledFor}`, agentId: "agent-1", jobId, cause: "schedule", scheduledFor, scheduleRevision: 1 };
}

describe("the run lifecycle on Inngest", () => {
  it("a PermanentError is a NonRetriableError with its message; the run keeps it", async () => {
    const h = inngestHarness("2026-11-30T08:00:05.000Z");
    const job = await h.createJob();
    const executors = {
      startChat: () => Promise.reject(new PermanentError("Missing connection for gmail.")),
      runWorkflow: () => Promise.resolve({ workflowRunId: "w" }),
    } as PlannerExecutors;
    const t = testPlanner({ store: h.store, inngest: { client: h.client }, executors }, "2026-11-30T08:00:05.000Z");
    const r = request(job.id, "2026-11-30T08:00:00.000Z");
    const { error } = await new InngestTestEngine({ function: runJobFunction(t.planner), events: [{ name: PLANNER_EVENTS.jobDue, id: r.runId, data: r }] }).execute();
    expect(error).toMatchObject({ name: "NonRetriableError", message: "Missing connection for gmail." });
    expect(await h.store.getRun("agent-1", r.runId)).toMatchObject({ attempts: 1, error: "Missing connection for gmail." });
  });

  it("an executor answering started leaves the run started with its link; completeRun ends it; the user is the last editor", async () => {
    const h = inngestHarness("2026-11-30T08:00:05.000Z");
    const job = await h.createJob();
    const users: Array<string | undefined> = [];
    const executors: PlannerExecutors = {
      startChat: (call) => {
        users.push(call.userId);
        return Promise.resolve({ status: "started", threadId: `thread-${call.idempotencyKey}`, url: "/chat/1" });
      },
      runWorkflow: () => Promise.resolve({ workflowRunId: "w" }),
    };
    const t = testPlanner({ store: h.store, inngest: { client: h.client }, executors }, "2026-11-30T08:00:05.000Z");
    const r = request(job.id, "2026-11-30T08:00:00.000Z");
    // The function sleeps until completeBy (mocked here: it wakes at once, before the timeout, and leaves the run started).
    const sleeps: string[] = [];
    const engine = new InngestTestEngine({
      function: runJobFunction(t.planner),
      events: [{ name: PLANNER_EVENTS.jobDue, id: r.runId, data: r }],
      steps: [{ id: "await-completion", handler: () => void sleeps.push("await-completion") }],
    });
    const { result, error } = await engine.execute();
    expect(error).toBeUndefined();
    expect(result).toEqual({ runId: r.runId, status: "started" });
    expect(sleeps).toEqual(["await-completion"]);
    expect(users).toEqual(["user-1"]);
    expect(await h.store.getRun("agent-1", r.runId)).toMatchObject({ status: "started", userId: "user-1", result: { url: "/chat/1" } });
    const done = await t.planner.completeRun(r.runId, { status: "succeeded", agentId: "agent-1" });
    expect(done).toMatchObject({ status: "succeeded", result: { threadId: `thread-${r.runId}`, url: "/chat/1" } });
    expect((await h.store.getJob("agent-1", job.id))?.state.lastRun).toMatchObject({ status: "succeeded" });
  });

  it("runs.cancel of a running run sends the cancel event its function listens for and ends it cancelled", async () => {
    const h = inngestHarness("2026-11-30T08:00:05.000Z");
    const job = await h.createJob();
    const r = request(job.id, "2026-11-30T08:00:00.000Z");
    await h.store.appendRun({
      id: r.runId,
      agentId: "agent-1",
      owner: { kind: "job", id: job.id },
      cause: "schedule",
      createdAt: "2026-11-30T08:00:00.000Z",
      scheduledFor: r.scheduledFor,
      status: "running",
      startedAt: "2026-11-30T08:00:01.000Z",
      attempts: 0,
    });
    const cancelled = await h.caller().runs.cancel({ agentId: "agent-1", runId: r.runId });
    expect(cancelled).toMatchObject({ status: "cancelled", cancelledBy: "user-1" });
    expect(h.api.sent).toEqual([expect.objectContaining({ name: PLANNER_EVENTS.runCancelled, data: { runId: r.runId, agentId: "agent-1" } })]);
    const registered = createPlannerFunctions(h.planner).find((f) => f.id() === "planner-run-job")!;
    expect(JSON.stringify((registered as unknown as { opts: unknown }).opts)).toContain("async.data.runId == event.data.runId");
  });
});

/**
 * Issue 21: the run lifecycle on the in-process driver — permanent failures, cancel (the executor's signal),
 * started runs and `completeRun`, the completion timeout, takeover of runs left by a dead worker (same idempotency
 * key, never counted toward auto-pause), a result the store could not take (the executor is not called again),
 * and replay with the original event.
 */
import { describe, expect, it } from "vitest";
import { PermanentError } from "../../src/server/errors";
import type { PlannerExecutors, RunWorkflowRequest, StartChatRequest } from "../../src/server/options";
import { memoryStore, type PlannerStore } from "../../src/server/store";
import { StorageFaultError } from "../../src/server/store/faults";
import type { Run } from "../../src/shared/schemas";
import { testPlanner } from "../helpers/planner";
import { gmailTrigger } from "../helpers/triggers";

const NOW = "2026-11-30T09:00:00.000Z";

type ChatAnswer = Awaited<ReturnType<PlannerExecutors["startChat"]>>;

function scriptedExecutors(answer: (request: StartChatRequest, call: number) => Promise<ChatAnswer> | ChatAnswer) {
  const chats: StartChatRequest[] = [];
  const executors: PlannerExecutors = {
    async startChat(request) {
      chats.push(request);
      return answer(request, chats.length);
    },
    runWorkflow(request: RunWorkflowRequest) {
      return Promise.resolve({ workflowRunId: `wf-${request.idempotencyKey}` });
    },
  };
  return { chats, executors };
}

async function setup(answer: Parameters<typeof scriptedExecutors>[0], options: { store?: PlannerStore; limits?: Record<string, number> } = {}) {
  const exec = scriptedExecutors(answer);
  const t = testPlanner(
    {
      store: options.store ?? memoryStore(),
      executors: exec.executors,
      scheduler: { backoffMs: () => 1, leaseMs: 30_000 },
      ...(options.limits ? { limits: options.limits } : {}),
    },
    NOW,
  );
  const job = await t.caller().jobs.create({ agentId: "agent-1", name: "Digest", schedule: { cron: "0 9 * * 1", timezone: "UTC" }, action: { type: "chat", template: "Hello" } });
  return { ...t, ...exec, job };
}

async function runNow(t: Awaited<ReturnType<typeof setup>>): Promise<string> {
  const { runId } = await t.caller().jobs.runNow({ agentId: "agent-1", jobId: t.job.id });
  return runId;
}

const until = async (check: () => Promise<boolean>) => {
  for (let i = 0; i < 500; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error("timed out waiting");
};

describe("run lifecycle (in-process)", () => {
  it("a PermanentError is attempted once and fails the run with its message", async () => {
    const t = await setup(() => {
      throw new PermanentError("Missing connection for gmail.");
    });
    await t.planner.start();
    try {
      const runId = await runNow(t);
      await t.planner.idle();
      expect(t.chats).toHaveLength(1);
      expect(await t.store.getRun("agent-1", runId)).toMatchObject({ status: "failed", attempts: 1, error: "Missing connection for gmail." });
    } finally {
      await t.planner.stop();
    }
  });

  it("cancel reaches the executor's signal and the run ends cancelled, without counting as a failure", async () => {
    const t = await setup(
      (request) =>
        new Promise<ChatAnswer>((_, reject) => {
          request.signal.addEventListener("abort", () => reject(new Error("aborted by the signal")), { once: true });
        }),
    );
    await t.planner.start();
    try {
      const runId = await runNow(t);
      await until(() => Promise.resolve(t.chats.length === 1));
      const answer = await t.caller().runs.cancel({ agentId: "agent-1", runId });
      expect(["running", "cancelled"]).toContain(answer.status);
      await t.planner.idle();
      expect(t.chats[0]!.signal.aborted).toBe(true);
      const run = await t.store.getRun("agent-1", runId);
      expect(run).toMatchObject({ status: "cancelled", cancelledBy: "user-1" });
      expect(run?.timeline?.map((e) => e.step)).toEqual(expect.arrayContaining(["cancelRequested", "cancelled"]));
      expect(t.chats).toHaveLength(1);
      const job = await t.store.getJob("agent-1", t.job.id);
      expect(job?.state.consecutiveFailures).toBe(0);
      expect(job?.state.lastRun).toMatchObject({ status: "cancelled" });
      // Cancelling an ended run changes nothing.
      expect(await t.caller().runs.cancel({ agentId: "agent-1", runId })).toMatchObject({ status: "cancelled" });
    } finally {
      await t.planner.stop();
    }
  });

  it("a started run completed later as failed is failed, on the run and the job; a second report changes nothing", async () => {
    const t = await setup((request) => ({ status: "started", threadId: `thread-${request.idempotencyKey}`, url: "/chat/1" }));
    await t.planner.start();
    try {
      const runId = await runNow(t);
      await t.planner.idle();
      expect(await t.store.getRun("agent-1", runId)).toMatchObject({ status: "started", result: { threadId: `thread-${runId}`, url: "/chat/1" } });
      const views = await t.caller().jobs.list({ agentId: "agent-1" });
      expect(views[0]?.status).toBe("running");
      const failed = await t.planner.completeRun(runId, { status: "failed", error: "The model gateway answered 502." });
      expect(failed).toMatchObject({ status: "failed", error: "The model gateway answered 502.", result: { threadId: `thread-${runId}` } });
      // The host reported it: the timeline's ending is not counted as an attempt of the executor.
      expect(failed.timeline?.at(-1)).toEqual({ at: expect.any(String) as string, step: "failed", detail: "The model gateway answered 502." });
      expect((await t.store.getJob("agent-1", t.job.id))?.state).toMatchObject({ consecutiveFailures: 1, lastRun: { status: "failed" } });
      const again = await t.planner.completeRun(runId, { status: "succeeded", agentId: "agent-1" });
      expect(again.status).toBe("failed");
      expect(t.chats).toHaveLength(1);
    } finally {
      await t.planner.stop();
    }
  });

  it("a started run never completed fails at limits.completionTimeoutMs", async () => {
    const t = await setup((request) => ({ status: "started", threadId: `thread-${request.idempotencyKey}` }), { limits: { completionTimeoutMs: 60_000 } });
    await t.planner.start();
    try {
      const runId = await runNow(t);
      await t.planner.idle();
      expect((await t.store.getRun("agent-1", runId))?.status).toBe("started");
      await t.planner.stop();
      t.clock.advance(61_000);
      await t.planner.start();
      await t.planner.idle();
      const run = await t.store.getRun("agent-1", runId);
      expect(run).toMatchObject({ status: "failed", error: expect.stringContaining("limits.completionTimeoutMs") as string });
    } finally {
      await t.planner.stop();
    }
  });

  it("an executor answer the store cannot take is written again as a store write; the executor is not called again", async () => {
    const inner = memoryStore();
    let failFinishes = 2;
    const store: PlannerStore = {
      ...inner,
      finishRun(...args) {
        if (failFinishes > 0) {
          failFinishes--;
          return Promise.reject(new StorageFaultError("database-unavailable", "The planner's database is unavailable."));
        }
        return inner.finishRun(...args);
      },
    };
    const t = await setup((request) => ({ threadId: `thread-${request.idempotencyKey}` }), { store });
    await t.planner.start();
    try {
      const runId = await runNow(t);
      await t.planner.idle();
      expect(t.chats).toHaveLength(1);
      expect(await t.store.getRun("agent-1", runId)).toMatchObject({ status: "succeeded", attempts: 1 });
    } finally {
      await t.planner.stop();
    }
  });

  it("a run left running by a dead worker is taken over at start and executed again with the same idempotency key", async () => {
    const t = await setup((request) => ({ threadId: `thread-${request.idempotencyKey}` }));
    const run: Run = {
      id: "run_orphan000001",
      agentId: "agent-1",
      owner: { kind: "job", id: t.job.id },
      cause: "manual",
      createdAt: NOW,
      scheduledFor: NOW,
      scheduleRevision: t.job.state.scheduleRevision,
      status: "running",
      startedAt: NOW,
      attempts: 0,
      renderedMessage: "Hello",
      lease: { holder: "worker_dead", expiresAt: "2026-11-30T09:00:30.000Z" },
    };
    await t.store.appendRun(run);
    t.clock.advance(31_000);
    await t.planner.start();
    try {
      await t.planner.idle();
      expect(t.chats.map((c) => c.idempotencyKey)).toEqual([run.id]);
      const after = await t.store.getRun("agent-1", run.id);
      expect(after).toMatchObject({ status: "succeeded", takeovers: 1 });
      expect(after?.lease).toBeUndefined();
    } finally {
      await t.planner.stop();
    }
  });

  it("20 crashes in a row do not pause a trigger: runs interrupted too often end failed without counting", async () => {
    const t = await setup((request) => ({ threadId: `thread-${request.idempotencyKey}` }), { limits: { autoPauseAfter: 5 } });
    const trigger = gmailTrigger(NOW);
    await t.store.update("agent-1", (p) => ({ ...p, triggers: [trigger] }));
    for (let i = 0; i < 20; i++) {
      await t.store.appendRun({
        id: `run_crashed${String(i).padStart(6, "0")}`,
        agentId: "agent-1",
        owner: { kind: "trigger", id: trigger.id },
        cause: "event",
        createdAt: NOW,
        status: "running",
        startedAt: NOW,
        attempts: 0,
        takeovers: 3,
        event: { id: `msg_${i}`, type: "GMAIL_NEW_GMAIL_MESSAGE", source: "gmail", time: NOW, data: { subject: "hi" } },
        lease: { holder: "worker_dead", expiresAt: NOW },
      });
    }
    t.clock.advance(1_000);
    await t.planner.start();
    try {
      await t.planner.idle();
      const state = (await t.store.getTrigger("agent-1", trigger.id))!;
      expect(state.enabled).toBe(true);
      expect(state.state.consecutiveFailures).toBe(0);
      const runs = await t.store.listRuns("agent-1", { kind: "trigger", id: trigger.id }, { limit: 50 });
      expect(runs.items.every((r) => r.status === "failed")).toBe(true);
      expect(t.chats).toHaveLength(0);
    } finally {
      await t.planner.stop();
    }
  });

  it("replay runs an ended trigger run again with its original event: a new run, cause replay, linked to it", async () => {
    const t = await setup((request) => ({ threadId: `thread-${request.idempotencyKey}` }));
    const trigger = gmailTrigger(NOW, { action: { type: "chat", template: "New mail: {subject}" } });
    await t.store.update("agent-1", (p) => ({ ...p, triggers: [trigger] }));
    await t.planner.start();
    try {
      await t.planner.deps.dispatcher.dispatchTrigger({
        runId: "run_original0001",
        agentId: "agent-1",
        triggerId: trigger.id,
        cause: "event",
        event: { id: "msg_1", type: "GMAIL_NEW_GMAIL_MESSAGE", source: "gmail", time: NOW, data: { subject: "Invoice 42" } },
      });
      await t.planner.idle();
      const { runId } = await t.caller().runs.replay({ agentId: "agent-1", runId: "run_original0001" });
      await t.planner.idle();
      expect(t.chats.map((c) => c.message)).toEqual(["New mail: Invoice 42", "New mail: Invoice 42"]);
      expect(await t.store.getRun("agent-1", runId)).toMatchObject({ cause: "replay", replayOf: "run_original0001", status: "succeeded", event: { id: "msg_1" } });
    } finally {
      await t.planner.stop();
    }
  });
});

describe("thirty clicks at once", () => {
  it("thirty concurrent replays of one run start one replay; the others are refused with a sentence and store nothing", async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const t = await setup(async (request, call) => {
      // The first run answers at once; the replay waits, so every other click finds it in progress.
      if (call > 1) await gate;
      return { threadId: `thread-${request.idempotencyKey}` };
    });
    await t.planner.start();
    try {
      const original = await runNow(t);
      await t.planner.idle();
      const answers = await Promise.allSettled(Array.from({ length: 30 }, () => t.caller().runs.replay({ agentId: "agent-1", runId: original })));
      const started = answers.filter((a) => a.status === "fulfilled");
      const refused = answers.flatMap((a) => (a.status === "rejected" ? [a.reason as { code?: string; message?: string }] : []));
      expect(started).toHaveLength(1);
      expect(refused).toHaveLength(29);
      expect(new Set(refused.map((r) => r.code))).toEqual(new Set(["TOO_MANY_REQUESTS"]));
      expect(refused[0]?.message).toMatch(/^A replay is already (queued|running)\. Wait for it to finish, then replay again\.$/);
      release();
      await t.planner.idle();
      const runs = await t.store.listRuns("agent-1", { kind: "job", id: t.job.id }, { limit: 50 });
      expect(runs.items.map((r) => r.cause).toSorted()).toEqual(["manual", "replay"]);
      expect(t.chats).toHaveLength(2);
      // Once it ended, a replay may start again.
      await t.caller().runs.replay({ agentId: "agent-1", runId: original });
      await t.planner.idle();
      expect(t.chats).toHaveLength(3);
    } finally {
      release();
      await t.planner.stop();
    }
  });

  it("thirty concurrent cancels of one running run end it cancelled once; every answer is the cancelled run", async () => {
    const t = await setup(
      (request) =>
        new Promise<ChatAnswer>((_resolve, reject) => {
          request.signal.addEventListener("abort", () => reject(request.signal.reason as Error), { once: true });
        }),
    );
    await t.planner.start();
    try {
      const runId = await runNow(t);
      await until(async () => (await t.store.getRun("agent-1", runId))?.status === "running" && t.chats.length === 1);
      const answers = await Promise.all(Array.from({ length: 30 }, () => t.caller().runs.cancel({ agentId: "agent-1", runId })));
      await t.planner.idle();
      expect(answers.every((a) => a.id === runId && (a.status === "running" || a.status === "cancelled"))).toBe(true);
      const run = await t.store.getRun("agent-1", runId);
      expect(run).toMatchObject({ status: "cancelled", cancelledBy: "user-1" });
      expect(run!.timeline!.filter((e) => e.step === "cancelled")).toHaveLength(1);
      expect(t.chats).toHaveLength(1);
      // A cancel of the ended run answers it as it is.
      expect(await t.caller().runs.cancel({ agentId: "agent-1", runId })).toMatchObject({ status: "cancelled" });
    } finally {
      await t.planner.stop();
    }
  });
});

describe("the user a run acts for", () => {
  it("executors get the last editor's id; a run whose user lost access is skipped with that reason and needs attention", async () => {
    const access = new Set(["user-1"]);
    const exec = scriptedExecutors((request) => ({ threadId: `thread-${request.idempotencyKey}` }));
    const t = testPlanner({ executors: exec.executors, canAccessAgent: (userId) => access.has(userId) }, NOW);
    const job = await t.caller("user-1").jobs.create({ agentId: "agent-1", name: "Digest", schedule: { cron: "0 9 * * 1", timezone: "UTC" }, action: { type: "chat", template: "Hello" } });
    expect(job).toMatchObject({ createdBy: "user-1", updatedBy: "user-1" });
    await t.planner.start();
    try {
      const first = await t.caller("user-1").jobs.runNow({ agentId: "agent-1", jobId: job.id });
      await t.planner.idle();
      expect(exec.chats[0]?.userId).toBe("user-1");
      expect(await t.store.getRun("agent-1", first.runId)).toMatchObject({ status: "succeeded", userId: "user-1" });
      // user-1 loses access; an admin still runs it now, but the run acts for user-1 and is skipped.
      access.delete("user-1");
      access.add("admin");
      const second = await t.caller("admin").jobs.runNow({ agentId: "agent-1", jobId: job.id });
      await t.planner.idle();
      expect(exec.chats).toHaveLength(1);
      expect(await t.store.getRun("agent-1", second.runId)).toMatchObject({ status: "skipped", skipReason: "noAccess", userId: "user-1" });
      const overview = await t.caller("admin").overview({ agentId: "agent-1" });
      expect(overview.attention.items).toEqual([expect.objectContaining({ id: job.id, problem: "noAccess" })]);
      // Saving it as the admin makes its runs act for the admin.
      await t.caller("admin").jobs.update({ agentId: "agent-1", jobId: job.id, expectedRevision: job.revision, name: "Digest (admin)" });
      await t.caller("admin").jobs.runNow({ agentId: "agent-1", jobId: job.id });
      await t.planner.idle();
      expect(exec.chats.map((c) => c.userId)).toEqual(["user-1", "admin"]);
    } finally {
      await t.planner.stop();
    }
  });
});

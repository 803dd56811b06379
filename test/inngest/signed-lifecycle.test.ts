/**
 * Issue 21, part 11: the run lifecycle in Inngest mode, end to end through the package's own routes. Composio
 * deliveries are signed with Composio's scheme and posted to `createComposioWebhookRoute`; every event the planner
 * sends to Inngest is captured by a fake event API and handed back, as Inngest would, to `createInngestRoute` in
 * signed function calls (`x-inngest-signature`), one request per step, retries and `onFailure` included. Covered:
 * durable dedupe, started runs completed later, cancel, replay, the user a run acts for, and permanent errors.
 */
import { createHmac, randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { PermanentError, type ComposioGateway, type PlannerExecutors, type PlannerLogger, type StartChatAnswer, type StartChatRequest } from "../../src/server";
import { createInngestClient } from "../../src/server/inngest";
import { createComposioWebhookRoute } from "../../src/server/next";
import { createInngestRoute } from "../../src/server/inngest";
import { PLANNER_EVENTS } from "../../src/shared/events";
import { testPlanner } from "../helpers/planner";
import { gmailDelivery, gmailTrigger } from "../helpers/triggers";
import { ROUTE_URL, failureEvent, functionCall, type DeliveredEvent } from "./executor";
import { APP_ID, EVENT_KEY, SIGNING_KEY, fakeInngestApi, recordingLogger, type SentEvent } from "./helpers";

const WEBHOOK_SECRET = "whsec_test_secret_value";
const NOW = "2026-11-30T09:00:00.000Z";
const AGENT = "agent-1";
const TRIGGER_ID = "trg_inbox0000001";
/** Attempts Inngest makes of a step: the first and RUN_RETRIES (3) retries. */
const MAX_ATTEMPTS = 4;

type Handler = (req: Request) => Promise<Response>;

/** A Composio delivery of the sample Gmail message under `webhookId`, signed the way Composio signs it. */
function composioDelivery(webhookId: string, at: Date): Request {
  const raw = JSON.stringify({ ...gmailDelivery, id: webhookId });
  const timestamp = Math.floor(at.getTime() / 1000);
  const signature = `v1,${createHmac("sha256", WEBHOOK_SECRET).update(`${webhookId}.${timestamp}.${raw}`).digest("base64")}`;
  return new Request("https://app.example.com/api/workforce/triggers/webhook", {
    method: "POST",
    headers: { "content-type": "application/json", "webhook-id": webhookId, "webhook-timestamp": String(timestamp), "webhook-signature": signature },
    body: raw,
  });
}

/** A chat executor whose answer the test sets; every call is recorded with its signal. */
function steerableExecutors() {
  const chats: StartChatRequest[] = [];
  let answer: (request: StartChatRequest) => Promise<StartChatAnswer> = () => Promise.resolve({ threadId: `thread-${chats.length}`, url: `/chat/thread-${chats.length}` });
  const executors: PlannerExecutors = {
    startChat(request) {
      chats.push(request);
      return answer(request);
    },
    runWorkflow: () => Promise.resolve({ workflowRunId: "wfrun-1" }),
  };
  return {
    executors,
    chats,
    answerWith(next: (request: StartChatRequest) => Promise<StartChatAnswer>) {
      answer = next;
    },
  };
}

/** One HTTP answer of the route to a signed function call. */
interface Answer {
  fn: string;
  status: number;
  /** `x-inngest-no-retry`, as the SDK sets it. */
  noRetry: string | null;
  /** The ops of a 206, e.g. `StepRun:execute`, `StepFailed:execute`. */
  ops: string[];
  body: unknown;
}

type FunctionRun =
  | { fn: string; runId: string; outcome: "completed"; output: unknown }
  | { fn: string; runId: string; outcome: "failed"; status: number; error: { name?: string; message?: string } }
  | { fn: string; runId: string; outcome: "cancelled" }
  | { fn: string; runId: string; outcome: "sleeping"; until: string };

interface Op {
  id: string;
  op: string;
  name?: string;
  displayName?: string;
  data?: unknown;
  error?: unknown;
}

const FUNCTION_OF: Record<string, string> = { [PLANNER_EVENTS.jobDue]: "planner-run-job", [PLANNER_EVENTS.triggerFired]: "planner-run-trigger" };

/**
 * Plays the Inngest server for the planner's route: takes the events the planner sent to the event API, drops a
 * repeated event id (Inngest dedupes ids for 24 h), and runs the function each triggers with signed calls, one
 * step per request, memoizing step results, retrying a step that errors (up to 4 attempts) and calling the
 * function's `onFailure` when it fails for good. A `planner/run.cancelled` for the run stops it between steps
 * (the functions' `cancelOn`). A `Sleep` op parks the run until the clock passes its time; `deliverPending` wakes it.
 * Every answer must be signed by the app.
 */
function fakeInngestServer(POST: Handler, sent: SentEvent[], now: () => number) {
  const answers: Answer[] = [];
  const seenIds = new Set<string>();
  let next = 0;

  function cancelledSince(index: number, runId: unknown): boolean {
    return sent.slice(index).some((e) => e.name === PLANNER_EVENTS.runCancelled && e.data.runId === runId);
  }

  async function call(fn: string, event: DeliveredEvent & { id: string; ts: number }, steps: NonNullable<Parameters<typeof functionCall>[2]>["steps"], attempt: number) {
    const res = await POST(functionCall(fn, event, { steps: steps ?? {}, attempt, maxAttempts: MAX_ATTEMPTS }));
    // Inngest refuses an answer that the app did not sign with its key.
    expect(res.headers.get("x-inngest-signature")).toMatch(/^t=\d+&s=[0-9a-f]{64}$/);
    const body: unknown = await res.json();
    const ops = res.status === 206 ? (body as Op[]).map((op) => `${op.op}:${op.displayName ?? op.name ?? op.id}`) : [];
    answers.push({ fn, status: res.status, noRetry: res.headers.get("x-inngest-no-retry"), ops, body });
    return { res, body };
  }

  type Steps = Record<string, { type: "data"; data: unknown } | { type: "error"; error: unknown }>;
  interface Parked {
    fn: string;
    delivered: DeliveredEvent & { id: string; ts: number };
    steps: Steps;
    startedAt: number;
    until: string;
  }
  const sleeping: Parked[] = [];

  /** Runs one function for one event until it returns, fails for good, is cancelled or sleeps. */
  async function run(fn: string, event: DeliveredEvent, resume?: Parked): Promise<FunctionRun> {
    const delivered = resume?.delivered ?? { ...event, id: event.id ?? randomUUID(), ts: event.ts ?? Date.now() };
    const runId = typeof delivered.data.runId === "string" ? delivered.data.runId : delivered.id;
    const startedAt = resume?.startedAt ?? sent.length;
    const steps: Steps = resume?.steps ?? {};
    let attempt = 0;
    for (let requests = 1; requests <= 50; requests++) {
      if ((requests > 1 || resume) && cancelledSince(startedAt, runId)) return { fn, runId, outcome: "cancelled" };
      const { res, body } = await call(fn, delivered, steps, attempt);
      if (res.status === 200) return { fn, runId, outcome: "completed", output: body };
      if (res.status !== 206) {
        const error = body as { name?: string; message?: string };
        if (fn.endsWith("-failure")) return { fn, runId, outcome: "failed", status: res.status, error };
        // Failed for good (retries used up, or a no-retry answer): Inngest calls the function's onFailure.
        await run(`${fn}-failure`, failureEvent(fn, delivered, error));
        return { fn, runId, outcome: "failed", status: res.status, error };
      }
      for (const op of body as Op[]) {
        if (op.op === "StepRun") {
          steps[op.id] = { type: "data", data: op.data ?? null };
          attempt = 0;
        } else if (op.op === "StepError") {
          attempt += 1;
        } else if (op.op === "StepFailed") {
          steps[op.id] = { type: "error", error: op.error };
          attempt = 0;
        } else if (op.op === "RunComplete") {
          return { fn, runId, outcome: "completed", output: op.data };
        } else if (op.op === "Sleep") {
          const until = op.name ?? "";
          if (Date.parse(until) <= now()) {
            steps[op.id] = { type: "data", data: null };
            continue;
          }
          sleeping.push({ fn, delivered, steps: { ...steps, [op.id]: { type: "data", data: null } }, startedAt, until });
          return { fn, runId, outcome: "sleeping", until };
        } else {
          throw new Error(`fakeInngestServer: unexpected op ${op.op}`);
        }
      }
    }
    throw new Error(`fakeInngestServer: ${fn} did not finish in 50 requests`);
  }

  return {
    answers,
    run,
    sleeping,
    /** Wakes the sleeping runs whose time has come, then runs, in order, the functions triggered by the events sent since the last call. */
    async deliverPending(): Promise<FunctionRun[]> {
      const runs: FunctionRun[] = [];
      for (const parked of sleeping.splice(0).filter((p) => {
        if (Date.parse(p.until) <= now()) return true;
        sleeping.push(p);
        return false;
      })) {
        runs.push(await run(parked.fn, parked.delivered, parked));
      }
      while (next < sent.length) {
        const event = sent[next++]!;
        const fn = FUNCTION_OF[event.name];
        if (!fn) continue;
        if (event.id) {
          if (seenIds.has(event.id)) continue;
          seenIds.add(event.id);
        }
        runs.push(await run(fn, { name: event.name, data: event.data, ...(event.id ? { id: event.id } : {}), ...(event.ts ? { ts: event.ts } : {}) }));
      }
      return runs;
    },
    /** Inngest's every-minute cron: a signed call of planner-tick. */
    async tick(): Promise<FunctionRun> {
      return run("planner-tick", { name: "inngest/scheduled.timer", data: { cron: "* * * * *" } });
    },
  };
}

/**
 * A planner in Inngest mode (cloud, signing and event keys) over a memory store and a fake clock, with a Composio
 * webhook secret, the Gmail trigger created by user-1, and both routes. user-1 and user-2 may act on agent-1 until
 * `revoke`.
 */
async function inngestMode(start = NOW) {
  const api = fakeInngestApi();
  const client = createInngestClient({ id: APP_ID, eventKey: EVENT_KEY, signingKey: SIGNING_KEY, fetch: api.fetch, logger: recordingLogger().logger });
  const exec = steerableExecutors();
  const access = new Set(["user-1", "user-2"]);
  const logs: Array<{ level: string; message: string; fields?: unknown }> = [];
  const logger: PlannerLogger = {
    debug: (message, fields) => void logs.push({ level: "debug", message, fields }),
    info: (message, fields) => void logs.push({ level: "info", message, fields }),
    warn: (message, fields) => void logs.push({ level: "warn", message, fields }),
    error: (message, fields) => void logs.push({ level: "error", message, fields }),
  };
  const t = testPlanner(
    {
      executors: exec.executors,
      inngest: { client },
      composio: { webhookSecret: WEBHOOK_SECRET } as unknown as ComposioGateway,
      canAccessAgent: (userId, agentId) => agentId === AGENT && access.has(userId),
      logger,
    },
    start,
  );
  await t.store.update(AGENT, (p) => ({ ...p, triggers: [gmailTrigger(start, { createdBy: "user-1", updatedBy: "user-1" })] }));
  const inngestRoute = createInngestRoute({ planner: t.planner, serveOrigin: new URL(ROUTE_URL).origin });
  const webhook = createComposioWebhookRoute({ planner: t.planner });
  const inngest = fakeInngestServer(inngestRoute.POST, api.sent, () => t.clock.now().getTime());
  return {
    ...t,
    api,
    exec,
    logs,
    inngest,
    revoke: (userId: string) => access.delete(userId),
    /** Posts a signed Composio delivery to the webhook route. */
    async deliver(webhookId: string) {
      const res = await webhook.POST(composioDelivery(webhookId, t.clock.now()));
      return { status: res.status, body: (await res.json()) as { status?: string; runId?: string } };
    },
    sentFor: (runId: string) => api.sent.filter((e) => e.name !== PLANNER_EVENTS.runCancelled && e.data.runId === runId),
  };
}

/** The run id a delivery answered with (the test fails here when it answered none). */
function runIdOf(answer: { body: { runId?: string } }): string {
  expect(answer.body.runId).toMatch(/^run_/);
  return answer.body.runId!;
}

describe("Inngest mode: durable dedupe of Composio deliveries", () => {
  it("a delivery retried after 60 other deliveries answers duplicate and sends Inngest nothing; its run executed once", async () => {
    const m = await inngestMode();

    const first = await m.deliver("msg_first");
    expect(first).toEqual({ status: 200, body: { status: "dispatched", runId: expect.stringMatching(/^run_/) as string } });
    const firstRunId = runIdOf(first);
    expect(m.api.sent).toEqual([
      {
        id: firstRunId,
        name: PLANNER_EVENTS.triggerFired,
        ts: expect.any(Number) as number,
        data: {
          runId: firstRunId,
          agentId: AGENT,
          triggerId: TRIGGER_ID,
          cause: "event",
          event: expect.objectContaining({ id: "msg_first", type: "GMAIL_NEW_GMAIL_MESSAGE", source: "gmail" }) as object,
        },
      },
    ]);
    // Stored with its event before the 200, queued until Inngest runs it.
    expect(await m.store.getRun(AGENT, firstRunId)).toMatchObject({ status: "queued", event: { id: "msg_first" } });
    expect(await m.inngest.deliverPending()).toEqual([{ fn: "planner-run-trigger", runId: firstRunId, outcome: "completed", output: { runId: firstRunId, status: "succeeded" } }]);

    for (let i = 0; i < 60; i++) {
      m.clock.advance(1000);
      expect((await m.deliver(`msg_other_${i}`)).body.status).toBe("dispatched");
      const [ran] = await m.inngest.deliverPending();
      expect(ran).toMatchObject({ outcome: "completed", output: { status: "succeeded" } });
    }
    expect(m.exec.chats).toHaveLength(61);
    expect(m.api.sent).toHaveLength(61);
    // The first run has left the 50-run history: only the delivery record can recognise its retry.
    expect(await m.store.getRun(AGENT, firstRunId)).toBeNull();

    m.clock.advance(60_000);
    const retry = await m.deliver("msg_first");

    expect(retry).toEqual({ status: 200, body: { status: "duplicate" } });
    expect(m.api.sent).toHaveLength(61);
    expect(m.sentFor(firstRunId)).toHaveLength(1);
    expect(await m.inngest.deliverPending()).toEqual([]);
    expect(m.exec.chats.filter((c) => c.idempotencyKey === firstRunId)).toHaveLength(1);
    expect(m.exec.chats).toHaveLength(61);
    expect((await m.store.get(AGENT)).triggers[0]?.state).toMatchObject({ firedCount: 61, duplicateCount: 1 });
  }, 60_000);

  it("a retry before Inngest ran the run re-sends only the same event id (which Inngest drops); one after it ran sends nothing", async () => {
    const m = await inngestMode();
    const runId = runIdOf(await m.deliver("msg_early_retry"));

    m.clock.advance(5_000);
    expect(await m.deliver("msg_early_retry")).toEqual({ status: 200, body: { status: "duplicate" } });
    // Handed over again while still queued, under the same event id: Inngest keeps one.
    expect(m.api.sent.map((e) => e.id)).toEqual([runId, runId]);
    expect(await m.inngest.deliverPending()).toEqual([{ fn: "planner-run-trigger", runId, outcome: "completed", output: { runId, status: "succeeded" } }]);
    expect(m.exec.chats.map((c) => c.idempotencyKey)).toEqual([runId]);

    m.clock.advance(5_000);
    expect(await m.deliver("msg_early_retry")).toEqual({ status: 200, body: { status: "duplicate" } });
    expect(m.api.sent).toHaveLength(2);
    expect(await m.inngest.deliverPending()).toEqual([]);
    expect(m.exec.chats).toHaveLength(1);
  });
});

describe("Inngest mode: a started run and its completion", () => {
  it("an executor answering started leaves the run started; completeRun(failed) ends it failed once; the counters show failed", async () => {
    const m = await inngestMode();
    m.exec.answerWith((request) => Promise.resolve({ status: "started", threadId: `thread-${request.idempotencyKey}`, url: "/chat/42" }));
    const runId = runIdOf(await m.deliver("msg_started"));

    // The function then sleeps until completeBy, holding nothing (Inngest's durable sleep).
    expect(await m.inngest.deliverPending()).toEqual([{ fn: "planner-run-trigger", runId, outcome: "sleeping", until: "2026-11-30T09:30:00.000Z" }]);
    expect(m.inngest.answers.map((a) => [a.status, ...a.ops])).toEqual([
      [206, "StepRun:start"],
      [206, "StepRun:execute"],
      [206, "StepRun:finish"],
      [206, "Sleep:await-completion"],
    ]);
    expect(await m.store.getRun(AGENT, runId)).toMatchObject({
      status: "started",
      attempts: 1,
      result: { threadId: `thread-${runId}`, url: "/chat/42" },
      completeBy: "2026-11-30T09:30:00.000Z",
    });
    expect(await m.caller().overview({ agentId: AGENT })).toMatchObject({ runsLast24h: { total: 1, succeeded: 0, failed: 0 } });
    // Shown as running (the started run, with its link) and counted neither way until the host reports the end.
    const whileStarted = await m.caller().triggers.byId({ agentId: AGENT, triggerId: TRIGGER_ID });
    expect(whileStarted).toMatchObject({ status: "running", activeRun: { id: runId, status: "started" } });
    expect(whileStarted.state).not.toHaveProperty("lastRun");

    m.clock.advance(90_000);
    const failed = await m.planner.completeRun(runId, { status: "failed", error: "The model gateway answered 502." });

    expect(failed).toMatchObject({ id: runId, status: "failed", error: "The model gateway answered 502.", finishedAt: "2026-11-30T09:01:30.000Z", result: { threadId: `thread-${runId}` } });
    m.clock.advance(1000);
    const again = await m.planner.completeRun(runId, { status: "succeeded", agentId: AGENT });
    expect(again).toMatchObject({ status: "failed", error: "The model gateway answered 502.", finishedAt: "2026-11-30T09:01:30.000Z" });
    expect(await m.store.getRun(AGENT, runId)).toMatchObject({ status: "failed", error: "The model gateway answered 502." });
    expect(await m.caller().overview({ agentId: AGENT })).toMatchObject({ runsLast24h: { total: 1, succeeded: 0, failed: 1 } });
    const trigger = await m.caller().triggers.byId({ agentId: AGENT, triggerId: TRIGGER_ID });
    expect(trigger).toMatchObject({ status: "error", state: { consecutiveFailures: 1, lastRun: { runId, status: "failed", error: "The model gateway answered 502." } } });
    // The executor was asked once; nothing was sent to Inngest after the run was handed over.
    expect(m.exec.chats).toHaveLength(1);
    expect(m.api.sent).toHaveLength(1);
    // When the sleep ends, the completion timeout finds the run ended and leaves it as the host reported it.
    m.clock.set("2026-11-30T09:31:00.000Z");
    expect(await m.inngest.deliverPending()).toEqual([{ fn: "planner-run-trigger", runId, outcome: "completed", output: { runId, status: "failed" } }]);
    expect(await m.store.getRun(AGENT, runId)).toMatchObject({ status: "failed", error: "The model gateway answered 502." });
  });

  it("a started run never completed fails once limits.completionTimeoutMs has passed: its function sleeps until completeBy, then fails it", async () => {
    const m = await inngestMode();
    m.exec.answerWith((request) => Promise.resolve({ status: "started", threadId: `thread-${request.idempotencyKey}` }));
    const runId = runIdOf(await m.deliver("msg_never_completed"));
    await m.inngest.deliverPending();
    expect(await m.store.getRun(AGENT, runId)).toMatchObject({ status: "started", completeBy: "2026-11-30T09:30:00.000Z" });

    // Inngest calls its cron function every minute; everything it sends in turn is run too.
    for (let minute = 1; minute <= 31; minute++) {
      m.clock.set(new Date(Date.parse(NOW) + minute * 60_000).toISOString());
      expect(await m.inngest.tick()).toMatchObject({ outcome: "completed" });
      await m.inngest.deliverPending();
    }

    expect(await m.store.getRun(AGENT, runId)).toMatchObject({
      status: "failed",
      error: expect.stringContaining("did not report the end of this run within 30 min") as string,
    });
  }, 30_000);
});

describe("Inngest mode: cancel", () => {
  it("runs.cancel of a running run sends the cancel event, ends it cancelled and fires the executor's signal", async () => {
    const m = await inngestMode();
    let release: (answer: StartChatAnswer) => void = () => {};
    m.exec.answerWith(
      (request) =>
        new Promise<StartChatAnswer>((resolve, reject) => {
          release = resolve;
          request.signal.addEventListener("abort", () => reject(request.signal.reason as Error), { once: true });
        }),
    );
    const runId = runIdOf(await m.deliver("msg_cancel"));
    const inFlight = m.inngest.deliverPending();
    try {
      await vi.waitFor(() => expect(m.exec.chats).toHaveLength(1), { timeout: 5_000, interval: 5 });
      expect(await m.store.getRun(AGENT, runId)).toMatchObject({ status: "running" });
      const signal = m.exec.chats[0]!.signal;
      expect(signal.aborted).toBe(false);

      const cancelled = await m.caller().runs.cancel({ agentId: AGENT, runId });

      expect(cancelled).toMatchObject({ id: runId, status: "cancelled", cancelledBy: "user-1" });
      expect(m.api.sent.filter((e) => e.name === PLANNER_EVENTS.runCancelled)).toEqual([expect.objectContaining({ data: { runId, agentId: AGENT } })]);
      expect(await m.store.getRun(AGENT, runId)).toMatchObject({ status: "cancelled", cancelledBy: "user-1" });
      // The executor runs in this app's process (the signed call's "execute" step): the cancel reaches its signal.
      await vi.waitFor(() => expect(signal.aborted).toBe(true), { timeout: 1_000, interval: 5 });
      expect(signal.reason).toMatchObject({ name: "RunStoppedError", message: "The run was cancelled." });
    } finally {
      // Lets a call the signal did not stop answer, so the signed request in flight ends.
      release({ threadId: "thread-late" });
      const runs = await inFlight;
      expect(runs).toEqual([{ fn: "planner-run-trigger", runId, outcome: "cancelled" }]);
    }
    // Whatever the executor did after the cancel, the run stays cancelled and the executor was asked once.
    expect(await m.store.getRun(AGENT, runId)).toMatchObject({ status: "cancelled" });
    expect(m.exec.chats).toHaveLength(1);
    expect(m.inngest.answers.flatMap((a) => a.ops)).not.toContain("StepRun:finish");
  });
});

describe("Inngest mode: replay", () => {
  it("runs.replay of a finished trigger run sends a new run with cause replay and the original event, which Inngest runs", async () => {
    const m = await inngestMode();
    const originalId = runIdOf(await m.deliver("msg_replay"));
    await m.inngest.deliverPending();
    const original = await m.store.getRun(AGENT, originalId);
    expect(original).toMatchObject({ status: "succeeded", attempts: 1, eventId: "msg_replay" });
    const originalEvent = m.api.sent[0]!.data.event;

    m.clock.advance(10 * 60_000);
    const { runId } = await m.caller().runs.replay({ agentId: AGENT, runId: originalId });

    expect(runId).not.toBe(originalId);
    expect(m.api.sent.slice(1)).toEqual([
      {
        id: runId,
        name: PLANNER_EVENTS.triggerFired,
        ts: expect.any(Number) as number,
        data: { runId, agentId: AGENT, triggerId: TRIGGER_ID, cause: "replay", replayOf: originalId, event: originalEvent },
      },
    ]);
    expect(await m.inngest.deliverPending()).toEqual([{ fn: "planner-run-trigger", runId, outcome: "completed", output: { runId, status: "succeeded" } }]);
    expect(m.exec.chats).toHaveLength(2);
    expect(m.exec.chats[1]).toMatchObject({
      message: m.exec.chats[0]!.message,
      source: { kind: "trigger", id: TRIGGER_ID, runId, cause: "replay" },
      idempotencyKey: runId,
    });
    expect(await m.store.getRun(AGENT, runId)).toMatchObject({ cause: "replay", replayOf: originalId, eventId: "msg_replay", status: "succeeded", attempts: 1 });
    expect(await m.store.getRun(AGENT, originalId)).toMatchObject({ status: "succeeded", finishedAt: original?.finishedAt, attempts: 1 });
  });

  it("runs.replay of a finished job run sends planner/job.due for the original occurrence, with cause replay", async () => {
    const m = await inngestMode("2026-11-30T08:50:00.000Z");
    const job = await m.caller().jobs.create({
      agentId: AGENT,
      name: "Morning brief",
      schedule: { cron: "0 10 * * *", timezone: "Europe/Paris" },
      action: { type: "chat", template: "Good {timeOfDay}, {agentName}! It is {dayOfWeek} {time} in {timezone}." },
    });
    m.clock.set("2026-11-30T09:00:20.000Z");
    await m.inngest.tick();
    const [ran] = await m.inngest.deliverPending();
    const originalId = `${job.id}@2026-11-30T09:00:00.000Z`;
    expect(ran).toEqual({ fn: "planner-run-job", runId: originalId, outcome: "completed", output: { runId: originalId, status: "succeeded" } });

    m.clock.set("2026-11-30T15:00:00.000Z");
    const { runId } = await m.caller().runs.replay({ agentId: AGENT, runId: originalId });

    expect(m.sentFor(runId)).toEqual([
      expect.objectContaining({
        id: runId,
        name: PLANNER_EVENTS.jobDue,
        data: expect.objectContaining({ runId, jobId: job.id, cause: "replay", replayOf: originalId, scheduledFor: "2026-11-30T09:00:00.000Z" }) as object,
      }),
    ]);
    expect(await m.inngest.deliverPending()).toEqual([{ fn: "planner-run-job", runId, outcome: "completed", output: { runId, status: "succeeded" } }]);
    expect(m.exec.chats.map((c) => [c.message, c.source.cause])).toEqual([
      ["Good morning, Ada! It is Monday 10:00 in Europe/Paris.", "schedule"],
      ["Good morning, Ada! It is Monday 10:00 in Europe/Paris.", "replay"],
    ]);
    expect(await m.store.getRun(AGENT, runId)).toMatchObject({ cause: "replay", replayOf: originalId, status: "succeeded" });
  });
});

describe("Inngest mode: the user a run acts for", () => {
  it("executors get the last editor of the job or trigger; a run whose user lost access is skipped without calling them", async () => {
    const m = await inngestMode("2026-11-30T08:50:00.000Z");
    const job = await m.caller("user-1").jobs.create({
      agentId: AGENT,
      name: "Morning brief",
      schedule: { cron: "0 10 * * *", timezone: "Europe/Paris" },
      action: { type: "chat", template: "Brief for {agentName}" },
    });
    await m.caller("user-2").jobs.update({ agentId: AGENT, jobId: job.id, expectedRevision: job.revision, action: { type: "chat", template: "Edited brief for {agentName}" } });
    await m.caller("user-2").triggers.update({ agentId: AGENT, triggerId: TRIGGER_ID, expectedRevision: 1, action: { type: "chat", template: "Mail: {emailSubject}" } });

    m.clock.set("2026-11-30T09:00:20.000Z");
    await m.inngest.tick();
    const jobRunId = `${job.id}@2026-11-30T09:00:00.000Z`;
    const triggerRunId = runIdOf(await m.deliver("msg_user"));
    expect(await m.inngest.deliverPending()).toEqual([
      { fn: "planner-run-job", runId: jobRunId, outcome: "completed", output: { runId: jobRunId, status: "succeeded" } },
      { fn: "planner-run-trigger", runId: triggerRunId, outcome: "completed", output: { runId: triggerRunId, status: "succeeded" } },
    ]);
    expect(m.exec.chats.map((c) => [c.source.kind, c.userId, c.message.split(/[: ]/)[0]])).toEqual([
      ["job", "user-2", "Edited"],
      ["trigger", "user-2", "Mail"],
    ]);
    expect(await m.store.getRun(AGENT, jobRunId)).toMatchObject({ userId: "user-2" });
    expect(await m.store.getRun(AGENT, triggerRunId)).toMatchObject({ userId: "user-2" });

    m.revoke("user-2");
    m.clock.advance(60_000);
    const lockedOut = runIdOf(await m.deliver("msg_no_access"));
    expect(await m.inngest.deliverPending()).toEqual([{ fn: "planner-run-trigger", runId: lockedOut, outcome: "completed", output: { runId: lockedOut, status: "skipped" } }]);
    expect(await m.store.getRun(AGENT, lockedOut)).toMatchObject({ status: "skipped", skipReason: "noAccess", userId: "user-2" });
    expect(m.exec.chats).toHaveLength(2);
  });
});

describe("Inngest mode: permanent errors", () => {
  it("a PermanentError is attempted once: the signed call answers no-retry, onFailure records the failure with its message", async () => {
    const m = await inngestMode();
    m.exec.answerWith(() => Promise.reject(new PermanentError("Missing connection for gmail.")));
    const runId = runIdOf(await m.deliver("msg_permanent"));

    const [ran] = await m.inngest.deliverPending();

    expect(ran).toEqual({ fn: "planner-run-trigger", runId, outcome: "failed", status: 400, error: expect.objectContaining({ name: "NonRetriableError", message: "Missing connection for gmail." }) as object });
    const runAnswers = m.inngest.answers.filter((a) => a.fn === "planner-run-trigger");
    // No StepError (Inngest's "retry this step"): the step failed for good, and the function said not to retry.
    expect(runAnswers.map((a) => [a.status, a.noRetry, ...a.ops])).toEqual([
      [206, null, "StepRun:start"],
      [206, "true", "StepFailed:execute"],
      [400, "true"],
    ]);
    expect(m.exec.chats).toHaveLength(1);
    expect(m.inngest.answers.filter((a) => a.fn === "planner-run-trigger-failure").map((a) => [a.status, ...a.ops])).toEqual([
      [206, "StepRun:record-failure"],
      [200],
    ]);
    expect(await m.store.getRun(AGENT, runId)).toMatchObject({ status: "failed", attempts: 1, error: "Missing connection for gmail." });
    expect((await m.store.get(AGENT)).triggers[0]?.state).toMatchObject({ consecutiveFailures: 1, lastRun: { runId, status: "failed", error: "Missing connection for gmail." } });
  });
});

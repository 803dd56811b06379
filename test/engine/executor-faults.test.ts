/* eslint-disable @typescript-eslint/prefer-promise-reject-errors, @typescript-eslint/only-throw-error -- the point: executors that reject and throw things that are not Errors */
/**
 * Executors are the host's code: they may throw anything, hang, or answer with garbage. Whatever they do, the run
 * is recorded as failed with an error a person can read, the job's state says so, the lists keep answering, and
 * the scheduler keeps running the other jobs (and the faulty one, next time).
 */
import { describe, expect, it } from "vitest";
import { executeRun, jobSubject } from "../../src/server/engine";
import { MAX_ERROR_BYTES } from "../../src/server/engine/bounds";
import type { PlannerExecutors } from "../../src/server/options";
import type { JobRunRequest } from "../../src/shared/events";
import { Run, type Job } from "../../src/shared/schemas";
import { testPlanner } from "../helpers/planner";
import { schedulerHarness } from "../scheduler/harness";

const START = "2026-11-30T07:59:00.000Z";
const DUE = "2026-11-30T08:00:00.000Z";
const TIMEOUT_MS = 40;
const noSleep = { sleep: () => Promise.resolve(), backoffMs: () => 0 };

type Behaviour = () => unknown;

/** Executors whose every call does `behave()` (throw, hang, answer), counting the calls. */
function faultyExecutors(behave: Behaviour) {
  const calls: string[] = [];
  const executors = {
    startChat: (request: { idempotencyKey: string }) => {
      calls.push(request.idempotencyKey);
      return behave();
    },
    runWorkflow: (request: { idempotencyKey: string }) => {
      calls.push(request.idempotencyKey);
      return behave();
    },
  } as unknown as PlannerExecutors;
  return { executors, calls };
}

const never = () => new Promise(() => {});

function revokedProxy(): object {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

function throwingGetters(): object {
  return new Proxy(
    {},
    {
      get() {
        throw new Error("getter exploded");
      },
      getPrototypeOf() {
        throw new Error("prototype exploded");
      },
    },
  );
}

async function setup(behave: Behaviour, action: "chat" | "workflow" = "chat") {
  const exec = faultyExecutors(behave);
  const logged: Array<[string, Record<string, unknown> | undefined]> = [];
  const log = (message: string, fields?: Record<string, unknown>) => logged.push([message, fields]);
  const t = testPlanner(
    { executors: exec.executors, limits: { executorTimeoutMs: TIMEOUT_MS }, logger: { debug() {}, info() {}, warn: log, error: log } },
    START,
  );
  const view = await t.caller().jobs.create({
    agentId: "agent-1",
    name: "Faulty",
    schedule: { cron: "0 8 * * *", timezone: "UTC" },
    action: action === "chat" ? { type: "chat", template: "Hello {agentName}" } : { type: "workflow", workflowId: "wf_triage", input: { mode: "static", value: { a: 1 } } },
  });
  const job = (await t.store.get("agent-1")).jobs.find((stored) => stored.id === view.id)!;
  const request: JobRunRequest = { runId: `${job.id}@${DUE}`, agentId: "agent-1", jobId: job.id, cause: "schedule", scheduledFor: DUE, scheduleRevision: job.state.scheduleRevision };
  const run = () => executeRun(t.planner.deps, jobSubject(request), noSleep);
  return { ...t, ...exec, job, run, logged };
}

/** The run as stored and as every list shows it: failed, with `error`, and nothing in the API answering 500. */
async function expectRecordedFailure(h: Awaited<ReturnType<typeof setup>>, run: Run, error: string | RegExp, attempts: number) {
  expect(run.status).toBe("failed");
  expect(run.attempts).toBe(attempts);
  expect(h.calls).toHaveLength(attempts);
  if (typeof error === "string") expect(run.error).toBe(error);
  else expect(run.error).toMatch(error);
  expect(Buffer.byteLength(run.error ?? "")).toBeLessThanOrEqual(MAX_ERROR_BYTES);
  // What is stored is a valid Run (the lists validate what they answer with).
  const stored = await h.store.getRun("agent-1", run.id);
  expect(Run.safeParse(stored).success).toBe(true);
  expect(stored).toMatchObject({ status: "failed", error: run.error });
  const caller = h.caller();
  const [listed] = await caller.jobs.list({ agentId: "agent-1" });
  expect(listed?.state).toMatchObject({ consecutiveFailures: 1, lastRun: { runId: run.id, status: "failed" } });
  const history = await caller.jobs.runs({ agentId: "agent-1", jobId: h.job.id });
  expect(history.items.map((item) => [item.id, item.status, item.error])).toEqual([[run.id, "failed", run.error]]);
  await expect(caller.activity.list({ agentId: "agent-1" })).resolves.toBeDefined();
  await expect(caller.overview({ agentId: "agent-1" })).resolves.toBeDefined();
}

describe("an executor that throws", () => {
  const cases: Array<[string, Behaviour, string | RegExp]> = [
    ["an Error", () => Promise.reject(new Error("The chat service is down.")), "The chat service is down."],
    ["synchronously (not even a promise)", () => {
      throw new TypeError("Cannot read properties of undefined (reading 'threads')");
    }, "Cannot read properties of undefined (reading 'threads')"],
    ["a string", () => Promise.reject("quota exceeded"), "quota exceeded"],
    ["undefined", () => Promise.reject(undefined), "Unknown error (the executor threw undefined)."],
    ["null", () => Promise.reject(null), "Unknown error (the executor threw null)."],
    ["a number", () => Promise.reject(42), "Unknown error (the executor threw number 42)."],
    ["a symbol", () => Promise.reject(Symbol("x")), "Unknown error (the executor threw a symbol)."],
    ["an Error with an empty message", () => Promise.reject(new RangeError("")), "RangeError"],
    ["an Error with no message and no name", () => Promise.reject(new Error("")), "Unknown error (the executor threw an empty message)."],
    ["a plain object with a message", () => Promise.reject({ message: "Upstream said no", status: 503 }), "Upstream said no"],
    ["a plain object without one", () => Promise.reject({ status: 503 }), "Unknown error (the executor threw an object that is not an Error)."],
    ["an object whose getters throw", () => Promise.reject(throwingGetters()), "The executor threw a value that could not be read."],
    ["a revoked Proxy", () => Promise.reject(revokedProxy()), "The executor threw a value that could not be read."],
    ["an Error whose message getter throws", () => {
      const error = new Error("hidden");
      Object.defineProperty(error, "message", { get: () => { throw new Error("nope"); } });
      return Promise.reject(error);
    }, "The executor threw a value that could not be read."],
  ];

  for (const [what, behave, error] of cases) {
    it(`${what}: the run fails after 3 attempts with a readable error`, async () => {
      const h = await setup(behave);
      await expectRecordedFailure(h, await h.run(), error, 3);
    });
  }

  it("a 1 MB message: stored cut to the error bound", async () => {
    const h = await setup(() => Promise.reject(new Error("x".repeat(1_000_000))));
    const run = await h.run();
    await expectRecordedFailure(h, run, /^x+…?$/, 3);
    expect(Buffer.byteLength(run.error!)).toBeLessThanOrEqual(MAX_ERROR_BYTES);
  });
});

describe("an executor that hangs", () => {
  it("each attempt gives up after limits.executorTimeoutMs and the run fails saying so", async () => {
    const h = await setup(never);
    const run = await h.run();
    await expectRecordedFailure(h, run, `startChat did not answer within ${TIMEOUT_MS} ms (limits.executorTimeoutMs), so this attempt counts as failed.`, 3);
  });

  it("a workflow executor too, and a late answer after the timeout changes nothing", async () => {
    let answerLate!: (value: unknown) => void;
    const h = await setup(() => new Promise((resolve) => (answerLate = resolve)), "workflow");
    const run = await h.run();
    await expectRecordedFailure(h, run, /^runWorkflow did not answer within 40 ms/, 3);
    answerLate({ workflowRunId: "wfrun-late" });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await h.store.getRun("agent-1", run.id)).toMatchObject({ status: "failed", attempts: 3 });
  });

  it("the timeout is a planner limit with a range", () => {
    const base = { store: testPlanner().store, auth: () => null, canAccessAgent: () => true };
    const make = (executorTimeoutMs: number) => () => testPlanner({ ...base, limits: { executorTimeoutMs } });
    expect(make(0)).toThrow("createPlanner: `limits.executorTimeoutMs` must be a positive whole number, got 0.");
    expect(make(25 * 60 * 60_000)).toThrow("`limits.executorTimeoutMs` must be from 1 to 86,400,000 milliseconds");
    expect(testPlanner().planner.deps.limits.executorTimeoutMs).toBe(120_000);
  });

  it("in-process, every attempt must fit in staleRunMs, or a live run could be failed as abandoned", () => {
    expect(() => testPlanner({ scheduler: { staleRunMs: 5 * 60_000 } })).toThrow(
      "createInProcessScheduler: `staleRunMs` (300,000 ms) must be longer than maxAttempts × limits.executorTimeoutMs (3 × 120,000 ms)",
    );
    expect(() => testPlanner({ scheduler: { staleRunMs: 5 * 60_000, maxAttempts: 2 } })).not.toThrow();
    expect(() => testPlanner({ scheduler: { staleRunMs: 60_000 }, limits: { executorTimeoutMs: 10_000 } })).not.toThrow();
  });
});

describe("an executor that answers with garbage", () => {
  const cases: Array<[string, unknown, string]> = [
    ["undefined", undefined, "startChat returned undefined; it must return { threadId: string, url?: string }."],
    ["null", null, "startChat returned null; it must return { threadId: string, url?: string }."],
    ["a string", "thread-1", "startChat returned a string; it must return { threadId: string, url?: string }."],
    ["an array", ["thread-1"], "startChat returned an array; it must return { threadId: string, url?: string }."],
    ["an empty object", {}, "startChat returned threadId as undefined; it must return { threadId: string, url?: string }."],
    ["a number id", { threadId: 42 }, "startChat returned threadId as a number; it must return { threadId: string, url?: string }."],
    ["a blank id", { threadId: "  " }, "startChat returned threadId as a string; it must return { threadId: string, url?: string }."],
    ["an object id", { threadId: { $gt: "" } }, "startChat returned threadId as an object; it must return { threadId: string, url?: string }."],
    ["a huge id", { threadId: "t".repeat(100_000) }, "startChat returned a threadId of 100,000 characters; at most 1024 are kept."],
    [
      "an object whose threadId getter throws",
      Object.defineProperty({}, "threadId", { enumerable: true, get: () => { throw new Error("no"); } }),
      "startChat returned an object whose fields could not be read; it must return { threadId: string, url?: string }.",
    ],
  ];

  for (const [what, answer, error] of cases) {
    it(`${what}: the run fails at once (no retry) saying what was wrong`, async () => {
      const h = await setup(() => Promise.resolve(answer));
      await expectRecordedFailure(h, await h.run(), error, 1);
    });
  }

  it("a Proxy whose every getter throws: reading its `then` when the promise resolves throws, so it is a failed attempt", async () => {
    const h = await setup(() => Promise.resolve(throwingGetters()));
    await expectRecordedFailure(h, await h.run(), "getter exploded", 3);
  });

  it("a workflow executor answering like a chat one", async () => {
    const h = await setup(() => Promise.resolve({ threadId: "thread-1" }), "workflow");
    await expectRecordedFailure(h, await h.run(), "runWorkflow returned workflowRunId as undefined; it must return { workflowRunId: string, url?: string }.", 1);
  });

  it("an unsafe or odd url: the run succeeds without a link, and the host is told", async () => {
    for (const url of ["javascript:alert(1)", "//evil.example/x", "/\\evil.example", "data:text/html,<script>", 42, "h".repeat(5000)]) {
      const h = await setup(() => Promise.resolve({ threadId: "thread-1", url }));
      const run = await h.run();
      expect(run, String(url).slice(0, 40)).toMatchObject({ status: "succeeded", result: { threadId: "thread-1" } });
      expect(run.result).not.toHaveProperty("url");
      expect(h.logged.map(([message]) => message)).toContainEqual(expect.stringContaining("returned a url that is not an http(s) URL or a path"));
    }
    for (const url of ["/chat/thread-1", "https://chat.example.com/t/1", "http://localhost:3000/t/1"]) {
      const h = await setup(() => Promise.resolve({ threadId: "thread-1", url }));
      expect((await h.run()).result).toEqual({ threadId: "thread-1", url });
    }
  });
});

describe("the scheduler with a faulty executor", () => {
  it("records every faulty occurrence as failed and keeps running the other job, minute after minute", async () => {
    const start = "2026-11-30T08:00:30.000Z";
    // The faulty job's executor cycles through throwing, hanging, garbage and a throwing getter; the other one works.
    const faults: Behaviour[] = [
      () => Promise.reject(new Error("boom")),
      never,
      () => Promise.resolve(null),
      () => Promise.reject(throwingGetters()),
      () => {
        throw "plain string";
      },
    ];
    let faultyCalls = 0;
    const h = schedulerHarness({
      start,
      scheduler: { maxAttempts: 1 },
      limits: { executorTimeoutMs: TIMEOUT_MS, autoPauseAfter: 1000 },
      executors: {
        startChat: (request) => {
          if (request.title === "Good") return Promise.resolve({ threadId: `thread-${request.idempotencyKey}` });
          const fault = faults[faultyCalls++ % faults.length]!;
          return fault() as Promise<{ threadId: string }>;
        },
        runWorkflow: () => Promise.resolve({ workflowRunId: "unused" }),
      },
    });
    const bad = await h.createJob("agent-1", { name: "Bad", schedule: { cron: "* * * * *", timezone: "UTC" } });
    const good = await h.createJob("agent-1", { name: "Good", schedule: { cron: "* * * * *", timezone: "UTC" } });
    await h.scheduler.start();
    const minutes = 10;
    for (let minute = 1; minute <= minutes; minute++) {
      await h.sim.runUntil(Date.parse(start) + minute * 60_000);
      // A hung call ends after the real executor timeout: wait for the worker, then move on in simulated time.
      await h.scheduler.idle();
    }
    await h.scheduler.stop();

    const runs = await h.store.listAgentRuns("agent-1", { limit: 100 });
    const of = (job: Job) => runs.items.filter((run) => run.owner.id === job.id);
    expect(of(good).map((run) => run.status)).toEqual(Array(minutes).fill("succeeded"));
    const failed = of(bad);
    expect(failed.map((run) => run.status)).toEqual(Array(minutes).fill("failed"));
    expect(new Set(failed.map((run) => run.error))).toEqual(
      new Set([
        "boom",
        `startChat did not answer within ${TIMEOUT_MS} ms (limits.executorTimeoutMs), so this attempt counts as failed.`,
        "startChat returned null; it must return { threadId: string, url?: string }.",
        "The executor threw a value that could not be read.",
        "plain string",
      ]),
    );
    const state = (await h.store.get("agent-1")).jobs;
    expect(state.find((job) => job.id === bad.id)?.state).toMatchObject({ consecutiveFailures: minutes });
    expect(state.find((job) => job.id === bad.id)?.enabled).toBe(true);
    expect(state.find((job) => job.id === good.id)?.state).toMatchObject({ consecutiveFailures: 0 });
    // Every occurrence ran once: no run lost to a fault, none repeated.
    expect(new Set(runs.items.map((run) => run.id)).size).toBe(2 * minutes);
  });
});

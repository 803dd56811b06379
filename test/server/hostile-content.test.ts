import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { createPlanner } from "../../src/server/planner";
import { memoryStore } from "../../src/server/store";
import { createContextInner } from "../../src/server/context";
import { plannerRouter } from "../../src/server/router";
import { createCallerFactory } from "../../src/server/trpc";
import { MAX_LIVE_SUBSCRIPTIONS_PER_USER, openLiveStreams } from "../../src/server/features/live/router";
import { RunResult, isSafeResultUrl, nameKey, type Run } from "../../src/shared/schemas";
import { testPlanner } from "../helpers/planner";

const daily = {
  agentId: "agent-1",
  name: "Daily digest",
  schedule: { cron: "0 9 * * *", timezone: "UTC" },
  action: { type: "chat" as const, template: "Summarise yesterday." },
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

describe("names that look the same are the same name", () => {
  it("keys away zero-width characters, bidi controls, NFKC forms, spacing and case", () => {
    const key = nameKey("Daily digest");
    for (const lookalike of ["Daily\u200B digest", "\u202EDaily digest\u202C", "Daily\u2066 digest\u2069", "Ｄａｉｌｙ digest", "daily  digest ", "Dai\u00ADly\uFEFF digest"]) {
      expect(nameKey(lookalike), JSON.stringify(lookalike)).toBe(key);
    }
    expect(nameKey("Daily digests")).not.toBe(key);
  });

  it("refuses a job whose name differs from another job's only by invisible characters, and stores nothing", async () => {
    const { caller, store } = testPlanner();
    await caller().jobs.create(daily);
    for (const name of ["Daily\u200B digest", "\u202Edaily digest", "Ｄａｉｌｙ digest"]) {
      const error = await rejection(caller().jobs.create({ ...daily, name }));
      expect(error.code).toBe("CONFLICT");
      expect(error.message).toBe('Another scheduled job is already called "Daily digest". Give this one a different name.');
    }
    expect((await store.get("agent-1")).jobs).toHaveLength(1);
  });

  it("refuses renaming a job to a lookalike of another's name, but lets a job keep its own", async () => {
    const { caller } = testPlanner();
    await caller().jobs.create(daily);
    const other = await caller().jobs.create({ ...daily, name: "Weekly report" });
    const error = await rejection(caller().jobs.update({ agentId: "agent-1", jobId: other.id, expectedRevision: 1, name: "daily\u2060digest".replace("\u2060", " \u2060") }));
    expect(error.code).toBe("CONFLICT");
    const renamed = await caller().jobs.update({ agentId: "agent-1", jobId: other.id, expectedRevision: 1, name: "Weekly  report" });
    expect(renamed.revision).toBe(2);
  });

  it("refuses a name made only of invisible characters", async () => {
    const { caller } = testPlanner();
    const error = await rejection(caller().jobs.create({ ...daily, name: "\u200B\u202E\u2066" }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toContain("Give it a name with visible characters.");
  });

  it("allows the same name on another agent", async () => {
    const { caller } = testPlanner();
    await caller().jobs.create(daily);
    await expect(caller().jobs.create({ ...daily, agentId: "agent-2" })).resolves.toMatchObject({ name: "Daily digest" });
  });
});

describe("result links are http(s) or a path on the host", () => {
  it("accepts http(s) URLs and host paths", () => {
    for (const url of ["https://chat.example/t/1", "http://localhost:3000/runs/2", "/?tab=chats#th_1"]) {
      expect(RunResult.safeParse({ url }).success, url).toBe(true);
      expect(isSafeResultUrl(url)).toBe(true);
    }
  });

  it("refuses javascript:, data:, protocol-relative, control characters and huge links in the schema", () => {
    for (const url of ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<b>x</b>", "//evil.example/x", "/\\evil.example", "https://a.example/\u0000x", "java\nscript:alert(1)", "ftp://files.example/x", `https://a.example/${"x".repeat(2100)}`, ""]) {
      const parsed = RunResult.safeParse({ url });
      expect(parsed.success, JSON.stringify(url)).toBe(false);
      expect(isSafeResultUrl(url)).toBe(false);
    }
    expect(RunResult.safeParse({ url: "javascript:alert(1)" }).error?.issues[0]?.message).toBe("A result link must be an http(s) URL or a path on this site.");
  });
});

describe("limits have documented upper bounds", () => {
  const base = { store: memoryStore(), auth: () => null, canAccessAgent: () => true };

  it("accepts the bounds and refuses more with a sentence", () => {
    expect(() => createPlanner({ ...base, limits: { maxJobsPerAgent: 500, maxTriggersPerAgent: 200 } })).not.toThrow();
    expect(() => createPlanner({ ...base, limits: { maxJobsPerAgent: 501 } })).toThrow("createPlanner: `limits.maxJobsPerAgent` must be from 1 to 500 jobs, got 501.");
    expect(() => createPlanner({ ...base, limits: { maxTriggersPerAgent: 2000 } })).toThrow("createPlanner: `limits.maxTriggersPerAgent` must be from 1 to 200 triggers, got 2000.");
  });
});

describe("live subscriptions are capped per user", () => {
  it(`refuses the ${MAX_LIVE_SUBSCRIPTIONS_PER_USER + 1}th open stream with a sentence and frees a slot when a stream closes`, async () => {
    const { planner } = testPlanner();
    const createCaller = createCallerFactory(plannerRouter);
    const controllers: AbortController[] = [];
    const pending: Array<Promise<unknown>> = [];
    const open = async () => {
      const controller = new AbortController();
      const caller = createCaller(createContextInner(planner.deps, { userId: "user-1" }), { signal: controller.signal });
      const stream = await caller.live.onChange({ agentId: "agent-1" });
      const iterator = stream[Symbol.asyncIterator]();
      const first = iterator.next();
      pending.push(first.catch(() => undefined));
      controllers.push(controller);
      return first;
    };
    for (let i = 0; i < MAX_LIVE_SUBSCRIPTIONS_PER_USER; i++) void open().catch(() => undefined);
    await expect.poll(() => openLiveStreams(planner.deps, "user-1")).toBe(MAX_LIVE_SUBSCRIPTIONS_PER_USER);

    const refused = await open().then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(TRPCError);
    expect((refused as TRPCError).code).toBe("TOO_MANY_REQUESTS");
    expect((refused as TRPCError).message).toContain(`the most allowed is ${MAX_LIVE_SUBSCRIPTIONS_PER_USER}`);
    // Another user is not affected.
    expect(openLiveStreams(planner.deps, "user-2")).toBe(0);

    // A disconnect (the request aborted) releases its slot.
    controllers[0]!.abort();
    await expect.poll(() => openLiveStreams(planner.deps, "user-1")).toBe(MAX_LIVE_SUBSCRIPTIONS_PER_USER - 1);
    for (const controller of controllers) controller.abort();
    await Promise.all(pending);
    await expect.poll(() => openLiveStreams(planner.deps, "user-1")).toBe(0);
  });
});

describe("a deleted item's history goes with it", () => {
  it("drops its runs from the store and from activity, keeping other items' runs", async () => {
    const { caller, store } = testPlanner();
    const gone = await caller().jobs.create(daily);
    const kept = await caller().jobs.create({ ...daily, name: "Weekly report" });
    const run = (id: string, jobId: string, status: Run["status"] = "succeeded"): Run => ({
      id,
      agentId: "agent-1",
      owner: { kind: "job", id: jobId },
      cause: "manual",
      createdAt: "2026-11-28T09:00:00.000Z",
      status,
      attempts: 1,
    });
    await store.appendRun(run("run_gone000001", gone.id));
    await store.appendRun(run("run_gone000002", gone.id, "failed"));
    await store.appendRun(run("run_kept000001", kept.id));
    expect((await caller().activity.list({ agentId: "agent-1" })).items).toHaveLength(3);

    await caller().jobs.delete({ agentId: "agent-1", jobId: gone.id });
    expect(await store.getRun("agent-1", "run_gone000001")).toBeNull();
    expect(await store.getRun("agent-1", "run_gone000002")).toBeNull();
    const activity = await caller().activity.list({ agentId: "agent-1" });
    expect(activity.items.map((item) => item.id)).toEqual(["run_kept000001"]);
    expect(activity.items.every((item) => !item.ownerDeleted)).toBe(true);
  });

  it("keeps a run of a deleted item that was still in flight, marked ownerDeleted (the panel leaves it out)", async () => {
    const { caller, store } = testPlanner();
    const gone = await caller().jobs.create(daily);
    await store.appendRun({ id: "run_flight0001", agentId: "agent-1", owner: { kind: "job", id: gone.id }, cause: "manual", createdAt: "2026-11-28T09:00:00.000Z", status: "queued", attempts: 0 });
    await caller().jobs.delete({ agentId: "agent-1", jobId: gone.id });
    expect((await caller().activity.list({ agentId: "agent-1" })).items).toMatchObject([{ id: "run_flight0001", ownerDeleted: true, ownerName: null }]);
  });
});

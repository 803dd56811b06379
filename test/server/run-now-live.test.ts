import { TRPCError } from "@trpc/server";
import { describe, expect, it, vi } from "vitest";
import { recordingExecutors } from "../engine/harness";
import { testPlanner } from "../helpers/planner";

const job = {
  agentId: "agent-1",
  name: "Digest",
  schedule: { cron: "0 9 * * *", timezone: "UTC" },
  action: { type: "chat" as const, template: "Digest for {date}" },
};

describe("jobs.runNow", () => {
  it("runs the job once without moving the next run, and refuses a second click while that run is running", async () => {
    const exec = recordingExecutors();
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const { caller, planner } = testPlanner({
      executors: {
        ...exec.executors,
        async startChat(request) {
          await held;
          return exec.executors.startChat(request);
        },
      },
    });
    await planner.start();
    const created = await caller().jobs.create(job);
    const { runId } = await caller().jobs.runNow({ agentId: "agent-1", jobId: created.id });
    expect(runId).toMatch(/^run_/);

    await vi.waitFor(async () => expect((await caller().jobs.byId({ agentId: "agent-1", jobId: created.id })).activeRun).toMatchObject({ id: runId, status: "running" }));
    const after = await caller().jobs.byId({ agentId: "agent-1", jobId: created.id });
    expect(after.state.nextRunAt).toBe(created.state.nextRunAt);
    expect(after.status).toBe("running");

    const second = await caller()
      .jobs.runNow({ agentId: "agent-1", jobId: created.id })
      .catch((e: unknown) => e);
    expect(second).toBeInstanceOf(TRPCError);
    expect((second as TRPCError).code).toBe("TOO_MANY_REQUESTS");
    expect((second as TRPCError).message).toBe("This job is already running. Wait for that run to finish, then try again.");

    release();
    await planner.idle();
    const runs = await caller().jobs.runs({ agentId: "agent-1", jobId: created.id });
    expect(runs.items.map((r) => [r.id, r.cause, r.status, r.renderedMessage])).toEqual([[runId, "manual", "succeeded", "Digest for Saturday, November 28, 2026"]]);
    expect(exec.chats).toHaveLength(1);
    expect((await caller().jobs.byId({ agentId: "agent-1", jobId: created.id })).state.nextRunAt).toBe(created.state.nextRunAt);
    await expect(caller().jobs.runNow({ agentId: "agent-1", jobId: created.id })).resolves.toMatchObject({ runId: expect.stringMatching(/^run_/) as string });
    await planner.stop();
  });

  it("allows overlapping manual runs when the overlap policy allows it", async () => {
    const exec = recordingExecutors();
    const { caller, planner } = testPlanner({ executors: exec.executors });
    await planner.start();
    const created = await caller().jobs.create({ ...job, policy: { misfire: "runOnce", overlap: "allow" } });
    const results = await Promise.all(Array.from({ length: 5 }, () => caller().jobs.runNow({ agentId: "agent-1", jobId: created.id })));
    expect(new Set(results.map((r) => r.runId)).size).toBe(5);
    await planner.idle();
    expect(exec.chats).toHaveLength(5);
    await planner.stop();
  });
});

describe("live.onChange", () => {
  it("streams the agent's changes with their versions as event ids", async () => {
    const { caller } = testPlanner();
    const stream = await caller().live.onChange({ agentId: "agent-1" });
    const iterator = stream[Symbol.asyncIterator]();
    const next = iterator.next();
    await caller().jobs.create(job);
    const first = await next;
    expect(first.done).toBe(false);
    // A tracked event: [event id, data].
    const [id, data] = first.value as unknown as [string, { agentId: string; kind: string; version: number }];
    expect(data).toMatchObject({ agentId: "agent-1", kind: "planner" });
    expect(id).toBe(String(data.version));
    // Ending the iteration unsubscribes from the store.
    await iterator.return?.();
  });

  it("refuses another user's agent", async () => {
    const { caller } = testPlanner();
    await expect(caller().live.onChange({ agentId: "agent-other" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { recordingExecutors } from "../engine/harness";
import { testPlanner } from "../helpers/planner";

const job = {
  agentId: "agent-1",
  name: "Digest",
  schedule: { cron: "0 9 * * *", timezone: "UTC" },
  action: { type: "chat" as const, template: "Digest for {date}" },
};

describe("jobs.runNow", () => {
  it("queues a manual run without moving the next run, and refuses a second one while it is queued", async () => {
    const exec = recordingExecutors();
    const { caller, planner } = testPlanner({ executors: exec.executors });
    const created = await caller().jobs.create(job);
    const { runId } = await caller().jobs.runNow({ agentId: "agent-1", jobId: created.id });
    expect(runId).toMatch(/^run_/);

    const after = await caller().jobs.byId({ agentId: "agent-1", jobId: created.id });
    expect(after.state.nextRunAt).toBe(created.state.nextRunAt);
    expect(after.status).toBe("running");
    expect(after.activeRun).toMatchObject({ id: runId, status: "queued", cause: "manual" });

    const second = await caller()
      .jobs.runNow({ agentId: "agent-1", jobId: created.id })
      .catch((e: unknown) => e);
    expect(second).toBeInstanceOf(TRPCError);
    expect((second as TRPCError).code).toBe("TOO_MANY_REQUESTS");
    expect((second as TRPCError).message).toBe("This job is already queued. Wait for that run to finish, then try again.");

    await planner.start();
    await planner.stop();
    const runs = await caller().jobs.runs({ agentId: "agent-1", jobId: created.id });
    expect(runs.items.map((r) => [r.id, r.cause, r.status, r.renderedMessage])).toEqual([[runId, "manual", "succeeded", "Digest for Saturday, November 28, 2026"]]);
    expect(exec.chats).toHaveLength(1);
    expect((await caller().jobs.byId({ agentId: "agent-1", jobId: created.id })).state.nextRunAt).toBe(created.state.nextRunAt);
  });

  it("allows overlapping manual runs when the overlap policy allows it", async () => {
    const { caller } = testPlanner();
    const created = await caller().jobs.create({ ...job, policy: { misfire: "runOnce", overlap: "allow" } });
    await caller().jobs.runNow({ agentId: "agent-1", jobId: created.id });
    await expect(caller().jobs.runNow({ agentId: "agent-1", jobId: created.id })).resolves.toMatchObject({ runId: expect.stringMatching(/^run_/) as string });
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

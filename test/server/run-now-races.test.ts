import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TRPCError } from "@trpc/server";
import { afterEach, describe, expect, it } from "vitest";
import { createInngestClient } from "../../src/server/inngest";
import { createPlannerRoute } from "../../src/server/next/trpc-route";
import { fileStore } from "../../src/server/store";
import { recordingExecutors } from "../helpers/executors";
import { testPlanner } from "../helpers/planner";
import { EVENT_KEY, SIGNING_KEY, fakeInngestApi } from "../inngest/helpers";

const job = {
  agentId: "agent-1",
  name: "Digest",
  schedule: { cron: "0 9 * * *", timezone: "UTC" },
  action: { type: "chat" as const, template: "Digest for {date}" },
};
const CLICKS = 30;
const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function started(overrides: Parameters<typeof testPlanner>[0] = {}) {
  const exec = recordingExecutors();
  const t = testPlanner({ executors: exec.executors, ...overrides });
  await t.planner.start();
  cleanups.push(() => t.planner.stop());
  return { ...t, exec };
}

function codeOf(outcome: PromiseSettledResult<unknown>): string {
  if (outcome.status === "fulfilled") return "OK";
  return outcome.reason instanceof TRPCError ? outcome.reason.code : String(outcome.reason);
}

describe("jobs.runNow: concurrent clicks", () => {
  it(`${CLICKS} concurrent calls start exactly one run; the others get TOO_MANY_REQUESTS`, async () => {
    const { caller, planner, store, exec } = await started();
    const created = await caller().jobs.create(job);
    const outcomes = await Promise.allSettled(Array.from({ length: CLICKS }, () => caller().jobs.runNow({ agentId: "agent-1", jobId: created.id })));
    expect(outcomes.map(codeOf).sort()).toEqual(["OK", ...Array<string>(CLICKS - 1).fill("TOO_MANY_REQUESTS")].sort());
    const refused = outcomes.find((outcome) => outcome.status === "rejected") as PromiseRejectedResult;
    expect((refused.reason as TRPCError).message).toMatch(/^This job is already (queued|running)\. Wait for that run to finish, then try again\.$/);

    await planner.idle();
    expect(exec.chats).toHaveLength(1);
    const runs = await store.listRuns("agent-1", { kind: "job", id: created.id });
    expect(runs.items.map((run) => [run.cause, run.status])).toEqual([["manual", "succeeded"]]);
  });

  it(`${CLICKS} concurrent POSTs to the planner route over a file store: one 200, the rest 429, one executor call`, async () => {
    const dir = await mkdtemp(join(tmpdir(), "planner-run-now-"));
    const store = fileStore({ dir });
    cleanups.push(() => rm(dir, { recursive: true, force: true }), () => store.close());
    const { caller, planner, exec } = await started({ store });
    const created = await caller().jobs.create(job);
    const { POST } = createPlannerRoute({ planner, endpoint: "/api/planner" });
    const click = () =>
      POST(
        new Request("http://localhost/api/planner/jobs.runNow", {
          method: "POST",
          headers: { "content-type": "application/json", "x-user": "user-1" },
          body: JSON.stringify({ json: { agentId: "agent-1", jobId: created.id } }),
        }),
      );
    const responses = await Promise.all(Array.from({ length: CLICKS }, click));
    expect(responses.map((res) => res.status).sort()).toEqual([200, ...Array<number>(CLICKS - 1).fill(429)]);
    const refused = (await responses.find((res) => res.status === 429)!.json()) as { error: { json: { data: { code: string } } } };
    expect(refused.error.json.data.code).toBe("TOO_MANY_REQUESTS");

    await planner.idle();
    expect(exec.chats).toHaveLength(1);
    expect((await store.listRuns("agent-1", { kind: "job", id: created.id })).items).toHaveLength(1);
  });

  it("on Inngest: records the run atomically before sending, so concurrent clicks send one event", async () => {
    const api = fakeInngestApi();
    const client = createInngestClient({ id: "test-app", eventKey: EVENT_KEY, signingKey: SIGNING_KEY, fetch: api.fetch });
    const { caller, store } = testPlanner({ inngest: { client } });
    const created = await caller().jobs.create(job);
    const outcomes = await Promise.allSettled(Array.from({ length: CLICKS }, () => caller().jobs.runNow({ agentId: "agent-1", jobId: created.id })));
    expect(outcomes.map(codeOf).filter((code) => code === "OK")).toHaveLength(1);
    expect(outcomes.map(codeOf).filter((code) => code === "TOO_MANY_REQUESTS")).toHaveLength(CLICKS - 1);
    const { runId } = (outcomes.find((outcome) => outcome.status === "fulfilled") as PromiseFulfilledResult<{ runId: string }>).value;
    expect(api.sent.map((event) => [event.name, event.id])).toEqual([["planner/job.due", runId]]);
    expect((await store.activeRuns("agent-1")).map((run) => [run.id, run.status])).toEqual([[runId, "queued"]]);
  });

  it("on Inngest: a send that fails marks the recorded run failed, so the next click is not refused", async () => {
    const api = fakeInngestApi();
    const client = createInngestClient({ id: "test-app", eventKey: EVENT_KEY, signingKey: SIGNING_KEY, fetch: api.fetch, fetchTimeoutMs: 1000 });
    const { caller, store } = testPlanner({ inngest: { client } });
    const created = await caller().jobs.create(job);
    api.fail(400);
    await expect(caller().jobs.runNow({ agentId: "agent-1", jobId: created.id })).rejects.toBeInstanceOf(TRPCError);
    const runs = await store.listRuns("agent-1", { kind: "job", id: created.id });
    expect(runs.items.map((run) => [run.status, run.error])).toEqual([["failed", "The run could not be handed to Inngest, so it never started."]]);
    api.fail(null);
    await expect(caller().jobs.runNow({ agentId: "agent-1", jobId: created.id })).resolves.toMatchObject({ runId: expect.stringMatching(/^run_/) as string });
    expect(api.sent).toHaveLength(1);
  });
});

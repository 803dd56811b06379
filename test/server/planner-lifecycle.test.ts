import { describe, expect, it } from "vitest";
import { createInngestClient } from "../../src/server/inngest";
import { createPlannerRoute } from "../../src/server/next/trpc-route";
import { recordingExecutors } from "../helpers/executors";
import { testPlanner } from "../helpers/planner";
import { EVENT_KEY, SIGNING_KEY, fakeInngestApi } from "../inngest/helpers";

const job = {
  agentId: "agent-1",
  name: "Digest",
  schedule: { cron: "0 9 * * *", timezone: "UTC" },
  action: { type: "chat" as const, template: "Digest for {date}" },
};
const NOT_STARTED = /^The planner is not running, so this run would never start\. The host must call planner\.start\(\) once at server start/;

function inProcess() {
  const exec = recordingExecutors();
  return { ...testPlanner({ executors: exec.executors }), exec };
}

describe("planner lifecycle: run now needs a running driver", () => {
  it("refuses run now before start() with PRECONDITION_FAILED naming planner.start(), and stores nothing", async () => {
    const { caller, store, exec, planner } = inProcess();
    const created = await caller().jobs.create(job);
    const version = await store.version("agent-1");
    await expect(caller().jobs.runNow({ agentId: "agent-1", jobId: created.id })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: expect.stringMatching(NOT_STARTED) as string,
    });
    expect(await store.version("agent-1")).toBe(version);
    expect(await store.agentsWithRuns()).toEqual([]);
    // Nothing was left queued to run later either.
    await planner.start();
    await planner.idle();
    expect(exec.chats).toEqual([]);
    await planner.stop();
  });

  it("answers 412 through the planner route", async () => {
    const { caller, planner } = inProcess();
    const created = await caller().jobs.create(job);
    const { POST } = createPlannerRoute({ planner, endpoint: "/api/planner" });
    const res = await POST(
      new Request("http://localhost/api/planner/jobs.runNow", {
        method: "POST",
        headers: { "content-type": "application/json", "x-user": "user-1" },
        body: JSON.stringify({ json: { agentId: "agent-1", jobId: created.id } }),
      }),
    );
    expect(res.status).toBe(412);
    const body = (await res.json()) as { error: { json: { message: string } } };
    expect(body.error.json.message).toMatch(NOT_STARTED);
  });

  it("runs after start(), idle() waits for the run, and after stop() run now is refused again", async () => {
    const { caller, planner, exec } = inProcess();
    const created = await caller().jobs.create(job);
    await planner.start();
    await caller().jobs.runNow({ agentId: "agent-1", jobId: created.id });
    await planner.idle();
    expect(exec.chats.map((chat) => chat.message)).toEqual(["Digest for Saturday, November 28, 2026"]);

    await planner.stop();
    await expect(caller().jobs.runNow({ agentId: "agent-1", jobId: created.id })).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
    await planner.start();
    await caller().jobs.runNow({ agentId: "agent-1", jobId: created.id });
    await planner.idle();
    expect(exec.chats).toHaveLength(2);
    await planner.stop();
  });

  it("idle() resolves only once the run in progress has finished", async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const exec = recordingExecutors();
    const { caller, planner } = testPlanner({
      executors: {
        ...exec.executors,
        async startChat(request) {
          await held;
          return exec.executors.startChat(request);
        },
      },
    });
    const created = await caller().jobs.create(job);
    await planner.start();
    await caller().jobs.runNow({ agentId: "agent-1", jobId: created.id });
    let idle = false;
    const waiting = planner.idle().then(() => (idle = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(idle).toBe(false);
    release();
    await waiting;
    expect(exec.chats).toHaveLength(1);
    await planner.stop();
  });

  it("on Inngest there is nothing to start: run now is accepted at once and idle() resolves at once", async () => {
    const api = fakeInngestApi();
    const client = createInngestClient({ id: "test-app", eventKey: EVENT_KEY, signingKey: SIGNING_KEY, fetch: api.fetch });
    const { caller, planner } = testPlanner({ inngest: { client } });
    const created = await caller().jobs.create(job);
    const { runId } = await caller().jobs.runNow({ agentId: "agent-1", jobId: created.id });
    await planner.idle();
    expect(api.sent.map((event) => event.id)).toEqual([runId]);
  });
});

/**
 * Issue 23 item 4: "Retry all failed" (`runs.retryFailed`) replays the latest failed run of each item needing
 * attention, one per item, with the replay rules, and answers per item; the overview tells each item's cause, its
 * last success and the failed run's attempts.
 */
import { describe, expect, it } from "vitest";
import type { PlannerExecutors } from "../../src/server/options";
import type { Trigger } from "../../src/shared/schemas";
import { testPlanner } from "../helpers/planner";
import { gmailTrigger } from "../helpers/triggers";

const NOW = "2026-11-30T09:00:00.000Z";
const CHAT_ERROR = "The model gateway answered 502 Bad Gateway.";

function switchableExecutors() {
  const state = { failing: true, chats: 0, gate: null as Promise<void> | null };
  const executors: PlannerExecutors = {
    async startChat(request) {
      state.chats++;
      if (state.gate) await state.gate;
      if (state.failing) return Promise.reject(new Error(CHAT_ERROR));
      return Promise.resolve({ threadId: `thread-${request.idempotencyKey}` });
    },
    runWorkflow(request) {
      return Promise.resolve({ workflowRunId: `wf-${request.idempotencyKey}` });
    },
  };
  return { state, executors };
}

async function setup() {
  const exec = switchableExecutors();
  const t = testPlanner({ executors: exec.executors, scheduler: { backoffMs: () => 1, leaseMs: 30_000 } }, NOW);
  const caller = t.caller();
  const job = (name: string, template: string) =>
    caller.jobs.create({ agentId: "agent-1", name, schedule: { cron: "0 9 * * 1", timezone: "UTC" }, action: { type: "chat", template } });
  const digest = await job("Digest", "Summarise the inbox of {date}.");
  const report = await job("Report", "Write the weekly report.");
  const outreach = await job("Outreach", "Write to {candidateName} about the role.");
  // A broken connection, and a trigger whose failed run kept no event (so it cannot be replayed).
  const broken: Trigger = gmailTrigger(NOW, { id: "trg_broken000001", name: "Support inbox", composioTriggerId: "ti_broken" });
  const noEvent: Trigger = gmailTrigger(NOW, { id: "trg_noevent00001", name: "Billing inbox", composioTriggerId: "ti_noevent" });
  await t.store.update("agent-1", (p) => ({
    ...p,
    triggers: [
      { ...broken, state: { ...broken.state, connectionError: "The connected account expired. Reconnect the app, then resume the trigger." } },
      { ...noEvent, state: { ...noEvent.state, consecutiveFailures: 1, lastRun: { runId: "run_noevent00001", cause: "event", status: "failed", at: "2026-11-30T08:00:00.000Z", error: "Workflow timed out" } } },
    ],
  }));
  await t.store.appendRun({
    id: "run_noevent00001",
    agentId: "agent-1",
    owner: { kind: "trigger", id: noEvent.id },
    cause: "event",
    createdAt: "2026-11-30T07:59:00.000Z",
    finishedAt: "2026-11-30T08:00:00.000Z",
    status: "failed",
    attempts: 3,
    error: "Workflow timed out",
  });
  return { ...t, ...exec, callerAs: t.caller, caller, digest, report, outreach };
}

describe("runs.retryFailed", () => {
  it("replays each failed item once, refuses the others with a reason, and the retried ones leave the banner once they succeed", async () => {
    const t = await setup();
    await t.planner.start();
    try {
      for (const job of [t.digest, t.report, t.outreach]) {
        await t.caller.jobs.runNow({ agentId: "agent-1", jobId: job.id });
        await t.planner.idle();
      }
      // Outreach fails too, but its template uses an undefined variable: invalid config, which a retry would not fix.
      const before = await t.caller.overview({ agentId: "agent-1" });
      expect(before.attention.items.map((item) => [item.name, item.cause, item.action])).toEqual([
        ["Support inbox", "connection", "reconnect"],
        ["Outreach", "invalidConfig", "edit"],
        ["Digest", "failure", "runNow"],
        ["Report", "failure", "runNow"],
        ["Billing inbox", "timeout", "openHistory"],
      ]);
      const digest = before.attention.items.find((item) => item.name === "Digest")!;
      expect(digest).toMatchObject({ reason: `The last run failed: ${CHAT_ERROR}`, attempts: 3, lastSuccessAt: null, enabled: true });
      expect(digest.log?.filter((entry) => entry.step === "attemptFailed")).toHaveLength(2);
      expect(digest.log?.at(-1)).toMatchObject({ step: "failed", detail: CHAT_ERROR });
      const outreach = before.attention.items.find((item) => item.name === "Outreach");
      expect(outreach?.undefinedVariables).toEqual(["candidateName"]);
      expect(outreach?.reason).toContain("{candidateName}");

      t.state.failing = false;
      const chatsBefore = t.state.chats;
      const answer = await t.caller.runs.retryFailed({ agentId: "agent-1" });
      expect(answer.retried).toBe(2);
      expect(answer.refused).toBe(3);
      expect(answer.results.map((r) => [r.name, r.status, r.status === "refused" ? r.reason : ""])).toEqual([
        ["Support inbox", "refused", "Its connection is broken: reconnect the app first, then retry."],
        ["Outreach", "refused", "Its configuration is invalid: edit it first, then run it again."],
        ["Digest", "retried", ""],
        ["Report", "retried", ""],
        ["Billing inbox", "refused", expect.stringContaining("The original event of this run was not kept")],
      ]);
      await t.planner.idle();
      expect(t.state.chats - chatsBefore).toBe(2);
      const retried = answer.results.find((r) => r.name === "Digest");
      expect(retried?.status === "retried" && (await t.store.getRun("agent-1", retried.runId))).toMatchObject({ cause: "replay", status: "succeeded", replayOf: digest.failedRunId });

      const after = await t.caller.overview({ agentId: "agent-1" });
      expect(after.attention.items.map((item) => item.name)).toEqual(["Support inbox", "Outreach", "Billing inbox"]);
    } finally {
      await t.planner.stop();
    }
  });

  it("refuses a second retry of an item while its replay is still in progress, and stores no second replay", async () => {
    const t = await setup();
    await t.planner.start();
    let release: () => void = () => {};
    try {
      await t.caller.jobs.runNow({ agentId: "agent-1", jobId: t.digest.id });
      await t.planner.idle();
      // The replay waits in the executor, so the second "Retry all failed" finds it in progress.
      t.state.gate = new Promise<void>((resolve) => (release = resolve));
      t.state.failing = false;
      const first = await t.caller.runs.retryFailed({ agentId: "agent-1" });
      expect(first.results.filter((r) => r.status === "retried").map((r) => r.name)).toEqual(["Digest"]);
      const second = await t.caller.runs.retryFailed({ agentId: "agent-1" });
      const refused = second.results.find((r) => r.name === "Digest");
      expect(refused?.status).toBe("refused");
      expect(refused?.status === "refused" && refused.reason).toMatch(/^A replay is already (queued|running)\. Wait for it to finish, then replay again\.$/);
      release();
      await t.planner.idle();
      const runs = await t.store.listRuns("agent-1", { kind: "job", id: t.digest.id }, { limit: 50 });
      expect(runs.items.map((r) => r.cause).toSorted()).toEqual(["manual", "replay"]);
    } finally {
      release();
      await t.planner.stop();
    }
  });

  it("refuses another user's agent and a malformed agent id without replaying anything", async () => {
    const t = await setup();
    await expect(t.callerAs("user-2").runs.retryFailed({ agentId: "agent-1" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(t.caller.runs.retryFailed({ agentId: "" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(t.state.chats).toBe(0);
  });
});

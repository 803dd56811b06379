import { describe, expect, it } from "vitest";
import { executeRun, triggerSubject } from "../../src/server/engine";
import type { JsonObject, Trigger } from "../../src/shared/schemas";
import { recordingExecutors } from "../helpers/executors";
import { testPlanner } from "../helpers/planner";
import { gmailTrigger } from "../helpers/triggers";

const SEND_REPLY = {
  id: "wf_reply",
  name: "Send reply",
  inputSchema: {
    type: "object",
    properties: { email: { type: "string", title: "Email" }, subject: { type: "string" }, note: { type: "string" } },
    required: ["email", "subject"],
  },
};

/** A planner whose catalog knows a workflow with required inputs, and a Gmail trigger running it. */
async function setup(action: Trigger["action"], data: JsonObject) {
  const exec = recordingExecutors();
  const t = testPlanner(
    {
      executors: exec.executors,
      catalog: { workflows: () => Promise.resolve([SEND_REPLY]), agent: () => Promise.resolve({ name: "Ada" }) },
    },
    "2026-11-30T07:59:00.000Z",
  );
  const trigger = gmailTrigger("2026-11-30T07:59:00.000Z", { action });
  await t.store.update("agent-1", (p) => ({ ...p, triggers: [trigger] }));
  const event = { id: "msg_1", type: "GMAIL_NEW_GMAIL_MESSAGE", source: "gmail", time: "2026-11-30T07:58:00.000Z", data };
  const run = () =>
    executeRun(t.planner.deps, triggerSubject({ runId: "run_abcdef123", agentId: "agent-1", triggerId: trigger.id, cause: "event", event }), {
      sleep: () => Promise.resolve(),
      backoffMs: () => 0,
    });
  return { exec, run };
}

describe("a trigger's workflow input against the workflow's input schema", () => {
  it("fails a run whose mapped input misses a required field, with a sentence, without calling the workflow", async () => {
    const { exec, run } = await setup(
      { type: "workflow", workflowId: "wf_reply", input: { mode: "fields", fields: { email: "{sender.email}", subject: "{subject}" } } },
      { subject: "Invoice 42", sender: { name: "Jordan" } },
    );
    const result = await run();
    expect(result.status).toBe("failed");
    expect(result.error).toBe("The workflow needs 'email', but the event had no sender.email.");
    expect(result.attempts).toBe(1);
    expect(exec.workflows).toEqual([]);
  });

  it("fails when a required field is not mapped at all", async () => {
    const { exec, run } = await setup(
      { type: "workflow", workflowId: "wf_reply", input: { mode: "fields", fields: { email: "{sender.email}" } } },
      { subject: "Invoice 42", sender: { email: "jordan@example.com" } },
    );
    const result = await run();
    expect(result).toMatchObject({ status: "failed", error: "The workflow needs 'subject', but this trigger maps nothing to it." });
    expect(exec.workflows).toEqual([]);
  });

  it("fails a whole-payload input that lacks a required field", async () => {
    const { run } = await setup({ type: "workflow", workflowId: "wf_reply" }, { subject: "Invoice 42" });
    expect(await run()).toMatchObject({ status: "failed", error: "The workflow needs 'email', but the event had no email." });
  });

  it("runs the workflow when every required field rendered", async () => {
    const { exec, run } = await setup(
      { type: "workflow", workflowId: "wf_reply", input: { mode: "fields", fields: { email: "{sender.email}", subject: "Re: {subject}", note: "{missing}" } } },
      { subject: "Invoice 42", sender: { email: "jordan@example.com" } },
    );
    const result = await run();
    expect(result.status).toBe("succeeded");
    // An optional field that rendered empty is sent as before (old configs keep running).
    expect(exec.workflows[0]?.input).toEqual({ email: "jordan@example.com", subject: "Re: Invoice 42", note: "" });
  });

  it("does not check a workflow without an input schema, nor one whose schema is hostile", async () => {
    const exec = recordingExecutors();
    const hostile = JSON.parse('{"type":"object","properties":{"__proto__":{"type":"string"}},"required":["__proto__","constructor"],"enum":[' + Array.from({ length: 5000 }, (_, i) => i).join(",") + "]}") as JsonObject;
    const t = testPlanner(
      { executors: exec.executors, catalog: { workflows: () => Promise.resolve([{ id: "wf_reply", name: "x", inputSchema: hostile }]), agent: () => Promise.resolve({ name: "Ada" }) } },
      "2026-11-30T07:59:00.000Z",
    );
    const trigger = gmailTrigger("2026-11-30T07:59:00.000Z", { action: { type: "workflow", workflowId: "wf_reply" } });
    await t.store.update("agent-1", (p) => ({ ...p, triggers: [trigger] }));
    const event = { id: "msg_1", type: "GMAIL_NEW_GMAIL_MESSAGE", source: "gmail", time: "2026-11-30T07:58:00.000Z", data: { a: 1 } };
    const result = await executeRun(t.planner.deps, triggerSubject({ runId: "run_abcdef123", agentId: "agent-1", triggerId: trigger.id, cause: "event", event }), { sleep: () => Promise.resolve(), backoffMs: () => 0 });
    expect(result.status).toBe("succeeded");
  });
});

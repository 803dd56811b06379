import http from "node:http";
import type { AddressInfo } from "node:net";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createComposioGateway } from "../../src/server/composio";
import { createComposioWebhookRoute } from "../../src/server/next/composio-webhook-route";
import type { CreateTriggerInput } from "../../src/shared/schemas";
import { startComposioSandbox, type ComposioSandbox } from "../../src/sandbox";
import { recordingExecutors } from "../engine/harness";
import { testPlanner } from "../helpers/planner";

const API_KEY = "sandbox-key-triggers";
const SECRET = "whsec_triggers_router_test";
const START = "2026-11-30T09:00:00.000Z";

let sandbox: ComposioSandbox;
let receiver: http.Server;
/** Where the sandbox delivers webhooks; each test points it at its own planner's route. */
let route: ((req: Request) => Promise<Response>) | null = null;
let clockNow = () => new Date(START);

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const request = new Request(`http://localhost${req.url}`, {
        method: "POST",
        headers: Object.entries(req.headers).flatMap(([k, v]) => (typeof v === "string" ? [[k, v] as [string, string]] : [])),
        body: Buffer.concat(chunks),
      });
      void (route ? route(request) : Promise.resolve(new Response("no route", { status: 503 }))).then(async (response) => {
        res.writeHead(response.status, { "content-type": "application/json" });
        res.end(await response.text());
      });
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const { port } = receiver.address() as AddressInfo;
  sandbox = await startComposioSandbox({
    apiKey: API_KEY,
    seed: { "user-1": [{ toolkit: "gmail", id: "ca_user1gmail0001" }, { toolkit: "slack", id: "ca_user1slack0001" }] },
    webhook: { url: `http://127.0.0.1:${port}/webhook`, secret: SECRET },
    retryDelaysMs: [5, 5],
    clock: () => clockNow(),
  });
});

afterAll(async () => {
  await sandbox.close();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

function setup() {
  const exec = recordingExecutors();
  const composio = createComposioGateway({ apiKey: API_KEY, baseURL: sandbox.url, webhookSecret: SECRET });
  const t = testPlanner({ composio, executors: exec.executors }, START);
  clockNow = t.clock.now;
  route = createComposioWebhookRoute({ planner: t.planner }).POST;
  return { ...t, exec, composio };
}

const gmailTrigger: CreateTriggerInput = {
  agentId: "agent-1",
  name: "Invoices",
  source: { toolkit: "gmail", triggerSlug: "GMAIL_NEW_GMAIL_MESSAGE", connectedAccountId: "ca_user1gmail0001", config: { labelIds: "INBOX" } },
  filters: { match: "all", conditions: [{ path: "subject", op: "contains", value: "invoice" }] },
  action: { type: "chat", template: "Invoice from {emailFrom}: {emailSubject}" },
};

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
  return "OK";
}

describe("triggers router against the Composio sandbox", () => {
  it("creates the Composio instance with the schema's defaults and stores the trigger", async () => {
    const { caller } = setup();
    const trigger = await caller().triggers.create(gmailTrigger);
    expect(trigger).toMatchObject({ status: "active", enabled: true, revision: 1, composioTriggerId: expect.stringMatching(/^ti_/) as string });
    expect(trigger.source.config).toEqual({ labelIds: "INBOX", interval: 1, query: "", userId: "me" });
    const instance = sandbox.state.instances.get(trigger.composioTriggerId!);
    expect(instance).toMatchObject({ slug: "GMAIL_NEW_GMAIL_MESSAGE", connectedAccountId: "ca_user1gmail0001", userId: "user-1" });
  });

  it("refuses config that breaks the trigger type's schema, and creates nothing", async () => {
    const { caller, store } = setup();
    const before = sandbox.state.instances.size;
    const bad = { ...gmailTrigger, source: { ...gmailTrigger.source, config: { interval: "often" } } };
    await expect(caller().triggers.create(bad)).rejects.toMatchObject({ code: "BAD_REQUEST", message: '"Interval" must be a number.' });
    expect(sandbox.state.instances.size).toBe(before);
    expect((await store.get("agent-1")).triggers).toEqual([]);
  });

  it("names a missing connection and an unknown event type", async () => {
    const { caller } = setup();
    await expect(
      caller().triggers.create({ ...gmailTrigger, source: { toolkit: "github", triggerSlug: "GITHUB_PULL_REQUEST_EVENT", config: { owner: "o", repo: "r" } }, filters: undefined }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: "No connected GitHub account for this user — connect GitHub first." });
    expect(await code(caller().triggers.create({ ...gmailTrigger, source: { ...gmailTrigger.source, triggerSlug: "GMAIL_NOPE" } }))).toBe("NOT_FOUND");
  });

  it("pauses, resumes and deletes the Composio instance with the trigger", async () => {
    const { caller } = setup();
    const created = await caller().triggers.create({ ...gmailTrigger, source: { ...gmailTrigger.source, config: { labelIds: "STARRED" } } });
    const id = created.composioTriggerId!;
    const paused = await caller().triggers.pause({ agentId: "agent-1", triggerId: created.id, reason: "Holidays" });
    expect(paused).toMatchObject({ status: "paused", state: { pausedReason: "Holidays" } });
    expect(sandbox.state.instances.get(id)?.enabled).toBe(false);
    await caller().triggers.resume({ agentId: "agent-1", triggerId: created.id });
    expect(sandbox.state.instances.get(id)?.enabled).toBe(true);
    expect(await caller().triggers.delete({ agentId: "agent-1", triggerId: created.id })).toEqual({ deleted: true });
    expect(sandbox.state.instances.has(id)).toBe(false);
    expect(await code(caller().triggers.byId({ agentId: "agent-1", triggerId: created.id }))).toBe("NOT_FOUND");
  });

  it("re-creates the instance only when the source changes", async () => {
    const { caller } = setup();
    const created = await caller().triggers.create({ ...gmailTrigger, source: { ...gmailTrigger.source, config: { labelIds: "IMPORTANT" } } });
    const renamed = await caller().triggers.update({ agentId: "agent-1", triggerId: created.id, expectedRevision: 1, name: "Important" });
    expect(renamed.composioTriggerId).toBe(created.composioTriggerId);
    const moved = await caller().triggers.update({
      agentId: "agent-1",
      triggerId: created.id,
      expectedRevision: 2,
      source: { ...gmailTrigger.source, config: { labelIds: "UNREAD" } },
    });
    expect(moved.composioTriggerId).not.toBe(created.composioTriggerId);
    expect(sandbox.state.instances.has(created.composioTriggerId!)).toBe(false);
    expect(sandbox.state.instances.get(moved.composioTriggerId!)?.config).toMatchObject({ labelIds: "UNREAD" });
    expect(await code(caller().triggers.update({ agentId: "agent-1", triggerId: created.id, expectedRevision: 2, name: "Stale" }))).toBe("CONFLICT");
  });

  it("refuses a second trigger on the same instance", async () => {
    const { caller } = setup();
    const input = { ...gmailTrigger, source: { ...gmailTrigger.source, config: { labelIds: "SPAM" } } };
    const first = await caller().triggers.create(input);
    await expect(caller().triggers.create({ ...input, name: "Again" })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(sandbox.state.instances.has(first.composioTriggerId!)).toBe(true);
  });

  it("runs the action when Composio delivers a matching event, and filters the rest", async () => {
    const { caller, planner, exec } = setup();
    const trigger = await caller().triggers.create({ ...gmailTrigger, source: { ...gmailTrigger.source, config: { labelIds: "CATEGORY_UPDATES" } } });
    const miss = await sandbox.emit(trigger.composioTriggerId!);
    expect(miss).toMatchObject({ delivered: true, status: 200 });
    const hit = await sandbox.emit(trigger.composioTriggerId!, { subject: "Invoice 42", sender: "billing@example.com", message_text: "Pay" });
    expect(hit).toMatchObject({ delivered: true, status: 200 });
    await planner.start();
    await planner.stop();
    expect(exec.chats.map((c) => c.message)).toEqual(["Invoice from billing@example.com: Invoice 42"]);
    const view = await caller().triggers.byId({ agentId: "agent-1", triggerId: trigger.id });
    expect(view.state).toMatchObject({ firedCount: 1, filteredCount: 1, lastRun: { status: "succeeded", cause: "event" } });
    const runs = await caller().triggers.runs({ agentId: "agent-1", triggerId: trigger.id });
    expect(runs.items.map((r) => [r.cause, r.status, r.eventId])).toEqual([["event", "succeeded", hit.webhookId]]);
  });

  it("gives a workflow trigger the event payload as input", async () => {
    const { caller, planner, exec } = setup();
    const trigger = await caller().triggers.create({
      agentId: "agent-1",
      name: "Slack triage",
      source: { toolkit: "slack", triggerSlug: "SLACK_RECEIVE_MESSAGE", connectedAccountId: "ca_user1slack0001", config: {} },
      action: { type: "workflow", workflowId: "wf_triage" },
    });
    const data = { channel: "C07FIXTURE", text: "Deploy is red", user: "U07FXTRALEX", ts: "1764320000.000100" };
    expect(await sandbox.emit(trigger.composioTriggerId!, data)).toMatchObject({ delivered: true, status: 200 });
    await planner.start();
    await planner.stop();
    expect(exec.workflows.map((w) => [w.workflowId, w.input, w.source.kind])).toEqual([["wf_triage", data, "trigger"]]);
    const runs = await caller().triggers.runs({ agentId: "agent-1", triggerId: trigger.id });
    expect(runs.items[0]).toMatchObject({ status: "succeeded", input: data, result: { workflowRunId: "wfrun-1" } });
  });

  it("tests the action with a sample built from the payload schema", async () => {
    const { caller, planner, exec } = setup();
    const trigger = await caller().triggers.create({ ...gmailTrigger, filters: undefined, source: { ...gmailTrigger.source, config: { labelIds: "CATEGORY_SOCIAL" } } });
    await planner.start();
    const { runId } = await caller().triggers.test({ agentId: "agent-1", triggerId: trigger.id, payload: { subject: "Hello", sender: "a@example.com" } });
    await planner.idle();
    expect(exec.chats.map((c) => c.message)).toEqual(["Invoice from a@example.com: Hello"]);
    const runs = await caller().triggers.runs({ agentId: "agent-1", triggerId: trigger.id });
    expect(runs.items.map((r) => [r.id, r.cause, r.status])).toEqual([[runId, "test", "succeeded"]]);
    await caller().triggers.test({ agentId: "agent-1", triggerId: trigger.id });
    await planner.idle();
    expect(exec.chats).toHaveLength(2);
    await planner.stop();
  });

  it("runs one test at a time: of 30 concurrent tests one runs, the others get TOO_MANY_REQUESTS", async () => {
    const { caller, planner, exec } = setup();
    const trigger = await caller().triggers.create({ ...gmailTrigger, filters: undefined, source: { ...gmailTrigger.source, config: { labelIds: "CATEGORY_FORUMS" } } });
    await planner.start();
    const payload = { subject: "Hello", sender: "a@example.com" };
    const outcomes = await Promise.allSettled(Array.from({ length: 30 }, () => caller().triggers.test({ agentId: "agent-1", triggerId: trigger.id, payload })));
    const refusals = outcomes.flatMap((outcome) => (outcome.status === "rejected" ? [outcome.reason as TRPCError] : []));
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
    expect(refusals).toHaveLength(29);
    for (const refusal of refusals) {
      expect(refusal.code).toBe("TOO_MANY_REQUESTS");
      expect(refusal.message).toMatch(/^A test of this trigger is already (queued|running)\. Wait for it to finish, then try again\.$/);
    }
    await planner.idle();
    expect(exec.chats).toHaveLength(1);
    const runs = await caller().triggers.runs({ agentId: "agent-1", triggerId: trigger.id });
    expect(runs.items.map((r) => [r.cause, r.status])).toEqual([["test", "succeeded"]]);
    await planner.stop();
  });

  it("refuses a test with PRECONDITION_FAILED while the planner is not started, and stores nothing", async () => {
    const { caller, planner, store, exec } = setup();
    const trigger = await caller().triggers.create({ ...gmailTrigger, filters: undefined, source: { ...gmailTrigger.source, config: { labelIds: "CATEGORY_PROMOTIONS" } } });
    const version = await store.version("agent-1");
    await expect(caller().triggers.test({ agentId: "agent-1", triggerId: trigger.id, payload: { subject: "Hi" } })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: expect.stringContaining("call planner.start()") as string,
    });
    expect(await store.version("agent-1")).toBe(version);
    expect((await caller().triggers.runs({ agentId: "agent-1", triggerId: trigger.id })).items).toEqual([]);
    await planner.start();
    await planner.idle();
    expect(exec.chats).toEqual([]);
    await planner.stop();
  });

  it("serves the catalog from Composio", async () => {
    const { caller } = setup();
    const toolkits = await caller().catalog.toolkits();
    expect(toolkits.map((t) => t.slug)).toEqual(expect.arrayContaining(["gmail", "slack", "github"]));
    const types = await caller().catalog.triggerTypes({ toolkit: "slack" });
    expect(types.items.map((t) => t.slug)).toEqual(expect.arrayContaining(["SLACK_RECEIVE_MESSAGE", "SLACK_CHANNEL_MESSAGE_RECEIVED"]));
    expect((await caller().catalog.connectedAccounts({ toolkit: "gmail" })).map((a) => a.id)).toEqual(["ca_user1gmail0001"]);
    const variables = (await caller().catalog.variables({ kind: "trigger", agentId: "agent-1", triggerSlug: "GMAIL_NEW_GMAIL_MESSAGE" })).map((v) => v.name);
    expect(variables).toEqual(expect.arrayContaining(["eventType", "eventData", "subject", "emailSubject", "emailFrom"]));
  });
});

describe("without Composio", () => {
  it("answers PRECONDITION_FAILED for trigger features while jobs keep working", async () => {
    const { caller } = testPlanner();
    await expect(caller().triggers.list({ agentId: "agent-1" })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: "Composio is not configured, so event triggers are not available. Scheduled jobs still work.",
    });
    expect(await code(caller().catalog.toolkits())).toBe("PRECONDITION_FAILED");
    expect(await caller().jobs.list({ agentId: "agent-1" })).toEqual([]);
  });
});

describe("a trigger's workflow input against the workflow's required fields (issue 23 item 5)", () => {
  const REPLY = {
    id: "wf_reply",
    name: "Send reply",
    inputSchema: { type: "object", properties: { email: { type: "string" }, subject: { type: "string" } }, required: ["email", "subject"] },
  };
  function setupWithWorkflow() {
    const composio = createComposioGateway({ apiKey: API_KEY, baseURL: sandbox.url, webhookSecret: SECRET });
    const t = testPlanner(
      { composio, executors: recordingExecutors().executors, catalog: { workflows: () => Promise.resolve([REPLY]), agent: () => Promise.resolve({ name: "Ada" }) } },
      START,
    );
    return t;
  }
  const mapped = (fields: Record<string, string>): CreateTriggerInput => ({ ...gmailTrigger, filters: undefined, action: { type: "workflow", workflowId: "wf_reply", input: { mode: "fields", fields } } });

  it("refuses a mapping without a required field, or naming a field the event does not have, on that field, and creates nothing", async () => {
    const { caller, store } = setupWithWorkflow();
    const before = sandbox.state.instances.size;
    await expect(caller().triggers.create(mapped({ subject: "{subject}" }))).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "The workflow needs 'email': choose what to send in it.",
    });
    const error = await caller()
      .triggers.create(mapped({ email: "{reply_to}", subject: "{subject}" }))
      .catch((e: unknown) => e as TRPCError & { cause?: { fieldErrors?: unknown } });
    expect(error).toMatchObject({ code: "BAD_REQUEST", message: "The event has no reply_to: choose one of its fields." });
    // The whole payload as input: Gmail's payload has a subject but no "email".
    await expect(caller().triggers.create({ ...mapped({}), action: { type: "workflow", workflowId: "wf_reply" } })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "The workflow needs 'email', but this event has no email: map the event's fields to the workflow's inputs.",
    });
    expect(sandbox.state.instances.size).toBe(before);
    expect((await store.get("agent-1")).triggers).toEqual([]);
  });

  it("saves a mapping that gives every required field, and keeps saving an old trigger whose action is untouched", async () => {
    const { caller, store } = setupWithWorkflow();
    const created = await caller().triggers.create(mapped({ email: "{sender}", subject: "Re: {subject}" }));
    expect(created.action).toEqual({ type: "workflow", workflowId: "wf_reply", input: { mode: "fields", fields: { email: "{sender}", subject: "Re: {subject}" } } });
    // An older trigger stored with the whole payload as input (before the check) can still be renamed.
    await store.update("agent-1", (p) => ({ ...p, triggers: p.triggers.map((t) => ({ ...t, action: { type: "workflow" as const, workflowId: "wf_reply" } })) }));
    const renamed = await caller().triggers.update({ agentId: "agent-1", triggerId: created.id, expectedRevision: created.revision, name: "Renamed" });
    expect(renamed.name).toBe("Renamed");
  });
});

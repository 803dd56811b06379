import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createComposioGateway } from "../../src/server/composio";
import { createContextInner } from "../../src/server/context";
import { plannerRouter } from "../../src/server/router";
import { createCallerFactory } from "../../src/server/trpc";
import { MAX_EDIT_VALUE_LENGTH } from "../../src/shared/schemas";
import { startComposioSandbox, type ComposioSandbox } from "../../src/sandbox";
import { testPlanner } from "../helpers/planner";

const weekly = {
  agentId: "agent-1",
  name: "Weekly digest",
  schedule: { cron: "0 9 * * 1", timezone: "Europe/Paris" },
  action: { type: "chat" as const, template: "Summarise last week for {agentName}." },
};

const createCaller = createCallerFactory(plannerRouter);

/** A planner whose callers act as Ada (with her display name) or as user-1 with no name. */
function setup(overrides: Parameters<typeof testPlanner>[0] = {}) {
  const t = testPlanner(overrides);
  return { ...t, ada: () => createCaller(createContextInner(t.planner.deps, { userId: "user-1", name: "  Ada Lovelace " })) };
}

describe("history.edits on jobs", () => {
  it("logs create, edit, pause, resume and delete with who, when, the fields and the values before", async () => {
    const { ada, caller, clock } = setup();
    const job = await ada().jobs.create(weekly);
    clock.advance(60_000);
    const edited = await ada().jobs.update({
      agentId: "agent-1",
      jobId: job.id,
      expectedRevision: job.revision,
      schedule: { cron: "0 9 * * 1-5", timezone: "Europe/Paris" },
      action: { type: "chat", template: "Plan the day for {agentName}." },
    });
    clock.advance(60_000);
    await caller().jobs.pause({ agentId: "agent-1", jobId: job.id, reason: "Holidays" });
    await caller().jobs.resume({ agentId: "agent-1", jobId: job.id });
    const owner = { kind: "job" as const, id: job.id };
    const log = await caller().history.edits({ agentId: "agent-1", owner });
    expect(log.nextCursor).toBeNull();
    expect(log.items.map((e) => [e.action, e.actor, e.at])).toEqual([
      ["resumed", { userId: "user-1" }, "2026-11-28T10:02:00.000Z"],
      ["paused", { userId: "user-1" }, "2026-11-28T10:02:00.000Z"],
      ["updated", { userId: "user-1", name: "Ada Lovelace" }, "2026-11-28T10:01:00.000Z"],
      ["created", { userId: "user-1", name: "Ada Lovelace" }, "2026-11-28T10:00:00.000Z"],
    ]);
    expect(log.items[2]!.changes).toEqual([
      { field: "schedule.cron", before: "0 9 * * 1", after: "0 9 * * 1-5" },
      { field: "action.template", before: "Summarise last week for {agentName}.", after: "Plan the day for {agentName}." },
    ]);
    expect(log.items[1]!.changes).toEqual([{ field: "enabled", before: "true", after: "false" }]);
    expect(edited.revision).toBe(2);

    await caller().jobs.delete({ agentId: "agent-1", jobId: job.id });
    const afterDelete = await caller().history.edits({ agentId: "agent-1", owner, limit: 1 });
    expect(afterDelete.items).toEqual([expect.objectContaining({ action: "deleted", ownerName: "Weekly digest", changes: [] })]);
    expect(afterDelete.nextCursor).toEqual(expect.any(String));
    const older = await caller().history.edits({ agentId: "agent-1", owner, limit: 2, cursor: afterDelete.nextCursor });
    expect(older.items.map((e) => e.action)).toEqual(["resumed", "paused"]);
  });

  it("logs nothing for a save that changes nothing, and cuts long values", async () => {
    const { caller } = setup();
    const job = await caller().jobs.create(weekly);
    const long = `${"x".repeat(MAX_EDIT_VALUE_LENGTH + 50)} {agentName}`;
    const saved = await caller().jobs.update({ agentId: "agent-1", jobId: job.id, expectedRevision: 1, action: { type: "chat", template: long } });
    // Pausing a paused job changes nothing that is logged.
    await caller().jobs.pause({ agentId: "agent-1", jobId: job.id });
    await caller().jobs.pause({ agentId: "agent-1", jobId: job.id });
    const log = await caller().history.edits({ agentId: "agent-1", owner: { kind: "job", id: job.id } });
    expect(log.items.map((e) => e.action)).toEqual(["paused", "updated", "created"]);
    const change = log.items[1]!.changes[0]!;
    expect(change.field).toBe("action.template");
    expect(change.after).toHaveLength(MAX_EDIT_VALUE_LENGTH + 1);
    expect(change.after!.endsWith("…")).toBe(true);
    expect(saved.action).toMatchObject({ template: long });
  });

  it("logs each item of a bulk action and of Pause all", async () => {
    const { caller } = setup();
    const a = await caller().jobs.create(weekly);
    const b = await caller().jobs.create({ ...weekly, name: "Other" });
    await caller().bulk.act({ agentId: "agent-1", action: "pause", items: [{ kind: "job", id: a.id }, { kind: "job", id: b.id }] });
    await caller().bulk.resumeAll({ agentId: "agent-1" });
    await caller().bulk.pauseAll({ agentId: "agent-1" });
    for (const job of [a, b]) {
      const log = await caller().history.edits({ agentId: "agent-1", owner: { kind: "job", id: job.id } });
      expect(log.items.map((e) => e.action)).toEqual(["paused", "created"]);
    }
    await caller().bulk.act({ agentId: "agent-1", action: "delete", items: [{ kind: "job", id: a.id }] });
    expect((await caller().history.edits({ agentId: "agent-1", owner: { kind: "job", id: a.id } })).items[0]).toMatchObject({ action: "deleted", ownerName: "Weekly digest" });
  });

  it("checks access and input: another user's agent, a missing job, hostile input", async () => {
    const { caller } = setup();
    const job = await caller().jobs.create(weekly);
    const owner = { kind: "job" as const, id: job.id };
    await expect(caller(null).history.edits({ agentId: "agent-1", owner })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(caller("user-2").history.edits({ agentId: "agent-1", owner })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(caller().history.edits({ agentId: "agent-1", owner: { kind: "job", id: "job_doesnotexist000000" } })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "This job no longer exists. It may have been deleted.",
    });
    await expect(caller().history.edits({ agentId: "agent-1", owner: { kind: "trigger", id: job.id } })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    // (Over HTTP the first field error is the message: "This is not a page of the edit log.")
    await expect(caller().history.edits({ agentId: "agent-1", owner, cursor: "1; DROP TABLE" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("This is not a page of the edit log.") as string });
    await expect(caller().history.edits({ agentId: "agent-1", owner, limit: 1000 })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("Ask for at most 100 entries.") as string });
    await expect(caller().history.edits({ agentId: "../x", owner })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("history.edits on triggers", () => {
  const API_KEY = "sandbox-key-editlog";
  const SECRET = "whsec_editlog_test";
  let sandbox: ComposioSandbox;
  let receiver: http.Server;

  beforeAll(async () => {
    receiver = http.createServer((_req, res) => res.writeHead(200).end("{}"));
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    const { port } = receiver.address() as AddressInfo;
    sandbox = await startComposioSandbox({
      apiKey: API_KEY,
      seed: { "user-1": [{ toolkit: "gmail", id: "ca_user1gmail0001" }] },
      webhook: { url: `http://127.0.0.1:${port}/webhook`, secret: SECRET },
    });
  });
  afterAll(async () => {
    await sandbox.close();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });

  it("logs a trigger's create, filter edit, pause and delete; the Composio bookkeeping is no edit", async () => {
    const composio = createComposioGateway({ apiKey: API_KEY, baseURL: sandbox.url, webhookSecret: SECRET });
    const { ada, caller } = setup({ composio });
    const trigger = await ada().triggers.create({
      agentId: "agent-1",
      name: "Invoices",
      source: { toolkit: "gmail", triggerSlug: "GMAIL_NEW_GMAIL_MESSAGE", connectedAccountId: "ca_user1gmail0001", config: { labelIds: "INBOX" } },
      filters: { match: "all", conditions: [{ path: "subject", op: "contains", value: "invoice" }] },
      action: { type: "chat", template: "Invoice from {emailFrom}" },
    });
    await ada().triggers.update({
      agentId: "agent-1",
      triggerId: trigger.id,
      expectedRevision: trigger.revision,
      filters: { match: "any", conditions: [{ path: "subject", op: "contains", value: "receipt" }] },
    });
    await caller().triggers.pause({ agentId: "agent-1", triggerId: trigger.id });
    await caller().triggers.delete({ agentId: "agent-1", triggerId: trigger.id });
    const log = await caller().history.edits({ agentId: "agent-1", owner: { kind: "trigger", id: trigger.id } });
    expect(log.items.map((e) => e.action)).toEqual(["deleted", "paused", "updated", "created"]);
    expect(log.items[2]!.changes).toEqual([
      {
        field: "filters",
        before: '{"conditions":[{"op":"contains","path":"subject","value":"invoice"}],"match":"all"}',
        after: '{"conditions":[{"op":"contains","path":"subject","value":"receipt"}],"match":"any"}',
      },
    ]);
    expect(log.items[3]!.actor).toEqual({ userId: "user-1", name: "Ada Lovelace" });
  });
});

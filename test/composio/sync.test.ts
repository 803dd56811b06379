import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createComposioGateway } from "../../src/server/composio";
import { syncComposio } from "../../src/server/features/triggers/sync";
import type { CreateTriggerInput } from "../../src/shared/schemas";
import { startComposioSandbox, type ComposioSandbox } from "../../src/sandbox";
import { recordingExecutors } from "../engine/harness";
import { testPlanner } from "../helpers/planner";

/**
 * Composio's side stays in step with ours (issue 21 part 10), against the Composio sandbox behind a proxy that can
 * answer a call only after the gateway gave up on it (the call is carried out at the sandbox all the same) or fail it.
 */

const API_KEY = "sandbox-key-sync";
const SECRET = "whsec_sync_test";
const START = "2026-11-30T09:00:00.000Z";
const TIMEOUT_MS = 300;

type Fault = "late" | "fail";
let sandbox: ComposioSandbox;
let proxy: http.Server;
let proxyUrl = "";
/** What the proxy does to a request: `late` forwards it and answers after the gateway's timeout; `fail` answers 503. */
let faultFor: (method: string, path: string) => Fault | null = () => null;
const pending = new Set<Promise<unknown>>();

beforeAll(async () => {
  sandbox = await startComposioSandbox({ apiKey: API_KEY, seed: { "user-1": [{ toolkit: "gmail", id: "ca_user1gmail0001" }, { toolkit: "slack", id: "ca_user1slack0001" }] } });
  proxy = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const fault = faultFor(req.method ?? "GET", req.url ?? "");
      if (fault === "fail") {
        res.writeHead(503, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { message: "Service unavailable", status: 503 } }));
        return;
      }
      const headers = Object.entries(req.headers).flatMap(([k, v]) => (typeof v === "string" && k !== "host" && k !== "content-length" ? [[k, v] as [string, string]] : []));
      const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
      const forwarded = fetch(`${sandbox.url}${req.url}`, { method: req.method, headers, ...(body && req.method !== "GET" ? { body } : {}) }).then(async (answer) => {
        const text = await answer.text();
        // Carried out at the sandbox; the answer only arrives after the caller stopped waiting.
        if (fault === "late") await new Promise((resolve) => setTimeout(resolve, TIMEOUT_MS * 3));
        if (!res.destroyed) {
          res.writeHead(answer.status, { "content-type": answer.headers.get("content-type") ?? "application/json" });
          res.end(text);
        }
      });
      pending.add(forwarded);
      void forwarded.finally(() => pending.delete(forwarded));
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await Promise.allSettled([...pending]);
  proxy.closeAllConnections();
  await new Promise<void>((resolve) => proxy.close(() => resolve()));
  await sandbox.close();
});

beforeEach(() => {
  faultFor = () => null;
  sandbox.state.instances.clear();
});

function setup() {
  const exec = recordingExecutors();
  // No SDK retries are visible here: the gateway's timeout covers the call, retries included.
  const composio = createComposioGateway({ apiKey: API_KEY, baseURL: proxyUrl, webhookSecret: SECRET, timeoutMs: TIMEOUT_MS });
  const t = testPlanner({ composio, executors: exec.executors }, START);
  /** One pass of the background sync once its first pause (1 minute) has passed. */
  const syncLater = async (ms = 60_000) => {
    await Promise.allSettled([...pending]);
    t.clock.advance(ms);
    return syncComposio(t.planner.deps);
  };
  return { ...t, syncLater };
}

const gmail: CreateTriggerInput = {
  agentId: "agent-1",
  name: "Invoices",
  source: { toolkit: "gmail", triggerSlug: "GMAIL_NEW_GMAIL_MESSAGE", connectedAccountId: "ca_user1gmail0001", config: { labelIds: "INBOX" } },
  action: { type: "chat", template: "Invoice from {emailFrom}" },
};

const upsert = (method: string, path: string) => method === "POST" && path.includes("/trigger_instances/") && path.endsWith("/upsert");
const remove = (method: string, path: string) => method === "DELETE" && path.includes("/trigger_instances/manage/");
const instancesOf = (userId: string) => [...sandbox.state.instances.values()].filter((i) => i.userId === userId);

describe("Composio stays in step with our triggers", () => {
  it("a create whose answer came after the timeout is kept, shows syncing, and is confirmed with the instance Composio made", async () => {
    const t = setup();
    faultFor = (method, path) => (upsert(method, path) ? "late" : null);

    const created = await t.caller().triggers.create(gmail);
    expect(created.composioTriggerId).toBeUndefined();
    expect(created.sync).toMatchObject({ create: true, orphans: [], attempts: 1, nextAttemptAt: "2026-11-30T09:01:00.000Z", lastError: expect.stringContaining("did not answer") as string });
    await Promise.allSettled([...pending]);
    // Composio made the instance all the same.
    const [late] = instancesOf("user-1");
    expect(late).toMatchObject({ slug: "GMAIL_NEW_GMAIL_MESSAGE", connectedAccountId: "ca_user1gmail0001" });

    // Not yet: the first pause is a minute.
    expect(await syncComposio(t.planner.deps)).toEqual({ created: 0, deleted: 0, pending: 1 });
    faultFor = () => null;
    expect(await t.syncLater()).toEqual({ created: 1, deleted: 0, pending: 0 });
    const confirmed = await t.caller().triggers.byId({ agentId: "agent-1", triggerId: created.id });
    expect(confirmed.composioTriggerId).toBe(late!.id);
    expect(confirmed).not.toHaveProperty("sync");
    // The upsert found the late instance: still exactly one at Composio.
    expect(instancesOf("user-1")).toHaveLength(1);
    // And deliveries for it now reach the trigger.
    expect((await t.store.findTriggerByComposioId(late!.id))?.trigger.id).toBe(created.id);
  });

  it("a delete Composio did not carry out is retried in the background until the instance is gone", async () => {
    const t = setup();
    const created = await t.caller().triggers.create(gmail);
    const instanceId = created.composioTriggerId!;
    faultFor = (method, path) => (remove(method, path) ? "fail" : null);

    expect(await t.caller().triggers.delete({ agentId: "agent-1", triggerId: created.id })).toEqual({ deleted: true });
    expect((await t.store.get("agent-1")).triggers).toEqual([]);
    expect((await t.store.get("agent-1")).composioOrphans).toEqual([expect.objectContaining({ composioTriggerId: instanceId, attempts: 1 })]);
    expect(sandbox.state.instances.has(instanceId)).toBe(true);

    // Still failing: kept, with a longer pause.
    expect(await t.syncLater()).toEqual({ created: 0, deleted: 0, pending: 1 });
    expect((await t.store.get("agent-1")).composioOrphans).toEqual([expect.objectContaining({ attempts: 2, nextAttemptAt: "2026-11-30T09:03:00.000Z" })]);

    faultFor = () => null;
    expect(await t.syncLater(120_000)).toEqual({ created: 0, deleted: 1, pending: 0 });
    expect(sandbox.state.instances.has(instanceId)).toBe(false);
    expect((await t.store.get("agent-1")).composioOrphans).toBeUndefined();
  });

  it("deleting a trigger whose create was never confirmed finds the instance Composio made late and deletes it", async () => {
    const t = setup();
    faultFor = (method, path) => (upsert(method, path) ? "late" : null);
    const created = await t.caller().triggers.create(gmail);
    await Promise.allSettled([...pending]);
    expect(instancesOf("user-1")).toHaveLength(1);
    faultFor = () => null;

    await t.caller().triggers.delete({ agentId: "agent-1", triggerId: created.id });
    expect((await t.store.get("agent-1")).composioOrphans).toEqual([expect.objectContaining({ unconfirmed: expect.objectContaining({ triggerId: created.id, userId: "user-1" }) as object })]);
    expect(await t.syncLater(0)).toEqual({ created: 0, deleted: 1, pending: 0 });
    expect(instancesOf("user-1")).toEqual([]);
    expect((await t.store.get("agent-1")).composioOrphans).toBeUndefined();
  });

  it("an edit to a new source whose create answered late keeps the edit; the sync confirms the new instance and deletes the old one", async () => {
    const t = setup();
    const created = await t.caller().triggers.create(gmail);
    const oldId = created.composioTriggerId!;
    faultFor = (method, path) => (upsert(method, path) ? "late" : null);

    const edited = await t.caller().triggers.update({
      agentId: "agent-1",
      triggerId: created.id,
      expectedRevision: created.revision,
      source: { ...gmail.source, config: { labelIds: "STARRED" } },
    });
    expect(edited).toMatchObject({ revision: 2, sync: { create: true, orphans: [oldId] } });
    expect(edited.composioTriggerId).toBeUndefined();
    await Promise.allSettled([...pending]);
    faultFor = () => null;

    expect(await t.syncLater()).toEqual({ created: 1, deleted: 1, pending: 0 });
    const synced = await t.caller().triggers.byId({ agentId: "agent-1", triggerId: created.id });
    expect(synced).not.toHaveProperty("sync");
    expect(sandbox.state.instances.has(oldId)).toBe(false);
    expect(instancesOf("user-1").map((i) => i.id)).toEqual([synced.composioTriggerId]);
    expect(sandbox.state.instances.get(synced.composioTriggerId!)?.config).toMatchObject({ labelIds: "STARRED" });
  });

  it("a late create Composio then refuses (the account was removed) stops syncing and shows the reason on the trigger", async () => {
    const t = setup();
    faultFor = (method, path) => (upsert(method, path) ? "fail" : null);
    const created = await t.caller().triggers.create(gmail);
    expect(created.sync?.create).toBe(true);
    faultFor = () => null;
    // Another user's account now: Composio has no account of this user's to create it with.
    const accounts = sandbox.state.connectedAccounts;
    const saved = accounts.get("ca_user1gmail0001");
    accounts.delete("ca_user1gmail0001");
    try {
      expect(await t.syncLater()).toEqual({ created: 0, deleted: 0, pending: 0 });
    } finally {
      if (saved) accounts.set("ca_user1gmail0001", saved);
    }
    const settled = await t.caller().triggers.byId({ agentId: "agent-1", triggerId: created.id });
    expect(settled).not.toHaveProperty("sync");
    expect(settled).toMatchObject({ status: "error", state: { connectionError: expect.stringContaining("Gmail") as string } });
    expect(instancesOf("user-1")).toEqual([]);
  });

  it("the in-process scheduler runs the sync when it starts", async () => {
    const t = setup();
    faultFor = (method, path) => (upsert(method, path) ? "late" : null);
    const created = await t.caller().triggers.create(gmail);
    await Promise.allSettled([...pending]);
    faultFor = () => null;
    t.clock.advance(60_000);
    await t.planner.start();
    await t.planner.idle();
    await t.planner.stop();
    expect((await t.caller().triggers.byId({ agentId: "agent-1", triggerId: created.id })).composioTriggerId).toBe(instancesOf("user-1")[0]!.id);
  });
});

import { spawn } from "node:child_process";
import { Composio, ConnectionExpiredEventSchema } from "@composio/core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { verifyComposioWebhook } from "../../src/server/composio";
import { startComposioSandbox, type ComposioSandbox } from "../../src/sandbox";
import sampleEvents from "../../src/sandbox/fixtures/sample-events.json";
import { header, startReceiver, type ReceivedDelivery } from "./receiver";

const API_KEY = "sandbox-test-key";
const SECRET = "whsec_sandbox-test-secret";

let sandbox: ComposioSandbox;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let sdk: Composio;

function api(path: string, init: RequestInit & { key?: string | null } = {}) {
  const { key = API_KEY, ...rest } = init;
  return fetch(`${sandbox.url}${path}`, {
    ...rest,
    headers: { "content-type": "application/json", ...(key === null ? {} : { "x-api-key": key }), ...(rest.headers as Record<string, string> | undefined) },
  });
}

function verified(delivery: ReceivedDelivery, secret = SECRET) {
  return verifyComposioWebhook({
    id: header(delivery.headers, "webhook-id"),
    timestamp: header(delivery.headers, "webhook-timestamp"),
    signatureHeader: header(delivery.headers, "webhook-signature"),
    rawBody: delivery.body,
    secret,
    now: new Date(),
  });
}

async function gmailTrigger(config: Record<string, unknown> = {}) {
  return (await sdk.triggers.create("demo-user", "GMAIL_NEW_GMAIL_MESSAGE", { triggerConfig: config })).triggerId;
}

/** What the SDK's own verification makes of a delivery the sandbox sent. */
function sdkVerify(webhookId: string | null, delivery: ReceivedDelivery) {
  return sdk.triggers.verifyWebhook({
    id: webhookId ?? "",
    timestamp: header(delivery.headers, "webhook-timestamp") ?? "",
    signature: header(delivery.headers, "webhook-signature") ?? "",
    payload: delivery.body,
    secret: SECRET,
  });
}

beforeAll(async () => {
  receiver = await startReceiver();
  sandbox = await startComposioSandbox({ apiKey: API_KEY, webhook: { url: receiver.url, secret: SECRET }, retryDelaysMs: [5, 5] });
  sdk = new Composio({ apiKey: API_KEY, baseURL: sandbox.url, allowTracking: false, disableVersionCheck: true });
});

afterAll(async () => {
  await sandbox.close();
  await receiver.close();
});

beforeEach(() => {
  receiver.respondWith(() => 200);
  sandbox.state.setWebhook({ url: receiver.url, secret: SECRET, version: "V3", enabledEvents: ["composio.trigger.message", "composio.trigger.disabled", "composio.connected_account.expired"] });
});

describe("the API", () => {
  it("requires the API key in x-api-key and answers errors like Composio, asking the SDK not to retry", async () => {
    const missing = await api("/api/v3.1/toolkits", { key: null });
    expect(missing.status).toBe(401);
    expect(missing.headers.get("x-should-retry")).toBe("false");
    expect(await missing.json()).toEqual({
      error: {
        message: "API key is missing. Send it in the x-api-key header.",
        code: 1101,
        slug: "Auth_ApiKeyMissing",
        status: 401,
        request_id: expect.stringMatching(/^req_/) as string,
        suggested_fix: "",
        errors: [],
      },
    });
    expect((await api("/api/v3.1/toolkits", { key: "wrong" })).status).toBe(401);
    const ok = await api("/api/v3.1/toolkits");
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ total_items: 8, current_page: 1, next_cursor: null });
    expect((await api("/api/v3/toolkits?limit=3")).status).toBe(200);
  });

  it("answers 400 for an unknown trigger type and 404 for an unknown instance or route", async () => {
    const unknownType = await api("/api/v3.1/triggers_types/GMAIL_X");
    expect(unknownType.status).toBe(400);
    expect(await unknownType.json()).toMatchObject({ error: { message: "Trigger type GMAIL_X not found", status: 400 } });
    const upsert = await api("/api/v3.1/trigger_instances/GMAIL_X/upsert", { method: "POST", body: JSON.stringify({ user_id: "demo-user" }) });
    expect(upsert.status).toBe(400);
    expect((await api("/api/v3.1/trigger_instances/manage/ti_missing00000", { method: "PATCH", body: JSON.stringify({ status: "enable" }) })).status).toBe(404);
    expect((await api("/api/v3.1/trigger_instances/manage/ti_missing00000", { method: "DELETE" })).status).toBe(404);
    expect((await api("/api/v3.1/nothing-here")).status).toBe(404);
    const badJson = await api("/api/v3.1/webhook_subscriptions", { method: "POST", body: "{" });
    expect(badJson.status).toBe(400);
    const badStatus = await api("/api/v3.1/trigger_instances/manage/ti_missing00000", { method: "PATCH", body: JSON.stringify({ status: "pause" }) });
    expect(await badStatus.json()).toMatchObject({ error: { status: 400, message: expect.stringContaining("status") as string } });
  });

  it("lists instances with the SDK's filters (ids, accounts, disabled ones on request)", async () => {
    const a = await gmailTrigger({ labelIds: "IMPORTANT" });
    const b = await gmailTrigger({ labelIds: "SPAM" });
    await sdk.triggers.disable(b);
    const active = await sdk.triggers.listActive({ triggerIds: [a, b] });
    expect(active.items.map((i) => i.id)).toEqual([a]);
    expect(active.items[0]).toMatchObject({ triggerName: "GMAIL_NEW_GMAIL_MESSAGE", disabledAt: null, triggerConfig: expect.objectContaining({ labelIds: "IMPORTANT" }) as object });
    const all = await sdk.triggers.listActive({ triggerIds: [a, b], showDisabled: true });
    expect(all.items.map((i) => i.id).sort()).toEqual([a, b].sort());
    const accountId = sandbox.state.instances.get(a)?.connectedAccountId ?? "";
    expect((await sdk.triggers.listActive({ connectedAccountIds: [accountId], showDisabled: true })).items.map((i) => i.id)).toEqual(expect.arrayContaining([a, b]));
    expect((await sdk.triggers.listActive({ connectedAccountIds: ["ca_nobody000000"] })).items).toEqual([]);
  });

  it("creates a webhook subscription with a secret (shown once), then updates it in place", async () => {
    sandbox.state.webhook = undefined;
    const created = await sdk.triggers.setWebhookSubscription({ webhookUrl: receiver.url });
    expect(created).toMatchObject({ id: expect.stringMatching(/^ws_/) as string, webhookUrl: receiver.url, version: "V3", enabledEvents: ["composio.trigger.message"] });
    expect(created.secret).toMatch(/^whsec_/);
    const updated = await sdk.triggers.setWebhookSubscription({ webhookUrl: `${receiver.url}?v=2`, enabledEvents: ["composio.trigger.message", "composio.trigger.disabled"] });
    expect(updated).toMatchObject({ id: created.id, webhookUrl: `${receiver.url}?v=2` });
    expect(updated.secret).toBeUndefined();

    const result = await sandbox.emit(await gmailTrigger());
    expect(result.delivered).toBe(true);
    expect(verified(receiver.received[0] as ReceivedDelivery, created.secret)).toEqual({ ok: true });
    expect(verified(receiver.received[0] as ReceivedDelivery, SECRET)).toEqual({ ok: false, reason: "signature-mismatch" });
  });
});

describe("webhook deliveries", () => {
  it("delivers a signed V3 trigger message built from the fixture sample", async () => {
    const triggerId = await gmailTrigger();
    const instance = sandbox.state.instances.get(triggerId);
    const result = await sandbox.emit(triggerId);
    expect(result).toMatchObject({ delivered: true, status: 200, attempts: 1, webhookId: expect.stringMatching(/^msg_[0-9a-f-]{36}$/) as string });

    const [delivery] = receiver.received;
    if (!delivery) throw new Error("nothing delivered");
    expect(header(delivery.headers, "content-type")).toBe("application/json");
    expect(header(delivery.headers, "webhook-id")).toBe(result.webhookId);
    expect(header(delivery.headers, "webhook-timestamp")).toMatch(/^\d{10}$/);
    expect(Math.abs(Number(header(delivery.headers, "webhook-timestamp")) - Date.now() / 1000)).toBeLessThan(5);
    expect(header(delivery.headers, "webhook-signature")).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    expect(verified(delivery)).toEqual({ ok: true });

    const body = JSON.parse(delivery.body) as Record<string, unknown>;
    const sample = sampleEvents.find((e) => e.trigger_slug === "GMAIL_NEW_GMAIL_MESSAGE");
    expect(body).toEqual({
      id: result.webhookId,
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as string,
      type: "composio.trigger.message",
      metadata: {
        log_id: expect.stringMatching(/^log_/) as string,
        trigger_slug: "GMAIL_NEW_GMAIL_MESSAGE",
        auth_config_id: expect.stringMatching(/^ac_/) as string,
        connected_account_id: instance?.connectedAccountId,
        trigger_id: triggerId,
        user_id: "demo-user",
      },
      data: sample?.delivery.data,
    });
    expect(Object.keys(body.metadata as object)).toEqual(["log_id", "trigger_slug", "auth_config_id", "connected_account_id", "trigger_id", "user_id"]);

    const parsed = await sdkVerify(result.webhookId, delivery);
    expect(parsed.version).toBe("V3");
    expect(parsed.payload).toMatchObject({ id: triggerId, triggerSlug: "GMAIL_NEW_GMAIL_MESSAGE", userId: "demo-user" });
  });

  it("sends the data it is given", async () => {
    const result = await sandbox.emit(await gmailTrigger(), { subject: "Hello", sender: "a@example.com" });
    expect(result.delivered).toBe(true);
    expect(JSON.parse(receiver.received[0]?.body ?? "{}")).toMatchObject({ data: { subject: "Hello", sender: "a@example.com" } });
  });

  it("retries after a 500 with the same webhook-id and body, signed afresh", async () => {
    receiver.respondWith((attempt) => (attempt === 1 ? 500 : 204));
    const result = await sandbox.emit(await gmailTrigger());
    expect(result).toMatchObject({ delivered: true, status: 204, attempts: 2 });
    const [first, second] = receiver.received;
    if (!first || !second) throw new Error("expected two attempts");
    expect(header(first.headers, "webhook-id")).toBe(result.webhookId);
    expect(header(second.headers, "webhook-id")).toBe(result.webhookId);
    expect(second.body).toBe(first.body);
    expect(verified(first)).toEqual({ ok: true });
    expect(verified(second)).toEqual({ ok: true });
  });

  it("gives up after the last retry and says why", async () => {
    receiver.respondWith(() => 503);
    const result = await sandbox.emit(await gmailTrigger());
    expect(result).toMatchObject({ delivered: false, status: 503, attempts: 3, reason: "the receiver did not accept it (HTTP 503)" });
    expect(receiver.received).toHaveLength(3);
    expect(sandbox.state.deliveries.at(-1)).toMatchObject({ delivered: false, attempts: [{ status: 503 }, { status: 503 }, { status: 503 }] });
  });

  it("retries network errors too", async () => {
    const gone = await startReceiver();
    await gone.close();
    sandbox.state.setWebhook({ url: gone.url });
    const result = await sandbox.emit(await gmailTrigger());
    expect(result).toMatchObject({ delivered: false, status: null, attempts: 3 });
    expect(result.reason).toMatch(/ECONNREFUSED/);
  });

  it("does not deliver for a disabled instance", async () => {
    const triggerId = await gmailTrigger({ labelIds: "UNREAD" });
    await sdk.triggers.disable(triggerId);
    expect(await sandbox.emit(triggerId)).toEqual({ delivered: false, status: null, attempts: 0, webhookId: null, reason: `trigger instance ${triggerId} is disabled` });
    await sdk.triggers.enable(triggerId);
    expect((await sandbox.emit(triggerId)).delivered).toBe(true);
    expect(receiver.received).toHaveLength(1);
  });

  it("delivers nothing without a subscription or for event types the subscription left out", async () => {
    const triggerId = await gmailTrigger({ labelIds: "TRASH" });
    sandbox.state.webhook = undefined;
    expect(await sandbox.emit(triggerId)).toMatchObject({ delivered: false, attempts: 0, reason: "there is no webhook subscription" });
    sandbox.state.setWebhook({ url: receiver.url, secret: SECRET, enabledEvents: ["composio.trigger.message"] });
    expect(await sandbox.disableTrigger(triggerId)).toMatchObject({ delivered: false, reason: "the webhook subscription does not include composio.trigger.disabled" });
    expect(receiver.received).toHaveLength(0);
  });

  it("sends V2 and V1 payloads to subscriptions on those versions", async () => {
    const triggerId = await gmailTrigger({ labelIds: "CATEGORY_SOCIAL" });
    const instance = sandbox.state.instances.get(triggerId);
    for (const version of ["V2", "V1"] as const) {
      sandbox.state.setWebhook({ url: receiver.url, secret: SECRET, version });
      const result = await sandbox.emit(triggerId, { subject: "Old shape" });
      const delivery = receiver.received.at(-1);
      if (!delivery) throw new Error("nothing delivered");
      expect(verified(delivery)).toEqual({ ok: true });
      const parsed = await sdkVerify(result.webhookId, delivery);
      expect(parsed.version).toBe(version);
      expect(parsed.payload).toMatchObject({ id: triggerId, triggerSlug: "GMAIL_NEW_GMAIL_MESSAGE" });
      expect(parsed.payload.metadata.connectedAccount.id).toBe(instance?.connectedAccountId);
      expect(parsed.payload.payload).toMatchObject({ subject: "Old shape" });
    }
  });

  it("announces a trigger Composio disabled and an expired connection", async () => {
    const triggerId = await gmailTrigger({ labelIds: "CATEGORY_UPDATES" });
    const sameAccount = await gmailTrigger({ labelIds: "CATEGORY_FORUMS" });
    const disabled = await sandbox.disableTrigger(triggerId);
    expect(disabled.delivered).toBe(true);
    expect(sandbox.state.instances.get(triggerId)).toMatchObject({ enabled: false, disabledReason: "connection_expired" });
    const disabledBody = JSON.parse(receiver.received.at(-1)?.body ?? "{}") as Record<string, unknown>;
    expect(disabledBody).toMatchObject({ type: "composio.trigger.disabled", data: { id: triggerId, trigger_name: "GMAIL_NEW_GMAIL_MESSAGE", disabled_reason: "connection_expired" } });
    expect(header(receiver.received.at(-1)?.headers ?? {}, "webhook-id")).toMatch(/^evt_/);
    expect((await sandbox.emit(triggerId)).delivered).toBe(false);

    const accountId = sandbox.state.instances.get(triggerId)?.connectedAccountId ?? "";
    const expired = await sandbox.expireConnectedAccount(accountId);
    expect(expired.delivered).toBe(true);
    const delivery = receiver.received.at(-1);
    if (!delivery) throw new Error("nothing delivered");
    expect(verified(delivery)).toEqual({ ok: true });
    const event = ConnectionExpiredEventSchema.parse(JSON.parse(delivery.body));
    expect(event.data).toMatchObject({ id: accountId, status: "EXPIRED", user_id: "demo-user", toolkit: { slug: "gmail" } });
    expect(sandbox.state.connectedAccounts.get(accountId)?.status).toBe("EXPIRED");
    expect(await sandbox.emit(sameAccount)).toMatchObject({ delivered: false, reason: `connected account ${accountId} is EXPIRED` });
    sandbox.state.setConnectedAccountStatus(accountId, "ACTIVE");
  });
});

describe("admin endpoints", () => {
  it("fire events over HTTP without an API key and show the state without the secret", async () => {
    const triggerId = await gmailTrigger({ labelIds: "STARRED" });
    const response = await fetch(`${sandbox.url}/_sandbox/emit`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ trigger_id: triggerId }) });
    expect(await response.json()).toEqual({ delivered: true, status: 200, attempts: 1, webhook_id: expect.stringMatching(/^msg_/) as string });
    expect(verified(receiver.received[0] as ReceivedDelivery)).toEqual({ ok: true });

    const unknown = await fetch(`${sandbox.url}/_sandbox/emit`, { method: "POST", body: JSON.stringify({ trigger_id: "ti_unknown00000" }) });
    expect(unknown.status).toBe(404);

    const lifecycle = await fetch(`${sandbox.url}/_sandbox/emit`, { method: "POST", body: JSON.stringify({ trigger_id: triggerId, type: "composio.trigger.disabled" }) });
    expect(await lifecycle.json()).toMatchObject({ delivered: true });

    const added = await fetch(`${sandbox.url}/_sandbox/connected_accounts`, { method: "POST", body: JSON.stringify({ user_id: "new-user", toolkit: "github" }) });
    expect(await added.json()).toMatchObject({ user_id: "new-user", status: "ACTIVE", toolkit: { slug: "github" } });

    const state = (await (await fetch(`${sandbox.url}/_sandbox/state`)).json()) as { webhook_subscription: { secret: string }; trigger_instances: unknown[] };
    expect(state.webhook_subscription.secret).toBe(`…${SECRET.slice(-4)}`);
    expect(JSON.stringify(state)).not.toContain(SECRET);
    expect(state.trigger_instances).toEqual(expect.arrayContaining([expect.objectContaining({ id: triggerId, enabled: false })]));
  });

  it("refuses to listen beyond loopback", async () => {
    await expect(startComposioSandbox({ apiKey: "k", host: "0.0.0.0" })).rejects.toThrow("only listens on loopback");
  });
});

describe("main.ts", () => {
  it("starts the sandbox from the command line", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/sandbox/main.ts", "--port", "0", "--api-key", "cli-key"], {
      cwd: new URL("../..", import.meta.url).pathname,
      env: { ...process.env, COMPOSIO_WEBHOOK_URL: "", COMPOSIO_WEBHOOK_SECRET: "" },
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let output = "";
        child.stdout.on("data", (chunk: Buffer) => {
          output += chunk.toString();
          const match = /Composio sandbox on (http:\/\/\S+)/.exec(output);
          if (match?.[1]) resolve(match[1]);
        });
        child.once("exit", (code) => reject(new Error(`exited with ${String(code)}: ${output}`)));
      });
      const response = await fetch(`${url}/api/v3.1/triggers_types?toolkit_slugs=gmail`, { headers: { "x-api-key": "cli-key" } });
      expect(await response.json()).toMatchObject({ total_items: 1, items: [{ slug: "GMAIL_NEW_GMAIL_MESSAGE" }] });
    } finally {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
  }, 15_000);
});

import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createComposioWebhookRoute } from "../../src/server/next/composio-webhook-route";
import type { Trigger } from "../../src/shared/schemas";
import type { ComposioGateway } from "../../src/server/composio";
import { recordingDispatcher } from "../engine/harness";
import { recordingLogger } from "../helpers/logger";
import { testPlanner } from "../helpers/planner";
import { gmailDelivery, gmailTrigger } from "../helpers/triggers";

const SECRET = "whsec_test_secret_value";
const NOW = "2026-11-30T09:00:00.000Z";
const NOW_SEC = Date.parse(NOW) / 1000;

/** Signs like Composio: base64 HMAC-SHA256 of `id.timestamp.body`, keyed with the secret's UTF-8 bytes. */
function sign(id: string, timestamp: number, body: string, secret = SECRET): string {
  return `v1,${createHmac("sha256", secret).update(`${id}.${timestamp}.${body}`).digest("base64")}`;
}

function delivery(body: unknown, options: { id?: string; timestamp?: number; secret?: string; signature?: string; raw?: string } = {}) {
  const raw = options.raw ?? JSON.stringify(body);
  const id = options.id ?? "msg_0001";
  const timestamp = options.timestamp ?? NOW_SEC;
  return new Request("http://localhost/api/workforce/triggers/webhook", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "webhook-id": id,
      "webhook-timestamp": String(timestamp),
      "webhook-signature": options.signature ?? sign(id, timestamp, raw, options.secret),
    },
    body: raw,
  });
}

const gmail = gmailDelivery;
const COMPOSIO_ID = gmail.metadata.trigger_id;

function trigger(overrides: Partial<Trigger> = {}): Trigger {
  return gmailTrigger(NOW, overrides);
}

async function setup(stored: Trigger[] = [trigger()]) {
  const gateway = { webhookSecret: SECRET } as unknown as ComposioGateway;
  const recorder = recordingDispatcher();
  const t = testPlanner({ composio: gateway }, NOW);
  // Observe dispatches without running them.
  t.planner.deps.dispatcher = recorder.dispatcher;
  await t.store.update("agent-1", (p) => ({ ...p, triggers: stored }));
  const { POST } = createComposioWebhookRoute({ planner: t.planner });
  const state = async () => (await t.store.get("agent-1")).triggers[0]!.state;
  return { ...t, POST, dispatched: recorder.triggers, state };
}

async function answer(res: Response) {
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe("createComposioWebhookRoute: valid deliveries", () => {
  it("accepts a signed V3 delivery and dispatches the trigger's run with the event", async () => {
    const { POST, dispatched, state } = await setup();
    const res = await answer(await POST(delivery(gmail)));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "dispatched", runId: expect.stringMatching(/^run_/) as string });
    expect(dispatched).toHaveLength(1);
    expect(dispatched[0]).toMatchObject({
      agentId: "agent-1",
      triggerId: "trg_inbox0000001",
      cause: "event",
      event: { id: "msg_0001", type: "GMAIL_NEW_GMAIL_MESSAGE", source: "gmail", time: "2026-11-24T09:15:02.418Z", data: gmail.data },
    });
    expect(await state()).toMatchObject({ firedCount: 1, lastFiredAt: NOW, duplicateCount: 0 });
  });

  it("accepts the V2 and V1 shapes", async () => {
    const { POST, dispatched } = await setup();
    const v2 = { type: "gmail_new_gmail_message", timestamp: "2026-11-30T08:59:00Z", data: { ...gmail.data, trigger_nano_id: COMPOSIO_ID, connection_nano_id: "ca_x" } };
    expect((await answer(await POST(delivery(v2, { id: "msg_v2" })))).body.status).toBe("dispatched");
    const v1 = { trigger_name: "GMAIL_NEW_GMAIL_MESSAGE", trigger_id: COMPOSIO_ID, connection_id: "ca_x", payload: gmail.data };
    expect((await answer(await POST(delivery(v1, { id: "msg_v1" })))).body.status).toBe("dispatched");
    expect(dispatched.map((d) => [d.event.id, d.event.type, d.event.data.subject])).toEqual([
      ["msg_v2", "GMAIL_NEW_GMAIL_MESSAGE", "Q4 roadmap review - agenda"],
      ["msg_v1", "GMAIL_NEW_GMAIL_MESSAGE", "Q4 roadmap review - agenda"],
    ]);
    expect(dispatched[0]?.event.data).not.toHaveProperty("trigger_nano_id");
  });

  it("accepts any matching signature among several in the header", async () => {
    const { POST } = await setup();
    const raw = JSON.stringify(gmail);
    const header = `${sign("msg_0001", NOW_SEC, raw, "old-secret")} ${sign("msg_0001", NOW_SEC, raw)}`;
    expect((await POST(delivery(gmail, { signature: header }))).status).toBe(200);
  });

  it("runs the same delivery once when it arrives 10 times and counts 9 duplicates", async () => {
    // The real in-process queue this time: the repeated run id must be absorbed by the store.
    const t = testPlanner({ composio: { webhookSecret: SECRET } as unknown as ComposioGateway }, NOW);
    await t.store.update("agent-1", (p) => ({ ...p, triggers: [trigger()] }));
    const { POST } = createComposioWebhookRoute({ planner: t.planner });
    const statuses: unknown[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await answer(await POST(delivery(gmail)))).body.status);
    expect(statuses).toEqual(["dispatched", ...Array<string>(9).fill("duplicate")]);
    const runs = await t.store.listRuns("agent-1", { kind: "trigger", id: "trg_inbox0000001" }, { limit: 100 });
    expect(runs.items).toHaveLength(1);
    expect((await t.store.get("agent-1")).triggers[0]?.state).toMatchObject({ firedCount: 1, duplicateCount: 9 });
  });
});

describe("createComposioWebhookRoute: refused deliveries change nothing", () => {
  const cases: Array<[string, () => Request, number]> = [
    ["wrong secret", () => delivery(gmail, { secret: "not-the-secret" }), 401],
    ["tampered body", () => delivery(gmail, { signature: sign("msg_0001", NOW_SEC, JSON.stringify(gmail)), raw: JSON.stringify({ ...gmail, data: { ...gmail.data, subject: "Pay me" } }) }), 401],
    ["timestamp 301 s old", () => delivery(gmail, { timestamp: NOW_SEC - 301 }), 401],
    ["timestamp 301 s in the future", () => delivery(gmail, { timestamp: NOW_SEC + 301 }), 401],
    ["missing headers", () => new Request("http://localhost/webhook", { method: "POST", body: JSON.stringify(gmail) }), 401],
    ["malformed JSON", () => delivery(null, { raw: "{ not json" }), 400],
    ["a JSON body that is not a Composio event", () => delivery({ hello: "world" }), 400],
    ["a 2 MiB body", () => delivery(null, { raw: JSON.stringify({ pad: "x".repeat(2 * 1024 * 1024) }) }), 413],
  ];
  for (const [name, request, status] of cases) {
    it(`${name} → ${status}`, async () => {
      const { POST, dispatched, state } = await setup();
      expect((await POST(request())).status).toBe(status);
      expect(dispatched).toEqual([]);
      expect(await state()).toEqual(trigger().state);
    });
  }

  it("accepts timestamps 300 s away in both directions", async () => {
    const { POST } = await setup();
    expect((await POST(delivery(gmail, { id: "msg_a", timestamp: NOW_SEC - 300 }))).status).toBe(200);
    expect((await POST(delivery(gmail, { id: "msg_b", timestamp: NOW_SEC + 300 }))).status).toBe(200);
  });
});

describe("createComposioWebhookRoute: routing", () => {
  it("ignores unknown and paused triggers with 200", async () => {
    const { POST, dispatched } = await setup([trigger({ enabled: false })]);
    expect((await answer(await POST(delivery(gmail)))).body).toEqual({ status: "ignored" });
    const unknown = { ...gmail, metadata: { ...gmail.metadata, trigger_id: "ti_unknown" } };
    expect((await answer(await POST(delivery(unknown, { id: "msg_2" })))).body).toEqual({ status: "ignored" });
    expect(dispatched).toEqual([]);
  });

  it("evaluates filters before dispatch and counts misses", async () => {
    const { POST, dispatched, state } = await setup([
      trigger({ filters: { match: "all", conditions: [{ path: "subject", op: "contains", value: "invoice" }] } }),
    ]);
    expect((await answer(await POST(delivery(gmail)))).body).toEqual({ status: "filtered" });
    expect(dispatched).toEqual([]);
    expect(await state()).toMatchObject({ filteredCount: 1, firedCount: 0 });
  });

  it("marks the trigger broken when Composio disables it or the account expires", async () => {
    const { POST, state } = await setup();
    const disabled = { ...gmail, type: "composio.trigger.disabled", data: { id: COMPOSIO_ID, trigger_name: "GMAIL_NEW_GMAIL_MESSAGE", disabled_reason: "connection_expired" } };
    expect((await answer(await POST(delivery(disabled, { id: "msg_d" })))).body).toEqual({ status: "updated" });
    expect((await state()).connectionError).toBe("Composio disabled this trigger: the app connection expired. Reconnect the app, then resume the trigger.");

    const { POST: post2, state: state2 } = await setup();
    const expired = { ...gmail, type: "composio.connected_account.expired", data: { id: gmail.metadata.connected_account_id } };
    expect((await answer(await post2(delivery(expired, { id: "msg_e" })))).body).toEqual({ status: "updated" });
    expect((await state2()).connectionError).toBe("The connected account expired. Reconnect the app, then resume the trigger.");
  });

  it("builds without a webhook secret or a gateway, and answers 503 with the sentence (logged once)", async () => {
    const log = recordingLogger();
    const { planner } = testPlanner({ composio: { webhookSecret: "" } as unknown as ComposioGateway, logger: log.logger });
    const route = createComposioWebhookRoute({ planner });
    expect(log.records).toEqual([]);
    for (let i = 0; i < 2; i++) {
      const response = await route.POST(new Request("http://localhost/api/webhook", { method: "POST", body: "{}" }));
      expect(response.status).toBe(503);
      expect(((await response.json()) as { error: string }).error).toMatch(/^Composio is not configured: createComposioWebhookRoute: the Composio gateway has no webhook secret/);
    }
    expect(log.records.map((r) => [r.level, r.text])).toEqual([["warn", "composio webhook: not configured, answering 503"]]);
    const { planner: without } = testPlanner();
    const response = await createComposioWebhookRoute({ planner: without }).POST(new Request("http://localhost/api/webhook", { method: "POST", body: "{}" }));
    expect(response.status).toBe(503);
    expect(((await response.json()) as { error: string }).error).toContain("the planner has no Composio gateway");
  });
});

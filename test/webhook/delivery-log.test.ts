/**
 * The delivery log (issue 24, item 3): the webhook records every delivery for one of our triggers with its verdict —
 * fired, filtered (with the condition that failed), duplicate, paused, invalid — and `triggers.deliveries` /
 * `triggers.tryFilter` read it back through the real router, with the engine's own filter and template functions.
 */
import { createHmac } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { createComposioWebhookRoute } from "../../src/server/next/composio-webhook-route";
import type { Trigger } from "../../src/shared/schemas";
import type { ComposioGateway } from "../../src/server/composio";
import type { PlannerStore } from "../../src/server/store/port";
import { recordingDispatcher } from "../engine/harness";
import { testPlanner } from "../helpers/planner";
import { gmailDelivery, gmailTrigger } from "../helpers/triggers";

const SECRET = "whsec_delivery_log_secret";
const NOW = "2026-11-30T09:00:00.000Z";
const NOW_SEC = Date.parse(NOW) / 1000;
const AGENT = "agent-1";
const TRIGGER = "trg_inbox0000001";

function request(body: unknown, id: string, raw = JSON.stringify(body)) {
  const signature = `v1,${createHmac("sha256", SECRET).update(`${id}.${NOW_SEC}.${raw}`).digest("base64")}`;
  return new Request("http://localhost/api/workforce/triggers/webhook", {
    method: "POST",
    headers: { "content-type": "application/json", "webhook-id": id, "webhook-timestamp": String(NOW_SEC), "webhook-signature": signature },
    body: raw,
  });
}

/** The sample Gmail delivery with another subject (and any other data fields). */
function mail(subject: string, extra: Record<string, unknown> = {}) {
  return { ...gmailDelivery, data: { ...gmailDelivery.data, subject, ...extra } };
}

const invoiceFilter: Trigger["filters"] = {
  match: "all",
  conditions: [
    { path: "sender", op: "exists" },
    { path: "subject", op: "contains", value: "invoice" },
  ],
};

async function setup(overrides: Partial<Trigger> = {}, wrap?: (store: PlannerStore) => PlannerStore) {
  const gateway = { webhookSecret: SECRET } as unknown as ComposioGateway;
  const recorder = recordingDispatcher();
  const t = testPlanner({ composio: gateway }, NOW);
  t.planner.deps.dispatcher = recorder.dispatcher;
  if (wrap) t.planner.deps.store = wrap(t.planner.deps.store);
  await t.store.update(AGENT, (p) => ({ ...p, triggers: [gmailTrigger(NOW, { filters: invoiceFilter, ...overrides })] }));
  const { POST } = createComposioWebhookRoute({ planner: t.planner });
  const send = async (body: unknown, id: string, raw?: string) => {
    const res = await POST(request(body, id, raw));
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  return { ...t, send, dispatched: recorder.triggers };
}

describe("the webhook's delivery log", () => {
  it("logs fired, filtered (with the failed condition), duplicate, paused and invalid deliveries, newest first", async () => {
    const t = await setup();
    const fired = await t.send(mail("Invoice 42 for November"), "msg_fired");
    expect(fired).toMatchObject({ status: 200, body: { status: "dispatched" } });
    expect((await t.send(mail("Lunch?"), "msg_filtered")).body.status).toBe("filtered");
    expect((await t.send(mail("Invoice 42 for November"), "msg_fired")).body.status).toBe("duplicate");
    // Unreadable, but addressed to our trigger (a message without its trigger slug): 400, and logged as invalid.
    const broken = { ...gmailDelivery, metadata: { ...gmailDelivery.metadata, trigger_slug: undefined } };
    expect((await t.send(broken, "msg_invalid")).status).toBe(400);
    await t.store.update(AGENT, (p) => ({ ...p, triggers: p.triggers.map((tr) => ({ ...tr, enabled: false, revision: tr.revision + 1 })) }));
    expect((await t.send(mail("Invoice 43"), "msg_paused")).body.status).toBe("ignored");

    const { items, keeps } = await t.caller().triggers.deliveries({ agentId: AGENT, triggerId: TRIGGER });
    expect(keeps).toBe(50);
    expect(items.map((entry) => [entry.deliveryId, entry.verdict])).toEqual([
      ["msg_paused", "paused"],
      ["msg_invalid", "invalid"],
      ["msg_fired", "duplicate"],
      ["msg_filtered", "filtered"],
      ["msg_fired", "fired"],
    ]);
    const [paused, invalid, duplicate, filtered, first] = items;
    expect(first).toMatchObject({ receivedAt: NOW, eventType: "GMAIL_NEW_GMAIL_MESSAGE", eventTime: "2026-11-24T09:15:02.418Z", runId: fired.body.runId, payload: { subject: "Invoice 42 for November" } });
    expect(filtered).toMatchObject({ failed: [{ index: 2, text: "subject contains 'invoice'" }], payload: { subject: "Lunch?" } });
    expect(duplicate?.payload).toBeUndefined();
    expect(invalid).toMatchObject({ reason: "The webhook body is not a Composio event." });
    expect(paused?.payload).toMatchObject({ subject: "Invoice 43" });
    // The counters agree with the log.
    expect((await t.store.getTrigger(AGENT, TRIGGER))?.state).toMatchObject({ firedCount: 1, filteredCount: 1, duplicateCount: 1 });
  });

  it("keeps hostile payloads safe: huge ones shortened or left out with a marker, __proto__ keys renamed, deep nesting bounded, bidi text as sent", async () => {
    const t = await setup({ filters: undefined });
    const long = "A".repeat(200_000);
    expect((await t.send(mail("big text", { notes: long }), "msg_long")).body.status).toBe("dispatched");
    // Over 1 MiB would be refused as a whole (413); this one is under it yet cannot be shortened below 16 KiB.
    const wide = Array.from({ length: 20 }, () => Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, "x".repeat(600)])));
    const raw = JSON.stringify(mail("many keys", { wide }));
    expect(raw.length).toBeLessThan(1024 * 1024);
    expect((await t.send(null, "msg_many", raw)).status).toBe(200);
    const proto = `{"id":"x","type":"composio.trigger.message","metadata":${JSON.stringify(gmailDelivery.metadata)},"data":{"subject":"\u202Egnp.exe","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}}`;
    expect((await t.send(null, "msg_proto", proto)).body.status).toBe("dispatched");
    const deep = `{"id":"x","type":"composio.trigger.message","metadata":${JSON.stringify(gmailDelivery.metadata)},"data":{"subject":"deep","deep":${'{"d":'.repeat(5_000)}true${"}".repeat(5_000)}}}`;
    expect((await t.send(null, "msg_deep", deep)).body.status).toBe("dispatched");

    const { items } = await t.caller().triggers.deliveries({ agentId: AGENT, triggerId: TRIGGER });
    const byId = new Map(items.map((entry) => [entry.deliveryId, entry]));
    const longEntry = byId.get("msg_long")!;
    expect(longEntry.payloadNote).toBe("truncated");
    expect(longEntry.payloadBytes).toBeGreaterThan(200_000);
    expect(longEntry.payload?.notes).toHaveLength(501);
    expect(JSON.stringify(longEntry.payload).length).toBeLessThanOrEqual(16 * 1024);
    expect(byId.get("msg_many")).toMatchObject({ payloadNote: "omitted", payloadBytes: expect.any(Number) as number });
    expect(byId.get("msg_many")?.payload).toBeUndefined();
    const protoEntry = byId.get("msg_proto")!;
    expect(protoEntry.payload?.subject).toBe("\u202Egnp.exe");
    expect(Object.getPrototypeOf(protoEntry.payload)).toBe(Object.prototype);
    expect(Object.keys(protoEntry.payload ?? {})).not.toContain("__proto__");
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    expect(byId.get("msg_deep")?.verdict).toBe("fired");
    expect(t.dispatched).toHaveLength(4);
  });

  it("answers a paused trigger's delivery 200 even when its log write fails (best-effort)", async () => {
    const t = await setup({ enabled: false }, (store) => ({
      ...store,
      logDelivery: () => Promise.reject(new Error("disk on fire")),
      get: store.get.bind(store),
    }));
    expect(await t.send(mail("Invoice"), "msg_p")).toMatchObject({ status: 200, body: { status: "ignored" } });
  });
});

describe("triggers.tryFilter", () => {
  async function withLog() {
    const t = await setup();
    await t.send(mail("Invoice 1"), "msg_1");
    await t.send(mail("Lunch"), "msg_2");
    await t.send(mail("Invoice 2"), "msg_3");
    await t.send(mail("Invoice 2"), "msg_3");
    await t.send({ ...mail("No sender"), data: { ...gmailDelivery.data, subject: "No sender", sender: undefined } }, "msg_4");
    return t;
  }

  it("runs the edited filter and template on the stored deliveries with the engine's verdicts", async () => {
    const t = await withLog();
    const result = await t.caller().triggers.tryFilter({
      agentId: AGENT,
      triggerId: TRIGGER,
      name: "Invoices",
      filters: { match: "all", conditions: [{ path: "sender", op: "exists" }, { path: "subject", op: "contains", value: "invoice 2" }] },
      action: { type: "chat", template: "{triggerName}: {subject} {nothere}" },
    });
    expect(result).toMatchObject({ looked: 5, tried: 4, wouldFire: 1, filtered: 3, skipped: 1, matchedNone: 0 });
    expect(result.filteredBy).toEqual([
      { index: 2, text: "subject contains 'invoice 2'", count: 2 },
      { index: 1, text: "sender exists", count: 1 },
    ]);
    const fire = result.items.find((item) => item.verdict === "fire")!;
    expect(fire).toMatchObject({ deliveryId: "msg_3", loggedVerdict: "fired", message: "Invoices: Invoice 2 " });
    expect(fire.warnings).toEqual(["Missing variable: {nothere} (rendered as empty)."]);
    expect(result.items.find((item) => item.loggedVerdict === "duplicate")).toMatchObject({ verdict: "skipped", skipReason: "duplicate" });
    // The saved filter's verdicts, tried again, agree with what the webhook decided.
    const saved = await t.caller().triggers.tryFilter({ agentId: AGENT, triggerId: TRIGGER, filters: invoiceFilter, action: { type: "chat", template: "x" } });
    for (const item of saved.items.filter((i) => i.verdict !== "skipped")) {
      expect(item.verdict === "fire" ? "fired" : "filtered").toBe(item.loggedVerdict);
    }
    // "any" counts the deliveries that matched none of the conditions; no filter fires everything tried.
    const any = await t.caller().triggers.tryFilter({ agentId: AGENT, triggerId: TRIGGER, filters: { match: "any", conditions: [{ path: "subject", op: "equals", value: "nope" }] }, action: { type: "chat", template: "x" } });
    expect(any).toMatchObject({ wouldFire: 0, filtered: 4, matchedNone: 4, filteredBy: [] });
    expect((await t.caller().triggers.tryFilter({ agentId: AGENT, triggerId: TRIGGER, action: { type: "workflow", workflowId: "wf_1" } })).items[0]).toMatchObject({ verdict: "fire", input: { subject: "No sender" } });
    // Nothing was stored or sent by trying (msg_1, msg_3 and msg_3's retry, handed over again while queued).
    expect(t.dispatched).toHaveLength(3);
  });

  it("refuses hostile or malformed input with a clear error and changes nothing", async () => {
    const t = await withLog();
    const version = await t.store.version(AGENT);
    const bad: unknown[] = [
      { agentId: AGENT, triggerId: TRIGGER, action: { type: "chat", template: "x".repeat(20_000) } },
      { agentId: AGENT, triggerId: TRIGGER, action: { type: "chat", template: "x" }, filters: { match: "all", conditions: [{ path: "a", op: "matches", value: "(" }] } },
      { agentId: AGENT, triggerId: TRIGGER, action: { type: "chat", template: "x" }, filters: { match: "all", conditions: [{ path: "a", op: "equals", value: JSON.parse('{"__proto__":{"x":1}}') as unknown }] } },
      { agentId: AGENT, triggerId: TRIGGER, action: { type: "chat", template: "x" }, limit: 500 },
      { agentId: AGENT, triggerId: "not-a-trigger", action: { type: "chat", template: "x" } },
    ];
    for (const input of bad) {
      await expect(t.caller().triggers.tryFilter(input as never)).rejects.toSatisfy((error) => error instanceof TRPCError && error.code === "BAD_REQUEST");
    }
    await expect(t.caller().triggers.tryFilter({ agentId: AGENT, triggerId: "trg_missing00001", action: { type: "chat", template: "x" } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(t.caller("user-2").triggers.deliveries({ agentId: AGENT, triggerId: TRIGGER })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(t.caller().triggers.deliveries({ agentId: AGENT, triggerId: TRIGGER, limit: 0 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await t.store.version(AGENT)).toBe(version);
  });
});

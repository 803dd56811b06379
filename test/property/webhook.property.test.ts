/**
 * The Composio webhook route with 1,000 generated deliveries: valid and tampered signatures, wrong secrets, stale
 * and garbage timestamps, missing headers, hostile bodies. Never a 5xx; no run is dispatched and nothing in the
 * store changes unless the signature is valid for exactly these id, timestamp and body bytes within the tolerance.
 */
import { createHmac } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ComposioGateway } from "../../src/server/composio";
import { createComposioWebhookRoute } from "../../src/server/next/composio-webhook-route";
import { recordingDispatcher } from "../engine/harness";
import { testPlanner } from "../helpers/planner";
import { gmailDelivery, gmailTrigger } from "../helpers/triggers";
import { hostileValue } from "./arbitraries";

const SECRET = "whsec_property_secret";
const NOW = "2026-11-30T09:00:00.000Z";
const NOW_SEC = Date.parse(NOW) / 1000;
const TOLERANCE_SEC = 300;

const hmac = (secret: string, content: string) => createHmac("sha256", secret).update(content).digest("base64");

/** Printable ASCII: what a header value can carry at all (`Request` refuses control characters). */
const headerText = (maxLength: number) => fc.string({ unit: "grapheme-ascii", maxLength });

const body = fc.oneof(
  // A real Gmail delivery for the stored trigger, now and then with its data replaced by something hostile.
  { weight: 3, arbitrary: fc.option(hostileValue, { nil: undefined }).map((data) => JSON.stringify(data === undefined ? gmailDelivery : { ...gmailDelivery, data })) },
  { weight: 1, arbitrary: fc.constantFrom("composio.trigger.disabled", "composio.connected_account.expired", "composio.trigger.message").map((type) => JSON.stringify({ ...gmailDelivery, type })) },
  { weight: 2, arbitrary: hostileValue.map((value) => JSON.stringify(value) ?? "null") },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
  { weight: 1, arbitrary: fc.constantFrom("", "{", "null", "[]", '{"__proto__":{"polluted":true}}', '{"constructor":{"prototype":{"x":1}}}') },
);

const signatureKind = fc.oneof(
  { weight: 6, arbitrary: fc.constant("valid") },
  { weight: 12, arbitrary: fc.constantFrom("wrongSecret", "otherBody", "otherId", "otherTimestamp", "flippedBit", "random", "noPrefix", "v2", "empty", "missing") },
);

const at = (offset: number) => ({ offset, header: String(NOW_SEC + offset) });
const timestamp = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: -TOLERANCE_SEC, max: TOLERANCE_SEC }).map(at) },
  // Just outside the tolerance, either side.
  { weight: 2, arbitrary: fc.integer({ min: TOLERANCE_SEC + 1, max: 2 * TOLERANCE_SEC }).chain((age) => fc.constantFrom(at(age), at(-age))) },
  { weight: 1, arbitrary: fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }).map(at) },
  { weight: 1, arbitrary: fc.oneof(headerText(20), fc.constantFrom("", "NaN", "1e400", "-0", "0x6915", `${NOW_SEC}.5`, ` ${NOW_SEC}`, `${NOW_SEC}000`)).map((header) => ({ offset: undefined, header })) },
);

// Trimmed: `Request` trims header values, and a signature is over the id as sent.
const deliveryId = fc.oneof(fc.constantFrom("msg_0001", "msg_0002", ""), headerText(80).map((id) => id.trim()));

interface Delivery {
  id: string;
  ts: { offset: number | undefined; header: string };
  body: string;
  kind: string;
  extra: string | null;
  missing: "id" | "timestamp" | null;
}

/** Whether the route must accept the delivery's signature (computed from what was generated, not by the route's code). */
function mustVerify(d: Delivery): boolean {
  // An empty body is refused like a bad signature: there is no event in it to have signed.
  if (d.kind !== "valid" || d.missing || d.id === "" || d.body === "") return false;
  return d.ts.offset !== undefined && Math.abs(d.ts.offset) <= TOLERANCE_SEC;
}

function signatureHeader(d: Delivery): string | null {
  const content = `${d.id}.${d.ts.header}.${d.body}`;
  const good = hmac(SECRET, content);
  const flip = (text: string) => (text[0] === "A" ? "B" : "A") + text.slice(1);
  const header: Record<string, string | null> = {
    valid: `v1,${good}`,
    wrongSecret: `v1,${hmac(`${SECRET}x`, content)}`,
    otherBody: `v1,${hmac(SECRET, `${d.id}.${d.ts.header}.${d.body} `)}`,
    otherId: `v1,${hmac(SECRET, `${d.id}x.${d.ts.header}.${d.body}`)}`,
    otherTimestamp: `v1,${hmac(SECRET, `${d.id}.${d.ts.header}1.${d.body}`)}`,
    flippedBit: `v1,${flip(good)}`,
    random: d.extra ?? "",
    noPrefix: good,
    v2: `v2,${good}`,
    empty: "",
    missing: null,
  };
  const value = header[d.kind] ?? null;
  // A forger may add any number of other signatures next to the wrong one.
  return value !== null && d.kind !== "valid" && d.extra ? `${d.extra} ${value}` : value;
}

function request(d: Delivery): Request {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (d.missing !== "id") headers["webhook-id"] = d.id;
  if (d.missing !== "timestamp") headers["webhook-timestamp"] = d.ts.header;
  const signature = signatureHeader(d);
  if (signature !== null) headers["webhook-signature"] = signature;
  return new Request("http://localhost/api/workforce/triggers/webhook", { method: "POST", headers, body: d.body });
}

async function setup() {
  const gateway = { webhookSecret: SECRET } as unknown as ComposioGateway;
  const recorder = recordingDispatcher();
  const t = testPlanner({ composio: gateway }, NOW);
  t.planner.deps.dispatcher = recorder.dispatcher;
  await t.store.update("agent-1", (p) => ({ ...p, triggers: [gmailTrigger(NOW)] }));
  const { POST } = createComposioWebhookRoute({ planner: t.planner, toleranceSeconds: TOLERANCE_SEC });
  const snapshot = async () => [await t.store.version("agent-1"), await t.store.get("agent-1"), await t.store.listAgentRuns("agent-1", { limit: 50 })];
  return { POST, dispatched: recorder.triggers, snapshot };
}

describe("the Composio webhook route under generated deliveries", () => {
  it("never answers 5xx, and never dispatches or changes anything without a valid signature", async () => {
    // One planner for the whole run: deliveries that pass leave state behind (dedupe, counts), as in production.
    const { POST, dispatched, snapshot } = await setup();
    let verified = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          id: deliveryId,
          ts: timestamp,
          body,
          kind: signatureKind,
          extra: fc.option(headerText(120), { nil: null }),
          missing: fc.oneof({ weight: 8, arbitrary: fc.constant(null) }, { weight: 2, arbitrary: fc.constantFrom<Delivery["missing"]>("id", "timestamp") }),
        }),
        async (d) => {
          const before = await snapshot();
          const dispatchedBefore = dispatched.length;
          const res = await POST(request(d));
          const answer = (await res.json()) as Record<string, unknown>;
          expect(res.status, JSON.stringify(answer)).toBeLessThan(500);
          if (mustVerify(d)) {
            verified++;
            expect([200, 400]).toContain(res.status);
            return;
          }
          expect(res.status).toBe(401);
          expect(answer).toEqual({ error: expect.stringMatching(/^(Invalid webhook signature|Missing webhook signature headers)\.$/) as string });
          expect(dispatched.length).toBe(dispatchedBefore);
          expect(await snapshot()).toEqual(before);
        },
      ),
      { numRuns: 1000 },
    );
    // The generator reaches both sides: a good share of the deliveries were validly signed and went through.
    expect(verified).toBeGreaterThan(80);
    expect(dispatched.length).toBeGreaterThan(0);
  }, 120_000);

  it("refuses a body over 1 MiB with 413 before verifying a signature, signed or not", async () => {
    const { POST, dispatched, snapshot } = await setup();
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 64 * 1024 }), fc.boolean(), async (extra, signed) => {
        const before = await snapshot();
        const big = JSON.stringify({ ...gmailDelivery, data: { pad: "x".repeat(1024 * 1024 + extra) } });
        // Signature headers present (a valid or a made-up signature): the body is read, and refused for its size.
        const d: Delivery = { id: "msg_big", ts: { offset: 0, header: String(NOW_SEC) }, body: big, kind: signed ? "valid" : "random", extra: "v1,bm90LWEtc2lnbmF0dXJl", missing: null };
        const res = await POST(request(d));
        expect(res.status).toBe(413);
        expect(dispatched).toHaveLength(0);
        expect(await snapshot()).toEqual(before);
      }),
      { numRuns: 1000 },
    );
  }, 120_000);

  it("refuses a delivery without its signature headers before reading its body", async () => {
    const { POST, dispatched, snapshot } = await setup();
    const before = await snapshot();
    for (const missing of ["id", "timestamp", "signature"] as const) {
      const d: Delivery = { id: "msg_headless", ts: at(0), body: JSON.stringify(gmailDelivery), kind: missing === "signature" ? "missing" : "valid", extra: null, missing: missing === "signature" ? null : missing };
      const req = request(d);
      const res = await POST(req);
      expect(res.status).toBe(401);
      expect(req.bodyUsed).toBe(false);
    }
    expect(dispatched).toHaveLength(0);
    expect(await snapshot()).toEqual(before);
  });
});

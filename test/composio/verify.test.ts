import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { verifyComposioWebhook, type VerifyComposioWebhookInput } from "../../src/server/composio";
import { signComposioWebhook } from "../../src/sandbox";

const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const NOW = new Date("2026-11-28T09:00:00Z");
const TS = String(NOW.getTime() / 1000);
const ID = "msg_4a1b7c6e-0d55-4e7e-9c3b-3f0f4b2f9e10";
const BODY = JSON.stringify({ id: ID, type: "composio.trigger.message", metadata: {}, data: { subject: "Hé ✓" } });

function input(overrides: Partial<VerifyComposioWebhookInput> = {}): VerifyComposioWebhookInput {
  return { id: ID, timestamp: TS, signatureHeader: signComposioWebhook({ id: ID, timestamp: TS, body: BODY, secret: SECRET }), rawBody: BODY, secret: SECRET, now: NOW, ...overrides };
}

describe("signComposioWebhook", () => {
  it("is base64 HMAC-SHA256 over id.timestamp.body keyed with the secret's UTF-8 bytes (whsec_ kept)", () => {
    const expected = createHmac("sha256", SECRET).update(`${ID}.${TS}.${BODY}`).digest("base64");
    expect(signComposioWebhook({ id: ID, timestamp: TS, body: BODY, secret: SECRET })).toBe(`v1,${expected}`);
    expect(signComposioWebhook({ id: ID, timestamp: Number(TS), body: Buffer.from(BODY), secret: SECRET })).toBe(`v1,${expected}`);
  });
});

describe("verifyComposioWebhook", () => {
  it("accepts a correctly signed delivery, from a string or the raw bytes", () => {
    expect(verifyComposioWebhook(input())).toEqual({ ok: true });
    expect(verifyComposioWebhook(input({ rawBody: new TextEncoder().encode(BODY) }))).toEqual({ ok: true });
    expect(verifyComposioWebhook(input({ now: NOW.getTime() }))).toEqual({ ok: true });
  });

  it("rejects a wrong secret, a tampered body, id or timestamp", () => {
    expect(verifyComposioWebhook(input({ secret: `${SECRET}x` }))).toEqual({ ok: false, reason: "signature-mismatch" });
    // A Standard Webhooks verifier would strip whsec_ and base64-decode the rest; Composio does not.
    const standardWebhooksKey = Buffer.from(SECRET.slice("whsec_".length), "base64");
    const standardSignature = `v1,${createHmac("sha256", standardWebhooksKey).update(`${ID}.${TS}.${BODY}`).digest("base64")}`;
    expect(verifyComposioWebhook(input({ signatureHeader: standardSignature }))).toEqual({ ok: false, reason: "signature-mismatch" });
    expect(verifyComposioWebhook(input({ rawBody: BODY.replace("Hé", "He") }))).toEqual({ ok: false, reason: "signature-mismatch" });
    expect(verifyComposioWebhook(input({ rawBody: `${BODY} ` }))).toEqual({ ok: false, reason: "signature-mismatch" });
    expect(verifyComposioWebhook(input({ id: "msg_other" }))).toEqual({ ok: false, reason: "signature-mismatch" });
    expect(verifyComposioWebhook(input({ timestamp: String(Number(TS) + 1) }))).toEqual({ ok: false, reason: "signature-mismatch" });
  });

  it("allows 300 seconds of clock difference either way, not 301", () => {
    const at = (offsetSec: number) => {
      const timestamp = String(Number(TS) + offsetSec);
      return verifyComposioWebhook(input({ timestamp, signatureHeader: signComposioWebhook({ id: ID, timestamp, body: BODY, secret: SECRET }) }));
    };
    expect(at(-300)).toEqual({ ok: true });
    expect(at(300)).toEqual({ ok: true });
    expect(at(-301)).toEqual({ ok: false, reason: "timestamp-too-old", ageSeconds: 301 });
    expect(at(301)).toEqual({ ok: false, reason: "timestamp-in-future", ageSeconds: -301 });
    expect(verifyComposioWebhook({ ...input(), now: new Date(NOW.getTime() + 60_000), toleranceSec: 30 })).toEqual({ ok: false, reason: "timestamp-too-old", ageSeconds: 60 });
  });

  it("accepts any matching entry among several space-separated signatures and ignores other versions", () => {
    const good = signComposioWebhook({ id: ID, timestamp: TS, body: BODY, secret: SECRET });
    const old = signComposioWebhook({ id: ID, timestamp: TS, body: BODY, secret: "whsec_previous" });
    expect(verifyComposioWebhook(input({ signatureHeader: `${old} ${good}` }))).toEqual({ ok: true });
    expect(verifyComposioWebhook(input({ signatureHeader: `${good} ${old}` }))).toEqual({ ok: true });
    expect(verifyComposioWebhook(input({ signatureHeader: `v2,${good.slice(3)} ${old}` }))).toEqual({ ok: false, reason: "signature-mismatch" });
    expect(verifyComposioWebhook(input({ signatureHeader: `v2,${good.slice(3)}` }))).toEqual({ ok: false, reason: "no-v1-signature" });
    expect(verifyComposioWebhook(input({ signatureHeader: good.slice(3) }))).toEqual({ ok: false, reason: "no-v1-signature" });
    expect(verifyComposioWebhook(input({ signatureHeader: "v1," }))).toEqual({ ok: false, reason: "signature-mismatch" });
    expect(verifyComposioWebhook(input({ signatureHeader: `v1,${good.slice(3, -2)}` }))).toEqual({ ok: false, reason: "signature-mismatch" });
  });

  it("names what is missing or malformed", () => {
    expect(verifyComposioWebhook(input({ id: null }))).toEqual({ ok: false, reason: "missing-id" });
    expect(verifyComposioWebhook(input({ timestamp: undefined }))).toEqual({ ok: false, reason: "missing-timestamp" });
    expect(verifyComposioWebhook(input({ signatureHeader: "" }))).toEqual({ ok: false, reason: "missing-signature" });
    expect(verifyComposioWebhook(input({ secret: "" }))).toEqual({ ok: false, reason: "missing-secret" });
    expect(verifyComposioWebhook(input({ rawBody: "" }))).toEqual({ ok: false, reason: "empty-body" });
    expect(verifyComposioWebhook(input({ timestamp: "1764320400.5" }))).toEqual({ ok: false, reason: "invalid-timestamp" });
    expect(verifyComposioWebhook(input({ timestamp: "-1" }))).toEqual({ ok: false, reason: "invalid-timestamp" });
    expect(() => verifyComposioWebhook(input({ toleranceSec: 0 }))).toThrow(RangeError);
  });
});

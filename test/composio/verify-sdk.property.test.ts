import { Composio } from "@composio/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { verifyComposioWebhook } from "../../src/server/composio";
import { signComposioWebhook } from "../../src/sandbox";

// Only `triggers.verifyWebhook` is used: pure computation, no request is made.
const sdk = new Composio({ apiKey: "property-test", baseURL: "http://127.0.0.1:9", allowTracking: false, disableVersionCheck: true });

const TAMPERINGS = ["none", "body", "secret", "id", "timestamp", "signature-char", "extra-valid-first", "extra-bogus", "v2-prefix", "bare"] as const;
type Tampering = (typeof TAMPERINGS)[number];

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

const envelope = fc.record({
  id: fc.uuid().map((u) => `msg_${u}`),
  timestamp: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  type: fc.constantFrom("composio.trigger.message", "composio.trigger.disabled", "composio.connected_account.expired"),
  metadata: fc.dictionary(fc.string({ maxLength: 12 }), fc.string({ maxLength: 20 }), { maxKeys: 6 }),
  data: fc.dictionary(fc.string({ maxLength: 12, unit: "grapheme" }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 8 }),
});

const delivery = fc.record({
  body: fc.tuple(envelope, fc.constantFrom(undefined, 2)).map(([e, indent]) => JSON.stringify(e, null, indent)),
  secret: fc.oneof(fc.string({ maxLength: 64, unit: "grapheme" }), fc.base64String({ minLength: 4, maxLength: 48 }).map((s) => `whsec_${s}`)),
  id: fc.oneof(fc.uuid().map((u) => `msg_${u}`), fc.string({ maxLength: 40, unit: "grapheme" })),
  // Seconds from now; the ±10 s around the 300 s limit are left out because the SDK reads its own clock.
  offsetSec: fc.oneof(
    { arbitrary: fc.integer({ min: -290, max: 290 }), weight: 4 },
    { arbitrary: fc.integer({ min: 310, max: 100_000 }), weight: 1 },
    { arbitrary: fc.integer({ min: -100_000, max: -310 }), weight: 1 },
  ),
  tampering: fc.oneof({ arbitrary: fc.constant<Tampering>("none"), weight: 8 }, { arbitrary: fc.constantFrom(...TAMPERINGS), weight: 10 }),
  position: fc.nat(),
});

function tamper(d: { body: string; secret: string; id: string; timestamp: string; signature: string; tampering: Tampering; position: number }) {
  const seen = { body: d.body, secret: d.secret, id: d.id, timestamp: d.timestamp, signature: d.signature };
  const bogus = `v1,${Buffer.from(`bogus-${d.position}`).toString("base64")}`;
  switch (d.tampering) {
    case "none":
      break;
    case "body":
      seen.body = d.body.length > 0 ? d.body.slice(0, d.position % d.body.length) + d.body.slice((d.position % d.body.length) + 1) : " ";
      break;
    case "secret":
      seen.secret = `${d.secret}x`;
      break;
    case "id":
      seen.id = `${d.id}1`;
      break;
    case "timestamp":
      seen.timestamp = String(Number(d.timestamp) + 1);
      break;
    case "signature-char": {
      const value = d.signature.slice(3);
      const i = d.position % (value.length - 1);
      const replacement = BASE64.charAt((BASE64.indexOf(value.charAt(i)) + 1 + (d.position % 63)) % 64);
      seen.signature = `v1,${value.slice(0, i)}${replacement}${value.slice(i + 1)}`;
      break;
    }
    case "extra-valid-first":
      seen.signature = `${d.signature} ${bogus}`;
      break;
    case "extra-bogus":
      seen.signature = `${bogus} ${d.signature}`;
      break;
    case "v2-prefix":
      seen.signature = `v2,${d.signature.slice(3)}`;
      break;
    case "bare":
      seen.signature = d.signature.slice(3);
      break;
  }
  return seen;
}

describe("verifyComposioWebhook agrees with @composio/core's triggers.verifyWebhook", () => {
  it("on 1,000 random deliveries, valid and tampered", async () => {
    const outcomes = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(delivery, async (d) => {
        const now = Date.now();
        const timestamp = String(Math.floor(now / 1000) + d.offsetSec);
        const signature = signComposioWebhook({ id: d.id, timestamp, body: d.body, secret: d.secret });
        const seen = tamper({ ...d, timestamp, signature });

        const ours = verifyComposioWebhook({ id: seen.id, timestamp: seen.timestamp, signatureHeader: seen.signature, rawBody: seen.body, secret: seen.secret, now });
        const theirs = await sdk.triggers
          .verifyWebhook({ id: seen.id, timestamp: seen.timestamp, signature: seen.signature, payload: seen.body, secret: seen.secret, tolerance: 300 })
          .then(
            () => true,
            () => false,
          );
        const key = ours.ok ? "accepted" : "rejected";
        outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
        expect(ours.ok).toBe(theirs);
      }),
      { numRuns: 1000 },
    );
    // Both sides of the property were exercised, not only rejections.
    expect(outcomes.get("accepted")).toBeGreaterThan(200);
    expect(outcomes.get("rejected")).toBeGreaterThan(200);
  });
});

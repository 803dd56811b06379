import { createHmac, timingSafeEqual } from "node:crypto";

export type ComposioWebhookRejection =
  | "missing-id"
  | "missing-timestamp"
  | "missing-signature"
  | "missing-secret"
  | "empty-body"
  | "invalid-timestamp"
  | "timestamp-too-old"
  | "timestamp-in-future"
  | "no-v1-signature"
  | "signature-mismatch";

export interface VerifyComposioWebhookInput {
  /** The `webhook-id` header. */
  id: string | null | undefined;
  /** The `webhook-timestamp` header (Unix seconds). */
  timestamp: string | null | undefined;
  /** The `webhook-signature` header: one or more space-separated `v1,<base64>` entries. */
  signatureHeader: string | null | undefined;
  /** The request body exactly as received, before any JSON parsing. */
  rawBody: string | Uint8Array;
  /** The webhook secret, used as the UTF-8 bytes of the string (no `whsec_` stripping, no base64 decoding). */
  secret: string;
  now: Date | number;
  /** Largest allowed distance between `timestamp` and `now`, either direction. */
  toleranceSec?: number | undefined;
}

export type VerifyComposioWebhookResult =
  | { ok: true }
  | {
      ok: false;
      reason: ComposioWebhookRejection;
      /** For `timestamp-too-old` / `timestamp-in-future`: how far `timestamp` is from `now`, in seconds (positive: in the past). */
      ageSeconds?: number | undefined;
    };

/** More entries than this in one header are ignored; Composio sends one, two while rotating a secret. */
const MAX_SIGNATURES = 20;

/**
 * Checks a Composio webhook delivery: HMAC-SHA256 over `"<id>.<timestamp>.<raw body>"` keyed with the secret's
 * UTF-8 bytes, base64, compared in constant time against every `v1,` entry of the signature header, and a
 * timestamp within `toleranceSec` (default 300 s) of `now`. This is Composio's scheme, not Standard Webhooks.
 *
 * @example
 * ```ts
 * const result = verifyComposioWebhook({
 *   id: req.headers.get("webhook-id"),
 *   timestamp: req.headers.get("webhook-timestamp"),
 *   signatureHeader: req.headers.get("webhook-signature"),
 *   rawBody,
 *   secret,
 *   now: clock(),
 * });
 * if (!result.ok) return new Response(null, { status: 401 });
 * ```
 */
export function verifyComposioWebhook(input: VerifyComposioWebhookInput): VerifyComposioWebhookResult {
  const { id, timestamp, signatureHeader, rawBody, secret } = input;
  const toleranceSec = input.toleranceSec ?? 300;
  if (!(toleranceSec > 0) || !Number.isFinite(toleranceSec)) {
    throw new RangeError("verifyComposioWebhook: toleranceSec must be a positive number of seconds.");
  }
  if (!id) return reject("missing-id");
  if (!timestamp) return reject("missing-timestamp");
  if (!signatureHeader) return reject("missing-signature");
  if (!secret) return reject("missing-secret");
  if (rawBody.length === 0) return reject("empty-body");
  if (!/^\d{1,15}$/.test(timestamp)) return reject("invalid-timestamp");

  const nowMs = typeof input.now === "number" ? input.now : input.now.getTime();
  const ageMs = nowMs - Number(timestamp) * 1000;
  const ageSeconds = Math.round(ageMs / 1000);
  if (ageMs > toleranceSec * 1000) return { ok: false, reason: "timestamp-too-old", ageSeconds };
  if (-ageMs > toleranceSec * 1000) return { ok: false, reason: "timestamp-in-future", ageSeconds };

  const candidates = signatureHeader
    .split(/\s+/)
    .filter((entry) => entry.startsWith("v1,"))
    .slice(0, MAX_SIGNATURES)
    .map((entry) => entry.slice(3));
  if (candidates.length === 0) return reject("no-v1-signature");

  const hmac = createHmac("sha256", Buffer.from(secret, "utf8"));
  hmac.update(`${id}.${timestamp}.`, "utf8");
  hmac.update(rawBody);
  // The base64 text is compared, not decoded bytes: lenient base64 decoding would accept variants Composio never sends.
  const expected = Buffer.from(hmac.digest("base64"), "utf8");

  let matched = false;
  for (const candidate of candidates) {
    const given = Buffer.from(candidate, "utf8");
    if (given.length === expected.length && timingSafeEqual(given, expected)) matched = true;
  }
  return matched ? { ok: true } : reject("signature-mismatch");
}

function reject(reason: ComposioWebhookRejection): VerifyComposioWebhookResult {
  return { ok: false, reason };
}

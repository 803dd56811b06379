import { createHmac } from "node:crypto";

/**
 * Composio's webhook signature: `v1,` + base64 HMAC-SHA256 over `"<id>.<timestamp>.<body>"`, keyed with the
 * UTF-8 bytes of the secret string as given. Deliberately independent of `src/server/composio/verify.ts`, so
 * a test that signs here and verifies there checks two implementations against each other.
 *
 * @example
 * ```ts
 * const signature = signComposioWebhook({ id: "msg_1", timestamp: 1764320400, body, secret });
 * ```
 */
export function signComposioWebhook(input: { id: string; timestamp: number | string; body: string | Uint8Array; secret: string }): string {
  const hmac = createHmac("sha256", Buffer.from(input.secret, "utf8"));
  hmac.update(Buffer.from(`${input.id}.${String(input.timestamp)}.`, "utf8"));
  hmac.update(typeof input.body === "string" ? Buffer.from(input.body, "utf8") : input.body);
  return `v1,${hmac.digest("base64")}`;
}

import type * as NodeCrypto from "node:crypto";

/**
 * Node's crypto module, looked up when a notification is signed or checked rather than imported: `createPlanner` also
 * runs in a browser (Storybook, the component tests), where a static `node:crypto` import fails as the module loads.
 */
function nodeCrypto(): typeof NodeCrypto {
  const getBuiltinModule = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule;
  const crypto = getBuiltinModule?.("node:crypto") as typeof NodeCrypto | undefined;
  if (!crypto) throw new Error("Signing planner notifications needs Node.js's crypto module: run the planner in a Node.js server runtime.");
  return crypto;
}

/** The header carrying a notification's signature: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`. */
export const NOTIFICATION_SIGNATURE_HEADER = "x-planner-signature";

/** The signature header's value for `body` sent at `timestamp` (unix seconds). */
export function signNotification(body: string, secret: string, timestamp: number): string {
  const digest = nodeCrypto().createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
  return `t=${timestamp},v1=${digest}`;
}

/**
 * Checks a notification webhook's signature on the receiving side: the HMAC of the raw body (as received, before
 * parsing) and a timestamp no older than `toleranceSeconds` (default 300), so a captured request cannot be replayed.
 *
 * @example
 * ```ts
 * export async function POST(req: Request) {
 *   const body = await req.text();
 *   if (!verifyNotificationSignature({ body, header: req.headers.get("x-planner-signature"), secret })) return new Response(null, { status: 401 });
 *   const notification = JSON.parse(body);
 * }
 * ```
 */
export function verifyNotificationSignature(input: { body: string; header: string | null | undefined; secret: string; toleranceSeconds?: number; now?: Date }): boolean {
  const parts = new Map((input.header ?? "").split(",").map((part) => part.trim().split("=", 2) as [string, string]));
  const timestamp = Number(parts.get("t"));
  const given = parts.get("v1");
  if (!Number.isInteger(timestamp) || !given || !/^[0-9a-f]{64}$/.test(given)) return false;
  const now = Math.floor((input.now ?? new Date()).getTime() / 1000);
  if (Math.abs(now - timestamp) > (input.toleranceSeconds ?? 300)) return false;
  const expected = signNotification(input.body, input.secret, timestamp).slice(`t=${timestamp},v1=`.length);
  return nodeCrypto().timingSafeEqual(Buffer.from(expected, "hex"), Buffer.from(given, "hex"));
}

import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { ComposioGateway } from "../../src/server/composio";
import { createComposioWebhookRoute } from "../../src/server/next/composio-webhook-route";
import type { PlannerLogger } from "../../src/server/options";
import { testPlanner } from "../helpers/planner";
import { gmailDelivery } from "../helpers/triggers";

const SECRET = "whsec_test_secret_value";
const NOW = "2026-11-30T09:00:00.000Z";
const NOW_SEC = Date.parse(NOW) / 1000;

function signedDelivery(timestamp: number, secret = SECRET): Request {
  const raw = JSON.stringify(gmailDelivery);
  const id = "msg_log_0001";
  const signature = `v1,${createHmac("sha256", secret).update(`${id}.${timestamp}.${raw}`).digest("base64")}`;
  return new Request("http://localhost/api/workforce/triggers/webhook", {
    method: "POST",
    headers: { "content-type": "application/json", "webhook-id": id, "webhook-timestamp": String(timestamp), "webhook-signature": signature },
    body: raw,
  });
}

function setup() {
  const records: { level: string; text: string; fields: Record<string, unknown> }[] = [];
  const at = (level: string) => (text: string, fields: Record<string, unknown> = {}) => void records.push({ level, text, fields });
  const logger: PlannerLogger = { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
  const { planner } = testPlanner({ composio: { webhookSecret: SECRET } as unknown as ComposioGateway, logger }, NOW);
  return { records, ...createComposioWebhookRoute({ planner }) };
}

describe("createComposioWebhookRoute: refusals are logged with their reason", () => {
  it("logs a timestamp too old or in the future with how far off it is; the answer stays a plain 401", async () => {
    const { POST, records } = setup();
    const old = await POST(signedDelivery(NOW_SEC - 3600));
    const future = await POST(signedDelivery(NOW_SEC + 400));
    expect([old.status, future.status]).toEqual([401, 401]);
    expect(await old.json()).toEqual({ error: "Invalid webhook signature." });
    expect(await future.json()).toEqual({ error: "Invalid webhook signature." });
    expect(records).toEqual([
      { level: "warn", text: "composio webhook: refused a delivery", fields: { webhookId: "msg_log_0001", reason: "timestamp-too-old", ageSeconds: 3600, toleranceSeconds: 300 } },
      { level: "warn", text: "composio webhook: refused a delivery", fields: { webhookId: "msg_log_0001", reason: "timestamp-in-future", ageSeconds: -400, toleranceSeconds: 300 } },
    ]);
  });

  it("logs a wrong signature with its reason and never a `message` field", async () => {
    const { POST, records } = setup();
    expect((await POST(signedDelivery(NOW_SEC, "not-the-secret"))).status).toBe(401);
    expect(records).toEqual([{ level: "warn", text: "composio webhook: refused a delivery", fields: { webhookId: "msg_log_0001", reason: "signature-mismatch" } }]);
    for (const record of records) expect(record.fields).not.toHaveProperty("message");
  });
});

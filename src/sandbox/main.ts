#!/usr/bin/env node
/**
 * Runs the Composio sandbox as a process, for the demo and for poking at it by hand.
 *
 *   npx agent-planner-composio-sandbox --port 4010 --api-key dev-key \
 *     --webhook-url http://localhost:3000/api/workforce/triggers/webhook --webhook-secret dev-secret
 *
 * Every flag falls back to an environment variable: COMPOSIO_SANDBOX_PORT, COMPOSIO_API_KEY,
 * COMPOSIO_WEBHOOK_URL, COMPOSIO_WEBHOOK_SECRET, COMPOSIO_WEBHOOK_VERSION, COMPOSIO_SANDBOX_RETRY_DELAYS_MS.
 */
import { parseArgs } from "node:util";
import { startComposioSandbox } from "./server";
import type { WebhookVersion } from "./state";

const USAGE = `Usage: npx agent-planner-composio-sandbox [options]
  --port <n>              port on 127.0.0.1 (default 4010; 0 picks a free one)     env COMPOSIO_SANDBOX_PORT
  --api-key <key>         the x-api-key clients must send (required)                env COMPOSIO_API_KEY
  --webhook-url <url>     where trigger events are delivered                        env COMPOSIO_WEBHOOK_URL
  --webhook-secret <s>    the secret deliveries are signed with                     env COMPOSIO_WEBHOOK_SECRET
  --webhook-version <v>   V3 (default), V2 or V1                                    env COMPOSIO_WEBHOOK_VERSION
  --retry-delays <ms,…>   waits between delivery attempts (default 1000,5000,30000) env COMPOSIO_SANDBOX_RETRY_DELAYS_MS`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string" },
      "api-key": { type: "string" },
      "webhook-url": { type: "string" },
      "webhook-secret": { type: "string" },
      "webhook-version": { type: "string" },
      "retry-delays": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const env = process.env;
  const apiKey = values["api-key"] ?? env.COMPOSIO_API_KEY;
  const port = Number(values.port ?? env.COMPOSIO_SANDBOX_PORT ?? 4010);
  const webhookUrl = values["webhook-url"] ?? env.COMPOSIO_WEBHOOK_URL;
  const webhookSecret = values["webhook-secret"] ?? env.COMPOSIO_WEBHOOK_SECRET;
  const version = (values["webhook-version"] ?? env.COMPOSIO_WEBHOOK_VERSION ?? "V3").toUpperCase();
  const delaysText = values["retry-delays"] ?? env.COMPOSIO_SANDBOX_RETRY_DELAYS_MS;
  const retryDelaysMs = delaysText ? delaysText.split(",").map((d) => Number(d.trim())) : undefined;

  const problems: string[] = [];
  if (!apiKey) problems.push("--api-key (or COMPOSIO_API_KEY) is required.");
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push("--port must be a port number.");
  if (Boolean(webhookUrl) !== Boolean(webhookSecret)) problems.push("--webhook-url and --webhook-secret go together.");
  if (!["V1", "V2", "V3"].includes(version)) problems.push("--webhook-version must be V3, V2 or V1.");
  if (retryDelaysMs?.some((d) => !Number.isFinite(d) || d < 0)) problems.push("--retry-delays must be milliseconds, comma-separated.");
  if (problems.length > 0 || !apiKey) {
    console.error(`${problems.join("\n")}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }

  const sandbox = await startComposioSandbox({
    apiKey,
    port,
    ...(webhookUrl && webhookSecret ? { webhook: { url: webhookUrl, secret: webhookSecret, version: version as WebhookVersion } } : {}),
    ...(retryDelaysMs ? { retryDelaysMs } : {}),
  });
  console.log(`Composio sandbox on ${sandbox.url} (SDK baseURL)`);
  console.log(webhookUrl ? `Delivering ${version} webhooks to ${webhookUrl}` : "No webhook URL yet: POST /api/v3.1/webhook_subscriptions to add one.");
  console.log(`Users: ${[...new Set([...sandbox.state.connectedAccounts.values()].map((a) => a.userId))].join(", ")}`);
  console.log(`Fire an event:  curl -X POST ${sandbox.url}/_sandbox/emit -H 'content-type: application/json' -d '{"trigger_id":"ti_…"}'`);
  console.log(`Inspect state:  curl ${sandbox.url}/_sandbox/state`);

  const stop = () => {
    console.log("Stopping the Composio sandbox…");
    void sandbox.close();
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});

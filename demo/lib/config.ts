import { randomBytes } from "node:crypto";
import { isAbsolute, resolve } from "node:path";

/** How the demo runs each concern, read once from the environment (the only place the demo reads it). */
export interface DemoConfig {
  /** The port the demo's server listens on (for the webhook URL the sandbox delivers to). */
  port: number;
  /** Absolute data directory: the planner's file store and the demo host's chats and workflow runs. */
  dataDir: string;
  /** Where Composio (real or sandbox) delivers webhooks. */
  webhookUrl: string;
  /** Inngest when a signing key is set; otherwise the in-process scheduler. */
  inngest: { signingKey: string; eventKey?: string; serveOrigin?: string } | null;
  /** Real Composio when both the API key and the webhook secret are set; otherwise the local sandbox. */
  composio:
    | { kind: "composio"; apiKey: string; webhookSecret: string; baseURL?: string }
    | { kind: "sandbox"; apiKey: string; webhookSecret: string };
}

export type DemoEnv = Readonly<Record<string, string | undefined>>;

export const DEFAULT_PORT = 3000;
export const DEFAULT_DATA_DIR = ".planner-data";

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/**
 * Maps environment variables to the demo's modes. Pure except for the random sandbox key and secret
 * (pass `random` in tests). Throws a sentence for a variable that cannot work.
 */
export function demoConfigFromEnv(env: DemoEnv, cwd: string, random: (bytes: number) => string = (n) => randomBytes(n).toString("base64url")): DemoConfig {
  const portText = nonEmpty(env.PORT);
  const port = portText === undefined ? DEFAULT_PORT : Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`PORT must be a port number (1–65535), not "${portText}".`);

  const dataDirText = nonEmpty(env.PLANNER_DATA_DIR) ?? DEFAULT_DATA_DIR;
  const dataDir = isAbsolute(dataDirText) ? dataDirText : resolve(cwd, dataDirText);

  const signingKey = nonEmpty(env.INNGEST_SIGNING_KEY);
  const eventKey = nonEmpty(env.INNGEST_EVENT_KEY);
  // Inngest's own variable; APP_ORIGIN is the name this demo used before (deprecated, still read).
  const serveOrigin = nonEmpty(env.INNGEST_SERVE_ORIGIN) ?? nonEmpty(env.APP_ORIGIN);
  if (signingKey && !serveOrigin) {
    throw new Error("INNGEST_SIGNING_KEY needs INNGEST_SERVE_ORIGIN: the public origin Inngest calls (e.g. https://planner.example.com), which /api/inngest registers.");
  }
  const inngest = signingKey ? { signingKey, ...(eventKey ? { eventKey } : {}), ...(serveOrigin ? { serveOrigin } : {}) } : null;

  const apiKey = nonEmpty(env.COMPOSIO_API_KEY);
  const webhookSecret = nonEmpty(env.COMPOSIO_WEBHOOK_SECRET);
  const baseURL = nonEmpty(env.COMPOSIO_BASE_URL);
  if (Boolean(apiKey) !== Boolean(webhookSecret)) {
    throw new Error("COMPOSIO_API_KEY and COMPOSIO_WEBHOOK_SECRET go together: set both for real Composio, or neither for the local sandbox.");
  }
  const composio: DemoConfig["composio"] =
    apiKey && webhookSecret
      ? { kind: "composio", apiKey, webhookSecret, ...(baseURL ? { baseURL } : {}) }
      : { kind: "sandbox", apiKey: `sandbox_${random(12)}`, webhookSecret: `whsec_${random(24)}` };

  return { port, dataDir, webhookUrl: `http://localhost:${port}/api/workforce/triggers/webhook`, inngest, composio };
}

/** One line per concern, for the start banner. Never contains a secret. */
export function describeModes(config: DemoConfig, extra: { sandboxUrl?: string } = {}): string[] {
  return [
    `store      JSON agent files + SQLite (planner.db) in ${config.dataDir}`,
    config.inngest
      ? `scheduler  Inngest (functions served at /api/inngest${config.inngest.serveOrigin ? ` for ${config.inngest.serveOrigin}` : ""})`
      : "scheduler  in-process (timers in this server process)",
    config.composio.kind === "composio"
      ? `Composio   Composio API${config.composio.baseURL ? ` at ${config.composio.baseURL}` : ""}, webhooks to ${config.webhookUrl}`
      : `Composio   local sandbox${extra.sandboxUrl ? ` on ${extra.sandboxUrl}` : ""}, signed webhooks to ${config.webhookUrl}`,
    `executors  demo host: chats and workflow runs written to ${config.dataDir}/host`,
  ];
}

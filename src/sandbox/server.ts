import http from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { Deliverer } from "./delivery";
import { loadFixtures } from "./fixtures";
import { apiRoutes, parseBody, type Route, type RouteContext } from "./routes";
import {
  ACCOUNT_STATUSES,
  SandboxHttpError,
  SandboxState,
  WEBHOOK_EVENT_TYPES,
  defaultSeed,
  randomId,
  type DeliveryRecord,
  type SandboxSeed,
  type WebhookEventType,
  type WebhookVersion,
} from "./state";
import * as wire from "./wire";

export interface ComposioSandboxOptions {
  /** The API key clients must send as `x-api-key`. */
  apiKey: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Loopback only: "127.0.0.1" (default), "::1" or "localhost". */
  host?: string;
  /** userId → connected accounts. Replaces the default users ("demo-user", "fixture-user-0001"); see `defaultSeed`. */
  seed?: SandboxSeed;
  /** The webhook subscription to start with; one can also be created with `POST /api/v3.1/webhook_subscriptions`. */
  webhook?: { url: string; secret: string; version?: WebhookVersion; enabledEvents?: readonly WebhookEventType[] };
  /** Waits between delivery attempts. Default [1000, 5000, 30000]; tests pass a few milliseconds. */
  retryDelaysMs?: number[];
  /** How long one delivery attempt may take. Default 10 s. */
  deliveryTimeoutMs?: number;
  /** Time for webhook timestamps and records; pass the planner's clock when it is fake. */
  clock?: () => Date;
}

export interface EmitResult {
  delivered: boolean;
  /** HTTP status of the last attempt; null when nothing answered or nothing was sent. */
  status: number | null;
  attempts: number;
  webhookId: string | null;
  /** Why nothing was delivered. */
  reason?: string;
  /** The JSON body that was sent. */
  body?: string;
}

export interface ComposioSandbox {
  /** The `baseURL` to give the SDK, e.g. `http://127.0.0.1:4010`. */
  url: string;
  port: number;
  state: SandboxState;
  /** Makes trigger `triggerId` fire: a signed `composio.trigger.message` with `data` or the fixture sample. */
  emit(triggerId: string, data?: Record<string, unknown>): Promise<EmitResult>;
  /** Composio turns the trigger off by itself and says so (`composio.trigger.disabled`). */
  disableTrigger(triggerId: string, reason?: string): Promise<EmitResult>;
  /** The connection expires (`composio.connected_account.expired`). */
  expireConnectedAccount(connectedAccountId: string, reason?: string): Promise<EmitResult>;
  close(): Promise<void>;
}

const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);
const MAX_BODY_BYTES = 1024 * 1024;

const EmitBody = z.object({
  trigger_id: z.string().min(1).optional(),
  connected_account_id: z.string().min(1).optional(),
  type: z.enum(WEBHOOK_EVENT_TYPES).optional(),
  data: z.record(z.string(), z.unknown()).optional(),
  reason: z.string().optional(),
  /** false: answer at once and deliver in the background. */
  wait: z.boolean().optional(),
});
const AccountBody = z.object({
  user_id: z.string().min(1),
  toolkit: z.string().min(1),
  id: z.string().min(1).optional(),
  status: z.enum(ACCOUNT_STATUSES).optional(),
  status_reason: z.string().optional(),
});
const AccountPatchBody = z.object({ status: z.enum(ACCOUNT_STATUSES), status_reason: z.string().nullish() });

/**
 * Starts a local stand-in for Composio's API: the endpoints `@composio/core` 0.19.0 calls, in-memory state
 * seeded from `src/sandbox/fixtures`, and signed V3 webhook deliveries with retries. Test and demo
 * infrastructure only; `src/` never imports it.
 *
 * @example
 * ```ts
 * const sandbox = await startComposioSandbox({ apiKey: "test-key", webhook: { url, secret } });
 * const gateway = createComposioGateway({ apiKey: "test-key", baseURL: sandbox.url, webhookSecret: secret });
 * await sandbox.emit(triggerId);
 * await sandbox.close();
 * ```
 */
export async function startComposioSandbox(options: ComposioSandboxOptions): Promise<ComposioSandbox> {
  if (!options.apiKey) throw new Error("startComposioSandbox: `apiKey` is required.");
  const host = options.host ?? "127.0.0.1";
  if (!LOOPBACK.has(host)) throw new Error(`startComposioSandbox: the sandbox only listens on loopback, not ${host}.`);
  const clock = options.clock ?? (() => new Date());
  const fixtures = loadFixtures();
  const state = new SandboxState(fixtures, options.seed ?? defaultSeed(fixtures), clock);
  if (options.webhook) {
    state.setWebhook({ ...options.webhook, enabledEvents: options.webhook.enabledEvents ?? WEBHOOK_EVENT_TYPES });
  }
  const deliverer = new Deliverer({ retryDelaysMs: options.retryDelaysMs ?? [1000, 5000, 30_000], timeoutMs: options.deliveryTimeoutMs ?? 10_000, clock });
  const api = apiRoutes(state);
  const pending = new Set<Promise<unknown>>();

  async function send(type: WebhookEventType, triggerId: string | null, envelope: (webhookId: string, timestamp: string) => unknown): Promise<EmitResult> {
    const subscription = state.webhook;
    if (!subscription) return skipped("there is no webhook subscription");
    if (!subscription.enabledEvents.includes(type)) return skipped(`the webhook subscription does not include ${type}`);
    if (type !== "composio.trigger.message" && subscription.version !== "V3") return skipped(`${type} is only sent to V3 subscriptions`);
    const webhookId = type === "composio.trigger.message" ? `msg_${randomUUID()}` : `evt_${randomUUID()}`;
    const record: DeliveryRecord = {
      webhookId,
      type,
      triggerId,
      url: subscription.url,
      body: JSON.stringify(envelope(webhookId, clock().toISOString())),
      delivered: false,
      attempts: [],
    };
    state.record(record);
    await deliverer.deliver(record, subscription.secret);
    const last = record.attempts.at(-1);
    return {
      delivered: record.delivered,
      status: last?.status ?? null,
      attempts: record.attempts.length,
      webhookId,
      body: record.body,
      ...(record.delivered ? {} : { reason: last ? `the receiver did not accept it (${last.error ?? `HTTP ${String(last.status)}`})` : "the sandbox closed" }),
    };
  }

  function track<T>(promise: Promise<T>): Promise<T> {
    pending.add(promise);
    const settle = () => pending.delete(promise);
    promise.then(settle, settle);
    return promise;
  }

  const sandbox = {
    state,
    async emit(triggerId: string, data?: Record<string, unknown>): Promise<EmitResult> {
      const instance = state.instance(triggerId);
      if (!instance.enabled) return skipped(`trigger instance ${triggerId} is disabled`);
      const account = state.account(instance.connectedAccountId);
      if (account.status !== "ACTIVE") return skipped(`connected account ${account.id} is ${account.status}`);
      const payload = data ?? structuredClone(state.samples.get(instance.slug)?.[0]?.delivery.data ?? {});
      const version = state.webhook?.version ?? "V3";
      const logId = randomId("log_");
      return track(send("composio.trigger.message", instance.id, (webhookId, timestamp) => wire.triggerMessage(version, { webhookId, timestamp, instance, account, logId }, payload)));
    },
    async disableTrigger(triggerId: string, reason = "connection_expired"): Promise<EmitResult> {
      const instance = state.setInstanceEnabled(triggerId, false, reason);
      const account = state.account(instance.connectedAccountId);
      const logId = randomId("log_");
      return track(send("composio.trigger.disabled", instance.id, (webhookId, timestamp) => wire.triggerDisabled({ webhookId, timestamp, instance, account, logId })));
    },
    async expireConnectedAccount(connectedAccountId: string, reason = "OAuth refresh token expired"): Promise<EmitResult> {
      const account = state.setConnectedAccountStatus(connectedAccountId, "EXPIRED", reason);
      return track(send("composio.connected_account.expired", null, (webhookId, timestamp) => wire.connectedAccountExpired(webhookId, timestamp, account)));
    },
  };

  const admin: Route[] = [
    {
      method: "GET",
      pattern: /^\/_sandbox\/state$/,
      handle: () => ({ body: snapshot(state) }),
    },
    {
      method: "POST",
      pattern: /^\/_sandbox\/emit$/,
      handle: async (ctx) => {
        const body = parseBody(EmitBody, ctx.body);
        const type = body.type ?? "composio.trigger.message";
        let result: Promise<EmitResult>;
        if (type === "composio.connected_account.expired") {
          const accountId = body.connected_account_id ?? (body.trigger_id ? state.instance(body.trigger_id).connectedAccountId : undefined);
          if (!accountId) throw new SandboxHttpError(400, "connected_account_id or trigger_id is required", 1001, "Request_InvalidBody");
          result = sandbox.expireConnectedAccount(accountId, body.reason);
        } else {
          if (!body.trigger_id) throw new SandboxHttpError(400, "trigger_id is required", 1001, "Request_InvalidBody");
          result = type === "composio.trigger.disabled" ? sandbox.disableTrigger(body.trigger_id, body.reason) : sandbox.emit(body.trigger_id, body.data);
        }
        if (body.wait === false) {
          result.catch(() => undefined);
          return { status: 202, body: { queued: true } };
        }
        const { delivered, status, attempts, webhookId, reason } = await result;
        return { body: { delivered, status, attempts, webhook_id: webhookId, ...(reason ? { reason } : {}) } };
      },
    },
    {
      method: "POST",
      pattern: /^\/_sandbox\/connected_accounts$/,
      handle: (ctx) => {
        const body = parseBody(AccountBody, ctx.body);
        const account = state.addConnectedAccount(body.user_id, {
          toolkit: body.toolkit,
          ...(body.id ? { id: body.id } : {}),
          ...(body.status ? { status: body.status } : {}),
          ...(body.status_reason ? { statusReason: body.status_reason } : {}),
        });
        return { status: 201, body: wire.connectedAccount(account) };
      },
    },
    {
      method: "PATCH",
      pattern: /^\/_sandbox\/connected_accounts\/([^/]+)$/,
      handle: (ctx) => {
        const body = parseBody(AccountPatchBody, ctx.body);
        return { body: wire.connectedAccount(state.setConnectedAccountStatus(decodeURIComponent(ctx.params[0] ?? ""), body.status, body.status_reason ?? null)) };
      },
    },
  ];

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) respond(res, 500, { error: { message: error instanceof Error ? error.message : String(error), code: 1500, status: 500 } }, true);
      else res.destroy();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://sandbox.local");
    // Composio serves v3 and v3.1 with the same shapes; the SDK calls v3.1.
    const path = url.pathname.replace(/^\/api\/v3\//, "/api/v3.1/");
    const method = req.method ?? "GET";
    const isApi = path.startsWith("/api/");
    const requestId = `req_${randomUUID()}`;
    let status = 500;
    try {
      if (isApi) {
        const key = req.headers["x-api-key"];
        if (!key) throw new SandboxHttpError(401, "API key is missing. Send it in the x-api-key header.", 1101, "Auth_ApiKeyMissing");
        if (key !== options.apiKey) throw new SandboxHttpError(401, "Invalid API key", 1102, "Auth_InvalidApiKey", "Check the API key.");
      }
      const routes = isApi ? api : path.startsWith("/_sandbox/") ? admin : [];
      const [found, params] = findRoute(routes, method, path);
      const ctx: RouteContext = { params, query: url.searchParams, body: await readJson(req) };
      const result = await found.handle(ctx);
      status = result.status ?? 200;
      respond(res, status, result.body, false);
    } catch (error) {
      const failure = error instanceof SandboxHttpError ? error : new SandboxHttpError(500, error instanceof Error ? error.message : "Internal error", 1500, "Internal_Error");
      status = failure.status;
      respond(res, status, wire.errorBody(failure, requestId), true);
    } finally {
      if (isApi) state.record({ method, path, query: url.search, status, at: clock().toISOString() });
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(":") ? `[${host}]` : host;

  return {
    ...sandbox,
    url: `http://${urlHost}:${port}`,
    port,
    async close() {
      deliverer.close();
      await Promise.allSettled([...pending]);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function findRoute(routes: readonly Route[], method: string, path: string): [Route, string[]] {
  for (const route of routes) {
    const match = route.method === method ? route.pattern.exec(path) : null;
    if (match) return [route, match.slice(1)];
  }
  throw new SandboxHttpError(404, `No route for ${method} ${path}`, 1404, "Route_NotFound");
}

function skipped(reason: string): EmitResult {
  return { delivered: false, status: null, attempts: 0, webhookId: null, reason };
}

function respond(res: http.ServerResponse, status: number, body: unknown, isError: boolean): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader("content-type", "application/json");
  res.setHeader("content-length", Buffer.byteLength(text));
  // Keeps the SDK from retrying errors (it retries 408/409/429/5xx twice otherwise), so tests stay fast.
  if (isError) res.setHeader("x-should-retry", "false");
  res.end(text);
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new SandboxHttpError(413, "Request body is too large", 1413, "Request_TooLarge");
    chunks.push(buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new SandboxHttpError(400, "Request body is not valid JSON", 1000, "Request_InvalidJson");
  }
}

/** Everything the sandbox holds, for `GET /_sandbox/state`. The webhook secret is shown by its last 4 characters. */
function snapshot(state: SandboxState) {
  return {
    toolkits: state.toolkits.map((t) => t.slug),
    trigger_types: [...state.triggerTypes.keys()],
    connected_accounts: [...state.connectedAccounts.values()],
    trigger_instances: [...state.instances.values()],
    webhook_subscription: state.webhook ? { ...state.webhook, secret: `…${state.webhook.secret.slice(-4)}` } : null,
    deliveries: state.deliveries.slice(-50).map(({ body: _body, ...rest }) => rest),
    requests: state.requests.length,
  };
}

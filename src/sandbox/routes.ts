import { z } from "zod";
import { ACCOUNT_STATUSES, SandboxHttpError, WEBHOOK_EVENT_TYPES, type SandboxState } from "./state";
import * as wire from "./wire";

export interface RouteContext {
  params: string[];
  query: URLSearchParams;
  body: unknown;
}
export interface RouteResult {
  status?: number;
  body: unknown;
}
export interface Route {
  method: string;
  pattern: RegExp;
  handle(ctx: RouteContext): RouteResult | Promise<RouteResult>;
}

const JsonObject = z.record(z.string(), z.unknown());

const UpsertBody = z.looseObject({
  user_id: z.string().optional(),
  connected_account_id: z.string().optional(),
  trigger_config: JsonObject.optional(),
});
const ManageBody = z.object({ status: z.enum(["enable", "disable"]) });
const WebhookBody = z.object({
  webhook_url: z.url({ protocol: /^https?$/ }),
  enabled_events: z.array(z.enum(WEBHOOK_EVENT_TYPES)).min(1).optional(),
  version: z.enum(["V1", "V2", "V3"]).optional(),
});
const WebhookPatchBody = WebhookBody.partial();

export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body ?? {});
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ");
    throw new SandboxHttpError(400, `Invalid request body: ${problems}`, 1001, "Request_InvalidBody");
  }
  return result.data;
}

/** Comma-joined (`a,b`, how the SDK sends arrays) or repeated query values. */
function list(query: URLSearchParams, name: string): string[] | undefined {
  const values = query.getAll(name).flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean);
  return values.length > 0 ? values : undefined;
}

function flag(query: URLSearchParams, name: string): boolean | undefined {
  const value = query.get(name);
  return value === null ? undefined : value === "true";
}

/** Composio's paged answer. The cursor is opaque to clients; here it is the base64 of the next offset. */
function page<T>(items: readonly T[], query: URLSearchParams, defaultLimit = 20) {
  const limitText = query.get("limit");
  const limit = limitText === null || limitText === "" ? defaultLimit : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
    throw new SandboxHttpError(400, "limit must be a whole number from 1 to 1000", 1002, "Request_InvalidQuery");
  }
  const cursor = query.get("cursor");
  const offset = cursor ? Number(Buffer.from(cursor, "base64url").toString("utf8")) : 0;
  if (!Number.isInteger(offset) || offset < 0) throw new SandboxHttpError(400, "cursor is invalid", 1003, "Request_InvalidCursor");
  const slice = items.slice(offset, offset + limit);
  const next = offset + limit < items.length ? Buffer.from(String(offset + limit), "utf8").toString("base64url") : null;
  return {
    items: slice,
    next_cursor: next,
    total_pages: Math.max(1, Math.ceil(items.length / limit)),
    current_page: Math.floor(offset / limit) + 1,
    total_items: items.length,
  };
}

/** The REST endpoints of reference/composio.md under `/api/v3.1`, the paths `@composio/core` 0.19.0 calls. */
export function apiRoutes(state: SandboxState): Route[] {
  const route = (method: string, path: string, handle: Route["handle"]): Route => ({
    method,
    pattern: new RegExp(`^/api/v3\\.1${path.replace(/:param/g, "([^/]+)")}$`),
    handle,
  });
  const param = (ctx: RouteContext, index = 0) => decodeURIComponent(ctx.params[index] ?? "");

  return [
    route("GET", "/toolkits", ({ query }) => {
      const category = query.get("category");
      const search = query.get("search")?.toLowerCase();
      let toolkits = state.toolkits.filter(
        (t) =>
          (!category || t.meta.categories.some((c) => c.id === category || c.name === category)) &&
          (!search || `${t.slug} ${t.name} ${t.meta.description}`.toLowerCase().includes(search)),
      );
      toolkits =
        query.get("sort_by") === "alphabetically"
          ? [...toolkits].sort((a, b) => a.name.localeCompare(b.name))
          : [...toolkits].sort((a, b) => b.meta.tools_count - a.meta.tools_count);
      return { body: page(toolkits, query) };
    }),
    route("GET", "/toolkits/categories", () => {
      const categories = new Map(state.toolkits.flatMap((t) => t.meta.categories.map((c) => [c.id, c] as const)));
      return { body: { items: [...categories.values()], next_cursor: null, total_pages: 1, current_page: 1, total_items: categories.size } };
    }),
    route("GET", "/toolkits/:param", (ctx) => {
      const toolkit = state.toolkits.find((t) => t.slug === param(ctx).toLowerCase());
      if (!toolkit) throw new SandboxHttpError(404, `Toolkit ${param(ctx)} not found`, 1501, "Toolkit_NotFound");
      return { body: wire.toolkitDetail(toolkit) };
    }),
    route("GET", "/triggers_types", ({ query }) => {
      const toolkits = list(query, "toolkit_slugs")?.map((s) => s.toLowerCase());
      const types = [...state.triggerTypes.values()].filter((t) => !toolkits || toolkits.includes(t.toolkit.slug));
      return { body: page(types.map(wire.triggerType), query) };
    }),
    route("GET", "/triggers_types/list/enum", () => ({ body: [...state.triggerTypes.keys()] })),
    route("GET", "/triggers_types/:param", (ctx) => ({ body: wire.triggerType(state.triggerType(param(ctx))) })),

    route("POST", "/trigger_instances/:param/upsert", (ctx) => {
      const body = parseBody(UpsertBody, ctx.body);
      const instance = state.upsertInstance({
        userId: body.user_id ?? "",
        slug: param(ctx),
        ...(body.connected_account_id ? { connectedAccountId: body.connected_account_id } : {}),
        config: body.trigger_config ?? {},
      });
      return { body: { trigger_id: instance.id } };
    }),
    route("GET", "/trigger_instances/active", ({ query }) => {
      const ids = list(query, "trigger_ids");
      const accounts = list(query, "connected_account_ids");
      const users = list(query, "user_ids");
      const names = list(query, "trigger_names");
      const authConfigs = list(query, "auth_config_ids");
      const showDisabled = flag(query, "show_disabled") ?? false;
      const instances = [...state.instances.values()].filter(
        (i) =>
          (showDisabled || i.enabled) &&
          (!ids || ids.includes(i.id)) &&
          (!accounts || accounts.includes(i.connectedAccountId)) &&
          (!users || users.includes(i.userId)) &&
          (!names || names.includes(i.slug)) &&
          (!authConfigs || authConfigs.includes(state.connectedAccounts.get(i.connectedAccountId)?.authConfigId ?? "")),
      );
      return { body: page(instances.map((i) => wire.triggerInstance(i, state.connectedAccounts.get(i.connectedAccountId))), query) };
    }),
    route("PATCH", "/trigger_instances/manage/:param", (ctx) => {
      const { status } = parseBody(ManageBody, ctx.body);
      state.setInstanceEnabled(param(ctx), status === "enable");
      return { body: { status: "success" } };
    }),
    route("DELETE", "/trigger_instances/manage/:param", (ctx) => ({ body: { trigger_id: state.deleteInstance(param(ctx)).id } })),

    route("GET", "/connected_accounts", ({ query }) => {
      const users = list(query, "user_ids");
      const toolkits = list(query, "toolkit_slugs")?.map((s) => s.toLowerCase());
      const statuses = list(query, "statuses");
      const authConfigs = list(query, "auth_config_ids");
      const unknownStatus = statuses?.find((s) => !(ACCOUNT_STATUSES as readonly string[]).includes(s));
      if (unknownStatus) throw new SandboxHttpError(400, `Unknown status ${unknownStatus}`, 1002, "Request_InvalidQuery");
      const accounts = [...state.connectedAccounts.values()].filter(
        (a) =>
          (!users || users.includes(a.userId)) &&
          (!toolkits || toolkits.includes(a.toolkit)) &&
          (!statuses || statuses.includes(a.status)) &&
          (!authConfigs || authConfigs.includes(a.authConfigId)),
      );
      const ordered = query.get("order_by") === "updated_at" ? [...accounts].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)) : accounts;
      return { body: page(ordered.map(wire.connectedAccount), query) };
    }),
    route("GET", "/connected_accounts/:param", (ctx) => ({ body: wire.connectedAccount(state.account(param(ctx))) })),

    route("GET", "/webhook_subscriptions", ({ query }) => {
      const items = state.webhook ? [wire.webhookSubscription(state.webhook, false)] : [];
      return { body: page(items, query) };
    }),
    route("POST", "/webhook_subscriptions", (ctx) => {
      const body = parseBody(WebhookBody, ctx.body);
      if (state.webhook) {
        throw new SandboxHttpError(409, "This project already has a webhook subscription", 4401, "WebhookSubscription_Exists", "Update it with PATCH instead.");
      }
      const subscription = state.setWebhook({
        url: body.webhook_url,
        ...(body.version ? { version: body.version } : {}),
        ...(body.enabled_events ? { enabledEvents: body.enabled_events } : {}),
      });
      return { status: 201, body: wire.webhookSubscription(subscription, true) };
    }),
    route("PATCH", "/webhook_subscriptions/:param", (ctx) => {
      const body = parseBody(WebhookPatchBody, ctx.body);
      if (!state.webhook || state.webhook.id !== param(ctx)) {
        throw new SandboxHttpError(404, `Webhook subscription ${param(ctx)} not found`, 4402, "WebhookSubscription_NotFound");
      }
      const subscription = state.setWebhook({
        url: body.webhook_url ?? state.webhook.url,
        ...(body.version ? { version: body.version } : {}),
        ...(body.enabled_events ? { enabledEvents: body.enabled_events } : {}),
      });
      return { body: wire.webhookSubscription(subscription, false) };
    }),
    route("DELETE", "/webhook_subscriptions/:param", (ctx) => {
      if (!state.webhook || state.webhook.id !== param(ctx)) {
        throw new SandboxHttpError(404, `Webhook subscription ${param(ctx)} not found`, 4402, "WebhookSubscription_NotFound");
      }
      state.webhook = undefined;
      return { body: { id: param(ctx), deleted: true } };
    }),
  ];
}

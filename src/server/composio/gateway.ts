import { Composio, ComposioTriggerTypeNotFoundError } from "@composio/core";
import { z } from "zod";
import { COMPOSIO_NAME_PATTERN } from "../../shared/schemas/composio-name";
import { InvalidInputError, NotFoundError } from "../errors";
import { PlannerConfigError } from "../errors";
import { createTtlCache } from "./cache";
import { eventDisplayName, toolkitDisplayName } from "../../shared/display-names";
import { classifyComposioFailure, redact, toDomainError, type FailureContext } from "./errors";
import type {
  ComposioGateway,
  ConnectedAccountInfo,
  ConnectedAccountStatus,
  CreateComposioTriggerInput,
  CreatedComposioTrigger,
  ToolkitInfo,
  TriggerTypeInfo,
  TriggerTypePage,
} from "./types";

export interface ComposioGatewayOptions {
  /** The Composio project API key. Stays on the server; never appears in errors or logs. */
  apiKey: string;
  /** The secret Composio signs webhook deliveries with (from the webhook subscription). */
  webhookSecret: string;
  /** Composio's API origin. Defaults to `https://backend.composio.dev`; tests and the demo pass the sandbox's URL. */
  baseURL?: string | undefined;
  /** How long toolkits and trigger types stay cached. Default 5 minutes; 0 disables the cache. */
  cacheTtlMs?: number | undefined;
  /** How long one call may take, retries included. Default 20 seconds. */
  timeoutMs?: number | undefined;
  clock?: (() => Date) | undefined;
}

export const DEFAULT_COMPOSIO_BASE_URL = "https://backend.composio.dev";
const DEFAULT_CACHE_TTL_MS = 5 * 60_000;
const DEFAULT_TIMEOUT_MS = 20_000;
const DEFAULT_PAGE_SIZE = 50;

const RawTriggerType = z.object({
  slug: z.string(),
  name: z.string(),
  description: z.string().nullish(),
  instructions: z.string().nullish(),
  type: z.string().nullish(),
  version: z.string().nullish(),
  toolkit: z.object({ slug: z.string(), logo: z.string().nullish() }),
  config: z.record(z.string(), z.unknown()).nullish(),
  payload: z.record(z.string(), z.unknown()).nullish(),
});
type RawTriggerType = z.infer<typeof RawTriggerType>;

const RawTriggerTypePage = z.object({
  items: z.array(RawTriggerType),
  next_cursor: z.string().nullish(),
  total_pages: z.number().nullish(),
});

const ACCOUNT_STATUSES = new Set<string>(["ACTIVE", "INITIALIZING", "INITIATED", "FAILED", "EXPIRED", "INACTIVE", "REVOKED"]);

/**
 * The production `ComposioGateway`, over `@composio/core` 0.19.0. The SDK is built offline-safe: no telemetry,
 * no npm version check (so no signal handlers and no third-party hosts), and explicit `apiKey`, `baseURL` and
 * toolkit version so neither environment variables nor `~/.composio` can change where it talks to.
 *
 * @example
 * ```ts
 * const planner = createPlanner({
 *   // …
 *   composio: createComposioGateway({
 *     apiKey: process.env.COMPOSIO_API_KEY!,
 *     webhookSecret: process.env.COMPOSIO_WEBHOOK_SECRET!,
 *   }),
 * });
 * ```
 */
export function createComposioGateway(options: ComposioGatewayOptions): ComposioGateway {
  const { apiKey, webhookSecret, baseURL, cacheTtlMs, timeoutMs, clock } = checkOptions(options);
  const sdk = new Composio({ apiKey, baseURL, allowTracking: false, disableVersionCheck: true, toolkitVersions: "latest" });
  const cache = createTtlCache(cacheTtlMs, () => clock().getTime());
  const secrets = [apiKey, webhookSecret];

  /** Runs one SDK call with a deadline and turns its failure into a domain error. */
  async function call<T>(run: (signal: AbortSignal) => Promise<T>, handlers: Pick<FailureContext, "onNotFound" | "onBadRequest"> = {}): Promise<T> {
    const signal = AbortSignal.timeout(timeoutMs);
    try {
      return await run(signal);
    } catch (error) {
      throw toDomainError(error, { ...handlers, secrets, timeoutMs, timedOut: signal.aborted });
    }
  }

  const noTriggerType = (slug: string) => () => new NotFoundError(`Composio has no trigger type ${slug}.`);

  async function toolkitLabel(toolkit: string): Promise<string> {
    const toolkits = await gateway.listToolkits().catch(() => []);
    return toolkits.find((t) => t.slug === toolkit)?.name ?? toolkit.charAt(0).toUpperCase() + toolkit.slice(1);
  }

  /** The account to listen on: the given one if it is the user's and active, else the user's only active one. */
  async function chooseAccount(userId: string, toolkit: string, given: string | undefined): Promise<string> {
    const accounts = await gateway.listConnectedAccounts(userId, toolkit);
    const active = accounts.filter((a) => a.status === "ACTIVE");
    const field = "source.connectedAccountId";
    if (given) {
      const account = accounts.find((a) => a.id === given);
      if (account?.status === "ACTIVE") return account.id;
      const label = await toolkitLabel(toolkit);
      if (account) throw notActive(account, label);
      throw new InvalidInputError(`The ${label} account ${given} is not connected for this user — choose one of the user's ${label} accounts or connect ${label} first.`, [
        { path: field, message: `Choose a connected ${label} account.` },
      ]);
    }
    if (active.length === 1 && active[0]) return active[0].id;
    const label = await toolkitLabel(toolkit);
    if (active.length > 1) {
      throw new InvalidInputError(`This user has ${active.length} connected ${label} accounts — choose which one the trigger listens to.`, [
        { path: field, message: `Choose a ${label} account.` },
      ]);
    }
    if (accounts[0]) throw notActive(accounts[0], label);
    throw new InvalidInputError(`No connected ${label} account for this user — connect ${label} first.`, [{ path: field, message: `Connect ${label} first.` }]);
  }

  async function setEnabled(triggerId: string, enabled: boolean): Promise<void> {
    const id = requireName(triggerId, "trigger instance");
    await call((signal) => (enabled ? sdk.triggers.enable(id, { signal }) : sdk.triggers.disable(id, { signal })), {
      onNotFound: () => new NotFoundError(`Composio has no trigger instance ${id}. It may have been deleted; save the trigger again to recreate it.`),
    });
  }

  const gateway = {
    listToolkits() {
      return cache.get("toolkits", async () => {
        const items = await call((signal) => sdk.toolkits.get({ limit: 1000, sortBy: "usage" }, { signal }));
        return items.map(
          (item): ToolkitInfo => ({
            slug: item.slug,
            name: toolkitDisplayName(item.slug, item.name),
            ...(item.meta.logo ? { logo: item.meta.logo } : {}),
            ...(item.meta.description ? { description: item.meta.description } : {}),
            categories: (item.meta.categories ?? []).map((c) => c.name),
            triggerCount: item.meta.triggersCount ?? 0,
          }),
        );
      });
    },

    async listTriggerTypes(toolkit, page = {}) {
      const slug = requireName(toolkit, "app").toLowerCase();
      const limit = page.limit ?? DEFAULT_PAGE_SIZE;
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new InvalidInputError("The page size must be a whole number from 1 to 1000.");
      const cursor = page.cursor || undefined;
      return cache.get(`types:${slug}:${limit}:${cursor ?? ""}`, async () => {
        // The SDK's `triggers.listTypes` strips `type` (webhook or poll) from the items, so the typed HTTP client is used.
        const raw = await call((signal) =>
          sdk.getClient().triggersTypes.list({ toolkit_slugs: [slug], limit, toolkit_versions: "latest", ...(cursor ? { cursor } : {}) }, { signal }),
        );
        const parsed = parseUpstream(RawTriggerTypePage, raw, "trigger types");
        const items = parsed.items.map(toTriggerTypeInfo);
        for (const item of items) cache.set(`type:${item.slug}`, item);
        return { items, nextCursor: parsed.next_cursor || null, totalPages: parsed.total_pages ?? 1 } satisfies TriggerTypePage;
      });
    },

    async getTriggerType(slug) {
      const id = requireName(slug, "event");
      return cache.get(`type:${id}`, async () => {
        // Composio answers 400, not 404, for an unknown slug.
        const raw = await call((signal) => sdk.getClient().triggersTypes.retrieve(id, { toolkit_versions: "latest" }, { signal }), {
          onNotFound: noTriggerType(id),
          onBadRequest: noTriggerType(id),
        });
        return toTriggerTypeInfo(parseUpstream(RawTriggerType, raw, "trigger type"));
      });
    },

    async listConnectedAccounts(userId, toolkit) {
      const user = requireUserId(userId);
      const slug = requireName(toolkit, "app").toLowerCase();
      const accounts: ConnectedAccountInfo[] = [];
      let cursor: string | undefined;
      // Bounded: a user has a handful of accounts per app; ten pages of 100 is far beyond that.
      for (let page = 0; page < 10; page++) {
        const result = await call((signal) =>
          sdk.connectedAccounts.list({ userIds: [user], toolkitSlugs: [slug], limit: 100, ...(cursor ? { cursor } : {}) }, { signal }),
        );
        for (const item of result.items) {
          accounts.push({
            id: item.id,
            toolkit: item.toolkit.slug,
            // An unknown future status is treated as unusable, the safe reading.
            status: ACCOUNT_STATUSES.has(item.status) ? item.status : ("INACTIVE" satisfies ConnectedAccountStatus),
            ...labelOf(item),
            ...(item.statusReason ? { statusReason: item.statusReason } : {}),
            ...(item.createdAt ? { createdAt: item.createdAt } : {}),
          });
        }
        cursor = result.nextCursor ?? undefined;
        if (!cursor) break;
      }
      return accounts.sort((a, b) => Number(b.status === "ACTIVE") - Number(a.status === "ACTIVE"));
    },

    async createTrigger(input: CreateComposioTriggerInput): Promise<CreatedComposioTrigger> {
      const userId = requireUserId(input.userId);
      const given = input.connectedAccountId ? requireName(input.connectedAccountId, "connected account") : undefined;
      const type = await gateway.getTriggerType(input.slug);
      const config = input.config ?? {};
      if (typeof config !== "object" || Array.isArray(config)) throw new InvalidInputError("The trigger settings must be an object.");
      // Checked here, not left to Composio: without two-factor auth Composio does not verify the account is the user's.
      const connectedAccountId = await chooseAccount(userId, type.toolkit, given);
      const signal = AbortSignal.timeout(timeoutMs);
      try {
        const { triggerId } = await sdk.triggers.create(userId, type.slug, { connectedAccountId, triggerConfig: config }, { signal });
        return { triggerId, connectedAccountId };
      } catch (error) {
        // The SDK looks the type up again first; it may have vanished since our cached copy.
        if (error instanceof ComposioTriggerTypeNotFoundError) throw noTriggerType(type.slug)();
        const failure = classifyComposioFailure(error);
        if (failure.kind === "http" && (failure.status === 400 || failure.status === 404)) {
          const label = await toolkitLabel(type.toolkit);
          const message = failure.message === undefined ? undefined : redact(failure.message, secrets);
          if (failure.status === 404) throw new InvalidInputError(`No connected ${label} account for this user — connect ${label} first.`);
          throw new InvalidInputError(`Composio refused the ${label} trigger settings${message ? `: ${message}` : "."}`, [
            { path: "source.config", message: message ?? "Check the settings." },
          ]);
        }
        throw toDomainError(error, { secrets, timeoutMs, timedOut: signal.aborted });
      }
    },

    enableTrigger: (triggerId) => setEnabled(triggerId, true),
    disableTrigger: (triggerId) => setEnabled(triggerId, false),

    async deleteTrigger(triggerId) {
      const id = requireName(triggerId, "trigger instance");
      const signal = AbortSignal.timeout(timeoutMs);
      try {
        await sdk.triggers.delete(id, { signal });
      } catch (error) {
        const failure = classifyComposioFailure(error);
        if (failure.kind === "http" && failure.status === 404) return;
        throw toDomainError(error, { secrets, timeoutMs, timedOut: signal.aborted });
      }
    },
  } satisfies Omit<ComposioGateway, "webhookSecret"> as ComposioGateway;
  // Not enumerable: a host that logs or serialises its planner options does not print the secret.
  Object.defineProperty(gateway, "webhookSecret", { value: webhookSecret, enumerable: false, writable: false });
  return gateway;
}

function checkOptions(options: ComposioGatewayOptions) {
  if (typeof options !== "object" || options === null) throw new PlannerConfigError("createComposioGateway: options are required.");
  if (typeof options.apiKey !== "string" || options.apiKey.trim() === "") {
    throw new PlannerConfigError("createComposioGateway: `apiKey` is required (the Composio project API key).");
  }
  if (typeof options.webhookSecret !== "string" || options.webhookSecret.trim() === "") {
    throw new PlannerConfigError("createComposioGateway: `webhookSecret` is required (the secret of the Composio webhook subscription).");
  }
  const baseURL = options.baseURL ?? DEFAULT_COMPOSIO_BASE_URL;
  let parsed: URL | undefined;
  try {
    parsed = new URL(baseURL);
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== "http:" && parsed.protocol !== "https:") || parsed.username || parsed.password) {
    throw new PlannerConfigError("createComposioGateway: `baseURL` must be an http(s) URL without credentials, e.g. https://backend.composio.dev.");
  }
  const cacheTtlMs = options.cacheTtlMs ?? DEFAULT_CACHE_TTL_MS;
  if (!Number.isFinite(cacheTtlMs) || cacheTtlMs < 0) throw new PlannerConfigError("createComposioGateway: `cacheTtlMs` must be 0 or more milliseconds.");
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new PlannerConfigError("createComposioGateway: `timeoutMs` must be a positive number of milliseconds.");
  if (options.clock !== undefined && typeof options.clock !== "function") throw new PlannerConfigError("createComposioGateway: `clock` must be a function returning a Date.");
  return { apiKey: options.apiKey, webhookSecret: options.webhookSecret, baseURL, cacheTtlMs, timeoutMs, clock: options.clock ?? (() => new Date()) };
}

function notActive(account: ConnectedAccountInfo, label: string): InvalidInputError {
  return new InvalidInputError(`The ${label} connection ${account.id} is ${account.status.toLowerCase()} — reconnect ${label} first.`, [
    { path: "source.connectedAccountId", message: `Reconnect ${label} first.` },
  ]);
}

/** Letters, digits, `_` and `-`, as Composio issues slugs and ids. Validated, not escaped: Composio has no escape for its comma-joined list filters. */
function requireName(value: string, what: string): string {
  const text = typeof value === "string" ? value.trim() : "";
  if (text === "") throw new InvalidInputError(`The ${what} is required.`);
  if (text.length > 200 || !COMPOSIO_NAME_PATTERN.test(text)) {
    throw new InvalidInputError(`${JSON.stringify(text.slice(0, 100))} is not a Composio ${what} name: only letters, digits, "_" and "-" are allowed.`);
  }
  return text;
}

/**
 * User ids come from the host's `auth`, so they are checked, never trusted: a comma would make Composio's
 * `user_ids` filter list other users' accounts, and whitespace or control characters may be trimmed or
 * split upstream. Such an id is refused as it is; it is never trimmed into another user's id.
 */
const USER_ID_PATTERN = /^[^\s,\p{Cc}]{1,256}$/u;

function requireUserId(value: string): string {
  if (typeof value !== "string" || value === "") throw new InvalidInputError("Sign in to use Composio apps: no user id was given.");
  if (!USER_ID_PATTERN.test(value)) {
    throw new InvalidInputError(
      "This user id cannot be used with Composio: it contains a comma, whitespace or a control character (or is longer than 256 characters). Ask your administrator to map user ids for Composio.",
    );
  }
  return value;
}

function parseUpstream<T>(schema: z.ZodType<T>, raw: unknown, what: string): T {
  const result = schema.safeParse(raw);
  if (!result.success) throw new UnexpectedAnswer(`Composio sent ${what} in an unexpected shape.`, result.error);
  return result.data;
}

/** Classified by `toDomainError` as "other": an answer Composio should not have given. */
class UnexpectedAnswer extends Error {
  constructor(message: string, cause: unknown) {
    super(message, { cause });
    this.name = "UnexpectedAnswer";
  }
}

/** Fields of an account's state that name it (never a credential): its mailbox or user name. */
const NAMING_FIELDS = ["email", "user_email", "account_email", "email_address", "username", "user_name", "login", "account_name", "workspace_name", "team_name"];

/** The account's label: Composio's alias, else an email or user name its state carries. */
function labelOf(item: { alias?: string | null | undefined; state?: unknown }): { label?: string } {
  const alias = typeof item.alias === "string" ? item.alias.trim() : "";
  if (alias) return { label: alias.slice(0, 200) };
  const val = (item.state as { val?: unknown } | undefined)?.val;
  if (val && typeof val === "object") {
    for (const field of NAMING_FIELDS) {
      const value = (val as Record<string, unknown>)[field];
      if (typeof value === "string" && value.trim() !== "") return { label: value.trim().slice(0, 200) };
    }
  }
  return {};
}

function toTriggerTypeInfo(raw: RawTriggerType): TriggerTypeInfo {
  const instructions = raw.instructions ? dedent(raw.instructions) : "";
  return {
    slug: raw.slug,
    name: eventDisplayName(raw.name, raw.toolkit.slug),
    description: raw.description ?? "",
    ...(instructions ? { instructions } : {}),
    toolkit: raw.toolkit.slug,
    ...(raw.toolkit.logo ? { logo: raw.toolkit.logo } : {}),
    type: raw.type === "poll" ? "poll" : "webhook",
    config: raw.config ?? { type: "object", properties: {} },
    payload: raw.payload ?? { type: "object", properties: {} },
    ...(raw.version ? { version: raw.version } : {}),
  };
}

/** Composio's instructions come from indented Python strings; strip the common indent so markdown renders. */
function dedent(text: string): string {
  const lines = text.replace(/\r\n/g, "\n").split("\n");
  const indents = lines.filter((line) => line.trim() !== "").map((line) => /^[ \t]*/.exec(line)?.[0].length ?? 0);
  const common = indents.length > 0 ? Math.min(...indents) : 0;
  return lines
    .map((line) => line.slice(common))
    .join("\n")
    .trim();
}

import { createHash, randomBytes, randomUUID } from "node:crypto";
import { Ajv, type ValidateFunction } from "ajv";
import type { SampleDeliveryFixture, SandboxFixtures, ToolkitFixture, TriggerTypeFixture } from "./fixtures";

export type AccountStatus = "ACTIVE" | "INITIALIZING" | "INITIATED" | "FAILED" | "EXPIRED" | "INACTIVE" | "REVOKED";
export const ACCOUNT_STATUSES: readonly AccountStatus[] = ["ACTIVE", "INITIALIZING", "INITIATED", "FAILED", "EXPIRED", "INACTIVE", "REVOKED"];
export type WebhookVersion = "V1" | "V2" | "V3";
export const WEBHOOK_EVENT_TYPES = ["composio.trigger.message", "composio.trigger.disabled", "composio.connected_account.expired"] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** One connected account to create at start. Ids are derived from the user and toolkit when omitted. */
export interface SeedAccount {
  toolkit: string;
  id?: string;
  status?: AccountStatus;
  statusReason?: string;
  authConfigId?: string;
  /** The account's human-readable alias (Composio's `alias`), e.g. the mailbox "ana@acme.example". */
  alias?: string;
}
/** userId → the user's connected accounts. */
export type SandboxSeed = Record<string, SeedAccount[]>;

export interface ConnectedAccountRecord {
  id: string;
  uuid: string;
  userId: string;
  toolkit: string;
  status: AccountStatus;
  statusReason: string | null;
  authConfigId: string;
  alias: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface TriggerInstanceRecord {
  id: string;
  uuid: string;
  userId: string;
  slug: string;
  connectedAccountId: string;
  /** The config as given, with the schema's defaults filled in (Composio stores it that way). */
  config: Record<string, unknown>;
  enabled: boolean;
  disabledAt: string | null;
  disabledReason: string | null;
  createdAt: string;
  updatedAt: string;
  version: string;
}

export interface WebhookSubscriptionRecord {
  id: string;
  url: string;
  secret: string;
  version: WebhookVersion;
  enabledEvents: WebhookEventType[];
  createdAt: string;
  updatedAt: string;
}

export interface RequestRecord {
  method: string;
  /** Path without the query string, e.g. `/api/v3.1/toolkits`. */
  path: string;
  query: string;
  status: number;
  at: string;
}

export interface DeliveryAttempt {
  at: string;
  /** The `webhook-timestamp` of this attempt (each attempt is signed afresh). */
  timestamp: string;
  status: number | null;
  error?: string;
}

export interface DeliveryRecord {
  webhookId: string;
  type: WebhookEventType;
  triggerId: string | null;
  url: string;
  body: string;
  delivered: boolean;
  attempts: DeliveryAttempt[];
}

/** An API error, answered as `{ error: { message, code, slug, status, request_id, suggested_fix } }`. */
export class SandboxHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: number,
    readonly slug: string,
    readonly suggestedFix = "",
  ) {
    super(message);
    this.name = "SandboxHttpError";
  }
}

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** `ti_GB32ENSWfWtJ`-style ids: a prefix and 12 letters or digits. */
export function randomId(prefix: string, bytes: Uint8Array = randomBytes(12)): string {
  return prefix + Array.from(bytes.subarray(0, 12), (b) => ALPHABET.charAt(b % ALPHABET.length)).join("");
}

/** The same id for the same key, so seeded accounts keep their ids across restarts of the demo. */
export function stableId(prefix: string, key: string): string {
  return randomId(prefix, createHash("sha256").update(key).digest());
}

function stableUuid(key: string): string {
  const hex = createHash("sha256").update(`uuid:${key}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/**
 * The default users: "fixture-user-0001" owns one ACTIVE account per toolkit with the ids the sample
 * deliveries carry; "demo-user" has ACTIVE Gmail, Slack, GitHub, Google Calendar, HubSpot, Notion and Linear
 * accounts and an EXPIRED Outlook one.
 */
export function defaultSeed(fixtures: SandboxFixtures): SandboxSeed {
  const fromSamples = new Map<string, { id: string; authConfigId: string }>();
  for (const sample of fixtures.samples) {
    const toolkit = fixtures.triggerTypes.find((t) => t.slug === sample.trigger_slug)?.toolkit.slug;
    const meta = sample.delivery.metadata;
    if (toolkit && !fromSamples.has(toolkit)) fromSamples.set(toolkit, { id: meta.connected_account_id, authConfigId: meta.auth_config_id });
  }
  return {
    "fixture-user-0001": fixtures.toolkits.map((t) => ({ toolkit: t.slug, ...fromSamples.get(t.slug) })),
    "demo-user": [
      ...["gmail", "slack", "github", "googlecalendar", "hubspot", "notion", "linear"].map((toolkit) => ({ toolkit })),
      { toolkit: "outlook", status: "EXPIRED", statusReason: "OAuth refresh token expired" },
    ],
  };
}

export class SandboxState {
  readonly toolkits: ToolkitFixture[];
  readonly triggerTypes: Map<string, TriggerTypeFixture>;
  /** trigger slug → sample V3 deliveries from the fixtures. */
  readonly samples: Map<string, SampleDeliveryFixture[]>;
  readonly connectedAccounts = new Map<string, ConnectedAccountRecord>();
  readonly instances = new Map<string, TriggerInstanceRecord>();
  webhook: WebhookSubscriptionRecord | undefined;
  readonly requests: RequestRecord[] = [];
  readonly deliveries: DeliveryRecord[] = [];
  private readonly ajv = new Ajv({ allErrors: true, strict: false, useDefaults: true, validateFormats: false });
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(
    fixtures: SandboxFixtures,
    seed: SandboxSeed,
    private readonly clock: () => Date,
  ) {
    this.toolkits = fixtures.toolkits;
    this.triggerTypes = new Map(fixtures.triggerTypes.map((t) => [t.slug, t]));
    this.samples = new Map();
    for (const sample of fixtures.samples) this.samples.set(sample.trigger_slug, [...(this.samples.get(sample.trigger_slug) ?? []), sample]);
    for (const [userId, accounts] of Object.entries(seed)) for (const account of accounts) this.addConnectedAccount(userId, account, true);
  }

  private now(): string {
    return this.clock().toISOString();
  }

  /** Keeps the latest 10,000 requests and 1,000 deliveries, so a long demo session does not grow without bound. */
  record(entry: RequestRecord | DeliveryRecord): void {
    if ("webhookId" in entry) {
      this.deliveries.push(entry);
      if (this.deliveries.length > 1_000) this.deliveries.splice(0, this.deliveries.length - 1_000);
    } else {
      this.requests.push(entry);
      if (this.requests.length > 10_000) this.requests.splice(0, this.requests.length - 10_000);
    }
  }

  /** How many API requests matched: a path prefix, a pattern over `METHOD path`, or a predicate. */
  requestCount(match?: string | RegExp | ((request: RequestRecord) => boolean)): number {
    if (match === undefined) return this.requests.length;
    if (typeof match === "string") return this.requests.filter((r) => r.path.startsWith(match)).length;
    if (match instanceof RegExp) return this.requests.filter((r) => match.test(`${r.method} ${r.path}`)).length;
    return this.requests.filter(match).length;
  }

  triggerType(slug: string): TriggerTypeFixture {
    const type = this.triggerTypes.get(slug);
    if (!type) {
      throw new SandboxHttpError(400, `Trigger type ${slug} not found`, 4301, "TriggerType_NotFound", "List trigger types with GET /api/v3.1/triggers_types.");
    }
    return type;
  }

  addConnectedAccount(userId: string, seed: SeedAccount, stable = false): ConnectedAccountRecord {
    if (!userId) throw new SandboxHttpError(400, "user_id is required", 1800, "ConnectedAccount_InvalidRequest");
    if (!this.toolkits.some((t) => t.slug === seed.toolkit)) {
      throw new SandboxHttpError(400, `Toolkit ${seed.toolkit} not found`, 1501, "Toolkit_NotFound");
    }
    const key = `${userId}:${seed.toolkit}`;
    const id = seed.id ?? (stable ? stableId("ca_", key) : randomId("ca_"));
    if (this.connectedAccounts.has(id)) throw new SandboxHttpError(409, `Connected account ${id} already exists`, 1809, "ConnectedAccount_Conflict");
    const now = this.now();
    const account: ConnectedAccountRecord = {
      id,
      uuid: stable ? stableUuid(key) : randomUUID(),
      userId,
      toolkit: seed.toolkit,
      status: seed.status ?? "ACTIVE",
      statusReason: seed.statusReason ?? null,
      authConfigId: seed.authConfigId ?? stableId("ac_", seed.toolkit),
      alias: seed.alias ?? (userId.includes("@") ? userId : `${userId}@example.com`),
      createdAt: now,
      updatedAt: now,
    };
    this.connectedAccounts.set(id, account);
    return account;
  }

  account(id: string): ConnectedAccountRecord {
    const account = this.connectedAccounts.get(id);
    if (!account) throw new SandboxHttpError(404, `Connected account ${id} not found`, 1803, "ConnectedAccount_NotFound");
    return account;
  }

  setConnectedAccountStatus(id: string, status: AccountStatus, reason: string | null = null): ConnectedAccountRecord {
    const account = this.account(id);
    account.status = status;
    account.statusReason = reason;
    account.updatedAt = this.now();
    return account;
  }

  /** Composio's upsert: the same user, type, account and config (defaults filled in) give the same instance. */
  upsertInstance(input: { userId: string; slug: string; connectedAccountId?: string; config: Record<string, unknown> }): TriggerInstanceRecord {
    const type = this.triggerType(input.slug);
    if (!input.userId) throw new SandboxHttpError(400, "user_id is required", 4302, "TriggerInstance_InvalidRequest");
    const account = input.connectedAccountId ? this.account(input.connectedAccountId) : this.firstActiveAccount(input.userId, type.toolkit.slug);
    if (account.userId !== input.userId) {
      throw new SandboxHttpError(400, `Connected account ${account.id} does not belong to user ${input.userId}`, 1804, "ConnectedAccount_UserMismatch");
    }
    if (account.toolkit !== type.toolkit.slug) {
      throw new SandboxHttpError(400, `Connected account ${account.id} is a ${account.toolkit} account; ${type.slug} needs ${type.toolkit.slug}`, 1805, "ConnectedAccount_ToolkitMismatch");
    }
    if (account.status !== "ACTIVE") {
      throw new SandboxHttpError(400, `Connected account ${account.id} is ${account.status}`, 1806, "ConnectedAccount_NotActive", "Reconnect the account, then try again.");
    }
    const config = this.validConfig(type, input.config);
    const key = canonicalJson([input.userId, type.slug, account.id, config]);
    const existing = [...this.instances.values()].find((i) => canonicalJson([i.userId, i.slug, i.connectedAccountId, i.config]) === key);
    if (existing) return existing;
    const now = this.now();
    const instance: TriggerInstanceRecord = {
      id: randomId("ti_"),
      uuid: randomUUID(),
      userId: input.userId,
      slug: type.slug,
      connectedAccountId: account.id,
      config,
      enabled: true,
      disabledAt: null,
      disabledReason: null,
      createdAt: now,
      updatedAt: now,
      version: type.version,
    };
    this.instances.set(instance.id, instance);
    return instance;
  }

  private firstActiveAccount(userId: string, toolkit: string): ConnectedAccountRecord {
    const account = [...this.connectedAccounts.values()].find((a) => a.userId === userId && a.toolkit === toolkit && a.status === "ACTIVE");
    if (!account) {
      throw new SandboxHttpError(400, `No active ${toolkit} connected account found for user ${userId}`, 1807, "ConnectedAccount_NoneActive", `Connect ${toolkit} first.`);
    }
    return account;
  }

  private validConfig(type: TriggerTypeFixture, given: Record<string, unknown>): Record<string, unknown> {
    let validate = this.validators.get(type.slug);
    if (!validate) {
      validate = this.ajv.compile(type.config);
      this.validators.set(type.slug, validate);
    }
    const config = structuredClone(given);
    if (!validate(config)) {
      const problems = (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? "is invalid"}`).join("; ");
      throw new SandboxHttpError(400, `Invalid trigger config for ${type.slug}: ${problems}`, 4303, "TriggerInstance_InvalidConfig");
    }
    return config;
  }

  instance(id: string): TriggerInstanceRecord {
    const instance = this.instances.get(id);
    if (!instance) throw new SandboxHttpError(404, `Trigger instance ${id} not found`, 4304, "TriggerInstance_NotFound");
    return instance;
  }

  setInstanceEnabled(id: string, enabled: boolean, reason: string | null = null): TriggerInstanceRecord {
    const instance = this.instance(id);
    const now = this.now();
    instance.enabled = enabled;
    instance.disabledAt = enabled ? null : (instance.disabledAt ?? now);
    instance.disabledReason = enabled ? null : reason;
    instance.updatedAt = now;
    return instance;
  }

  deleteInstance(id: string): TriggerInstanceRecord {
    const instance = this.instance(id);
    this.instances.delete(id);
    return instance;
  }

  /** Creates or replaces the project's single webhook subscription. */
  setWebhook(input: { url: string; secret?: string; version?: WebhookVersion; enabledEvents?: readonly WebhookEventType[] }): WebhookSubscriptionRecord {
    const now = this.now();
    this.webhook = {
      id: this.webhook?.id ?? randomId("ws_"),
      url: input.url,
      secret: input.secret ?? this.webhook?.secret ?? `whsec_${randomBytes(24).toString("base64url")}`,
      version: input.version ?? this.webhook?.version ?? "V3",
      enabledEvents: [...(input.enabledEvents ?? this.webhook?.enabledEvents ?? ["composio.trigger.message"])],
      createdAt: this.webhook?.createdAt ?? now,
      updatedAt: now,
    };
    return this.webhook;
  }
}

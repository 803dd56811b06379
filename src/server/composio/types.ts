/** A JSON Schema object as Composio ships it (trigger config and payload schemas). */
export type JsonSchema = Record<string, unknown>;

/** An app with events (a Composio toolkit). */
export interface ToolkitInfo {
  slug: string;
  name: string;
  logo?: string | undefined;
  description?: string | undefined;
  /** Category names, e.g. "collaboration & communication". */
  categories: string[];
  /** How many trigger types Composio lists for the toolkit. */
  triggerCount: number;
}

/** How Composio learns about an event: pushed by the app, or polled every few minutes (expect a delay). */
export type TriggerDelivery = "webhook" | "poll";

/** One event of an app (a Composio trigger type), with the JSON Schemas of its settings and of its payload. */
export interface TriggerTypeInfo {
  slug: string;
  name: string;
  description: string;
  /** Setup notes (markdown), trimmed. */
  instructions?: string | undefined;
  /** The toolkit slug, e.g. "gmail". */
  toolkit: string;
  /** The toolkit's logo URL. */
  logo?: string | undefined;
  type: TriggerDelivery;
  /** JSON Schema of the trigger's settings (`source.config`). */
  config: JsonSchema;
  /** JSON Schema of the event data a delivery carries. */
  payload: JsonSchema;
  /** Toolkit version the schemas belong to, e.g. "20251222_02". */
  version?: string | undefined;
}

export interface TriggerTypePage {
  items: TriggerTypeInfo[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
  totalPages: number;
}

/** Composio's connection states; only ACTIVE accounts can carry triggers. */
export type ConnectedAccountStatus = "ACTIVE" | "INITIALIZING" | "INITIATED" | "FAILED" | "EXPIRED" | "INACTIVE" | "REVOKED";

/** A user's connection to an app (a Composio connected account). */
export interface ConnectedAccountInfo {
  id: string;
  toolkit: string;
  status: ConnectedAccountStatus;
  /** A name people know the account by (its alias or mailbox, "ana@acme.example"), when Composio has one. */
  label?: string | undefined;
  /** Why the account is not active, when Composio says. */
  statusReason?: string | undefined;
  createdAt?: string | undefined;
}

export interface CreateComposioTriggerInput {
  userId: string;
  slug: string;
  /** The account to listen on. Omitted: the user's only active account for the toolkit. */
  connectedAccountId?: string | undefined;
  /** Trigger settings, already validated against the type's config schema. */
  config: Record<string, unknown>;
}

export interface CreatedComposioTrigger {
  /** Composio's instance id (`ti_…`). Composio upserts: the same user, type, account and config give the same id. */
  triggerId: string;
  connectedAccountId: string;
}

/**
 * What the planner needs from Composio. `createComposioGateway` implements it over `@composio/core`; tests
 * and Storybook may pass any object of this shape. Every method throws planner domain errors
 * (`NotFoundError`, `InvalidInputError`, `UpstreamError`) whose messages a UI can show.
 */
export interface ComposioGateway {
  /** The secret Composio signs webhook deliveries with; read by the webhook route. */
  readonly webhookSecret: string;
  /** Apps with their logo, description and trigger count (cached). */
  listToolkits(): Promise<ToolkitInfo[]>;
  /** The events of one app, a page at a time (cached). */
  listTriggerTypes(toolkit: string, page?: { cursor?: string | undefined; limit?: number | undefined }): Promise<TriggerTypePage>;
  /** One event with its config and payload JSON Schemas (cached). Unknown slug: `NotFoundError`. */
  getTriggerType(slug: string): Promise<TriggerTypeInfo>;
  /** The user's connections to an app, active ones first (not cached: they change when the user reconnects). */
  listConnectedAccounts(userId: string, toolkit: string): Promise<ConnectedAccountInfo[]>;
  /** Creates (upserts) the Composio trigger instance. No usable account: `InvalidInputError`. */
  createTrigger(input: CreateComposioTriggerInput): Promise<CreatedComposioTrigger>;
  enableTrigger(triggerId: string): Promise<void>;
  disableTrigger(triggerId: string): Promise<void>;
  /** Deletes the instance; one already gone at Composio is not an error. */
  deleteTrigger(triggerId: string): Promise<void>;
}

import type { ToolkitFixture, TriggerTypeFixture } from "./fixtures";
import type { ConnectedAccountRecord, SandboxHttpError, TriggerInstanceRecord, WebhookSubscriptionRecord } from "./state";

/** Composio's JSON shapes (snake_case), exactly what `@composio/core` 0.19.0 parses. */

export function toolkitDetail(toolkit: ToolkitFixture) {
  return {
    ...toolkit,
    meta: {
      ...toolkit.meta,
      categories: toolkit.meta.categories.map((c) => ({ ...c, slug: c.id })),
      available_versions: [toolkit.meta.version],
    },
    enabled: true,
    auth_config_details: [],
  };
}

export function triggerType(type: TriggerTypeFixture) {
  // `approximate` marks hand-built fixture entries; it is not an API field.
  const { approximate: _approximate, ...rest } = type;
  return { ...rest, instructions: type.instructions ?? "" };
}

export function connectedAccount(account: ConnectedAccountRecord) {
  return {
    id: account.id,
    user_id: account.userId,
    status: account.status,
    status_reason: account.statusReason,
    toolkit: { slug: account.toolkit },
    auth_config: { id: account.authConfigId, auth_scheme: "OAUTH2", is_composio_managed: true, is_disabled: false },
    alias: account.alias,
    word_id: null,
    data: {},
    params: {},
    // Credentials are never in the sandbox; Composio masks them the same way for list calls.
    state: { authScheme: "OAUTH2", val: { status: account.status, ...(account.status === "ACTIVE" ? { access_token: "sandbox-masked" } : {}) } },
    is_disabled: false,
    created_at: account.createdAt,
    updated_at: account.updatedAt,
  };
}

export function triggerInstance(instance: TriggerInstanceRecord, account: ConnectedAccountRecord | undefined) {
  // The API sends both spellings of several fields (the generated client declares both).
  return {
    id: instance.id,
    uuid: instance.uuid,
    user_id: instance.userId,
    trigger_name: instance.slug,
    triggerName: instance.slug,
    trigger_config: instance.config,
    triggerConfig: instance.config,
    connected_account_id: instance.connectedAccountId,
    connectedAccountId: instance.connectedAccountId,
    connected_account_uuid: account?.uuid ?? "",
    state: {},
    disabled_at: instance.disabledAt,
    disabledAt: instance.disabledAt,
    updated_at: instance.updatedAt,
    updatedAt: instance.updatedAt,
    version: instance.version,
  };
}

/** The secret is only shown when a subscription is created, like Composio. */
export function webhookSubscription(subscription: WebhookSubscriptionRecord, withSecret: boolean) {
  return {
    id: subscription.id,
    webhook_url: subscription.url,
    version: subscription.version,
    enabled_events: subscription.enabledEvents,
    ...(withSecret ? { secret: subscription.secret } : {}),
    created_at: subscription.createdAt,
    updated_at: subscription.updatedAt,
  };
}

export function errorBody(error: SandboxHttpError, requestId: string) {
  return {
    error: {
      message: error.message,
      code: error.code,
      slug: error.slug,
      status: error.status,
      request_id: requestId,
      suggested_fix: error.suggestedFix,
      errors: [],
    },
  };
}

interface EnvelopeContext {
  webhookId: string;
  timestamp: string;
  instance: TriggerInstanceRecord;
  account: ConnectedAccountRecord;
  logId: string;
}

const PROJECT = { project_id: "pr_sandbox", org_id: "ok_sandbox" };

/** A trigger event in the subscription's payload version (V3 default; V2 and V1 are Composio's older shapes). */
export function triggerMessage(version: "V1" | "V2" | "V3", ctx: EnvelopeContext, data: Record<string, unknown>) {
  const { instance, account } = ctx;
  if (version === "V1") {
    return { trigger_name: instance.slug, trigger_id: instance.id, connection_id: account.id, log_id: ctx.logId, payload: data };
  }
  if (version === "V2") {
    return {
      type: instance.slug.toLowerCase(),
      timestamp: ctx.timestamp,
      log_id: ctx.logId,
      data: {
        ...data,
        connection_id: account.uuid,
        connection_nano_id: account.id,
        trigger_nano_id: instance.id,
        trigger_id: instance.uuid,
        user_id: instance.userId,
      },
    };
  }
  return {
    id: ctx.webhookId,
    timestamp: ctx.timestamp,
    type: "composio.trigger.message",
    metadata: {
      log_id: ctx.logId,
      trigger_slug: instance.slug,
      auth_config_id: account.authConfigId,
      connected_account_id: account.id,
      trigger_id: instance.id,
      user_id: instance.userId,
    },
    data,
  };
}

/** Sent when Composio turns a trigger off by itself (e.g. its connection expired). Shape partly documented. */
export function triggerDisabled(ctx: EnvelopeContext) {
  const { instance } = ctx;
  return {
    id: ctx.webhookId,
    timestamp: ctx.timestamp,
    type: "composio.trigger.disabled",
    metadata: {
      ...PROJECT,
      log_id: ctx.logId,
      trigger_id: instance.id,
      trigger_slug: instance.slug,
      connected_account_id: instance.connectedAccountId,
      user_id: instance.userId,
    },
    data: {
      id: instance.id,
      trigger_name: instance.slug,
      trigger_config: instance.config,
      connected_account_id: instance.connectedAccountId,
      user_id: instance.userId,
      disabled_reason: instance.disabledReason,
      disabled_at: instance.disabledAt,
    },
  };
}

/** Sent when a connection needs the user to sign in again; `data` is the connected account. */
export function connectedAccountExpired(webhookId: string, timestamp: string, account: ConnectedAccountRecord) {
  return {
    id: webhookId,
    timestamp,
    type: "composio.connected_account.expired",
    metadata: PROJECT,
    data: connectedAccount(account),
  };
}

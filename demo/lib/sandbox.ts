import { createComposioGateway, type ComposioGateway, type PlannerStore } from "agent-planner/server";
// The local Composio stand-in (test and demo infrastructure, never part of the package's src/).
import { startComposioSandbox, type ComposioSandbox } from "../../src/sandbox";
import { DEMO_AGENT, DEMO_USER_ID } from "./catalog";
import { localLogoUrl } from "./logos";

/** The demo user's connections in the sandbox: Gmail, Slack and GitHub (stable ids across restarts). */
export const DEMO_SANDBOX_SEED = { [DEMO_USER_ID]: [{ toolkit: "gmail" }, { toolkit: "slack" }, { toolkit: "github" }] };

export interface DemoSandbox {
  /** Starts the sandbox on the first call (loopback, random port); later calls share it. */
  ready(): Promise<ComposioSandbox>;
  /** A gateway whose calls wait for the sandbox; usable before it has started. */
  gateway: ComposioGateway;
  close(): Promise<void>;
}

/**
 * The local Composio sandbox the demo runs when no Composio key is configured: loopback, a random port, the
 * demo's webhook URL subscribed with the demo's random secret, and the real SDK (through the package's
 * gateway) pointed at it.
 */
export function createDemoSandbox(options: { apiKey: string; webhookSecret: string; webhookUrl: string }): DemoSandbox {
  let started: Promise<{ sandbox: ComposioSandbox; gateway: ComposioGateway }> | undefined;
  function start() {
    started ??= startComposioSandbox({
      apiKey: options.apiKey,
      port: 0,
      seed: DEMO_SANDBOX_SEED,
      webhook: { url: options.webhookUrl, secret: options.webhookSecret },
      retryDelaysMs: [500, 2000],
    }).then((sandbox) => ({
      sandbox: withLocalLogos(sandbox),
      gateway: createComposioGateway({ apiKey: options.apiKey, baseURL: sandbox.url, webhookSecret: options.webhookSecret }),
    }));
    return started;
  }
  const later = async () => (await start()).gateway;
  const gateway: ComposioGateway = {
    webhookSecret: options.webhookSecret,
    listToolkits: async () => (await later()).listToolkits(),
    listTriggerTypes: async (toolkit, page) => (await later()).listTriggerTypes(toolkit, page),
    getTriggerType: async (slug) => (await later()).getTriggerType(slug),
    listConnectedAccounts: async (userId, toolkit) => (await later()).listConnectedAccounts(userId, toolkit),
    createTrigger: async (input) => (await later()).createTrigger(input),
    enableTrigger: async (id) => (await later()).enableTrigger(id),
    disableTrigger: async (id) => (await later()).disableTrigger(id),
    deleteTrigger: async (id) => (await later()).deleteTrigger(id),
  };
  return {
    ready: async () => (await start()).sandbox,
    gateway,
    close: async () => {
      if (started) await (await started).sandbox.close();
    },
  };
}

/**
 * The sandbox keeps its trigger instances in memory, so after a restart it has forgotten the ones the stored
 * triggers point at. Puts them back under the same `ti_…` ids (as real Composio would still have them).
 */
export async function restoreSandboxInstances(sandbox: ComposioSandbox, store: PlannerStore): Promise<number> {
  const { triggers } = await store.get(DEMO_AGENT.id);
  let restored = 0;
  for (const trigger of triggers) {
    const id = trigger.composioTriggerId;
    if (!id || sandbox.state.instances.has(id)) continue;
    const account =
      (trigger.source.connectedAccountId && sandbox.state.connectedAccounts.get(trigger.source.connectedAccountId)) ||
      [...sandbox.state.connectedAccounts.values()].find((a) => a.userId === DEMO_USER_ID && a.toolkit === trigger.source.toolkit);
    if (!account) continue;
    const now = new Date().toISOString();
    sandbox.state.instances.set(id, {
      id,
      uuid: crypto.randomUUID(),
      userId: DEMO_USER_ID,
      slug: trigger.source.triggerSlug,
      connectedAccountId: account.id,
      config: { ...trigger.source.config },
      enabled: trigger.enabled,
      disabledAt: trigger.enabled ? null : now,
      disabledReason: null,
      createdAt: trigger.createdAt,
      updatedAt: now,
      version: sandbox.state.triggerTypes.get(trigger.source.triggerSlug)?.version ?? "latest",
    });
    restored++;
  }
  return restored;
}

/** Points every toolkit logo at the demo's own route, so the page works offline (see lib/logos.ts). */
function withLocalLogos(sandbox: ComposioSandbox): ComposioSandbox {
  for (const toolkit of sandbox.state.toolkits) toolkit.meta.logo = localLogoUrl(toolkit.slug);
  for (const type of sandbox.state.triggerTypes.values()) type.toolkit.logo = localLogoUrl(type.toolkit.slug);
  return sandbox;
}

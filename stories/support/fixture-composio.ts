import type { ComposioGateway, ConnectedAccountInfo, ConnectedAccountStatus, ToolkitInfo, TriggerDelivery, TriggerTypeInfo } from "../../src/server/composio/types";
import { InvalidInputError, NotFoundError } from "../../src/server/errors";
import rawToolkits from "../../src/sandbox/fixtures/toolkits.json";
import rawTriggerTypes from "../../src/sandbox/fixtures/trigger-types.json";

/** Brand colour and letter per toolkit: inline SVG logos, so no story loads an image from the network. */
const BRANDS: Record<string, [color: string, letter: string]> = {
  gmail: ["#ea4335", "G"],
  slack: ["#4a154b", "S"],
  github: ["#24292f", "G"],
  googlecalendar: ["#1a73e8", "C"],
  hubspot: ["#ff7a59", "H"],
  notion: ["#111111", "N"],
  linear: ["#5e6ad2", "L"],
  outlook: ["#0078d4", "O"],
};

function logo(slug: string): string {
  const [color, letter] = BRANDS[slug] ?? ["#6b7280", slug.charAt(0).toUpperCase()];
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 20"><rect width="20" height="20" rx="5" fill="${color}"/><text x="10" y="14.5" font-family="Arial" font-size="12" font-weight="700" fill="white" text-anchor="middle">${letter}</text></svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

/** Composio's snake_case API items (src/sandbox/fixtures) mapped the way `createComposioGateway` maps them. */
export const FIXTURE_TOOLKITS: ToolkitInfo[] = rawToolkits.map((item) => ({
  slug: item.slug,
  name: item.name,
  logo: logo(item.slug),
  description: item.meta.description,
  categories: item.meta.categories.map((category) => category.name),
  triggerCount: item.meta.triggers_count,
}));

export const FIXTURE_TRIGGER_TYPES: TriggerTypeInfo[] = rawTriggerTypes.map((item) => ({
  slug: item.slug,
  name: item.name,
  description: item.description,
  ...(item.instructions ? { instructions: item.instructions.trim() } : {}),
  toolkit: item.toolkit.slug,
  logo: logo(item.toolkit.slug),
  type: (item.type === "poll" ? "poll" : "webhook") satisfies TriggerDelivery,
  config: item.config,
  payload: item.payload,
  version: item.version,
}));

export interface FixtureComposioOptions {
  /** The viewer's connected accounts, per toolkit. Default: active Gmail, Slack and GitHub accounts. */
  accounts?: Record<string, ConnectedAccountStatus>;
}

/** The account id a story's toolkit connection gets, e.g. `ca_storygmail01`. */
export function accountId(toolkit: string): string {
  return `ca_story${toolkit}01`;
}

/**
 * An in-browser `ComposioGateway` (the port the router talks to) over the Composio fixtures: toolkits, trigger
 * types with their real config and payload schemas, and per-toolkit connected accounts. The production gateway
 * wraps `@composio/core`, which needs Node; this is the same port, not a network mock.
 */
export function fixtureComposio({ accounts = { gmail: "ACTIVE", slack: "ACTIVE", github: "ACTIVE" } }: FixtureComposioOptions = {}): ComposioGateway {
  let created = 0;
  const typeOf = (slug: string) => {
    const type = FIXTURE_TRIGGER_TYPES.find((candidate) => candidate.slug === slug);
    if (!type) throw new NotFoundError(`Composio has no trigger type ${slug}.`);
    return type;
  };
  const accountsOf = (toolkit: string): ConnectedAccountInfo[] => {
    const status = accounts[toolkit];
    return status ? [{ id: accountId(toolkit), toolkit, status, ...(status === "ACTIVE" ? {} : { statusReason: "The connection expired." }) }] : [];
  };
  return {
    webhookSecret: "whsec_storybook",
    listToolkits: () => Promise.resolve(FIXTURE_TOOLKITS),
    listTriggerTypes: (toolkit) => Promise.resolve({ items: FIXTURE_TRIGGER_TYPES.filter((type) => type.toolkit === toolkit), nextCursor: null, totalPages: 1 }),
    getTriggerType: (slug) => Promise.resolve().then(() => typeOf(slug)),
    listConnectedAccounts: (_userId, toolkit) => Promise.resolve(accountsOf(toolkit)),
    createTrigger: (input) =>
      Promise.resolve().then(() => {
        const toolkit = typeOf(input.slug).toolkit;
        const account = accountsOf(toolkit).find((candidate) => candidate.status === "ACTIVE" && (!input.connectedAccountId || candidate.id === input.connectedAccountId));
        if (!account) throw new InvalidInputError(`No connected ${toolkit} account for this user — connect it first.`, [{ path: "source.connectedAccountId", message: "Connect the app first." }]);
        created += 1;
        return { triggerId: `ti_story${String(created).padStart(4, "0")}`, connectedAccountId: account.id };
      }),
    enableTrigger: () => Promise.resolve(),
    disableTrigger: () => Promise.resolve(),
    deleteTrigger: () => Promise.resolve(),
  };
}

import type { ComposioGateway, TriggerTypeInfo } from "../../../src/server/composio/types";

/** Tiny inline logos so screenshots need no network. */
function logo(color: string, letter: string): string {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 20"><rect width="20" height="20" rx="5" fill="${color}"/><text x="10" y="14.5" font-family="Arial" font-size="12" font-weight="700" fill="white" text-anchor="middle">${letter}</text></svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

const TOOLKITS = [
  { slug: "gmail", name: "Gmail", logo: logo("#ea4335", "G"), description: "Email from Google.", categories: ["email"], triggerCount: 1 },
  { slug: "slack", name: "Slack", logo: logo("#4a154b", "S"), description: "Team chat.", categories: ["chat"], triggerCount: 1 },
  { slug: "github", name: "GitHub", logo: logo("#24292f", "G"), description: "Code hosting.", categories: ["dev"], triggerCount: 1 },
];

const TYPES: TriggerTypeInfo[] = [
  { slug: "GMAIL_NEW_GMAIL_MESSAGE", name: "New Gmail message", description: "A new message arrives in the inbox.", toolkit: "gmail", type: "poll", config: { type: "object", properties: {} }, payload: { type: "object", properties: { subject: { type: "string" }, from: { type: "string" } } } },
  { slug: "SLACK_RECEIVE_MESSAGE", name: "New Slack message", description: "A message is posted in a channel.", toolkit: "slack", type: "webhook", config: { type: "object", properties: {} }, payload: { type: "object", properties: { text: { type: "string" } } } },
  { slug: "GITHUB_PULL_REQUEST_EVENT", name: "Pull request", description: "A pull request is opened or updated.", toolkit: "github", type: "webhook", config: { type: "object", properties: {} }, payload: { type: "object", properties: { title: { type: "string" } } } },
];

let created = 0;

/** An in-memory `ComposioGateway` for screenshots in the browser (no SDK, no network). */
export function fakeComposio(): ComposioGateway {
  return {
    webhookSecret: "screens",
    listToolkits: () => Promise.resolve(TOOLKITS),
    listTriggerTypes: (toolkit) => Promise.resolve({ items: TYPES.filter((type) => type.toolkit === toolkit), nextCursor: null, totalPages: 1 }),
    getTriggerType: (slug) => {
      const type = TYPES.find((candidate) => candidate.slug === slug);
      return type ? Promise.resolve(type) : Promise.reject(new Error(`Unknown trigger type ${slug}`));
    },
    listConnectedAccounts: (_userId, toolkit) => Promise.resolve([{ id: `ca_${toolkit}000001`, toolkit, status: "ACTIVE" as const }]),
    createTrigger: (input) => Promise.resolve({ triggerId: `ti_screens${++created}`, connectedAccountId: input.connectedAccountId ?? `ca_screens${created}` }),
    enableTrigger: () => Promise.resolve(),
    disableTrigger: () => Promise.resolve(),
    deleteTrigger: () => Promise.resolve(),
  };
}

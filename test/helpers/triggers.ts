import type { Trigger } from "../../src/shared/schemas";
import sampleEvents from "../../src/sandbox/fixtures/sample-events.json" with { type: "json" };

/** The fixtures' sample Gmail delivery (a V3 envelope). */
export const gmailDelivery = sampleEvents.find((e) => e.trigger_slug === "GMAIL_NEW_GMAIL_MESSAGE")!.delivery;

/** An enabled "new Gmail message" trigger linked to the sample delivery's Composio instance and account. */
export function gmailTrigger(at: string, overrides: Partial<Trigger> = {}): Trigger {
  return {
    id: "trg_inbox0000001",
    name: "Inbox",
    source: { toolkit: "gmail", triggerSlug: "GMAIL_NEW_GMAIL_MESSAGE", connectedAccountId: gmailDelivery.metadata.connected_account_id, config: {} },
    action: { type: "chat", template: "New mail: {emailSubject}" },
    enabled: true,
    revision: 1,
    createdAt: at,
    updatedAt: at,
    composioTriggerId: gmailDelivery.metadata.trigger_id,
    state: { firedCount: 0, filteredCount: 0, duplicateCount: 0, consecutiveFailures: 0 },
    ...overrides,
  };
}

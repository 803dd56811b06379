import { screen, waitFor, within } from "@testing-library/react";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PlannerPanel } from "../../src/components";
import { startTestComposio, type TestComposio } from "./composio";
import { AGENT_ID, createPlannerHarness, renderWithPlanner } from "./harness";

let composio: TestComposio;
beforeAll(async () => {
  composio = await startTestComposio();
});
afterAll(() => composio.close());

describe("TriggerList and TriggerCard", () => {
  it("shows the toolkit, a broken connection with Reconnect, and sends a test event", async () => {
    const harness = createPlannerHarness({ composio });
    await harness.planner.start();
    const trigger = await harness.caller().triggers.create({
      agentId: AGENT_ID,
      name: "Invoices",
      source: { toolkit: "gmail", triggerSlug: "GMAIL_NEW_GMAIL_MESSAGE", connectedAccountId: "ca_user1gmail0001", config: { labelIds: "INBOX" } },
      action: { type: "chat", template: "Invoice from {emailFrom}" },
    });
    const { user } = renderWithPlanner(<PlannerPanel agentId={AGENT_ID} />, { harness });
    const card = within(await screen.findByRole("article", { name: "Invoices" }));
    expect(await card.findByText("Gmail")).toBeInTheDocument();
    expect(card.getByText("No events today")).toBeInTheDocument();

    await user.click(card.getByRole("button", { name: "Actions for Invoices" }));
    await user.click(await screen.findByRole("menuitem", { name: "Send test event" }));
    const announcer = document.querySelector('[data-slot="planner-announcer"]');
    await waitFor(() => expect(announcer).toHaveTextContent("Invoices ran successfully"));
    expect(harness.executors.chats).toHaveLength(1);

    await harness.store.update(AGENT_ID, (planner) => ({
      ...planner,
      triggers: planner.triggers.map((t) => (t.id === trigger.id ? { ...t, state: { ...t.state, connectionError: "The Gmail connection expired." } } : t)),
    }));
    // The store change streams in: the card turns red and the banner offers Reconnect.
    expect(await card.findByText("Connection error")).toBeInTheDocument();
    expect(card.getByText("The Gmail connection expired.")).toBeInTheDocument();
    const banner = within(await screen.findByRole("region", { name: "1 item needs attention" }));
    expect(banner.getByText("1 lost connection")).toBeInTheDocument();
    await user.click(banner.getByRole("button", { name: "Reconnect: Invoices" }));
    await waitFor(() => expect(screen.getByRole("dialog")).toBeInTheDocument());
  }, 30_000);

  it("says a trigger is syncing with Composio while its instance is being confirmed, and stops saying it once it is", async () => {
    const harness = createPlannerHarness({ composio });
    const trigger = await harness.caller().triggers.create({
      agentId: AGENT_ID,
      name: "Leads",
      source: { toolkit: "gmail", triggerSlug: "GMAIL_NEW_GMAIL_MESSAGE", connectedAccountId: "ca_user1gmail0001", config: { labelIds: "STARRED" } },
      action: { type: "chat", template: "Lead from {emailFrom}" },
    });
    const sync = { create: true, orphans: [], since: "2026-11-30T09:00:00.000Z", attempts: 1, nextAttemptAt: "2026-11-30T09:01:00.000Z", lastError: "Composio did not answer within 20 seconds." };
    await harness.store.update(AGENT_ID, (planner) => ({ ...planner, triggers: planner.triggers.map((t) => (t.id === trigger.id ? { ...t, sync } : t)) }));
    renderWithPlanner(<PlannerPanel agentId={AGENT_ID} />, { harness });
    const card = within(await screen.findByRole("article", { name: "Leads" }));
    expect(await card.findByRole("status")).toHaveTextContent("Syncing with Composio… (last try: Composio did not answer within 20 seconds.)");

    await harness.store.update(AGENT_ID, (planner) => ({ ...planner, triggers: planner.triggers.map(({ sync: _done, ...t }) => t) }));
    await waitFor(() => expect(card.queryByText(/Syncing with Composio/)).not.toBeInTheDocument());
  }, 30_000);
});

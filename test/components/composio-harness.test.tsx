import { useQuery } from "@tanstack/react-query";
import { screen, waitFor } from "@testing-library/react";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { usePlanner } from "../../src/client";
import { startTestComposio, type TestComposio } from "./composio";
import { AGENT_ID, createPlannerHarness, renderWithPlanner } from "./harness";

let composio: TestComposio;
beforeAll(async () => {
  composio = await startTestComposio();
});
afterAll(() => composio.close());

function GmailAccounts() {
  const trpc = usePlanner();
  const toolkits = useQuery(trpc.catalog.toolkits.queryOptions());
  const accounts = useQuery(trpc.catalog.connectedAccounts.queryOptions({ toolkit: "gmail" }));
  if (toolkits.error) return <p role="alert">{toolkits.error.message}</p>;
  return (
    <>
      <ul aria-label="Toolkits">{toolkits.data?.map((t) => <li key={t.slug}>{t.name}</li>)}</ul>
      <ul aria-label="Gmail accounts">{accounts.data?.map((a) => <li key={a.id}>{a.id}</li>)}</ul>
    </>
  );
}

describe("renderWithPlanner with the Composio sandbox", () => {
  it("reads the catalog and the user's connected accounts through the real gateway", async () => {
    renderWithPlanner(<GmailAccounts />, { composio });
    expect(await screen.findByText("Gmail")).toBeInTheDocument();
    expect(await screen.findByText("ca_user1gmail0001")).toBeInTheDocument();
  });

  it("creates a trigger against the sandbox", async () => {
    const harness = createPlannerHarness({ composio });
    const trigger = await harness.caller().triggers.create({
      agentId: AGENT_ID,
      name: "Invoices",
      source: { toolkit: "gmail", triggerSlug: "GMAIL_NEW_GMAIL_MESSAGE", connectedAccountId: "ca_user1gmail0001", config: { labelIds: "INBOX" } },
      action: { type: "chat", template: "Invoice from {emailFrom}" },
    });
    expect(trigger.composioTriggerId).toBeTruthy();
  });

  it("without the sandbox, trigger catalog reads fail with the router's message", async () => {
    renderWithPlanner(<GmailAccounts />);
    await waitFor(() => expect(screen.getByRole("alert")).toHaveTextContent(/Composio/));
  });
});

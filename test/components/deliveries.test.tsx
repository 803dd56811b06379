/**
 * Issue 24, item 3 in the UI: "Try on recent events" in the trigger dialog runs the filter and template being edited
 * on the trigger's real deliveries (sent by the local Composio sandbox through the real webhook route), and the
 * trigger's history shows its delivery log with verdict chips.
 */
import { screen, waitFor, within } from "@testing-library/react";
import { useState } from "react";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HistoryDialog, TriggerDialog } from "../../src/components";
import type { Trigger } from "../../src/shared/schemas";
import { startTestComposio, type TestComposio } from "./composio";
import { AGENT_ID, createPlannerHarness, renderWithPlanner, type PlannerHarness } from "./harness";

let composio: TestComposio;
beforeAll(async () => {
  composio = await startTestComposio();
});
afterAll(() => composio.close());

function Opened({ trigger }: { trigger?: Trigger }) {
  const [open, setOpen] = useState(true);
  return <TriggerDialog agentId={AGENT_ID} open={open} onOpenChange={setOpen} {...(trigger ? { trigger } : {})} />;
}

/** An "Invoices" Gmail trigger (subject contains "invoice") that received three events: two invoices and a lunch. */
async function triggerWithDeliveries(harness: PlannerHarness) {
  const trigger = await harness.caller().triggers.create({
    agentId: AGENT_ID,
    name: "Invoices",
    source: { toolkit: "gmail", triggerSlug: "GMAIL_NEW_GMAIL_MESSAGE", connectedAccountId: "ca_user1gmail0001", config: { labelIds: "STARRED" } },
    filters: { match: "all", conditions: [{ path: "subject", op: "contains", value: "invoice" }] },
    action: { type: "chat", template: "Invoice: {subject}" },
  });
  const composioId = trigger.composioTriggerId!;
  for (const subject of ["Invoice 1001", "Lunch on Friday?", "Invoice 1002 \u202Efdp.exe"]) {
    const sent = await composio.sandbox.emit(composioId, { subject, sender: "billing@example.com" });
    expect(sent.status).toBe(200);
  }
  return trigger;
}

describe("Try on recent events", { timeout: 90_000 }, () => {
  it("runs the edited, unsaved filter and template on the last deliveries: counts, the failed condition, each rendered message", async () => {
    const harness = createPlannerHarness({ composio });
    const trigger = await triggerWithDeliveries(harness);
    const { user } = renderWithPlanner(<Opened trigger={trigger} />, { harness });
    const section = await screen.findByRole("region", { name: "Try on recent events" });
    await user.click(within(section).getByRole("button", { name: "Try on recent events" }));

    const status = within(section).getByRole("status");
    await waitFor(() => expect(status).toHaveTextContent("Would fire 2 of the last 3; 1 filtered by condition 1"));
    expect(status).toHaveTextContent("condition 1: subject contains 'invoice'");
    const items = within(section).getAllByRole("listitem").filter((li) => li.classList.contains("planner-try-item"));
    expect(items.map((li) => within(li).getByText(/^(Would fire|Filtered|Skipped)$/).textContent)).toEqual(["Would fire", "Filtered", "Would fire"]);
    expect(within(items[0]!).getByText("Invoice: Invoice 1002 \u202Efdp.exe").tagName).toBe("BDI");
    expect(within(items[2]!).getByText("Invoice: Invoice 1001")).toBeInTheDocument();

    // Edit the filter without saving: now only lunch would fire.
    const value = screen.getByDisplayValue("invoice");
    await user.clear(value);
    await user.type(value, "lunch");
    await user.click(within(section).getByRole("button", { name: "Try again" }));
    await waitFor(() => expect(status).toHaveTextContent("Would fire 1 of the last 3; 2 filtered by condition 1"));
    expect(status).toHaveTextContent("condition 1: subject contains 'lunch'");
    // Nothing was saved.
    expect((await harness.store.getTrigger(AGENT_ID, trigger.id))?.filters?.conditions[0]?.value).toBe("invoice");
    await harness.dispose();
  });

  it("says a new trigger has no events to try yet", async () => {
    renderWithPlanner(<Opened />, { composio });
    const section = await screen.findByRole("region", { name: "Try on recent events" });
    expect(within(section).getByText(/Events are collected once the trigger is saved/)).toBeInTheDocument();
    expect(within(section).queryByRole("button")).not.toBeInTheDocument();
  });

  it("shows the filter's error when the edited filter cannot be tried", async () => {
    const harness = createPlannerHarness({ composio });
    const trigger = await triggerWithDeliveries(harness);
    const { user } = renderWithPlanner(<Opened trigger={trigger} />, { harness });
    const section = await screen.findByRole("region", { name: "Try on recent events" });
    await user.clear(screen.getByDisplayValue("invoice"));
    await user.click(within(section).getByRole("button", { name: "Try on recent events" }));
    await waitFor(() => expect(within(section).getByRole("status")).toHaveTextContent(/The filter could not be tried\./));
    await harness.dispose();
  });
});

describe("the delivery log in a trigger's history", { timeout: 90_000 }, () => {
  it("lists the deliveries newest first with verdict chips, the failed condition and the payload", async () => {
    const harness = createPlannerHarness({ composio });
    const trigger = await triggerWithDeliveries(harness);
    const { user } = renderWithPlanner(<HistoryDialog agentId={AGENT_ID} owner={{ kind: "trigger", id: trigger.id }} name="Invoices" open onOpenChange={() => {}} />, { harness });
    const log = await screen.findByRole("region", { name: "Recent deliveries" });
    const rows = await within(log).findAllByRole("row");
    // A header row, then three deliveries, newest first.
    expect(rows).toHaveLength(4);
    expect(rows.slice(1).map((row) => row.getAttribute("data-verdict"))).toEqual(["fired", "filtered", "fired"]);
    expect(within(rows[2]!).getByText("Filtered")).toBeInTheDocument();
    expect(within(rows[2]!).getByText("condition 1: subject contains 'invoice'")).toBeInTheDocument();
    expect(within(rows[1]!).getByText("Fired")).toBeInTheDocument();
    await user.click(within(rows[1]!).getByText("Payload"));
    // Bidi controls in the payload are shown as escapes, so they cannot reorder the page.
    expect(within(rows[1]!).getByText(/\\u202e/)).toBeInTheDocument();
    await harness.dispose();
  });

  it("teaches when nothing arrived yet", async () => {
    const harness = createPlannerHarness({ composio });
    const trigger = await harness.caller().triggers.create({
      agentId: AGENT_ID,
      name: "Quiet",
      source: { toolkit: "gmail", triggerSlug: "GMAIL_NEW_GMAIL_MESSAGE", connectedAccountId: "ca_user1gmail0001", config: { labelIds: "STARRED" } },
      action: { type: "chat", template: "x" },
    });
    renderWithPlanner(<HistoryDialog agentId={AGENT_ID} owner={{ kind: "trigger", id: trigger.id }} name="Quiet" open onOpenChange={() => {}} />, { harness });
    const log = await screen.findByRole("region", { name: "Recent deliveries" });
    expect(await within(log).findByText(/No events received yet/)).toBeInTheDocument();
    await harness.dispose();
  });
});

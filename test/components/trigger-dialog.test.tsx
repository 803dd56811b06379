import { screen, waitFor, within } from "@testing-library/react";
import { useState } from "react";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TriggerDialog } from "../../src/components";
import type { Trigger } from "../../src/shared/schemas";
import { startTestComposio, type TestComposio } from "./composio";
import { EVERY_SETTING } from "./every-setting-type";
import { AGENT_ID, createPlannerHarness, renderWithPlanner, type PlannerHarness } from "./harness";

let composio: TestComposio;
beforeAll(async () => {
  composio = await startTestComposio({
    "user-1": [
      { toolkit: "gmail", id: "ca_user1gmail0001" },
      { toolkit: "linear", id: "ca_user1linear001" },
    ],
  });
  composio.sandbox.state.triggerTypes.set(EVERY_SETTING.slug, EVERY_SETTING);
});
afterAll(() => composio.close());

function Opened({ trigger, onSaved }: { trigger?: Trigger; onSaved?: (trigger: Trigger) => void }) {
  const [open, setOpen] = useState(true);
  return (
    <>
      <p>{open ? "Dialog open" : "Dialog closed"}</p>
      <TriggerDialog agentId={AGENT_ID} open={open} onOpenChange={setOpen} {...(trigger ? { trigger } : {})} {...(onSaved ? { onSaved } : {})} />
    </>
  );
}

/** After Create or Save the trigger dialog closes, like the job dialog. */
async function closedAfterSave() {
  await waitFor(() => expect(screen.getByText("Dialog closed")).toBeInTheDocument());
  expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
}

async function pickApp(user: ReturnType<typeof renderWithPlanner>["user"], app: string, event: string) {
  await user.click(await screen.findByRole("radio", { name: app }));
  await user.click(await screen.findByRole("radio", { name: event }));
}

async function paste(user: ReturnType<typeof renderWithPlanner>["user"], element: HTMLElement, text: string) {
  await user.clear(element);
  await user.click(element);
  await user.paste(text);
}

async function seedGmailTrigger(harness: PlannerHarness) {
  return harness.caller().triggers.create({
    agentId: AGENT_ID,
    name: "Invoices",
    source: { toolkit: "gmail", triggerSlug: "GMAIL_NEW_GMAIL_MESSAGE", connectedAccountId: "ca_user1gmail0001", config: { labelIds: "STARRED" } },
    filters: { match: "all", conditions: [{ path: "subject", op: "contains", value: "invoice" }] },
    action: { type: "chat", template: "Invoice from {sender}" },
  });
}

// Long interactions: typing into a full dialog in jsdom takes seconds on a shared machine.
describe("TriggerDialog", { timeout: 60_000 }, () => {
  it("builds the settings form from the trigger type's config schema and creates the trigger in Composio", async () => {
    const saved: Trigger[] = [];
    const { user, store } = renderWithPlanner(<Opened onSaved={(t) => saved.push(t)} />, { composio });
    expect(await screen.findByRole("dialog", { name: "Create event trigger" })).toBeInTheDocument();
    expect(await screen.findByRole("img", { name: "Gmail logo" })).toBeInTheDocument();

    await user.click(screen.getByRole("radio", { name: "Linear" }));
    expect(await screen.findByText("You have a connected Linear account.")).toBeInTheDocument();
    const event = await screen.findByRole("radio", { name: "Issue updated" });
    expect(event).toHaveAccessibleDescription("Triggers when an issue in a team changes.");
    await user.click(event);

    const team = await screen.findByRole("textbox", { name: "Team Id" });
    expect(team).toHaveAttribute("aria-required", "true");
    expect(team).toHaveAccessibleDescription(/The team whose issues to watch\. For example: TEAM-42\./);
    const estimate = screen.getByRole("spinbutton", { name: "Min Estimate" });
    expect(estimate).toHaveValue(1);
    expect(estimate).toHaveAccessibleDescription(/From 0 to 21\./);
    expect(screen.getByRole("switch", { name: "Include Archived" })).not.toBeChecked();
    expect(screen.getByRole("combobox", { name: "Priority" })).toHaveTextContent("Not set");
    expect(screen.getByRole("textbox", { name: "Labels" })).toHaveAccessibleDescription(/One per line\./);

    await user.type(screen.getByRole("textbox", { name: "Name" }), "Bugs in Platform");
    await user.type(team, "TEAM-42");
    await user.clear(estimate);
    await user.type(estimate, "99");
    await user.click(screen.getByRole("switch", { name: "Include Archived" }));
    await user.click(screen.getByRole("combobox", { name: "Priority" }));
    await user.click(await screen.findByRole("option", { name: "high" }));
    await user.type(screen.getByRole("textbox", { name: "Labels" }), "bug{Enter}regression");
    await user.click(screen.getByRole("button", { name: "Add condition" }));
    await user.type(screen.getByRole("combobox", { name: "Field of condition 1" }), "state");
    await user.type(screen.getByRole("textbox", { name: "Value of condition 1" }), "In Progress");
    await paste(user, screen.getByRole("textbox", { name: "Message template" }), "Issue {title} is now {state}");
    await user.click(screen.getByRole("button", { name: "Create trigger" }));

    // The server checks the settings with the same schema; its error lands on the field.
    await waitFor(() => expect(screen.getByRole("spinbutton", { name: "Min Estimate" })).toHaveAccessibleDescription(/must be <= 21/));
    expect((await store.get(AGENT_ID)).triggers).toHaveLength(0);

    await user.clear(estimate);
    await user.type(estimate, "3");
    await user.click(screen.getByRole("button", { name: "Create trigger" }));
    await closedAfterSave();

    const [trigger] = (await store.get(AGENT_ID)).triggers;
    expect(trigger?.source).toEqual({
      toolkit: "linear",
      triggerSlug: "LINEAR_ISSUE_UPDATED_TRIGGER",
      connectedAccountId: "ca_user1linear001",
      config: { team_id: "TEAM-42", min_estimate: 3, include_archived: true, priority: "high", labels: ["bug", "regression"] },
    });
    expect(trigger?.filters).toEqual({ match: "all", conditions: [{ path: "state", op: "equals", value: "In Progress" }] });
    expect(trigger?.action).toEqual({ type: "chat", template: "Issue {title} is now {state}" });
    expect(saved.map((t) => t.id)).toEqual([trigger?.id]);
    const instance = composio.sandbox.state.instances.get(trigger?.composioTriggerId ?? "");
    expect(instance?.config).toEqual(trigger?.source.config);
  });

  it("previews a sample event: the message when the filters match, the failed condition when they do not", async () => {
    const { user } = renderWithPlanner(<Opened />, { composio });
    await pickApp(user, "Gmail", "New Gmail message");
    await user.type(screen.getByRole("textbox", { name: "Name" }), "Invoices");
    await user.click(screen.getByRole("button", { name: "Add condition" }));
    await user.type(screen.getByRole("combobox", { name: "Field of condition 1" }), "subject");
    await user.click(screen.getByRole("combobox", { name: "Comparison of condition 1" }));
    await user.click(await screen.findByRole("option", { name: "contains" }));
    await user.type(screen.getByRole("textbox", { name: "Value of condition 1" }), "sample");
    await paste(user, await screen.findByRole("textbox", { name: "Message template" }), "New email from {sender}: {subject}");

    await user.click(screen.getByRole("button", { name: "Preview with a sample event" }));
    const preview = () => document.querySelector<HTMLElement>("[data-slot=planner-sample-preview] [role=status]")!;
    await waitFor(() => expect(preview()).toHaveTextContent("Filters matched: the action runs."));
    expect(within(preview()).getByText("New email from Sample Sender: Sample Subject")).toBeInTheDocument();

    await paste(user, screen.getByRole("textbox", { name: "Value of condition 1" }), "invoice");
    await waitFor(() => expect(preview()).toHaveTextContent("Filtered out: the action would not run."));
    expect(within(preview()).getByText("subject contains “invoice” failed: the event has “Sample Subject”.")).toBeInTheDocument();

    // The sample can be edited to try another event.
    await paste(user, screen.getByRole("textbox", { name: "Sample event" }), JSON.stringify({ subject: "Invoice #42", sender: "billing@acme.com" }));
    await waitFor(() => expect(preview()).toHaveTextContent("Filters matched: the action runs."));
    expect(within(preview()).getByText("New email from billing@acme.com: Invoice #42")).toBeInTheDocument();
  });

  it("a workflow action's input is a form from the workflow's input schema mapping event fields; the whole event only when it has the required fields", async () => {
    const { user, store } = renderWithPlanner(<Opened />, { composio });
    await pickApp(user, "Gmail", "New Gmail message");
    await user.type(screen.getByRole("textbox", { name: "Name" }), "Triage mail");
    await user.click(await screen.findByRole("radio", { name: "Execute workflow" }));
    await user.click(screen.getByRole("combobox", { name: "Workflow" }));
    await user.click(await screen.findByRole("option", { name: "Triage inbox" }));
    // Triage inbox needs "folder" (shown as "Folder"): the mapping form offers one template per input, with the event's fields.
    const folder = await screen.findByRole("textbox", { name: "Folder" });
    expect(screen.getByRole("radio", { name: "Map event fields to the workflow's inputs" })).toBeChecked();
    await user.click(screen.getByRole("button", { name: "Create trigger" }));
    await waitFor(() => expect(folder).toBeInvalid());
    expect(folder).toHaveAccessibleDescription(/The workflow needs 'folder': choose what to send in it\./);
    expect((await store.get(AGENT_ID)).triggers).toHaveLength(0);

    // The whole event has no "folder" either.
    await user.click(screen.getByRole("radio", { name: "Send the whole event" }));
    expect(await screen.findByRole("textbox", { name: "Input (JSON) (optional)" })).toHaveAccessibleDescription(
      "A JSON object sent to the workflow instead of the event; leave empty to send the whole event payload.",
    );
    const status = () => document.querySelector<HTMLElement>("[data-slot=planner-dialog-footer] [role=status]")!;
    await waitFor(() => expect(status()).toHaveTextContent("The workflow needs 'folder', but this event has no folder"));

    await user.click(screen.getByRole("radio", { name: "Map event fields to the workflow's inputs" }));
    await user.click(screen.getByRole("button", { name: "Insert an event field into Folder" }));
    await user.click(await screen.findByRole("menuitem", { name: /^subject/ }));
    expect(screen.getByRole("textbox", { name: "Folder" })).toHaveValue("{subject}");
    await user.click(screen.getByRole("button", { name: "Create trigger" }));
    await closedAfterSave();
    expect((await store.get(AGENT_ID)).triggers[0]?.action).toEqual({ type: "workflow", workflowId: "wf_triage", input: { mode: "fields", fields: { folder: "{subject}" } } });
  });

  it("names an unknown variable in the footer and does not save until it is fixed", async () => {
    const { user, store } = renderWithPlanner(<Opened />, { composio });
    await pickApp(user, "Gmail", "New Gmail message");
    await user.type(screen.getByRole("textbox", { name: "Name" }), "Invoices");
    const template = await screen.findByRole("textbox", { name: "Message template" });
    await paste(user, template, "Mail from {sendr}");
    const status = () => document.querySelector<HTMLElement>("[data-slot=planner-dialog-footer] [role=status]")!;
    await waitFor(() => expect(status()).toHaveTextContent("1 unknown variable: {sendr} — a run would leave it empty."));
    expect(status()).toHaveAttribute("data-tone", "danger");
    await user.click(screen.getByRole("button", { name: "Create trigger" }));
    await waitFor(() => expect(template).toBeInvalid());
    expect((await store.get(AGENT_ID)).triggers).toHaveLength(0);

    await paste(user, template, "Mail from {sender}");
    await waitFor(() => expect(status()).toHaveTextContent("Configuration valid · ready to create"));
    await user.click(screen.getByRole("button", { name: "Create trigger" }));
    await closedAfterSave();
    expect((await store.get(AGENT_ID)).triggers[0]?.action).toEqual({ type: "chat", template: "Mail from {sender}" });
  });

  it("says how to connect an app the user has no account for", async () => {
    const { user } = renderWithPlanner(<Opened />, { composio });
    await user.click(await screen.findByRole("radio", { name: "GitHub" }));
    expect(await screen.findByText(/You have no connected GitHub account yet/)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Check again" })).toBeInTheDocument();
  });

  it("edit pre-fills every section, saves, then sends a test event", async () => {
    const harness = createPlannerHarness({ composio });
    await harness.planner.start();
    const trigger = await seedGmailTrigger(harness);
    const { user, store, executors } = renderWithPlanner(<Opened trigger={trigger} />, { harness });

    expect(await screen.findByRole("dialog", { name: "Edit Invoices" })).toBeInTheDocument();
    expect(screen.getByRole("textbox", { name: "Name" })).toHaveValue("Invoices");
    expect(await screen.findByRole("radio", { name: "Gmail" })).toBeChecked();
    expect(await screen.findByRole("radio", { name: "New Gmail message" })).toBeChecked();
    expect(await screen.findByRole("textbox", { name: "Label Ids" })).toHaveValue("STARRED");
    expect(screen.getByRole("combobox", { name: "Field of condition 1" })).toHaveValue("subject");
    expect(screen.getByRole("textbox", { name: "Value of condition 1" })).toHaveValue("invoice");
    expect(screen.getByRole("textbox", { name: "Message template" })).toHaveValue("Invoice from {sender}");
    expect(screen.getByRole("button", { name: "Send test event" })).toBeEnabled();

    // A stored trigger without unsaved edits can be tested right away.
    await user.click(screen.getByRole("button", { name: "Send test event" }));
    expect(await screen.findByText(/Test event sent/)).toBeInTheDocument();
    await harness.planner.idle();
    expect(executors.chats.map((chat) => chat.message)).toEqual(["Invoice from Sample Sender"]);

    await user.clear(screen.getByRole("textbox", { name: "Name" }));
    await user.type(screen.getByRole("textbox", { name: "Name" }), "Invoices (billing)");
    expect(screen.getByRole("button", { name: "Send test event" })).toBeDisabled();
    await user.click(screen.getByRole("button", { name: "Remove condition 1" }));
    await user.click(screen.getByRole("button", { name: "Save" }));
    await closedAfterSave();
    const [stored] = (await store.get(AGENT_ID)).triggers;
    expect(stored).toMatchObject({ name: "Invoices (billing)", revision: 2, filters: { match: "all", conditions: [] } });
  });

  it("a stale edit offers to reload the latest version", async () => {
    const harness = createPlannerHarness({ composio });
    const trigger = await seedGmailTrigger(harness);
    const { user } = renderWithPlanner(<Opened trigger={trigger} />, { harness });
    await screen.findByRole("dialog", { name: "Edit Invoices" });
    await harness.caller().triggers.update({ agentId: AGENT_ID, triggerId: trigger.id, expectedRevision: 1, name: "Renamed elsewhere" });

    await user.type(screen.getByRole("textbox", { name: "Name" }), " 2");
    await user.click(screen.getByRole("button", { name: "Save" }));
    const alert = await screen.findByText(/Someone else changed this trigger/);
    await user.click(within(alert.parentElement!).getByRole("button", { name: "Reload latest version" }));
    await waitFor(() => expect(screen.getByRole("textbox", { name: "Name" })).toHaveValue("Renamed elsewhere"));
    expect(screen.queryByText(/Someone else changed this trigger/)).not.toBeInTheDocument();

    await user.type(screen.getByRole("textbox", { name: "Name" }), "!");
    await user.click(screen.getByRole("button", { name: "Save" }));
    await closedAfterSave();
    expect((await harness.store.get(AGENT_ID)).triggers[0]).toMatchObject({ name: "Renamed elsewhere!", revision: 3 });
  });
});

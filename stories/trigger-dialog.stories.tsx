import type { Meta, StoryObj } from "@storybook/react-vite";
import { useState } from "react";
import { expect, waitFor, within } from "storybook/test";
import { TriggerDialog } from "../src/components";
import { Button } from "../src/components/ui";
import type { Trigger } from "../src/shared/schemas";
import { AGENT_ID } from "./support/browser-planner";
import { plannerOf, withPlanner } from "./support/planner-story";
import { triggerInput } from "./support/seed";

function OpenTriggerDialog({ trigger }: { trigger?: Trigger | undefined }) {
  const [open, setOpen] = useState(true);
  return (
    <>
      <Button variant="outline" onClick={() => setOpen(true)}>
        Add trigger
      </Button>
      <TriggerDialog agentId={AGENT_ID} trigger={trigger} open={open} onOpenChange={setOpen} />
    </>
  );
}

/**
 * Create or edit an event trigger. The catalog (toolkits, events, their config and payload schemas) comes from
 * the Composio fixtures through an in-browser gateway; saving goes through the real router.
 */
const meta = {
  title: "Triggers/TriggerDialog",
  args: { edit: "" },
  render: ({ edit }, context) => {
    const planner = plannerOf(context);
    const trigger = edit ? planner.triggers.find((candidate) => candidate.name === edit) : undefined;
    return <OpenTriggerDialog trigger={trigger} />;
  },
} satisfies Meta<{ edit: string }>;
export default meta;
type Story = StoryObj<typeof meta>;

const body = (element: HTMLElement) => within(element.ownerDocument.body);

export const Create: Story = {
  ...withPlanner(),
  play: async ({ canvasElement }) => {
    const page = body(canvasElement);
    await expect(await page.findByRole("dialog", { name: "Create event trigger" })).toBeVisible();
    await expect(await page.findByRole("img", { name: "Gmail logo" })).toBeVisible();
  },
};

/** Picks Gmail and its new-message event, names the trigger, writes the template and creates it. */
export const CreateAndSubmit: Story = {
  ...withPlanner(),
  play: async (context) => {
    const { canvasElement, userEvent } = context;
    const page = body(canvasElement);
    await page.findByRole("dialog", { name: "Create event trigger" });
    await userEvent.click(await page.findByRole("radio", { name: "Gmail" }));
    await expect(await page.findByText("You have a connected Gmail account.")).toBeVisible();
    await userEvent.click(await page.findByRole("radio", { name: "New Gmail Message Received Trigger" }));
    await userEvent.type(page.getByRole("textbox", { name: "Name" }), "Invoices");
    const template = await page.findByRole("textbox", { name: "Message template" });
    await userEvent.clear(template);
    await userEvent.click(template);
    await userEvent.paste("New email from {sender}: {subject}");
    await userEvent.click(page.getByRole("button", { name: "Create trigger" }));
    // Created: the dialog closes, as the job dialog does.
    await waitFor(() => expect(page.queryByRole("dialog", { name: "Create event trigger" })).not.toBeInTheDocument());
    const [trigger] = await plannerOf(context).caller.triggers.list({ agentId: AGENT_ID });
    await expect(trigger).toMatchObject({ name: "Invoices", source: { toolkit: "gmail", triggerSlug: "GMAIL_NEW_GMAIL_MESSAGE" }, action: { type: "chat", template: "New email from {sender}: {subject}" } });
  },
};

/** A saved Gmail trigger with a filter, opened for editing. */
export const Edit: Story = {
  args: { edit: "Invoices" },
  ...withPlanner(({ caller }) =>
    caller.triggers.create(
      triggerInput("Invoices", "gmail", {
        source: { toolkit: "gmail", triggerSlug: "GMAIL_NEW_GMAIL_MESSAGE", connectedAccountId: "ca_storygmail01", config: { labelIds: "STARRED" } },
        filters: { match: "all", conditions: [{ path: "subject", op: "contains", value: "invoice" }] },
        action: { type: "chat", template: "Invoice from {sender}" },
      }),
    ),
  ),
  play: async ({ canvasElement }) => {
    const page = body(canvasElement);
    await expect(await page.findByRole("dialog", { name: "Edit Invoices" })).toBeVisible();
    await expect(await page.findByRole("radio", { name: "Gmail" })).toBeChecked();
    await expect(await page.findByRole("textbox", { name: "Label Ids" })).toHaveValue("STARRED");
    await expect(page.getByRole("textbox", { name: "Value of condition 1" })).toHaveValue("invoice");
  },
};

/** No GitHub account connected: the dialog says so and offers to check again. */
export const NoConnectedAccount: Story = {
  ...withPlanner(undefined, { composio: { accounts: { gmail: "ACTIVE" } } }),
  play: async ({ canvasElement, userEvent }) => {
    const page = body(canvasElement);
    await userEvent.click(await page.findByRole("radio", { name: "GitHub" }));
    await expect(await page.findByText(/You have no connected GitHub account yet/)).toBeVisible();
    await expect(page.getByRole("button", { name: "Check again" })).toBeVisible();
  },
};

/** Creating without a name, an event or a template: the footer and the fields name the problems. */
export const ValidationErrors: Story = {
  ...withPlanner(),
  play: async (context) => {
    const { canvasElement, userEvent } = context;
    const page = body(canvasElement);
    const dialog = within(await page.findByRole("dialog", { name: "Create event trigger" }));
    await userEvent.click(await dialog.findByRole("radio", { name: "GitHub" }));
    await userEvent.click(await dialog.findByRole("radio", { name: "Pull Request Event" }));
    await userEvent.click(dialog.getByRole("button", { name: "Create trigger" }));
    await expect(dialog.getByRole("status")).not.toHaveTextContent(/valid/i);
    await expect((await plannerOf(context).caller.triggers.list({ agentId: AGENT_ID })).length).toBe(0);
  },
};

export const ComposioNotConfigured: Story = {
  ...withPlanner(undefined, { composio: false }),
  play: async ({ canvasElement }) => {
    await expect(await body(canvasElement).findByText(/Composio is not configured/)).toBeVisible();
  },
};

export const Loading: Story = {
  ...withPlanner(undefined, { link: "never" }),
  play: async ({ canvasElement }) => {
    await expect(await body(canvasElement).findByRole("dialog", { name: "Create event trigger" })).toBeVisible();
  },
};

export const Dark: Story = { ...Edit, globals: { theme: "dark" } };

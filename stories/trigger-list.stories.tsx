import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, fn, within } from "storybook/test";
import { TriggerList } from "../src/components";
import { AGENT_ID, STORY_NOW } from "./support/browser-planner";
import { withPlanner } from "./support/planner-story";
import { breakTrigger, LONG_TRIGGER_NAME, seedManyTriggers, seedPanel, triggerInput } from "./support/seed";

/** The Event Triggers section: one card per trigger, live. */
const meta = {
  title: "Triggers/TriggerList",
  component: TriggerList,
  args: { agentId: AGENT_ID, onAdd: fn(), onEdit: fn() },
} satisfies Meta<typeof TriggerList>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Empty: Story = {
  ...withPlanner(),
  play: async ({ canvas, args, userEvent }) => {
    await expect(await canvas.findByText("No event triggers yet")).toBeVisible();
    await userEvent.click(canvas.getByRole("button", { name: "Add trigger" }));
    await expect(args.onAdd).toHaveBeenCalled();
  },
};

export const Loading: Story = {
  ...withPlanner(undefined, { link: "never" }),
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole("status", { name: "Loading event triggers…" })).toBeInTheDocument();
  },
};

export const Populated: Story = {
  ...withPlanner((planner) => seedPanel(planner, "populated", STORY_NOW)),
  play: async ({ canvas }) => {
    const card = within(await canvas.findByRole("article", { name: "Invoice emails" }));
    await expect(card.getByText("Gmail")).toBeVisible();
    await expect(card.getByText("3 events today")).toBeVisible();
  },
};

export const Paused: Story = {
  ...withPlanner(async ({ caller }) => {
    const trigger = await caller.triggers.create(triggerInput("PR review requests", "github"));
    await caller.triggers.pause({ agentId: AGENT_ID, triggerId: trigger.id });
  }),
  play: async ({ canvas }) => {
    const card = within(await canvas.findByRole("article", { name: "PR review requests" }));
    await expect(card.getAllByText("Paused")[0]).toBeVisible();
  },
};

/** The Slack connection expired: the card says so and the trigger counts as broken. */
export const BrokenConnection: Story = {
  ...withPlanner(async (planner) => {
    const trigger = await planner.caller.triggers.create(triggerInput("Support mentions", "slack"));
    await breakTrigger(planner, trigger.id);
  }),
  play: async ({ canvas }) => {
    const card = within(await canvas.findByRole("article", { name: "Support mentions" }));
    await expect(card.getByText("Connection error")).toBeVisible();
    await expect(card.getByText(/The Slack connection expired/)).toBeVisible();
  },
};

export const ErrorNoAccess: Story = {
  name: "Error (no access)",
  ...withPlanner((planner) => seedPanel(planner, "populated", STORY_NOW), { viewer: "stranger" }),
  play: async ({ canvas }) => {
    await expect(await canvas.findByText(/do not have access to this agent/)).toBeVisible();
  },
};

/** The server has no Composio gateway: the section explains, nothing breaks. */
export const ComposioNotConfigured: Story = {
  ...withPlanner(undefined, { composio: false }),
  play: async ({ canvas }) => {
    await expect(await canvas.findByText(/Composio is not configured/)).toBeVisible();
  },
};

export const LongNames: Story = {
  ...withPlanner(async ({ caller }) => {
    await caller.triggers.create(triggerInput(LONG_TRIGGER_NAME, "slack", { description: "Answers the escalation with the account's renewal date, its open tickets and the account manager, and asks whether to page the on-call engineer." }));
    await caller.triggers.create(triggerInput("Short one", "gmail"));
  }),
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole("article", { name: LONG_TRIGGER_NAME })).toBeVisible();
  },
};

export const FiftyItems: Story = {
  ...withPlanner((planner) => seedManyTriggers(planner, 50)),
  play: async ({ canvas }) => {
    await expect(await canvas.findAllByRole("article")).toHaveLength(50);
  },
};

export const Dark: Story = { ...Populated, globals: { theme: "dark" } };

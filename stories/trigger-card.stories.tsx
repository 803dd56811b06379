import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, within } from "storybook/test";
import { TriggerCard } from "../src/components";
import { AGENT_ID, STORY_NOW } from "./support/browser-planner";
import { plannerOf, triggerNamed, withPlanner } from "./support/planner-story";
import { breakTrigger, LONG_TRIGGER_NAME, runOf, seedRuns, triggerInput, updateTrigger, workflow } from "./support/seed";

/** One trigger card, picked by name from the triggers the story seeded (as `triggers.list` returns them). */
const meta = {
  title: "Triggers/TriggerCard",
  args: { name: "Invoice emails" },
  render: ({ name }, context) => (
    <div style={{ maxWidth: 720 }}>
      <TriggerCard agentId={AGENT_ID} trigger={triggerNamed(plannerOf(context), name)} />
    </div>
  ),
} satisfies Meta<{ name: string }>;
export default meta;
type Story = StoryObj<typeof meta>;

const INVOICES = triggerInput("Invoice emails", "gmail", { description: "New mail with an invoice attached goes to the bookkeeping workflow.", action: workflow("wf_digest") });
const HOUR = 3_600_000;

export const Active: Story = {
  ...withPlanner(async (planner) => {
    const trigger = await planner.caller.triggers.create(INVOICES);
    await seedRuns(planner, [0.4, 1.6, 2.3].map((hours) => runOf({ kind: "trigger", id: trigger.id }, "succeeded", STORY_NOW - hours * HOUR)));
  }),
  play: async ({ canvas }) => {
    const card = within(await canvas.findByRole("article", { name: "Invoice emails" }));
    await expect(card.getByText("Gmail")).toBeVisible();
    await expect(card.getByText("3 events today")).toBeVisible();
  },
};

export const NoEventsYet: Story = {
  ...withPlanner(({ caller }) => caller.triggers.create(INVOICES)),
  play: async ({ canvas }) => {
    await expect(await canvas.findByText("No events today")).toBeVisible();
  },
};

export const Paused: Story = {
  ...withPlanner(async ({ caller }) => {
    const trigger = await caller.triggers.create(INVOICES);
    await caller.triggers.pause({ agentId: AGENT_ID, triggerId: trigger.id });
  }),
  play: async ({ canvas }) => {
    const card = await canvas.findByRole("article", { name: "Invoice emails" });
    await expect(within(card).getAllByText("Paused").length).toBeGreaterThan(0);
  },
};

export const BrokenConnection: Story = {
  ...withPlanner(async (planner) => {
    const trigger = await planner.caller.triggers.create(INVOICES);
    await breakTrigger(planner, trigger.id, "Gmail");
  }),
  play: async ({ canvas }) => {
    await expect(await canvas.findByText("Connection error")).toBeVisible();
    await expect(canvas.getByText(/The Gmail connection expired/)).toBeVisible();
  },
};

/** The workflow failed on the last event. */
export const Failed: Story = {
  ...withPlanner(async (planner) => {
    const trigger = await planner.caller.triggers.create(INVOICES);
    await seedRuns(planner, [runOf({ kind: "trigger", id: trigger.id }, "failed", STORY_NOW - HOUR, { error: "The bookkeeping workflow rejected the input: amount is missing." })]);
    await updateTrigger(planner, trigger.id, (t) => ({ ...t, state: { ...t.state, consecutiveFailures: 1 } }));
  }),
  play: async ({ canvas }) => {
    await expect(await canvas.findByText("The bookkeeping workflow rejected the input: amount is missing.")).toBeVisible();
  },
};

export const MenuOpen: Story = {
  ...Active,
  play: async ({ canvas, userEvent, canvasElement }) => {
    await userEvent.click(await canvas.findByRole("button", { name: "Actions for Invoice emails" }));
    const body = within(canvasElement.ownerDocument.body);
    await expect(await body.findByRole("menuitem", { name: "Send test event" })).toBeVisible();
  },
};

export const LongName: Story = {
  args: { name: LONG_TRIGGER_NAME },
  ...withPlanner(({ caller }) => caller.triggers.create(triggerInput(LONG_TRIGGER_NAME, "slack"))),
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole("article", { name: LONG_TRIGGER_NAME })).toBeVisible();
  },
};

export const Dark: Story = { ...BrokenConnection, globals: { theme: "dark" } };

import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, fn, within } from "storybook/test";
import { ProposalList } from "../src/components";
import { AGENT_ID, STORY_NOW } from "./support/browser-planner";
import { withPlanner } from "./support/planner-story";

/** Jobs and reminders the agent proposed through `plannerTools`, pending Approve / Edit / Reject. */
const meta = {
  title: "Jobs/ProposalList",
  component: ProposalList,
  args: { agentId: AGENT_ID, onEdit: fn() },
  render: (args) => (
    <div style={{ maxWidth: 960 }}>
      <ProposalList {...args} />
    </div>
  ),
} satisfies Meta<typeof ProposalList>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Pending: Story = {
  ...withPlanner(async ({ caller }) => {
    await caller.proposals.create({
      agentId: AGENT_ID,
      job: {
        name: "Monday job search plan",
        schedule: { cron: "0 9 * * 1", timezone: "Europe/Paris" },
        action: { type: "chat", template: "It is {dayOfWeek} {time}: plan this week's applications for {agentName}." },
      },
      reason: "You asked me to plan the week every Monday at 9.",
      chatId: "chat-1",
    });
    await caller.proposals.create({
      agentId: AGENT_ID,
      kind: "reminder",
      runAt: new Date(STORY_NOW + 2 * 3_600_000).toISOString().replace(/:\d\d\.\d{3}Z$/, ":00.000Z"),
      job: {
        name: "Reminder: call the recruiter",
        schedule: { cron: "0 11 * * *", timezone: "UTC" },
        action: { type: "chat", template: "Call the recruiter back about the interview." },
      },
    });
  }),
  play: async ({ canvas }) => {
    const card = within(await canvas.findByRole("article", { name: "Monday job search plan" }));
    await expect(card.getByText("Pending approval")).toBeVisible();
    await expect(card.getByRole("button", { name: "Approve" })).toBeVisible();
    await expect(await canvas.findByRole("article", { name: "Reminder: call the recruiter" })).toBeVisible();
  },
};

export const Empty: Story = {
  ...withPlanner(),
  play: async ({ canvas }) => {
    await expect(canvas.queryByRole("region")).toBeNull();
  },
};

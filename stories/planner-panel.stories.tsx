import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, within } from "storybook/test";
import { useState } from "react";
import { PlannerPanel, type PlannerPanelDialog, type PlannerPanelProps } from "../src/components";
import { AGENT_ID, STORY_NOW } from "./support/browser-planner";
import { withPlanner } from "./support/planner-story";
import { seedManyJobs, seedManyTriggers, seedPanel, startJobRun } from "./support/seed";

/** The Planner tab's body: header, summary strip, needs-attention banner, jobs, triggers and recent activity. */
const meta = {
  title: "Planner/PlannerPanel",
  component: PlannerPanel,
  args: { agentId: AGENT_ID },
} satisfies Meta<typeof PlannerPanel>;
export default meta;
type Story = StoryObj<typeof meta>;

/** A brand-new agent: both sections teach what a job and a trigger are. */
export const Empty: Story = {
  ...withPlanner(),
  play: async ({ canvas }) => {
    await expect(await canvas.findByText("No scheduled jobs yet")).toBeVisible();
    await expect(await canvas.findByText("No event triggers yet")).toBeVisible();
    await expect(await canvas.findByText("No runs yet. Runs appear here as they happen.")).toBeVisible();
  },
};

/** The planner endpoint has not answered yet: skeletons, not a blank tab. */
export const Loading: Story = {
  ...withPlanner(undefined, { link: "never" }),
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole("status", { name: "Loading scheduled jobs…" })).toBeInTheDocument();
  },
};

export const Populated: Story = {
  ...withPlanner((planner) => seedPanel(planner, "populated", STORY_NOW)),
  play: async ({ canvas }) => {
    const jobs = within(await canvas.findByRole("list", { name: "Scheduled jobs" }));
    await expect(await jobs.findByRole("article", { name: "Daily Job Search" })).toBeVisible();
    await expect(await canvas.findByRole("article", { name: "Invoice emails" })).toBeVisible();
    await expect((await canvas.findAllByText("Daily Job Search ran successfully"))[0]).toBeVisible();
    await expect(canvas.queryByRole("region", { name: /need(s)? attention/ })).toBeNull();
  },
};

/** A failed job, a job paused after five failures and an expired Slack connection (mock-up 08): counts by cause, each row with its recovery, Retry all failed. */
export const NeedsAttention: Story = {
  ...withPlanner((planner) => seedPanel(planner, "attention", STORY_NOW)),
  play: async ({ canvas }) => {
    const banner = within(await canvas.findByRole("region", { name: "3 items need attention" }));
    await expect(banner.getByText("1 lost connection · 1 failed · 1 paused after failures")).toBeVisible();
    await expect(await banner.findByRole("button", { name: "Retry now: Invoice Sync" })).toBeVisible();
  },
};

/** A job run in progress: its card and the activity list say so. */
export const Running: Story = {
  ...withPlanner(async (planner) => {
    await seedPanel(planner, "populated", STORY_NOW);
    const job = (await planner.caller.jobs.list({ agentId: AGENT_ID })).find((candidate) => candidate.name === "Daily Job Search");
    if (job) await startJobRun(planner, job.id, STORY_NOW);
  }),
  play: async ({ canvas }) => {
    const card = within(await canvas.findByRole("article", { name: "Daily Job Search" }));
    await expect(await card.findByText("Running")).toBeVisible();
  },
};

/** A viewer without access to this agent gets the router's FORBIDDEN message and a retry. */
export const ErrorNoAccess: Story = {
  name: "Error (no access)",
  ...withPlanner((planner) => seedPanel(planner, "populated", STORY_NOW), { viewer: "stranger" }),
  play: async ({ canvas }) => {
    await expect(await canvas.findByText("The planner could not be loaded")).toBeVisible();
    await expect(await canvas.findByText(/do not have access to this agent/)).toBeVisible();
    await expect(canvas.getByRole("button", { name: "Try again" })).toBeVisible();
  },
};

/** The server has no Composio: jobs work, the triggers section explains why it is unavailable. */
export const WithoutComposio: Story = {
  ...withPlanner(async (planner) => {
    await planner.caller.jobs.create({ agentId: AGENT_ID, name: "Morning digest", schedule: { cron: "0 9 * * *", timezone: "Europe/Paris" }, action: { type: "chat", template: "Digest for {date}" } });
  }, { composio: false }),
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole("article", { name: "Morning digest" })).toBeVisible();
    await expect(await canvas.findByText(/Composio is not configured/)).toBeVisible();
  },
};

/** 50 jobs and 50 triggers: the page stays usable. */
export const FiftyItems: Story = {
  ...withPlanner(async (planner) => {
    await seedManyJobs(planner, 50, STORY_NOW);
    await seedManyTriggers(planner, 50);
  }),
  play: async ({ canvas }) => {
    const jobs = within(await canvas.findByRole("list", { name: "Scheduled jobs" }));
    await expect(await jobs.findAllByRole("article")).toHaveLength(50);
  },
};

export const Narrow: Story = {
  ...withPlanner((planner) => seedPanel(planner, "attention", STORY_NOW)),
  decorators: [(Story) => <div style={{ maxWidth: 420 }}>{Story()}</div>],
  play: NeedsAttention.play,
};

export const Dark: Story = { ...Populated, globals: { theme: "dark" } };

export const DarkNeedsAttention: Story = { ...NeedsAttention, globals: { theme: "dark" } };

/** Inside a host's tab with its own heading and "Add job": no panel header; the host's button opens the dialog. */
export const HeaderHidden: Story = {
  ...withPlanner((planner) => seedPanel(planner, "populated", STORY_NOW)),
  args: { header: false },
  render: (args) => <HostTab {...args} />,
  play: async ({ canvas, userEvent }) => {
    await expect(await canvas.findByRole("article", { name: "Daily Job Search" })).toBeVisible();
    await expect(canvas.queryByRole("heading", { level: 1, name: "Planner" })).toBeNull();
    await userEvent.click(canvas.getByRole("button", { name: "Host: add job" }));
    await expect(await within(document.body).findByRole("dialog", { name: "Create scheduled job" })).toBeVisible();
  },
};

/** The same under a dark host: the panel paints the host's dark background, its text stays light. */
export const HeaderHiddenDark: Story = {
  ...withPlanner((planner) => seedPanel(planner, "populated", STORY_NOW)),
  args: { header: false, logos: "none" },
  globals: { theme: "dark" },
  render: (args) => <HostTab {...args} />,
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole("article", { name: "Daily Job Search" })).toBeVisible();
    const panel = canvas.getByRole("article", { name: "Daily Job Search" }).closest('[data-slot="planner-panel"]');
    await expect(getComputedStyle(panel!).backgroundColor).not.toBe("rgba(0, 0, 0, 0)");
  },
};

function HostTab(props: PlannerPanelProps) {
  const [dialog, setDialog] = useState<PlannerPanelDialog>(null);
  return (
    <div style={{ display: "grid", gap: 16 }}>
      <div style={{ display: "flex", justifyContent: "space-between", color: "var(--foreground)" }}>
        <h2 style={{ margin: 0 }}>Planner</h2>
        <button type="button" onClick={() => setDialog({ kind: "job" })}>
          Host: add job
        </button>
      </div>
      <PlannerPanel {...props} dialog={dialog} onDialogChange={setDialog} />
    </div>
  );
}

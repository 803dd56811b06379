import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, within } from "storybook/test";
import { JobCard } from "../src/components";
import { AGENT_ID, STORY_NOW } from "./support/browser-planner";
import { jobNamed, plannerOf, withPlanner } from "./support/planner-story";
import { chat, failJob, jobInput, LONG_JOB_NAME, pauseJobAfterFailures, runOf, seedRuns, startJobRun, workflow } from "./support/seed";

/** One job card, picked by name from the jobs the story seeded (as `jobs.list` returns them). */
const meta = {
  title: "Jobs/JobCard",
  args: { name: "Daily Job Search" },
  render: ({ name }, context) => (
    <div style={{ maxWidth: 560 }}>
      <JobCard agentId={AGENT_ID} job={jobNamed(plannerOf(context), name)} />
    </div>
  ),
} satisfies Meta<{ name: string }>;
export default meta;
type Story = StoryObj<typeof meta>;

const DAILY = jobInput("Daily Job Search", { description: "Looks for new senior frontend roles on the usual boards and starts a chat with the five best matches.", action: chat("Find new jobs posted since {date}.") });

export const Active: Story = {
  ...withPlanner(async (planner) => {
    const job = await planner.caller.jobs.create(DAILY);
    await seedRuns(planner, [3, 2, 1].map((days) => runOf({ kind: "job", id: job.id }, "succeeded", STORY_NOW - days * 86_400_000)));
  }),
  play: async ({ canvas }) => {
    const card = within(await canvas.findByRole("article", { name: "Daily Job Search" }));
    await expect(card.getByText("Active")).toBeVisible();
    await expect(card.getByText("Next: Tomorrow 9:00 AM")).toBeVisible();
    await expect(card.getByRole("img", { name: "Last 3 runs: 3 succeeded, 0 failed" })).toBeVisible();
  },
};

export const Paused: Story = {
  ...withPlanner(async ({ caller }) => {
    const job = await caller.jobs.create(DAILY);
    await caller.jobs.pause({ agentId: AGENT_ID, jobId: job.id });
  }),
  play: async ({ canvas }) => {
    const card = await canvas.findByRole("article", { name: "Daily Job Search" });
    await expect(within(card).getAllByText("Paused").length).toBeGreaterThan(0);
  },
};

export const Running: Story = {
  ...withPlanner(async (planner) => {
    const job = await planner.caller.jobs.create(DAILY);
    await startJobRun(planner, job.id, STORY_NOW);
  }),
  play: async ({ canvas }) => {
    await expect(await canvas.findByText("Running")).toBeVisible();
  },
};

/** The last run failed: red border, the error in one line. */
export const Failed: Story = {
  ...withPlanner(async (planner) => {
    const job = await planner.caller.jobs.create(DAILY);
    await failJob(planner, job.id, STORY_NOW);
  }),
  play: async ({ canvas }) => {
    await expect(await canvas.findByText("The chat service answered 503 Service Unavailable.")).toBeVisible();
  },
};

export const PausedAfterFailures: Story = {
  ...withPlanner(async (planner) => {
    const job = await planner.caller.jobs.create(DAILY);
    await pauseJobAfterFailures(planner, job.id, STORY_NOW);
  }),
  play: async ({ canvas }) => {
    await expect(await canvas.findByText(/Paused after 5 failed runs/)).toBeVisible();
  },
};

/** A workflow job in another zone: the zone is named next to the schedule. */
export const WorkflowInOtherZone: Story = {
  args: { name: "Weekly Report" },
  ...withPlanner(async ({ caller }) => {
    await caller.jobs.create(jobInput("Weekly Report", { description: "Runs the weekly digest workflow for the team.", schedule: { cron: "0 9 * * 1-5", timezone: "America/New_York" }, action: workflow("wf_digest") }));
  }),
  play: async ({ canvas }) => {
    await expect(await canvas.findByText("Weekdays at 9:00 AM (America/New_York)")).toBeVisible();
    await expect(canvas.getByText("Execute workflow")).toBeVisible();
  },
};

/** The menu: edit, run now, pause, history, delete. */
export const MenuOpen: Story = {
  ...Active,
  play: async ({ canvas, userEvent, canvasElement }) => {
    await userEvent.click(await canvas.findByRole("button", { name: "Actions for Daily Job Search" }));
    const menu = within(canvasElement.ownerDocument.body);
    await expect(await menu.findByRole("menuitem", { name: "Run now" })).toBeVisible();
    await expect(menu.getByRole("menuitem", { name: "History" })).toBeVisible();
  },
};

export const LongName: Story = {
  args: { name: LONG_JOB_NAME },
  ...withPlanner(async ({ caller }) => {
    await caller.jobs.create(jobInput(LONG_JOB_NAME, { description: "A description that goes on for a while, to show that it is clamped to two lines on the card however long it is: it mentions the board, the investors, the leadership team, the advisory board and the quarterly numbers." }));
  }),
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole("article", { name: LONG_JOB_NAME })).toBeVisible();
  },
};

export const Dark: Story = { ...Failed, globals: { theme: "dark" } };

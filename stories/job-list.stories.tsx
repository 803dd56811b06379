import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, fn, within } from "storybook/test";
import { JobList } from "../src/components";
import { AGENT_ID, STORY_NOW } from "./support/browser-planner";
import { withPlanner } from "./support/planner-story";
import { failJob, jobInput, LONG_JOB_NAME, pauseJobAfterFailures, seedManyJobs, seedPanel, startJobRun, workflow } from "./support/seed";

/** The Scheduled Jobs section: one card per job, live. */
const meta = {
  title: "Jobs/JobList",
  component: JobList,
  args: { agentId: AGENT_ID, onAdd: fn(), onEdit: fn() },
} satisfies Meta<typeof JobList>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Empty: Story = {
  ...withPlanner(),
  play: async ({ canvas, args, userEvent }) => {
    await expect(await canvas.findByText("No scheduled jobs yet")).toBeVisible();
    await userEvent.click(canvas.getByRole("button", { name: "Add job" }));
    await expect(args.onAdd).toHaveBeenCalled();
  },
};

export const Loading: Story = {
  ...withPlanner(undefined, { link: "never" }),
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole("status", { name: "Loading scheduled jobs…" })).toBeInTheDocument();
  },
};

export const Populated: Story = {
  ...withPlanner((planner) => seedPanel(planner, "populated", STORY_NOW)),
  play: async ({ canvas }) => {
    const card = within(await canvas.findByRole("article", { name: "Daily Job Search" }));
    await expect(card.getByText("Daily at 9:00 AM")).toBeVisible();
    await expect(card.getByText("Active")).toBeVisible();
  },
};

export const Paused: Story = {
  ...withPlanner(async ({ caller }) => {
    const job = await caller.jobs.create(jobInput("Weekly Report", { schedule: { cron: "0 9 * * 1", timezone: "Europe/Paris" }, action: workflow("wf_digest") }));
    await caller.jobs.pause({ agentId: AGENT_ID, jobId: job.id });
  }),
  play: async ({ canvas }) => {
    const card = within(await canvas.findByRole("article", { name: "Weekly Report" }));
    await expect(card.getAllByText("Paused")[0]).toBeVisible();
  },
};

export const Running: Story = {
  ...withPlanner(async (planner) => {
    const job = await planner.caller.jobs.create(jobInput("Daily Job Search"));
    await startJobRun(planner, job.id, STORY_NOW);
  }),
  play: async ({ canvas }) => {
    const card = within(await canvas.findByRole("article", { name: "Daily Job Search" }));
    await expect(await card.findByText("Running")).toBeVisible();
  },
};

/** A failed job (red, with the error) and one the engine paused after five failures. */
export const NeedsAttention: Story = {
  ...withPlanner(async (planner) => {
    const invoices = await planner.caller.jobs.create(jobInput("Invoice Sync", { schedule: { cron: "0 * * * *", timezone: "Europe/Paris" }, action: workflow("wf_digest") }));
    const crm = await planner.caller.jobs.create(jobInput("CRM Cleanup"));
    await failJob(planner, invoices.id, STORY_NOW, "The accounting API answered 503 Service Unavailable.");
    await pauseJobAfterFailures(planner, crm.id, STORY_NOW);
  }),
  play: async ({ canvas }) => {
    const failed = within(await canvas.findByRole("article", { name: "Invoice Sync" }));
    await expect(failed.getByText("Error")).toBeVisible();
    await expect(failed.getByText("The accounting API answered 503 Service Unavailable.")).toBeVisible();
    const paused = within(canvas.getByRole("article", { name: "CRM Cleanup" }));
    await expect(paused.getByText(/Paused after 5 failed runs/)).toBeVisible();
  },
};

export const ErrorNoAccess: Story = {
  name: "Error (no access)",
  ...withPlanner((planner) => seedPanel(planner, "populated", STORY_NOW), { viewer: "stranger" }),
  play: async ({ canvas }) => {
    await expect(await canvas.findByText(/do not have access to this agent/)).toBeVisible();
    await expect(canvas.getByRole("button", { name: "Try again" })).toBeVisible();
  },
};

export const SignedOut: Story = {
  ...withPlanner(undefined, { viewer: "signed-out" }),
  play: async ({ canvas }) => {
    await expect(await canvas.findByText(/Sign in to use the planner/)).toBeVisible();
  },
};

/** Long names truncate on one line; the full name is in the card's accessible name. */
export const LongNames: Story = {
  ...withPlanner(async ({ caller }) => {
    await caller.jobs.create(jobInput(LONG_JOB_NAME, { description: "A description that goes on for a while, to show that it is clamped to two lines on the card however long it is: it mentions the board, the investors, the leadership team, the advisory board and the quarterly numbers." }));
    await caller.jobs.create(jobInput("Short one"));
  }),
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole("article", { name: LONG_JOB_NAME })).toBeVisible();
  },
};

export const FiftyItems: Story = {
  ...withPlanner((planner) => seedManyJobs(planner, 50, STORY_NOW)),
  play: async ({ canvas }) => {
    await expect(await canvas.findAllByRole("article")).toHaveLength(50);
  },
};

/** More jobs than a page holds (here 12 a page): the pager under the cards. */
export const Paged: Story = {
  ...withPlanner((planner) => seedManyJobs(planner, 30, STORY_NOW)),
  args: { pageSize: 12 },
  play: async ({ canvas, userEvent }) => {
    await expect(await canvas.findAllByRole("article")).toHaveLength(12);
    const pager = within(canvas.getByRole("navigation", { name: "Scheduled jobs: pages" }));
    await expect(pager.getByText("Showing 1–12 of 30")).toBeVisible();
    await userEvent.click(pager.getByRole("button", { name: "Next" }));
    await userEvent.click(pager.getByRole("button", { name: "Next" }));
    await expect(pager.getByText("Showing 25–30 of 30")).toBeVisible();
    await expect(canvas.getAllByRole("article")).toHaveLength(6);
    await expect(pager.getByRole("button", { name: "Next" })).toBeDisabled();
  },
};

export const Dark: Story = { ...Populated, globals: { theme: "dark" } };

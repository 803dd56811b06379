import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, waitFor, within } from "storybook/test";
import { RunHistory } from "../src/components";
import { AGENT_ID, STORY_NOW } from "./support/browser-planner";
import { plannerOf, withPlanner, type StoryPlanner } from "./support/planner-story";
import { jobInput, runOf, seedPanel, seedRuns, startJobRun } from "./support/seed";

/** The agent's runs across its jobs and triggers (or one owner's): stats, filters, a table and a chart. */
const meta = {
  title: "History/RunHistory",
  component: RunHistory,
  args: { agentId: AGENT_ID },
} satisfies Meta<typeof RunHistory>;
export default meta;
type Story = StoryObj<typeof meta>;

const HOUR = 3_600_000;

export const Empty: Story = {
  ...withPlanner(),
  play: async ({ canvas }) => {
    await expect(await canvas.findByText("No runs yet. Runs appear here after a job runs or a trigger fires.")).toBeVisible();
  },
};

export const Loading: Story = { ...withPlanner(undefined, { link: "never" }) };

export const Populated: Story = {
  ...withPlanner((planner) => seedPanel(planner, "history", STORY_NOW)),
  play: async ({ canvas }) => {
    const table = within(await canvas.findByRole("table", { name: "Runs" }));
    await expect((await table.findAllByText("Daily Job Search")).length).toBeGreaterThan(0);
    await expect(canvas.getByRole("group", { name: "Run statistics" })).toBeVisible();
  },
};

/** A failed run expanded: the error, attempts and the message that was sent. */
export const FailureExpanded: Story = {
  ...withPlanner((planner) => seedPanel(planner, "history", STORY_NOW)),
  play: async ({ canvas, userEvent }) => {
    await userEvent.click((await canvas.findAllByRole("button", { name: /^Debug run of/ }))[0] ?? canvas.getByRole("table"));
    await expect((await canvas.findAllByText(/answered 503|rejected the API token/))[0]).toBeVisible();
  },
};

/** A run in progress at the top of the table. */
export const Running: Story = {
  ...withPlanner(async (planner) => {
    const job = await planner.caller.jobs.create(jobInput("Daily Job Search"));
    await seedRuns(planner, [runOf({ kind: "job", id: job.id }, "succeeded", STORY_NOW - 24 * HOUR)]);
    await startJobRun(planner, job.id, STORY_NOW);
  }),
  play: async ({ canvas }) => {
    const table = within(await canvas.findByRole("table", { name: "Runs" }));
    await expect(await table.findByText("Running")).toBeVisible();
  },
};

/** One job's history, as its card's History menu shows it. */
export const ForOneJob: Story = {
  ...withPlanner((planner) => seedPanel(planner, "populated", STORY_NOW)),
  render: (args, context) => {
    const job = plannerOf(context).jobs.find((candidate) => candidate.name === "Daily Job Search");
    return <RunHistory {...args} {...(job ? { owner: { kind: "job", id: job.id }, ownerName: job.name } : {})} />;
  },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole("table", { name: "Runs" })).toBeVisible();
  },
};

async function seedManyRuns(planner: StoryPlanner) {
  for (const name of ["Inbox digest", "Lead follow-up", "Pipeline report"]) {
    const job = await planner.caller.jobs.create(jobInput(name));
    await seedRuns(planner, Array.from({ length: 40 }, (_, i) => runOf({ kind: "job", id: job.id }, i % 9 === 4 ? "failed" : "succeeded", STORY_NOW - i * 6 * HOUR)));
  }
}

/** 120 runs: the table pages on the server ("Showing 1 to 20 of 120", Previous / Next). */
export const ManyRuns: Story = {
  ...withPlanner(seedManyRuns),
  play: async ({ canvas, userEvent }) => {
    const next = await canvas.findByRole("button", { name: "Next" });
    await waitFor(() => expect(canvas.getByText(/^Showing 1 to \d+ of 120$/)).toBeVisible());
    const first = within(canvas.getByRole("table", { name: "Runs" })).getAllByRole("row")[1]?.textContent;
    await userEvent.click(next);
    await waitFor(() => expect(canvas.getByText(/^Showing \d+ to \d+ of 120$/)).not.toHaveTextContent(/^Showing 1 to/));
    await waitFor(() => expect(within(canvas.getByRole("table", { name: "Runs" })).getAllByRole("row")[1]?.textContent).not.toBe(first));
  },
};

export const ErrorNoAccess: Story = {
  name: "Error (no access)",
  ...withPlanner((planner) => seedPanel(planner, "history", STORY_NOW), { viewer: "stranger" }),
  play: async ({ canvas }) => {
    await expect(await canvas.findByText(/do not have access to this agent/)).toBeVisible();
  },
};

export const Dark: Story = { ...Populated, globals: { theme: "dark" } };

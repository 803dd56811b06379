import type { Meta, StoryObj } from "@storybook/react-vite";
import { useState } from "react";
import { expect, within } from "storybook/test";
import { HistoryDialog } from "../src/components";
import { Button } from "../src/components/ui";
import { AGENT_ID, STORY_NOW } from "./support/browser-planner";
import { plannerOf, withPlanner } from "./support/planner-story";
import { jobInput, seedPanel } from "./support/seed";

function OpenHistory({ owner, name }: { owner?: { kind: "job" | "trigger"; id: string } | undefined; name?: string | undefined }) {
  const [open, setOpen] = useState(true);
  return (
    <>
      <Button variant="outline" onClick={() => setOpen(true)}>
        History
      </Button>
      <HistoryDialog agentId={AGENT_ID} owner={owner} name={name} open={open} onOpenChange={setOpen} />
    </>
  );
}

/** One job's or trigger's run history in a dialog (the card menu's History). */
const meta = {
  title: "History/HistoryDialog",
  args: { job: "Daily Job Search" },
  render: ({ job }, context) => {
    const found = plannerOf(context).jobs.find((candidate) => candidate.name === job);
    return <OpenHistory owner={found ? { kind: "job", id: found.id } : undefined} name={found?.name} />;
  },
} satisfies Meta<{ job: string }>;
export default meta;
type Story = StoryObj<typeof meta>;

const body = (element: HTMLElement) => within(element.ownerDocument.body);

export const Populated: Story = {
  ...withPlanner((planner) => seedPanel(planner, "populated", STORY_NOW)),
  play: async ({ canvasElement }) => {
    const dialog = within(await body(canvasElement).findByRole("dialog", { name: "Run history · Daily Job Search" }));
    await expect(await dialog.findByRole("table", { name: "Runs" })).toBeVisible();
  },
};

export const Empty: Story = {
  args: { job: "Morning digest" },
  ...withPlanner(({ caller }) => caller.jobs.create(jobInput("Morning digest"))),
  play: async ({ canvasElement }) => {
    const dialog = within(await body(canvasElement).findByRole("dialog", { name: "Run history · Morning digest" }));
    await expect(await dialog.findByText("No runs yet. Runs appear here after a job runs or a trigger fires.")).toBeVisible();
  },
};

/** Without an owner: every run of the agent. */
export const AllRuns: Story = {
  args: { job: "" },
  ...withPlanner((planner) => seedPanel(planner, "history", STORY_NOW)),
  play: async ({ canvasElement }) => {
    await expect(await body(canvasElement).findByRole("table", { name: "Runs" })).toBeVisible();
  },
};

export const Dark: Story = { ...Populated, globals: { theme: "dark" } };

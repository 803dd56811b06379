import type { Meta, StoryObj } from "@storybook/react-vite";
import { useState } from "react";
import { expect, waitFor, within } from "storybook/test";
import { JobDialog, type JobItem } from "../src/components";
import { Button } from "../src/components/ui";
import { AGENT_ID } from "./support/browser-planner";
import { jobNamed, plannerOf, withPlanner } from "./support/planner-story";
import { jobInput } from "./support/seed";

function OpenJobDialog({ job }: { job?: JobItem | undefined }) {
  const [open, setOpen] = useState(true);
  const [saved, setSaved] = useState<string | null>(null);
  return (
    <>
      <Button variant="outline" onClick={() => setOpen(true)}>
        Add job
      </Button>
      {saved ? <p role="status">Saved {saved}</p> : null}
      <JobDialog agentId={AGENT_ID} job={job} open={open} onOpenChange={setOpen} onSaved={(j) => setSaved(j.name)} />
    </>
  );
}

/** Create or edit a scheduled job; saving goes through the real router into the memory store. */
const meta = {
  title: "Jobs/JobDialog",
  args: { edit: "" },
  render: ({ edit }, context) => <OpenJobDialog job={edit ? jobNamed(plannerOf(context), edit) : undefined} />,
} satisfies Meta<{ edit: string }>;
export default meta;
type Story = StoryObj<typeof meta>;

const body = (element: HTMLElement) => within(element.ownerDocument.body);

export const Create: Story = {
  ...withPlanner(),
  play: async ({ canvasElement }) => {
    const dialog = within(await body(canvasElement).findByRole("dialog", { name: "Create scheduled job" }));
    await expect(dialog.getByRole("status")).toHaveTextContent("Give it a name.");
    await expect(await dialog.findByRole("radio", { name: "Start chat with template" })).toBeChecked();
  },
};

/** Fills the form (name, preset, template with a variable) and creates the job. */
export const CreateAndSubmit: Story = {
  ...withPlanner(),
  play: async (context) => {
    const { canvasElement, userEvent } = context;
    const dialog = within(await body(canvasElement).findByRole("dialog", { name: "Create scheduled job" }));
    await userEvent.type(dialog.getByRole("textbox", { name: "Name" }), "Weekday inbox");
    await userEvent.click(dialog.getByRole("radio", { name: "Weekdays at 9 AM" }));
    await expect(await dialog.findByText("weekdays at 9:00 AM (Europe/Paris)")).toBeVisible();
    await userEvent.type(dialog.getByRole("textbox", { name: "Message template" }), "Good {{timeOfDay}! Summarise my inbox.");
    await waitFor(() => expect(dialog.getByRole("status")).toHaveTextContent("Configuration valid · ready to create"));
    await userEvent.click(dialog.getByRole("button", { name: "Create job" }));
    await expect(await within(canvasElement).findByText("Saved Weekday inbox")).toBeVisible();
    const [job] = await plannerOf(context).caller.jobs.list({ agentId: AGENT_ID });
    await expect(job).toMatchObject({ name: "Weekday inbox", schedule: { cron: "0 9 * * 1-5", timezone: "Europe/Paris" }, action: { type: "chat", template: "Good {timeOfDay}! Summarise my inbox." } });
  },
};

/** An existing chat job with its own variable, opened for editing. */
export const Edit: Story = {
  args: { edit: "Morning digest" },
  ...withPlanner(({ caller }) =>
    caller.jobs.create(jobInput("Morning digest", { description: "Summarise the inbox.", action: { type: "chat", template: "Digest for {date} — team {team}" }, variables: { team: "Platform" } })),
  ),
  play: async ({ canvasElement }) => {
    const dialog = within(await body(canvasElement).findByRole("dialog", { name: "Edit “Morning digest”" }));
    await expect(dialog.getByRole("textbox", { name: "Name" })).toHaveValue("Morning digest");
    await expect(dialog.getByRole("radio", { name: "Daily at 9 AM" })).toBeChecked();
    await expect(dialog.getByRole("textbox", { name: "Value of team" })).toHaveValue("Platform");
  },
};

/** A workflow job: the workflow select and the form generated from its input schema. */
export const EditWorkflow: Story = {
  args: { edit: "Inbox triage" },
  ...withPlanner(({ caller }) =>
    caller.jobs.create(
      jobInput("Inbox triage", {
        description: "Sorts the morning's mail before the stand-up.",
        schedule: { cron: "30 8 * * 1-5", timezone: "America/New_York" },
        action: { type: "workflow", workflowId: "wf_triage", input: { mode: "static", value: { folder: "Receipts", maxEmails: 50, priority: "high", urgent: true } } },
        policy: { misfire: "skip", overlap: "skip" },
      }),
    ),
  ),
  play: async ({ canvasElement }) => {
    const dialog = within(await body(canvasElement).findByRole("dialog", { name: "Edit “Inbox triage”" }));
    await expect(dialog.getByRole("radio", { name: "Execute workflow" })).toBeChecked();
    await expect(await dialog.findByRole("textbox", { name: /Folder/ })).toHaveValue("Receipts");
  },
};

/** Saving an empty name, an hour of 24 and an unknown variable: every problem is named where it is. */
export const ValidationErrors: Story = {
  ...withPlanner(),
  play: async (context) => {
    const { canvasElement, userEvent } = context;
    const dialog = within(await body(canvasElement).findByRole("dialog", { name: "Create scheduled job" }));
    await userEvent.type(dialog.getByRole("textbox", { name: "Message template" }), "Hello {{nope}");
    await userEvent.click(dialog.getByRole("tab", { name: "Custom" }));
    const hour = dialog.getByRole("textbox", { name: "Hour 0–23" });
    await userEvent.clear(hour);
    await userEvent.type(hour, "24");
    await waitFor(() => expect(dialog.getByRole("textbox", { name: "Hour 0–23" })).toBeInvalid());
    await userEvent.click(dialog.getByRole("button", { name: "Create job" }));
    await expect(dialog.getByRole("status")).not.toHaveTextContent("Configuration valid");
    await expect(dialog.getByRole("status")).toHaveTextContent("Give it a name.");
    await expect((await dialog.findAllByText(/nope/)).length).toBeGreaterThan(1);
    await expect(await plannerOf(context).caller.jobs.list({ agentId: AGENT_ID })).toHaveLength(0);
  },
};

export const LongName: Story = {
  args: { edit: "Quarterly board-meeting preparation and investor update summary for the leadership & advisory board" },
  ...withPlanner(({ caller }) => caller.jobs.create(jobInput("Quarterly board-meeting preparation and investor update summary for the leadership & advisory board"))),
  play: async ({ canvasElement }) => {
    await expect(await body(canvasElement).findByRole("dialog", { name: /Quarterly board-meeting/ })).toBeVisible();
  },
};

/** The catalog and the schedule preview have not answered yet. */
export const Loading: Story = {
  ...withPlanner(undefined, { link: "never" }),
  play: async ({ canvasElement }) => {
    await expect(await body(canvasElement).findByRole("dialog", { name: "Create scheduled job" })).toBeVisible();
  },
};

export const Dark: Story = { ...Edit, globals: { theme: "dark" } };

import { screen, waitFor, within } from "@testing-library/react";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";
import { JobDialog, type JobDialogProps } from "../../src/components";
import type { CreateJobInput } from "../../src/shared/schemas";
import { AGENT_ID, createPlannerHarness, renderWithPlanner, type PlannerHarness } from "./harness";

function Host({ job, onSaved }: Pick<JobDialogProps, "job" | "onSaved">) {
  const [open, setOpen] = useState(true);
  return (
    <>
      <p>{open ? "Dialog open" : "Dialog closed"}</p>
      <JobDialog agentId={AGENT_ID} job={job} open={open} onOpenChange={setOpen} {...(onSaved ? { onSaved } : {})} />
    </>
  );
}

const DIGEST: CreateJobInput = {
  agentId: AGENT_ID,
  name: "Morning digest",
  description: "Summarise the inbox.",
  schedule: { cron: "0 9 * * *", timezone: "Europe/Paris" },
  action: { type: "chat", template: "Digest for {date}" },
};

async function storedJobs(harness: PlannerHarness) {
  return (await harness.store.get(AGENT_ID)).jobs;
}

describe("JobDialog", { timeout: 20_000 }, () => {
  it("creates a chat job end to end: name, preset, template → the job is stored", async () => {
    const onSaved = vi.fn();
    const harness = createPlannerHarness();
    const { user } = renderWithPlanner(<Host onSaved={onSaved} />, { harness, timeZone: "Europe/Paris" });
    const dialog = screen.getByRole("dialog", { name: "Create scheduled job" });
    expect(within(dialog).getByRole("status")).toHaveTextContent("Give it a name.");

    await user.type(within(dialog).getByRole("textbox", { name: "Name" }), "Weekday inbox");
    await user.click(within(dialog).getByRole("radio", { name: "Weekdays at 9 AM" }));
    expect(await within(dialog).findByText("at 09:00, Monday through Friday (Europe/Paris)")).toBeInTheDocument();
    expect(within(dialog).getByRole("radio", { name: "Start chat with template" })).toBeChecked();
    const template = within(dialog).getByRole("textbox", { name: "Message template" });
    await user.type(template, "Good {{timeOfDay}! Summarise my inbox.");
    await waitFor(() => expect(within(dialog).getByRole("status")).toHaveTextContent("Configuration valid · ready to create"));

    await user.click(within(dialog).getByRole("button", { name: "Create job" }));
    await waitFor(() => expect(screen.getByText("Dialog closed")).toBeInTheDocument());
    const [job] = await storedJobs(harness);
    expect(job).toMatchObject({
      name: "Weekday inbox",
      schedule: { cron: "0 9 * * 1-5", timezone: "Europe/Paris" },
      action: { type: "chat", template: "Good {timeOfDay}! Summarise my inbox." },
      policy: { misfire: "runOnce", overlap: "skip" },
      enabled: true,
    });
    expect(job?.description).toBeUndefined();
    expect(onSaved).toHaveBeenCalledWith(expect.objectContaining({ id: job?.id, name: "Weekday inbox" }));
  });

  it("an invalid hour marks the hour box, names the problem in the footer and blocks saving", async () => {
    const harness = createPlannerHarness();
    const { user } = renderWithPlanner(<Host />, { harness });
    const dialog = screen.getByRole("dialog");
    await user.type(within(dialog).getByRole("textbox", { name: "Name" }), "Late job");
    await user.type(within(dialog).getByRole("textbox", { name: "Message template" }), "Hello");
    await user.click(within(dialog).getByRole("tab", { name: "Custom" }));
    const hour = within(dialog).getByRole("textbox", { name: "Hour 0–23" });
    await user.clear(hour);
    await user.type(hour, "24");
    await waitFor(() => expect(within(dialog).getByRole("textbox", { name: "Hour 0–23" })).toBeInvalid());
    expect(within(dialog).getByRole("textbox", { name: "Hour 0–23" })).toHaveAccessibleDescription("Hour must be between 0 and 23, got 24.");
    expect(within(dialog).getByRole("status")).toHaveTextContent("Hour must be between 0 and 23, got 24.");

    await user.click(within(dialog).getByRole("button", { name: "Create job" }));
    expect(screen.getByText("Dialog open")).toBeInTheDocument();
    expect(await storedJobs(harness)).toHaveLength(0);
  });

  it("edit pre-fills the job and saves the change", async () => {
    const harness = createPlannerHarness();
    const job = await harness.caller().jobs.create({ ...DIGEST, variables: { team: "Platform" } });
    const { user } = renderWithPlanner(<Host job={job} />, { harness });
    const dialog = screen.getByRole("dialog", { name: "Edit “Morning digest”" });
    expect(within(dialog).getByRole("textbox", { name: "Name" })).toHaveValue("Morning digest");
    expect(within(dialog).getByRole("textbox", { name: "Description (optional)" })).toHaveValue("Summarise the inbox.");
    expect(within(dialog).getByRole("radio", { name: "Daily at 9 AM" })).toBeChecked();
    expect(within(dialog).getByRole("combobox", { name: "Timezone" })).toHaveTextContent("Europe/Paris");
    expect(within(dialog).getByRole("textbox", { name: "Message template" })).toHaveValue("Digest for {date}");
    expect(within(dialog).getByRole("textbox", { name: "Value of team" })).toHaveValue("Platform");

    const name = within(dialog).getByRole("textbox", { name: "Name" });
    await user.clear(name);
    await user.type(name, "Evening digest");
    await user.clear(within(dialog).getByRole("textbox", { name: "Description (optional)" }));
    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    await waitFor(() => expect(screen.getByText("Dialog closed")).toBeInTheDocument());
    const [saved] = await storedJobs(harness);
    expect(saved).toMatchObject({ id: job.id, name: "Evening digest", revision: 2, variables: { team: "Platform" } });
    expect(saved?.description).toBeUndefined();
  });

  it("a stale edit offers to reload the latest version, and reloading shows it", async () => {
    const harness = createPlannerHarness();
    const job = await harness.caller().jobs.create(DIGEST);
    const { user } = renderWithPlanner(<Host job={job} />, { harness });
    const dialog = screen.getByRole("dialog");
    await harness.caller().jobs.update({ agentId: AGENT_ID, jobId: job.id, expectedRevision: 1, name: "Renamed elsewhere", action: { type: "chat", template: "New {time}" } });

    await user.type(within(dialog).getByRole("textbox", { name: "Name" }), " (mine)");
    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    const banner = await within(dialog).findByRole("alert");
    expect(banner).toHaveTextContent("Someone else changed this job after you opened it.");
    expect(screen.getByText("Dialog open")).toBeInTheDocument();

    await user.click(within(banner).getByRole("button", { name: "Reload latest version" }));
    await waitFor(() => expect(within(dialog).getByRole("textbox", { name: "Name" })).toHaveValue("Renamed elsewhere"));
    expect(within(dialog).getByRole("textbox", { name: "Message template" })).toHaveValue("New {time}");
    expect(within(dialog).queryByText("Someone else changed this job after you opened it.")).not.toBeInTheDocument();

    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    await waitFor(() => expect(screen.getByText("Dialog closed")).toBeInTheDocument());
    expect((await storedJobs(harness))[0]).toMatchObject({ name: "Renamed elsewhere", revision: 3 });
  });

  it("a workflow action gets an input form from the workflow's input schema, and JSON without one", async () => {
    const harness = createPlannerHarness();
    const { user } = renderWithPlanner(<Host />, { harness });
    const dialog = screen.getByRole("dialog");
    await user.type(within(dialog).getByRole("textbox", { name: "Name" }), "Triage");
    await user.click(within(dialog).getByRole("radio", { name: "Execute workflow" }));
    expect(within(dialog).queryByRole("textbox", { name: /Message template/ })).not.toBeInTheDocument();
    expect(within(dialog).getByRole("status")).toHaveTextContent("Choose a workflow.");

    await user.click(within(dialog).getByRole("combobox", { name: "Workflow" }));
    await user.click(await screen.findByRole("option", { name: "Weekly digest" }));
    const json = await within(dialog).findByRole("textbox", { name: "Input (JSON) (optional)" });
    await user.type(json, "{{ nope");
    await waitFor(() => expect(json).toBeInvalid());
    expect(json).toHaveAccessibleDescription(/This is not valid JSON/);

    await user.click(within(dialog).getByRole("combobox", { name: "Workflow" }));
    await user.click(await screen.findByRole("option", { name: "Triage inbox" }));
    const folder = await within(dialog).findByRole("textbox", { name: "folder" });
    expect(within(dialog).getByRole("status")).toHaveTextContent("Fill in folder.");
    await user.click(within(dialog).getByRole("button", { name: "Create job" }));
    await waitFor(() => expect(folder).toBeInvalid());
    expect(await storedJobs(harness)).toHaveLength(0);

    await user.type(folder, "Receipts");
    await user.click(within(dialog).getByRole("switch", { name: "urgent" }));
    await user.click(within(dialog).getByRole("button", { name: "Create job" }));
    await waitFor(() => expect(screen.getByText("Dialog closed")).toBeInTheDocument());
    expect((await storedJobs(harness))[0]?.action).toEqual({ type: "workflow", workflowId: "wf_triage", input: { mode: "static", value: { folder: "Receipts", urgent: true } } });
  });

  it("closes on Escape without saving", async () => {
    const harness = createPlannerHarness();
    const { user } = renderWithPlanner(<Host />, { harness });
    await user.type(within(screen.getByRole("dialog")).getByRole("textbox", { name: "Name" }), "Draft");
    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(screen.getByText("Dialog closed")).toBeInTheDocument();
    expect(await storedJobs(harness)).toHaveLength(0);
  });
});

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

/** Presses Tab (Shift+Tab with `back`) until `target` has focus, as a keyboard user would; fails after 80 presses. */
async function tabTo(user: ReturnType<typeof renderWithPlanner>["user"], target: () => HTMLElement, back = false) {
  for (let presses = 0; presses < 80; presses += 1) {
    if (document.activeElement === target()) return;
    await user.tab({ shift: back });
  }
  throw new Error(`Tab never reached ${target().outerHTML.slice(0, 120)}`);
}

/**
 * An arrow key pressed the way a person does: Radix moves focus on the next tick and selects the focused radio only
 * while the key is still down, which user-event's instant down-up would miss.
 */
async function pressArrow(user: ReturnType<typeof renderWithPlanner>["user"], key: "ArrowRight" | "ArrowDown") {
  await user.keyboard(`{${key}>}`);
  await new Promise((resolve) => setTimeout(resolve, 0));
  await user.keyboard(`{/${key}}`);
}

async function storedJobs(harness: PlannerHarness) {
  return (await harness.store.get(AGENT_ID)).jobs;
}

describe("JobDialog", { timeout: 60_000 }, () => {
  it("creates a chat job end to end: name, preset, template → the job is stored", async () => {
    const onSaved = vi.fn();
    const harness = createPlannerHarness();
    const { user } = renderWithPlanner(<Host onSaved={onSaved} />, { harness, timeZone: "Europe/Paris" });
    const dialog = await screen.findByRole("dialog", { name: "Create scheduled job" });
    expect(within(dialog).getByRole("status")).toHaveTextContent("Give it a name.");

    await user.type(within(dialog).getByRole("textbox", { name: "Name" }), "Weekday inbox");
    await user.click(within(dialog).getByRole("radio", { name: "Weekdays at 9 AM" }));
    expect(await within(dialog).findByText("weekdays at 9:00 AM (Europe/Paris)")).toBeInTheDocument();
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
    const dialog = await screen.findByRole("dialog", { name: "Create scheduled job" });
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
    const dialog = await screen.findByRole("dialog", { name: "Edit “Morning digest”" });
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

  it("an untouched edit closes on Escape without asking, whatever its action (chat with variables, workflow with input)", async () => {
    const harness = createPlannerHarness();
    const chat = await harness.caller().jobs.create({ ...DIGEST, variables: { team: "Platform" } });
    const workflow = await harness.caller().jobs.create({
      ...DIGEST,
      name: "Receipts",
      action: { type: "workflow", workflowId: "wf_triage", input: { mode: "static", value: { folder: "Receipts", urgent: true } } },
    });
    for (const job of [chat, workflow]) {
      const { user, unmount } = renderWithPlanner(<Host job={job} />, { harness });
      const dialog = await screen.findByRole("dialog", { name: `Edit “${job.name}”` });
      // Let every field settle (the workflow's input form loads its schema) before closing.
      if (job === workflow) await within(dialog).findByRole("textbox", { name: "Folder" });
      await user.keyboard("{Escape}");
      await waitFor(() => expect(screen.getByText("Dialog closed")).toBeInTheDocument());
      expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument();
      unmount();
    }
  });

  it("a stale edit offers to reload the latest version, and reloading shows it", async () => {
    const harness = createPlannerHarness();
    const job = await harness.caller().jobs.create(DIGEST);
    const { user } = renderWithPlanner(<Host job={job} />, { harness });
    const dialog = await screen.findByRole("dialog", { name: "Edit “Morning digest”" });
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
    const dialog = await screen.findByRole("dialog", { name: "Create scheduled job" });
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
    const folder = await within(dialog).findByRole("textbox", { name: "Folder" });
    expect(within(dialog).getByRole("status")).toHaveTextContent("Fill in Folder.");
    await user.click(within(dialog).getByRole("button", { name: "Create job" }));
    await waitFor(() => expect(folder).toBeInvalid());
    expect(await storedJobs(harness)).toHaveLength(0);

    await user.type(folder, "Receipts");
    await user.click(within(dialog).getByRole("switch", { name: "Urgent" }));
    await user.click(within(dialog).getByRole("button", { name: "Create job" }));
    await waitFor(() => expect(screen.getByText("Dialog closed")).toBeInTheDocument());
    expect((await storedJobs(harness))[0]?.action).toEqual({ type: "workflow", workflowId: "wf_triage", input: { mode: "static", value: { folder: "Receipts", urgent: true } } });
  });

  it("names an unknown variable in the footer and does not save until it is fixed", async () => {
    const harness = createPlannerHarness();
    const { user } = renderWithPlanner(<Host />, { harness });
    const dialog = await screen.findByRole("dialog", { name: "Create scheduled job" });
    await user.type(within(dialog).getByRole("textbox", { name: "Name" }), "Weekly note");
    const template = within(dialog).getByRole("textbox", { name: "Message template" });
    await user.type(template, "Happy {{dayOfWek}!");
    const status = within(dialog).getByRole("status");
    await waitFor(() => expect(status).toHaveTextContent("1 unknown variable: {dayOfWek} — a run would leave it empty."));
    expect(status).toHaveAttribute("data-state", "invalid");

    await user.click(within(dialog).getByRole("button", { name: "Create job" }));
    expect(screen.getByText("Dialog open")).toBeInTheDocument();
    expect(await storedJobs(harness)).toHaveLength(0);

    await user.clear(template);
    await user.type(template, "Happy {{dayOfWeek}!");
    await waitFor(() => expect(status).toHaveTextContent("Configuration valid · ready to create"));
    await user.click(within(dialog).getByRole("button", { name: "Create job" }));
    await waitFor(() => expect(screen.getByText("Dialog closed")).toBeInTheDocument());
    expect((await storedJobs(harness))[0]?.action).toEqual({ type: "chat", template: "Happy {dayOfWeek}!" });
  });

  it("previews the template at the schedule's next run, in the job's zone", async () => {
    // Monday 2026-11-30 10:00 in Paris: the next 09:00 run is on Tuesday, December 1.
    const harness = createPlannerHarness();
    const { user } = renderWithPlanner(<Host />, { harness, timeZone: "Europe/Paris" });
    const dialog = await screen.findByRole("dialog", { name: "Create scheduled job" });
    await user.click(within(dialog).getByRole("radio", { name: "Daily at 9 AM" }));
    await user.type(within(dialog).getByRole("textbox", { name: "Message template" }), "Plan for {{date} at {{time} ({{timezone})");
    const preview = within(dialog).getByRole("region", { name: "Preview" });
    await waitFor(() => expect(preview).toHaveTextContent("Plan for Tuesday, December 1, 2026 at 09:00 (Europe/Paris)"));

    await user.click(within(dialog).getByRole("radio", { name: "1st of each month" }));
    await waitFor(() => expect(preview).toHaveTextContent("Plan for Tuesday, December 1, 2026 at 09:00"));
    await user.click(within(dialog).getByRole("radio", { name: "Every hour" }));
    await waitFor(() => expect(preview).toHaveTextContent("Plan for Monday, November 30, 2026 at 11:00"));
  });

  // Each Tab computes the focus order of the whole dialog in jsdom: this walk takes many seconds on a busy machine.
  it("creates a job with the keyboard only: Tab, arrow keys, Space and Enter", { timeout: 60_000 }, async () => {
    const harness = createPlannerHarness();
    const { user } = renderWithPlanner(<Host />, { harness, timeZone: "Europe/Paris" });
    const dialog = await screen.findByRole("dialog", { name: "Create scheduled job" });
    const name = within(dialog).getByRole("textbox", { name: "Name" });
    await waitFor(() => expect(name).toHaveFocus());
    await user.keyboard("Weekly planning");

    // Schedule: the preset cards are one radio group; arrows move and choose, as in any radio group.
    await tabTo(user, () => within(dialog).getByRole("radio", { name: "Daily at 9 AM" }));
    await pressArrow(user, "ArrowRight");
    await pressArrow(user, "ArrowRight");
    expect(within(dialog).getByRole("radio", { name: "Every Monday at 9 AM" })).toBeChecked();
    expect(await within(dialog).findByText("every Monday at 9:00 AM (Europe/Paris)")).toBeInTheDocument();

    // Builder tab: arrows move between tabs; Space presses a day toggle.
    await tabTo(user, () => within(dialog).getByRole("tab", { name: "Presets" }), true);
    await pressArrow(user, "ArrowRight");
    expect(within(dialog).getByRole("tab", { name: "Builder" })).toHaveAttribute("aria-selected", "true");
    await tabTo(user, () => within(dialog).getByRole("button", { name: "Friday" }));
    await user.keyboard(" ");
    expect(within(dialog).getByRole("button", { name: "Friday" })).toHaveAttribute("aria-pressed", "true");
    expect(await within(dialog).findByText("every Monday and Friday at 9:00 AM (Europe/Paris)")).toBeInTheDocument();

    // The action: chat is chosen; Tab to the template and type; a palette variable is inserted with Enter.
    await tabTo(user, () => within(dialog).getByRole("textbox", { name: "Message template" }));
    await user.keyboard("Plan the week, it is ");
    await tabTo(user, () => within(dialog).getByRole("button", { name: "Insert {dayOfWeek}" }));
    await user.keyboard("{Enter}");
    const template = within(dialog).getByRole("textbox", { name: "Message template" });
    expect(template).toHaveValue("Plan the week, it is {dayOfWeek}");
    expect(template).toHaveFocus();

    // Advanced opens with Enter; a policy radio is chosen with the arrows.
    await tabTo(user, () => within(dialog).getByRole("button", { name: "Advanced" }));
    await user.keyboard("{Enter}");
    await tabTo(user, () => within(dialog).getByRole("radio", { name: "If the planner was down, run once when it's back" }));
    await pressArrow(user, "ArrowDown");
    expect(within(dialog).getByRole("radio", { name: "Skip missed runs and wait for the next one" })).toBeChecked();

    await waitFor(() => expect(within(dialog).getByRole("status")).toHaveTextContent("Configuration valid · ready to create"));
    await tabTo(user, () => within(dialog).getByRole("button", { name: "Create job" }));
    await user.keyboard("{Enter}");
    await waitFor(() => expect(screen.getByText("Dialog closed")).toBeInTheDocument());
    expect((await storedJobs(harness))[0]).toMatchObject({
      name: "Weekly planning",
      schedule: { cron: "0 9 * * 1,5", timezone: "Europe/Paris" },
      action: { type: "chat", template: "Plan the week, it is {dayOfWeek}" },
      policy: { misfire: "skip", overlap: "skip" },
    });
  });

  it("Escape on a half-filled dialog asks before discarding; an untouched one closes at once", async () => {
    const harness = createPlannerHarness();
    const { user } = renderWithPlanner(<Host />, { harness });
    await user.type(within(await screen.findByRole("dialog", { name: "Create scheduled job" })).getByRole("textbox", { name: "Name" }), "Draft");
    await user.keyboard("{Escape}");
    const confirm = await screen.findByRole("alertdialog", { name: "Discard changes?" });
    expect(screen.getByText("Dialog open")).toBeInTheDocument();
    await user.click(within(confirm).getByRole("button", { name: "Keep editing" }));
    await waitFor(() => expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument());
    expect(screen.getByRole("textbox", { name: "Name" })).toHaveValue("Draft");

    await user.keyboard("{Escape}");
    await user.click(within(await screen.findByRole("alertdialog", { name: "Discard changes?" })).getByRole("button", { name: "Discard changes" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(screen.getByText("Dialog closed")).toBeInTheDocument();
    expect(await storedJobs(harness)).toHaveLength(0);
  });

  it("an untouched dialog closes on Escape without asking", async () => {
    const { user } = renderWithPlanner(<Host />, { harness: createPlannerHarness() });
    await screen.findByRole("dialog", { name: "Create scheduled job" });
    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.getByText("Dialog closed")).toBeInTheDocument());
    expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument();
  });
});

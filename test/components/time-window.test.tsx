import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { useState } from "react";
import { describe, expect, it } from "vitest";
import { JobDialog, JobList } from "../../src/components";
import type { CreateJobInput } from "../../src/shared/schemas";
import { AGENT_ID, createPlannerHarness, renderWithPlanner, type PlannerHarness } from "./harness";

/** The job dialog's kinds of time (Repeats / Once, start, end, run limit, jitter) and the card's sentence. Clock: Mon 2026-11-30 09:00 UTC. */

function Host({ job }: { job?: Parameters<typeof JobDialog>[0]["job"] }) {
  const [open, setOpen] = useState(true);
  return (
    <>
      <p>{open ? "Dialog open" : "Dialog closed"}</p>
      <JobDialog agentId={AGENT_ID} job={job} open={open} onOpenChange={setOpen} />
    </>
  );
}

async function storedJobs(harness: PlannerHarness) {
  return (await harness.store.get(AGENT_ID)).jobs;
}

async function fillChat(user: ReturnType<typeof renderWithPlanner>["user"], dialog: HTMLElement, name: string) {
  await user.type(within(dialog).getByRole("textbox", { name: "Name" }), name);
  await user.type(within(dialog).getByRole("textbox", { name: "Message template" }), "Remind me to call the bank.");
}

describe("JobDialog: kinds of time", { timeout: 90_000 }, () => {
  it("creates a one-time job at a date and time in its zone; the preview says when it runs", async () => {
    const harness = createPlannerHarness();
    const { user } = renderWithPlanner(<Host />, { harness, timeZone: "Europe/Paris" });
    const dialog = await screen.findByRole("dialog", { name: "Create scheduled job" });
    await fillChat(user, dialog, "Call the bank");
    await user.click(within(dialog).getByRole("radio", { name: "Once" }));
    expect(within(dialog).queryByRole("tab", { name: "Presets" })).not.toBeInTheDocument();
    fireEvent.change(within(dialog).getByLabelText(/Date and time/), { target: { value: "2026-12-24T09:00" } });
    expect(await within(dialog).findByText(/This job will run once, on Thu, Dec 24, 2026, 9:00 AM/)).toBeInTheDocument();
    await waitFor(() => expect(within(dialog).getByRole("status")).toHaveTextContent("Configuration valid · ready to create"));
    await user.click(within(dialog).getByRole("button", { name: "Create job" }));
    await waitFor(() => expect(screen.getByText("Dialog closed")).toBeInTheDocument());
    const [job] = await storedJobs(harness);
    expect(job?.schedule).toEqual({ cron: "0 9 24 12 *", timezone: "Europe/Paris", kind: "once", at: "2026-12-24T08:00:00.000Z" });
    expect(job?.state.nextRunAt).toBe("2026-12-24T08:00:00.000Z");
  });

  it('"in 2 hours": a delay, resolved to an instant when saved', async () => {
    const harness = createPlannerHarness();
    const { user } = renderWithPlanner(<Host />, { harness, timeZone: "UTC" });
    const dialog = await screen.findByRole("dialog", { name: "Create scheduled job" });
    await fillChat(user, dialog, "Soon");
    await user.click(within(dialog).getByRole("radio", { name: "Once" }));
    await user.click(within(dialog).getByRole("radio", { name: "After a delay" }));
    const amount = within(dialog).getByRole("spinbutton", { name: "Amount" });
    expect(amount).toHaveValue(2);
    expect(within(dialog).getByRole("combobox", { name: "Unit" })).toHaveValue("hours");
    expect(await within(dialog).findByText(/This job will run once, on Mon, Nov 30, 2026, 11:00 AM/)).toBeInTheDocument();
    await waitFor(() => expect(within(dialog).getByRole("status")).toHaveTextContent("ready to create"));
    await user.click(within(dialog).getByRole("button", { name: "Create job" }));
    await waitFor(() => expect(screen.getByText("Dialog closed")).toBeInTheDocument());
    expect((await storedJobs(harness))[0]?.schedule).toMatchObject({ kind: "once", at: "2026-11-30T11:00:00.000Z" });
  });

  it("a one-time job in the past is refused before saving, with the reason", async () => {
    const harness = createPlannerHarness();
    const { user } = renderWithPlanner(<Host />, { harness, timeZone: "UTC" });
    const dialog = await screen.findByRole("dialog", { name: "Create scheduled job" });
    await fillChat(user, dialog, "Too late");
    await user.click(within(dialog).getByRole("radio", { name: "Once" }));
    fireEvent.change(within(dialog).getByLabelText(/Date and time/), { target: { value: "2026-11-29T09:00" } });
    expect(await within(dialog).findByText("This time has already passed: choose a time in the future.")).toBeInTheDocument();
    await user.click(within(dialog).getByRole("button", { name: "Create job" }));
    expect(await within(dialog).findAllByText("This time has already passed: choose a time in the future.")).not.toHaveLength(0);
    expect(await storedJobs(harness)).toEqual([]);
  });

  it("start date, end date, run limit and jitter on a repeating job; end before start is named on the end date", async () => {
    const harness = createPlannerHarness();
    const { user } = renderWithPlanner(<Host />, { harness, timeZone: "UTC" });
    const dialog = await screen.findByRole("dialog", { name: "Create scheduled job" });
    await fillChat(user, dialog, "December");
    expect(within(dialog).getByRole("radio", { name: "Repeats" })).toBeChecked();
    fireEvent.change(within(dialog).getByLabelText(/Start date/), { target: { value: "2026-12-10" } });
    fireEvent.change(within(dialog).getByLabelText(/End date/), { target: { value: "2026-12-05" } });
    await waitFor(() => expect(within(dialog).getByRole("status")).toHaveTextContent("The end date must be after the start date."));
    fireEvent.change(within(dialog).getByLabelText(/End date/), { target: { value: "2026-12-31" } });
    await user.type(within(dialog).getByRole("spinbutton", { name: /Run limit/ }), "5");
    await user.type(within(dialog).getByRole("spinbutton", { name: /Jitter window/ }), "10");
    // The preview shows each run's window.
    await user.click(await within(dialog).findByRole("button", { name: /Next \d+ runs/ }));
    expect((await within(dialog).findAllByText(/\(9:00 AM – 9:10 AM\)/)).length).toBeGreaterThan(0);
    await waitFor(() => expect(within(dialog).getByRole("status")).toHaveTextContent("ready to create"));
    await user.click(within(dialog).getByRole("button", { name: "Create job" }));
    await waitFor(() => expect(screen.getByText("Dialog closed")).toBeInTheDocument());
    expect((await storedJobs(harness))[0]?.schedule).toEqual({
      cron: "0 9 * * *",
      timezone: "UTC",
      startAt: "2026-12-10T00:00:00.000Z",
      endAt: "2026-12-31T23:59:59.999Z",
      maxRuns: 5,
      jitterMinutes: 10,
    });
  });
});

describe("JobCard: kinds of time", { timeout: 90_000 }, () => {
  it("says the schedule with its time fields, and 'Ended' once a one-time job has run", async () => {
    const harness = createPlannerHarness();
    const caller = harness.caller();
    const base: Omit<CreateJobInput, "name" | "schedule"> = { agentId: AGENT_ID, action: { type: "chat", template: "Hi" } };
    await caller.jobs.create({ ...base, name: "Bounded", schedule: { cron: "0 9 * * *", timezone: "UTC", startAt: "2026-12-01", endAt: "2026-12-31", maxRuns: 10, jitterMinutes: 10 } });
    const once = await caller.jobs.create({ ...base, name: "One shot", schedule: { cron: "0 9 * * *", timezone: "UTC", kind: "once", at: "2026-12-24T09:00" } });
    // As the tick leaves it after its run.
    await harness.store.update(AGENT_ID, (planner) => ({ ...planner, jobs: planner.jobs.map((j) => (j.id === once.id ? { ...j, state: { ...j.state, nextRunAt: undefined } } : j)) }));
    renderWithPlanner(<JobList agentId={AGENT_ID} />, { harness, timeZone: "UTC" });
    const bounded = await screen.findByRole("article", { name: "Bounded" });
    expect(bounded).toHaveTextContent("Daily at 9:00 AM, from Dec 1, 2026 until Dec 31, 2026, at most 10 runs, up to 10 min late (jitter)");
    const shot = await screen.findByRole("article", { name: "One shot" });
    expect(shot).toHaveTextContent("Once on Thu, Dec 24, 2026, 9:00 AM");
    expect(shot).toHaveTextContent("Ran once · done");
    expect(within(shot).getByText("Ended")).toBeInTheDocument();
  });
});

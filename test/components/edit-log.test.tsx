import { screen, waitFor, within } from "@testing-library/react";
import { useState } from "react";
import { describe, expect, it } from "vitest";
import { HistoryDialog, JobDialog, type JobDialogProps } from "../../src/components";
import { createContextInner } from "../../src/server/context";
import { plannerRouter } from "../../src/server/router";
import { createCallerFactory } from "../../src/server/trpc";
import type { CreateJobInput } from "../../src/shared/schemas";
import { AGENT_ID, USER_ID, createPlannerHarness, renderWithPlanner, type PlannerHarness } from "./harness";

const MONDAY: CreateJobInput = {
  agentId: AGENT_ID,
  name: "Monday digest",
  schedule: { cron: "0 9 * * 1", timezone: "UTC" },
  action: { type: "chat", template: "Digest for {jobName}" },
};

/** Ada: user-1 with the display name the host's auth gives. */
function ada(harness: PlannerHarness) {
  return createCallerFactory(plannerRouter)(createContextInner(harness.planner.deps, { userId: USER_ID, name: "Ada" }));
}

function EditHost({ job }: Pick<JobDialogProps, "job">) {
  const [open, setOpen] = useState(true);
  return (
    <>
      <p>{open ? "Dialog open" : "Dialog closed"}</p>
      <JobDialog agentId={AGENT_ID} job={job} open={open} onOpenChange={setOpen} />
    </>
  );
}

describe("Changes in an item's history", { timeout: 60_000 }, () => {
  it("lists who changed what, from what to what, and when, newest first", async () => {
    const harness = createPlannerHarness();
    const job = await ada(harness).jobs.create(MONDAY);
    await ada(harness).jobs.update({ agentId: AGENT_ID, jobId: job.id, expectedRevision: 1, schedule: { cron: "0 9 * * 1-5", timezone: "UTC" } });
    await harness.caller().jobs.pause({ agentId: AGENT_ID, jobId: job.id });
    harness.clock.advance(2 * 3_600_000);
    const { user } = renderWithPlanner(<HistoryDialog agentId={AGENT_ID} owner={{ kind: "job", id: job.id }} name={job.name} open onOpenChange={() => {}} />, { harness });

    const dialog = await screen.findByRole("dialog", { name: "Run history · Monday digest" });
    expect(within(dialog).getByRole("tab", { name: "Runs" })).toHaveAttribute("aria-selected", "true");
    await user.click(within(dialog).getByRole("tab", { name: "Changes" }));
    const log = await within(dialog).findByRole("region", { name: "Changes" });
    const entries = await within(log).findAllByRole("listitem");
    expect(entries.map((entry) => entry.querySelector("p")?.textContent)).toEqual([
      "user-1 paused it · 2 hours ago",
      "Ada changed the schedule · 2 hours ago",
      "Ada created this job · 2 hours ago",
    ]);
    const changed = within(entries[1]!).getByRole("definition");
    expect(changed).toHaveTextContent("from ‘Every Monday at 9:00 AM’ to ‘Weekdays at 9:00 AM’");
    expect(within(entries[1]!).getByRole("term")).toHaveTextContent("the schedule");
  });

  it("leaves out changes made outside the API, and answers a missing item with its error and a retry", async () => {
    const harness = createPlannerHarness();
    const job = await harness.caller().jobs.create(MONDAY);
    await harness.store.update(AGENT_ID, (planner) => ({ ...planner, jobs: planner.jobs.map((j) => ({ ...j, name: "Renamed elsewhere" })) }));
    const { user } = renderWithPlanner(<HistoryDialog agentId={AGENT_ID} owner={{ kind: "job", id: job.id }} name={job.name} open onOpenChange={() => {}} />, { harness });
    await user.click(await screen.findByRole("tab", { name: "Changes" }));
    // The change made straight in the store had no user: only the create is in the log.
    expect(await screen.findByText("user-1 created this job")).toBeInTheDocument();
    expect(within(screen.getByRole("region", { name: "Changes" })).getAllByRole("listitem")).toHaveLength(1);

    renderWithPlanner(<HistoryDialog agentId={AGENT_ID} owner={{ kind: "job", id: "job_nothingthere000000" }} name="Gone" open onOpenChange={() => {}} />, { harness });
    await user.click(screen.getAllByRole("tab", { name: "Changes" }).at(-1)!);
    // (The expected-vs-actual strip above the tabs says the same for its part.)
    const changes = (await screen.findAllByRole("region", { name: "Changes" })).at(-1)!;
    expect(await within(changes).findByText("This job no longer exists. It may have been deleted.")).toBeInTheDocument();
    expect(within(changes).getByRole("button", { name: "Try again" })).toBeInTheDocument();
  });
});

describe("JobDialog's review of an edit", { timeout: 90_000 }, () => {
  it("shows the next runs and the message before → after, Back returns to the form, Save saves", async () => {
    const harness = createPlannerHarness();
    const created = await harness.caller().jobs.create(MONDAY);
    const job = await harness.caller().jobs.byId({ agentId: AGENT_ID, jobId: created.id });
    const { user } = renderWithPlanner(<EditHost job={job} />, { harness });
    const dialog = await screen.findByRole("dialog", { name: "Edit “Monday digest”" });

    await user.click(within(dialog).getByRole("radio", { name: "Weekdays at 9 AM" }));
    const template = within(dialog).getByRole("textbox", { name: "Message template" });
    await user.clear(template);
    await user.type(template, "Plan the day for {{jobName}");
    await user.click(within(dialog).getByRole("button", { name: "Save" }));

    const review = await within(dialog).findByRole("region", { name: "Review your changes" });
    expect(within(dialog).getByRole("status")).toHaveTextContent("Review the changes, then save");
    const before = await within(review).findByRole("list", { name: "Before: Next 5 runs" });
    const after = await within(review).findByRole("list", { name: "After: Next 5 runs" });
    // Monday 30 Nov 09:00 UTC is now: the next Monday runs are 7, 14, 21, 28 Dec and 4 Jan.
    expect(within(before).getAllByRole("listitem").map((li) => li.textContent)).toEqual([
      "Mon, Dec 7, 2026, 9:00 AM",
      "Mon, Dec 14, 2026, 9:00 AMNo longer runs",
      "Mon, Dec 21, 2026, 9:00 AMNo longer runs",
      "Mon, Dec 28, 2026, 9:00 AMNo longer runs",
      "Mon, Jan 4, 2027, 9:00 AMNo longer runs",
    ]);
    expect(within(after).getAllByRole("listitem").map((li) => li.textContent)).toEqual([
      "Tue, Dec 1, 2026, 9:00 AMNew time",
      "Wed, Dec 2, 2026, 9:00 AMNew time",
      "Thu, Dec 3, 2026, 9:00 AMNew time",
      "Fri, Dec 4, 2026, 9:00 AMNew time",
      "Mon, Dec 7, 2026, 9:00 AM",
    ]);
    const message = within(review).getByRole("region", { name: "Message" });
    expect(await within(message).findByText("Digest for Monday digest")).toBeInTheDocument();
    expect(within(message).getByText("Plan the day for Monday digest")).toBeInTheDocument();

    await user.click(within(dialog).getByRole("button", { name: "Back" }));
    expect(within(dialog).queryByRole("region", { name: "Review your changes" })).not.toBeInTheDocument();
    expect(within(dialog).getByRole("textbox", { name: "Message template" })).toBeVisible();
    expect((await harness.store.get(AGENT_ID)).jobs[0]!.schedule.cron).toBe("0 9 * * 1");

    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    await within(dialog).findByRole("region", { name: "Review your changes" });
    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    await waitFor(() => expect(screen.getByText("Dialog closed")).toBeInTheDocument());
    expect((await harness.store.get(AGENT_ID)).jobs[0]).toMatchObject({ schedule: { cron: "0 9 * * 1-5" }, action: { template: "Plan the day for {jobName}" } });
  });

  it("saves an edit that changes neither the schedule nor the message without a review", async () => {
    const harness = createPlannerHarness();
    const created = await harness.caller().jobs.create(MONDAY);
    const job = await harness.caller().jobs.byId({ agentId: AGENT_ID, jobId: created.id });
    const { user } = renderWithPlanner(<EditHost job={job} />, { harness });
    const dialog = await screen.findByRole("dialog", { name: "Edit “Monday digest”" });
    const name = within(dialog).getByRole("textbox", { name: "Name" });
    await user.clear(name);
    await user.type(name, "Weekly digest");
    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    await waitFor(() => expect(screen.getByText("Dialog closed")).toBeInTheDocument());
    expect((await harness.store.get(AGENT_ID)).jobs[0]!.name).toBe("Weekly digest");
  });
});

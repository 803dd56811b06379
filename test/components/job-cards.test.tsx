import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { JobList } from "../../src/components";
import { AGENT_ID, createPlannerHarness, renderWithPlanner } from "./harness";
import { dailyJob } from "./panel-seed";

async function openMenu(user: ReturnType<typeof renderWithPlanner>["user"], name: string) {
  await user.click(await screen.findByRole("button", { name: `Actions for ${name}` }));
  return within(await screen.findByRole("menu"));
}

describe("JobList and JobCard", () => {
  it("pauses and resumes from the card's menu", async () => {
    const harness = createPlannerHarness();
    const job = await harness.caller().jobs.create(dailyJob("Morning digest"));
    const { user } = renderWithPlanner(<JobList agentId={AGENT_ID} />, { harness });
    const card = within(await screen.findByRole("article", { name: "Morning digest" }));
    expect(card.getByText("Active")).toBeInTheDocument();

    await user.click((await openMenu(user, "Morning digest")).getByRole("menuitem", { name: "Pause" }));
    await waitFor(() => expect(card.getAllByText("Paused")).toHaveLength(2));
    await waitFor(async () => expect((await harness.caller().jobs.byId({ agentId: AGENT_ID, jobId: job.id })).enabled).toBe(false));
    expect(await screen.findByText("Morning digest paused.")).toBeInTheDocument();

    await user.click((await openMenu(user, "Morning digest")).getByRole("menuitem", { name: "Resume" }));
    await waitFor(() => expect(card.getByText("Active")).toBeInTheDocument());
    expect(card.getByText("Next: Tomorrow 9:00 AM")).toBeInTheDocument();
    expect((await harness.caller().jobs.byId({ agentId: AGENT_ID, jobId: job.id })).enabled).toBe(true);
  });

  it("deletes only after confirming; cancelling keeps the job", async () => {
    const harness = createPlannerHarness();
    await harness.caller().jobs.create(dailyJob("Old report"));
    const { user } = renderWithPlanner(<JobList agentId={AGENT_ID} />, { harness });

    await user.click((await openMenu(user, "Old report")).getByRole("menuitem", { name: "Delete" }));
    const confirm = within(await screen.findByRole("alertdialog", { name: 'Delete "Old report"?' }));
    await user.click(confirm.getByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument());
    expect(screen.getByRole("article", { name: "Old report" })).toBeInTheDocument();
    expect(await harness.caller().jobs.list({ agentId: AGENT_ID })).toHaveLength(1);

    await user.click((await openMenu(user, "Old report")).getByRole("menuitem", { name: "Delete" }));
    await user.click(within(await screen.findByRole("alertdialog")).getByRole("button", { name: "Delete" }));
    expect(await screen.findByText("No scheduled jobs yet")).toBeInTheDocument();
    expect(await harness.caller().jobs.list({ agentId: AGENT_ID })).toHaveLength(0);
  });

  it("run now: the new run arrives through the live stream and its result is announced", async () => {
    const harness = createPlannerHarness();
    await harness.planner.start();
    await harness.caller().jobs.create(dailyJob("Run me"));
    const { user } = renderWithPlanner(<JobList agentId={AGENT_ID} />, { harness });
    const card = within(await screen.findByRole("article", { name: "Run me" }));
    expect(await card.findByRole("img", { name: "No runs yet" })).toBeInTheDocument();

    await user.click((await openMenu(user, "Run me")).getByRole("menuitem", { name: "Run now" }));
    // Nothing here refetches by hand: the run's changes come from live.onChange.
    expect(await card.findByRole("img", { name: "Last 1 run: 1 succeeded, 0 failed" })).toBeInTheDocument();
    expect(await screen.findByText("Run me ran successfully")).toBeInTheDocument();
    expect(screen.getByText("Run me ran successfully").closest("[aria-live]")).toHaveAttribute("aria-live", "polite");
    expect(harness.executors.chats).toHaveLength(1);
  });

  it("an optimistic pause rolls back when the server refuses", async () => {
    const harness = createPlannerHarness();
    await harness.caller().jobs.create(dailyJob("Stubborn"));
    const { user } = renderWithPlanner(<JobList agentId={AGENT_ID} />, { harness });
    const card = within(await screen.findByRole("article", { name: "Stubborn" }));

    // The store refuses the next write, after a moment so the optimistic state can be seen.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const update = harness.store.update.bind(harness.store);
    harness.store.update = async () => {
      await gate;
      harness.store.update = update;
      throw new Error("The disk is full.");
    };

    await user.click((await openMenu(user, "Stubborn")).getByRole("menuitem", { name: "Pause" }));
    await waitFor(() => expect(card.getAllByText("Paused")).toHaveLength(2));
    release();
    await waitFor(() => expect(card.getByText("Active")).toBeInTheDocument());
    expect(card.queryByText("Paused")).not.toBeInTheDocument();
    expect(await screen.findByText(/^Stubborn: /)).toBeInTheDocument();
    expect(screen.getByText(/^Stubborn: /).closest("[aria-live]")).toHaveAttribute("aria-live", "assertive");
  });

  it("stays usable with 50 jobs and truncates long names with the full name kept", async () => {
    const harness = createPlannerHarness();
    const long = "A very long job name that goes on and on to check truncation in a narrow card";
    await harness.caller().jobs.create(dailyJob(long));
    for (let index = 1; index < 50; index++) await harness.caller().jobs.create(dailyJob(`Job ${index}`));
    renderWithPlanner(<JobList agentId={AGENT_ID} />, { harness });
    const list = within(await screen.findByRole("list", { name: "Scheduled jobs" }));
    expect(list.getAllByRole("article")).toHaveLength(50);
    expect(list.getByRole("article", { name: long })).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: /Scheduled Jobs/ })).toHaveTextContent("50");
  }, 20_000); // 50 cards in jsdom: seconds on a loaded machine
});

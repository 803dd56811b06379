import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { JobList } from "../../src/components";
import { AGENT_ID, createPlannerHarness, renderWithPlanner } from "./harness";
import { dailyJob } from "./panel-seed";

/** A daily 09:00 UTC job; "now" is Monday 2026-11-30 09:00 UTC, so its next runs are Tue 1 Dec, Wed 2 Dec, … 09:00. */
async function setup() {
  const harness = createPlannerHarness();
  const job = await harness.caller().jobs.create(dailyJob("Morning digest"));
  const rendered = renderWithPlanner(<JobList agentId={AGENT_ID} />, { harness });
  const ref = { agentId: AGENT_ID, jobId: job.id };
  const stored = async () => (await harness.store.get(AGENT_ID)).jobs[0]!;
  return { ...rendered, harness, job, ref, stored };
}

async function openNextRuns(user: ReturnType<typeof renderWithPlanner>["user"]) {
  await user.click(await screen.findByRole("button", { name: "Next: Tomorrow 9:00 AM" }));
  const dialog = within(await screen.findByRole("dialog", { name: "Next runs · Morning digest" }));
  const list = within(await dialog.findByRole("list", { name: "Next runs" }));
  return { dialog, list };
}

type Scope = Awaited<ReturnType<typeof openNextRuns>>["dialog"];

async function runMenu(user: ReturnType<typeof renderWithPlanner>["user"], dialog: Scope, when: RegExp) {
  await user.click(dialog.getByRole("button", { name: when }));
  return within(await screen.findByRole("menu"));
}

describe("Bend one run from the card's next runs", () => {
  it("lists the next five runs and skips one: struck through, who skipped it, stored on the job", async () => {
    const { user, stored } = await setup();
    const { dialog, list } = await openNextRuns(user);
    expect(list.getAllByRole("listitem")).toHaveLength(5);

    const menu = await runMenu(user, dialog, /Options for the run at .*Dec 1, 2026/);
    await user.click(menu.getByRole("menuitem", { name: "Skip this run" }));

    const first = await waitFor(() => {
      const row = list.getAllByRole("listitem")[0]!;
      expect(within(row).getByText("Skipped by user-1")).toBeInTheDocument();
      return row;
    });
    expect(first.querySelector("s")?.textContent).toMatch(/Dec 1, 2026/);
    expect((await stored()).state.overrides).toEqual([expect.objectContaining({ occurrence: "2026-12-01T09:00:00.000Z", action: "skip", by: "user-1" })]);

    await user.click((await runMenu(user, dialog, /Options for the run at .*Dec 1, 2026/)).getByRole("menuitem", { name: "Undo skip" }));
    await waitFor(() => expect(list.queryByText("Skipped by user-1")).not.toBeInTheDocument());
    expect((await stored()).state.overrides).toBeUndefined();
  });

  it("moves one run to another time, and shows the server's reason when the time is not allowed", async () => {
    const { user, stored } = await setup();
    const { dialog, list } = await openNextRuns(user);

    await user.click((await runMenu(user, dialog, /Options for the run at .*Dec 2, 2026/)).getByRole("menuitem", { name: "Move this run…" }));
    const input = await dialog.findByLabelText(/New time for the run at .*Dec 2, 2026/);
    expect(input).toHaveValue("2026-12-02T09:00");

    await user.clear(input);
    await user.type(input, "2026-12-03T10:00");
    await user.click(dialog.getByRole("button", { name: "Move" }));
    expect(await dialog.findByText("Pick a time before the following run.")).toBeInTheDocument();
    expect((await stored()).state.overrides).toBeUndefined();

    await user.clear(input);
    await user.type(input, "2026-12-02T14:30");
    await user.click(dialog.getByRole("button", { name: "Move" }));
    const second = await waitFor(() => {
      const row = list.getAllByRole("listitem")[1]!;
      expect(within(row).getByText(/Moved to .*2:30 PM/)).toBeInTheDocument();
      return row;
    });
    expect(second.querySelector("s")).not.toBeNull();
    expect((await stored()).state.overrides).toEqual([expect.objectContaining({ occurrence: "2026-12-02T09:00:00.000Z", action: "move", to: "2026-12-02T14:30:00.000Z" })]);
  });

  it("snoozes the job until a date (its runs before it marked) and ends the snooze", async () => {
    const { user, stored } = await setup();
    const { dialog, list } = await openNextRuns(user);
    const until = dialog.getByLabelText("Snooze until");
    await user.clear(until);
    await user.type(until, "2026-12-03T00:00");
    await user.click(dialog.getByRole("button", { name: "Snooze" }));

    expect(await dialog.findByText(/Snoozed until .*Dec 3, 2026.* \(by user-1\)/)).toBeInTheDocument();
    expect(list.getAllByText("Snoozed")).toHaveLength(2);
    expect((await stored()).state.snooze).toMatchObject({ until: "2026-12-03T00:00:00.000Z", by: "user-1" });

    await user.click(dialog.getByRole("button", { name: "End snooze" }));
    await waitFor(() => expect(list.queryByText("Snoozed")).not.toBeInTheDocument());
    expect((await stored()).state.snooze).toBeUndefined();
  });
});

describe("Resume with a choice", () => {
  async function pausedTwoDays() {
    const t = await setup();
    const card = within(await screen.findByRole("article", { name: "Morning digest" }));
    await t.user.click(await screen.findByRole("button", { name: "Actions for Morning digest" }));
    await t.user.click(within(await screen.findByRole("menu")).getByRole("menuitem", { name: "Pause" }));
    await waitFor(() => expect(card.getAllByText("Paused")).toHaveLength(2));
    t.harness.clock.set("2026-12-02T10:00:00.000Z");
    await t.user.click(await screen.findByRole("button", { name: "Actions for Morning digest" }));
    await t.user.click(within(await screen.findByRole("menu")).getByRole("menuitem", { name: "Resume" }));
    const dialog = within(await screen.findByRole("dialog", { name: "Resume Morning digest" }));
    return { ...t, card, dialog };
  }

  it("says how many runs were missed and since when; Skip them resumes and records them as skipped", async () => {
    const { dialog, user, harness, ref, card } = await pausedTwoDays();
    expect(dialog.getByText(/2 runs were missed while the job was paused \(since .*Nov 30, 2026/)).toBeInTheDocument();
    await user.click(dialog.getByRole("button", { name: "Skip them" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    await waitFor(() => expect(card.getByText("Active")).toBeInTheDocument());
    expect(await screen.findByText("Morning digest resumed; the missed runs were skipped.")).toBeInTheDocument();
    const runs = await harness.caller().jobs.runs(ref);
    expect(runs.items).toEqual([expect.objectContaining({ status: "skipped", skipReason: "missed", scheduledFor: "2026-12-02T09:00:00.000Z" })]);
    expect(harness.executors.chats).toHaveLength(0);
  });

  it("Run once now resumes and runs the latest missed run", async () => {
    const t = await setup();
    await t.harness.planner.start();
    await t.harness.caller().jobs.pause(t.ref);
    t.harness.clock.set("2026-12-02T10:00:00.000Z");
    await t.user.click(await screen.findByRole("button", { name: "Actions for Morning digest" }));
    await t.user.click(within(await screen.findByRole("menu")).getByRole("menuitem", { name: "Resume" }));
    const dialog = within(await screen.findByRole("dialog", { name: "Resume Morning digest" }));
    await t.user.click(dialog.getByRole("button", { name: "Run once now" }));
    expect(await screen.findByText("Morning digest resumed; the latest missed run is running now.")).toBeInTheDocument();
    await t.harness.planner.idle();
    await waitFor(() => expect(t.harness.executors.chats).toHaveLength(1));
    expect(t.harness.executors.chats[0]?.idempotencyKey).toBe(`${t.job.id}@2026-12-02T09:00:00.000Z`);
  });

  it("Cancel leaves the job paused", async () => {
    const { dialog, user, stored } = await pausedTwoDays();
    await user.click(dialog.getByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect((await stored()).enabled).toBe(false);
  });
});

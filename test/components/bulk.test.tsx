import { screen, waitFor, within } from "@testing-library/react";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PlannerPanel } from "../../src/components";
import { UpstreamError } from "../../src/server/errors";
import { startTestComposio, type TestComposio } from "./composio";
import { AGENT_ID, createPlannerHarness, renderWithPlanner, type PlannerHarness } from "./harness";
import { dailyJob } from "./panel-seed";

let composio: TestComposio;
beforeAll(async () => {
  composio = await startTestComposio();
});
afterAll(() => composio.close());

async function seed(harness: PlannerHarness) {
  const caller = harness.caller();
  const digest = await caller.jobs.create(dailyJob("Daily digest"));
  const standup = await caller.jobs.create(dailyJob("Standup notes"));
  const inbox = await caller.triggers.create({
    agentId: AGENT_ID,
    name: "Invoices",
    source: { toolkit: "gmail", triggerSlug: "GMAIL_NEW_GMAIL_MESSAGE", connectedAccountId: "ca_user1gmail0001", config: { labelIds: "INBOX" } },
    action: { type: "chat", template: "Invoice from {emailFrom}" },
  });
  return { digest, standup, inbox };
}

const bar = () => screen.findByRole("toolbar", { name: "Selected items" });
const report = () => screen.findByText((_, element) => element?.getAttribute("data-slot") === "planner-bulk-report");

describe("Bulk management", () => {
  it("selects cards one by one and per section, counts them by kind, and the checkbox opens nothing", async () => {
    const harness = createPlannerHarness({ composio });
    await seed(harness);
    const { user } = renderWithPlanner(<PlannerPanel agentId={AGENT_ID} />, { harness });
    const digest = await screen.findByRole("checkbox", { name: "Select Daily digest" });
    expect(screen.queryByRole("toolbar", { name: "Selected items" })).not.toBeInTheDocument();

    await user.click(digest);
    expect(digest).toBeChecked();
    expect(await bar()).toHaveTextContent("1 item selected · 1 scheduled job");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();

    const jobs = within(screen.getByRole("region", { name: "Scheduled Jobs" }));
    const allJobs = jobs.getByRole("checkbox", { name: "Select all 2 scheduled jobs" });
    expect(allJobs).toHaveProperty("indeterminate", true);
    expect(jobs.getByText("1 of 2")).toBeInTheDocument();
    await user.click(allJobs);
    expect(allJobs).toBeChecked();
    expect(screen.getByRole("checkbox", { name: "Select Standup notes" })).toBeChecked();
    expect(jobs.getByText("2 of 2")).toBeInTheDocument();

    await user.click(await screen.findByRole("checkbox", { name: "Select Invoices" }));
    expect(await bar()).toHaveTextContent("3 items selected · 2 scheduled jobs, 1 event trigger");

    await user.click(allJobs);
    expect(await bar()).toHaveTextContent("1 item selected · 1 event trigger");
    await user.click(within(await bar()).getByRole("button", { name: "Clear selection" }));
    await waitFor(() => expect(screen.queryByRole("toolbar", { name: "Selected items" })).not.toBeInTheDocument());
    expect(screen.getByRole("checkbox", { name: "Select Invoices" })).not.toBeChecked();
  }, 30_000);

  it("deletes after one confirmation naming how many and what is lost, and reports it", async () => {
    const harness = createPlannerHarness({ composio });
    await seed(harness);
    const { user } = renderWithPlanner(<PlannerPanel agentId={AGENT_ID} />, { harness });
    await user.click(await screen.findByRole("checkbox", { name: "Select all 2 scheduled jobs" }));
    await user.click(await screen.findByRole("checkbox", { name: "Select Invoices" }));
    await user.click(within(await bar()).getByRole("button", { name: "Delete" }));

    const confirm = within(await screen.findByRole("alertdialog", { name: "Delete 3 items?" }));
    expect(confirm.getByText("2 scheduled jobs and 1 event trigger stop running and their run history is removed. This cannot be undone.")).toBeInTheDocument();
    // Escape closes the confirmation and keeps the selection; Cancel changes nothing.
    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument());
    expect(await bar()).toHaveTextContent("3 items selected");
    await user.click(within(await bar()).getByRole("button", { name: "Delete" }));
    await user.click(within(await screen.findByRole("alertdialog", { name: "Delete 3 items?" })).getByRole("button", { name: "Cancel" }));
    expect((await harness.store.get(AGENT_ID)).jobs).toHaveLength(2);

    await user.click(within(await bar()).getByRole("button", { name: "Delete" }));
    await user.click(within(await screen.findByRole("alertdialog")).getByRole("button", { name: "Delete 3 items" }));
    const status = await report();
    expect(status).toHaveAttribute("role", "status");
    await waitFor(() => expect(status).toHaveTextContent("Deleted 3 items."));
    const planner = await harness.store.get(AGENT_ID);
    expect([planner.jobs.length, planner.triggers.length]).toEqual([0, 0]);
    await waitFor(() => expect(screen.queryByRole("toolbar", { name: "Selected items" })).not.toBeInTheDocument());
  }, 30_000);

  it("a partial failure says which item failed and why; the others are applied and the failed one stays selected", async () => {
    const harness = createPlannerHarness({ composio });
    const { inbox } = await seed(harness);
    const gateway = harness.planner.deps.composio!;
    const disable = gateway.disableTrigger.bind(gateway);
    gateway.disableTrigger = (id) => (id === inbox.composioTriggerId ? Promise.reject(new UpstreamError("Composio could not disable this trigger right now. Try again in a minute.")) : disable(id));

    const { user } = renderWithPlanner(<PlannerPanel agentId={AGENT_ID} />, { harness });
    await user.click(await screen.findByRole("checkbox", { name: "Select all 2 scheduled jobs" }));
    await user.click(await screen.findByRole("checkbox", { name: "Select Invoices" }));
    await user.click(within(await bar()).getByRole("button", { name: "Pause" }));

    const status = await report();
    await waitFor(() => expect(status).toHaveTextContent("Paused 2 of 3 items."));
    expect(status).toHaveTextContent("1 item failed:");
    expect(status).toHaveTextContent("Invoices: Composio could not disable this trigger right now. Try again in a minute.");
    expect(status).toHaveTextContent("Those that failed stay selected");
    expect(await bar()).toHaveTextContent("1 item selected · 1 event trigger");
    const planner = await harness.store.get(AGENT_ID);
    expect(planner.jobs.map((job) => job.enabled)).toEqual([false, false]);
    expect(planner.triggers[0]?.enabled).toBe(true);
    await user.click(within(status).getByRole("button", { name: "Dismiss" }));
    expect(screen.queryByText("Paused 2 of 3 items.")).not.toBeInTheDocument();
  }, 30_000);

  it("keyboard: Space toggles a checkbox, Escape clears the selection", async () => {
    const harness = createPlannerHarness({ composio });
    await seed(harness);
    const { user } = renderWithPlanner(<PlannerPanel agentId={AGENT_ID} />, { harness });
    const digest = await screen.findByRole("checkbox", { name: "Select Daily digest" });
    digest.focus();
    await user.keyboard(" ");
    expect(digest).toBeChecked();
    expect(await bar()).toHaveTextContent("1 item selected");
    // Escape with the focus still on the checkbox clears the selection.
    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByRole("toolbar", { name: "Selected items" })).not.toBeInTheDocument());
    expect(digest).not.toBeChecked();
  }, 30_000);

  it("a selected item deleted elsewhere drops out of the selection; the selection survives live refreshes", async () => {
    const harness = createPlannerHarness({ composio });
    const { digest } = await seed(harness);
    const { user } = renderWithPlanner(<PlannerPanel agentId={AGENT_ID} />, { harness });
    await user.click(await screen.findByRole("checkbox", { name: "Select all 2 scheduled jobs" }));
    expect(await bar()).toHaveTextContent("2 items selected");
    await harness.caller().jobs.update({ agentId: AGENT_ID, jobId: digest.id, expectedRevision: digest.revision, name: "Daily digest (v2)" });
    expect(await screen.findByRole("checkbox", { name: "Select Daily digest (v2)" })).toBeChecked();
    await harness.caller().jobs.delete({ agentId: AGENT_ID, jobId: digest.id });
    await waitFor(async () => expect(await bar()).toHaveTextContent("1 item selected · 1 scheduled job"));
  }, 30_000);

  it("Pause all remembers what it paused; Resume all leaves the item paused before paused", async () => {
    const harness = createPlannerHarness({ composio });
    const { standup } = await seed(harness);
    await harness.caller().jobs.pause({ agentId: AGENT_ID, jobId: standup.id });
    const { user } = renderWithPlanner(<PlannerPanel agentId={AGENT_ID} />, { harness });
    await screen.findByRole("checkbox", { name: "Select Invoices" });

    await user.click(screen.getByRole("button", { name: "More actions" }));
    expect(await screen.findByRole("menuitem", { name: "Resume all" })).toHaveAttribute("aria-disabled", "true");
    await user.click(screen.getByRole("menuitem", { name: "Pause all" }));
    const status = await report();
    await waitFor(() => expect(status).toHaveTextContent("Paused 2 items. 1 item was already paused and will stay paused on Resume all."));

    await user.click(screen.getByRole("button", { name: "More actions" }));
    await user.click(await screen.findByRole("menuitem", { name: "Resume all" }));
    await waitFor(async () => expect(await report()).toHaveTextContent("Resumed 2 items paused by Pause all. 1 item paused otherwise stays paused."));
    const planner = await harness.store.get(AGENT_ID);
    expect(Object.fromEntries([...planner.jobs, ...planner.triggers].map((owner) => [owner.name, owner.enabled]))).toEqual({ "Daily digest": true, "Standup notes": false, Invoices: true });
  }, 30_000);
});

import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { PlannerPanel } from "../../src/components";
import { AGENT_ID, createPlannerHarness, renderWithPlanner } from "./harness";
import { dailyJob, markJob, seedRun } from "./panel-seed";

describe("PlannerPanel", () => {
  it("empty: explains what a job and a trigger are, with one call to action each", async () => {
    renderWithPlanner(<PlannerPanel agentId={AGENT_ID} />);
    const jobs = within(await screen.findByRole("region", { name: "Scheduled Jobs" }));
    expect(await jobs.findByText("No scheduled jobs yet")).toBeInTheDocument();
    expect(jobs.getByText(/runs on a timetable you choose/)).toBeInTheDocument();
    expect(jobs.getByRole("button", { name: "Add job" })).toBeInTheDocument();
    // Without Composio the trigger section says so instead of failing.
    const triggers = within(screen.getByRole("region", { name: "Event Triggers" }));
    expect(await triggers.findByText(/Composio is not configured/)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Add trigger" })).toBeInTheDocument();
    expect(screen.queryByRole("region", { name: /need attention|needs attention/ })).not.toBeInTheDocument();
    expect(await screen.findByText("No runs yet. Runs appear here as they happen.")).toBeInTheDocument();
  });

  it("populated: cards show the schedule sentence, status and next run; the strip counts them", async () => {
    const harness = createPlannerHarness();
    const caller = harness.caller();
    await caller.jobs.create(dailyJob("Job Search Check", { description: "Looks for new postings." }));
    const weekly = await caller.jobs.create(dailyJob("Weekly Report", { schedule: { cron: "0 9 * * 1-5", timezone: "Europe/Paris" }, action: { type: "workflow", workflowId: "wf_digest" } }));
    await caller.jobs.pause({ agentId: AGENT_ID, jobId: weekly.id });

    renderWithPlanner(<PlannerPanel agentId={AGENT_ID} />, { harness });
    const list = within(await screen.findByRole("list", { name: "Scheduled jobs" }));
    const search = within(list.getByRole("article", { name: "Job Search Check" }));
    expect(search.getByText("Daily at 9:00 AM")).toBeInTheDocument();
    expect(search.getByText("Chat template")).toBeInTheDocument();
    expect(search.getByText("Active")).toBeInTheDocument();
    // Monday 09:00 UTC now: the next 9:00 is tomorrow.
    expect(search.getByText("Next: Tomorrow 9:00 AM")).toBeInTheDocument();
    expect(search.getByText("Looks for new postings.")).toBeInTheDocument();

    const report = within(list.getByRole("article", { name: "Weekly Report" }));
    expect(report.getByText("Weekdays at 9:00 AM (Europe/Paris)")).toBeInTheDocument();
    expect(report.getByText("Execute workflow")).toBeInTheDocument();
    expect(report.getAllByText("Paused")).toHaveLength(2); // the pill and the footer

    const summary = within(screen.getByRole("group", { name: "Summary" }));
    await waitFor(() => expect(summary.getByText("1 paused")).toBeInTheDocument());
    expect(summary.getByText("9:00 AM · Job Search Check")).toBeInTheDocument();
  });

  it("shows a needs-attention banner for a failed job and one paused after failures, with Retry now and Resume", async () => {
    const harness = createPlannerHarness();
    await harness.planner.start();
    const caller = harness.caller();
    const failed = await caller.jobs.create(dailyJob("Daily Job Search"));
    const paused = await caller.jobs.create(dailyJob("Invoice Sync"));
    await markJob(harness, failed.id, "failed", await seedRun(harness, failed.id, "failed", "2026-11-30T08:00:00.000Z"));
    await markJob(harness, paused.id, "pausedAfterFailures", await seedRun(harness, paused.id, "failed", "2026-11-30T07:00:00.000Z"));

    const { user } = renderWithPlanner(<PlannerPanel agentId={AGENT_ID} />, { harness });
    const banner = within(await screen.findByRole("region", { name: "2 items need attention" }));
    expect(banner.getByText("1 failed · 1 paused after failures")).toBeInTheDocument();
    expect(banner.getByRole("button", { name: "Retry now: Daily Job Search" })).toBeInTheDocument();

    const card = within(screen.getByRole("article", { name: "Daily Job Search" }));
    expect(card.getByText("Error")).toBeInTheDocument();
    expect(card.getByText("The chat service answered 503.")).toBeInTheDocument();

    // Resumed, its last run is still a failure: the banner now offers to run it again.
    await user.click(banner.getByRole("button", { name: "Resume: Invoice Sync" }));
    expect(await banner.findByRole("button", { name: "Retry now: Invoice Sync" })).toBeInTheDocument();
    expect(banner.getByText("2 failed")).toBeInTheDocument();
    expect(within(screen.getByRole("article", { name: "Invoice Sync" })).queryByText("Paused")).not.toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Retry now: Daily Job Search" }));
    expect(await screen.findByRole("region", { name: "1 item needs attention" })).toBeInTheDocument();
    expect(harness.executors.chats).toHaveLength(1);
    // The run streams into Recent activity.
    expect(await screen.findByText("Daily Job Search ran successfully")).toBeInTheDocument();
  });

  it("Add job opens the job dialog; Edit opens it for that job; History opens its runs", async () => {
    const harness = createPlannerHarness();
    await harness.caller().jobs.create(dailyJob("Morning digest"));
    const { user } = renderWithPlanner(<PlannerPanel agentId={AGENT_ID} />, { harness });
    await screen.findByRole("article", { name: "Morning digest" });

    await user.click(screen.getAllByRole("button", { name: "Add job" })[0]!);
    expect(await screen.findByRole("dialog", { name: "Create scheduled job" })).toBeInTheDocument();
    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());

    await user.click(screen.getByRole("button", { name: "Actions for Morning digest" }));
    await user.click(await screen.findByRole("menuitem", { name: "Edit" }));
    expect(await screen.findByRole("dialog", { name: /Morning digest/ })).toBeInTheDocument();
    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());

    await user.click(screen.getByRole("button", { name: "Actions for Morning digest" }));
    await user.click(await screen.findByRole("menuitem", { name: "History" }));
    const history = within(await screen.findByRole("dialog", { name: "Run history · Morning digest" }));
    expect(await history.findByText("No runs yet. Runs appear here after a job runs or a trigger fires.")).toBeInTheDocument();
  }, 30_000);

  it("shows the router's error with a retry for an agent the user may not open", async () => {
    const { user } = renderWithPlanner(<PlannerPanel agentId="agent-other" />);
    const alert = await screen.findByText("The planner could not be loaded");
    expect(alert.closest("[role=alert]")).toHaveTextContent(/./);
    await user.click(screen.getByRole("button", { name: "Try again" }));
    expect(await screen.findByText("The planner could not be loaded")).toBeInTheDocument();
  });
});

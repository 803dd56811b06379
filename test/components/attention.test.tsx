/**
 * Issue 23 item 4 (mock-up 08): the needs-attention banner counts problems by cause, gives each row what failed and
 * when, the error in words, the last success, the attempts and their log, and the recovery for its cause; "Retry all
 * failed" retries what a replay can fix and says what it refused and why; Ignore hides a row until its next problem.
 */
import { screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { PlannerPanel } from "../../src/components";
import type { Run, Trigger } from "../../src/shared/schemas";
import { gmailTrigger } from "../helpers/triggers";
import { AGENT_ID, createPlannerHarness, renderWithPlanner, type PlannerHarness } from "./harness";
import { dailyJob, markJob, seedRun } from "./panel-seed";

const TIMEOUT_ERROR = "The host did not report the end of this run within 1 hour (limits.completionTimeoutMs), so it counts as failed.";

function attempts(createdAt: string, error: string): Run["timeline"] {
  const at = (seconds: number) => new Date(Date.parse(createdAt) + seconds * 1000).toISOString();
  return [
    { at: at(0), step: "queued" },
    { at: at(1), step: "executorCalled", attempt: 1 },
    { at: at(2), step: "attemptFailed", attempt: 1, detail: error },
    { at: at(3), step: "executorCalled", attempt: 2 },
    { at: at(7), step: "attemptFailed", attempt: 2, detail: error },
    { at: at(8), step: "executorCalled", attempt: 3 },
    { at: at(9), step: "failed", attempt: 3, detail: error },
  ];
}

async function addTrigger(harness: PlannerHarness, trigger: Trigger, lastRun?: Run) {
  await harness.store.update(AGENT_ID, (planner) => ({
    ...planner,
    triggers: [
      ...planner.triggers,
      lastRun
        ? { ...trigger, state: { ...trigger.state, consecutiveFailures: 1, lastRun: { runId: lastRun.id, cause: lastRun.cause, status: lastRun.status, at: lastRun.finishedAt ?? lastRun.createdAt, ...(lastRun.error ? { error: lastRun.error } : {}) } } }
        : trigger,
    ],
  }));
}

/** A failed job (with an earlier success and its attempts), a timed-out one, an auto-paused one, one with an undefined variable, a lost connection. */
async function seedEveryCause(harness: PlannerHarness) {
  const caller = harness.caller();
  const digest = await caller.jobs.create(dailyJob("Daily digest"));
  await seedRun(harness, digest.id, "succeeded", "2026-11-30T06:00:00.000Z");
  const failed = await seedRun(harness, digest.id, "failed", "2026-11-30T08:00:00.000Z", { timeline: attempts("2026-11-30T08:00:00.000Z", "The chat service answered 503.") });
  await markJob(harness, digest.id, "failed", failed);

  const report = await caller.jobs.create(dailyJob("Weekly report"));
  await markJob(harness, report.id, "failed", await seedRun(harness, report.id, "failed", "2026-11-30T07:30:00.000Z", { error: TIMEOUT_ERROR, attempts: 1 }));

  const crm = await caller.jobs.create(dailyJob("CRM sync"));
  await markJob(harness, crm.id, "pausedAfterFailures", await seedRun(harness, crm.id, "failed", "2026-11-30T07:00:00.000Z"));

  const outreach = await caller.jobs.create(dailyJob("Outreach", { action: { type: "chat", template: "Write to {candidateName} about the role ({date})." } }));
  const ran = await seedRun(harness, outreach.id, "succeeded", "2026-11-30T08:30:00.000Z");
  await harness.store.update(AGENT_ID, (planner) => ({
    ...planner,
    jobs: planner.jobs.map((job) => (job.id === outreach.id ? { ...job, state: { ...job.state, lastRun: { runId: ran.id, cause: ran.cause, status: ran.status, at: ran.finishedAt! } } } : job)),
  }));

  const broken = gmailTrigger("2026-11-29T09:00:00.000Z", { id: "trg_broken000001", name: "Support inbox", composioTriggerId: "ti_broken" });
  await addTrigger(harness, { ...broken, state: { ...broken.state, connectionError: "The connected account expired. Reconnect the app, then resume the trigger." } });
  return { digest, report, crm, outreach };
}

afterEach(() => window.localStorage.clear());

describe("AttentionBanner", () => {
  it("counts by cause and gives each row what failed, when, the last success, the attempts and its recovery", async () => {
    const harness = createPlannerHarness();
    await seedEveryCause(harness);
    const { user } = renderWithPlanner(<PlannerPanel agentId={AGENT_ID} connectHref={(toolkit) => `/connections?app=${toolkit}`} />, { harness });
    const banner = within(await screen.findByRole("region", { name: "5 items need attention" }));
    expect(banner.getByText("1 lost connection · 1 failed · 1 timed out · 1 invalid config · 1 paused after failures")).toBeInTheDocument();

    // Connection: connect the app again (the host's page), Reconnect (choose the account), Disable, Ignore.
    const connection = within(banner.getByRole("listitem", { name: "Support inbox: Connection error" }));
    expect(connection.getByText("The connected account expired. Reconnect the app, then resume the trigger.")).toBeInTheDocument();
    expect(connection.getByRole("link", { name: "Connect Gmail again (Support inbox)" })).toHaveAttribute("href", "/connections?app=gmail");
    expect(connection.getByRole("button", { name: "Reconnect: Support inbox" })).toBeInTheDocument();
    expect(connection.getByRole("button", { name: "Disable: Support inbox" })).toBeInTheDocument();
    expect(connection.getByRole("button", { name: "Ignore: Support inbox" })).toBeInTheDocument();

    // Failure: the error in words, when, the last success, how often it was tried, the attempts' log, Retry now.
    const failure = within(banner.getByRole("listitem", { name: "Daily digest: Failed" }));
    expect(failure.getByText("The last run failed: The chat service answered 503.")).toBeInTheDocument();
    expect(failure.getByText("Tried 3 times")).toBeInTheDocument();
    // Failed at the run's end, last success at the earlier run's end.
    const times = [...banner.getByRole("listitem", { name: "Daily digest: Failed" }).querySelectorAll(".planner-attention-meta time")];
    expect(times.map((time) => [time.parentElement?.textContent, time.getAttribute("dateTime")])).toEqual([
      ["Failed 60 minutes ago", "2026-11-30T08:00:03.000Z"],
      ["Last success 3 hours ago", "2026-11-30T06:00:03.000Z"],
    ]);
    expect(failure.getByRole("button", { name: "Retry now: Daily digest" })).toBeInTheDocument();
    const toggle = failure.getByRole("button", { name: "Show the attempts (6)" });
    expect(toggle).toHaveAttribute("aria-expanded", "false");
    expect(failure.queryByRole("list", { name: "Attempts of the last failed run of Daily digest" })).not.toBeInTheDocument();
    toggle.focus();
    await user.keyboard("{Enter}");
    expect(toggle).toHaveAttribute("aria-expanded", "true");
    const log = within(failure.getByRole("list", { name: "Attempts of the last failed run of Daily digest" }));
    expect(log.getAllByRole("listitem").map((row) => row.textContent)).toEqual([
      "8:00:01 AM Executor called (attempt 1)",
      "8:00:02 AM Attempt failed (attempt 1): The chat service answered 503.",
      "8:00:03 AM Executor called (attempt 2)",
      "8:00:07 AM Attempt failed (attempt 2): The chat service answered 503.",
      "8:00:08 AM Executor called (attempt 3)",
      "8:00:09 AM Failed (attempt 3): The chat service answered 503.",
    ]);

    const timeout = within(banner.getByRole("listitem", { name: "Weekly report: Timed out" }));
    expect(timeout.getByText(`The last run failed: ${TIMEOUT_ERROR}`)).toBeInTheDocument();
    expect(timeout.getByText("No successful run yet")).toBeInTheDocument();
    expect(timeout.getByRole("button", { name: "Retry now: Weekly report" })).toBeInTheDocument();

    // Invalid config: the undefined variable named and marked, Edit template opens the job's dialog.
    const invalid = within(banner.getByRole("listitem", { name: "Outreach: Invalid config" }));
    expect(invalid.getByText("{candidateName}").tagName).toBe("MARK");
    expect(invalid.getByText(/^The template uses \{candidateName\}, which is not defined/)).toBeInTheDocument();
    expect(invalid.queryByRole("button", { name: /^Retry now/ })).not.toBeInTheDocument();

    // Auto-paused: the reason, Resume; no Disable (it is paused already).
    const paused = within(banner.getByRole("listitem", { name: "CRM sync: Auto-paused" }));
    expect(paused.getByText("Paused after 5 failed runs: The chat service answered 503.")).toBeInTheDocument();
    expect(paused.getByRole("button", { name: "Resume: CRM sync" })).toBeInTheDocument();
    expect(paused.queryByRole("button", { name: "Disable: CRM sync" })).not.toBeInTheDocument();

    await user.click(invalid.getByRole("button", { name: "Edit template: Outreach" }));
    expect(await screen.findByRole("dialog", { name: /Outreach/ })).toBeInTheDocument();
  }, 60_000);

  it("Retry all failed retries each failed item once and reports the one it refused, with why", async () => {
    const harness = createPlannerHarness();
    await harness.planner.start();
    const caller = harness.caller();
    const digest = await caller.jobs.create(dailyJob("Daily digest"));
    await markJob(harness, digest.id, "failed", await seedRun(harness, digest.id, "failed", "2026-11-30T08:00:00.000Z"));
    const crm = await caller.jobs.create(dailyJob("CRM sync"));
    await markJob(harness, crm.id, "pausedAfterFailures", await seedRun(harness, crm.id, "failed", "2026-11-30T07:00:00.000Z"));
    // A trigger's failed run whose event was not kept cannot be replayed.
    const billing = gmailTrigger("2026-11-29T09:00:00.000Z", { id: "trg_billing00001", name: "Billing inbox", composioTriggerId: "ti_billing" });
    const lost: Run = { id: "run_billing00001", agentId: AGENT_ID, owner: { kind: "trigger", id: billing.id }, cause: "event", createdAt: "2026-11-30T06:00:00.000Z", finishedAt: "2026-11-30T06:00:05.000Z", status: "failed", attempts: 3, error: "The chat service answered 503." };
    await harness.store.appendRun(lost);
    await addTrigger(harness, billing, lost);

    const { user } = renderWithPlanner(<PlannerPanel agentId={AGENT_ID} />, { harness });
    const banner = within(await screen.findByRole("region", { name: "3 items need attention" }));
    await user.click(banner.getByRole("button", { name: "Retry all failed" }));
    const result = await banner.findByText("Retried 2 items. 1 not retried.");
    const report = within(result.closest('[role="status"]') as HTMLElement);
    expect(report.getByText("Daily digest: retried")).toBeInTheDocument();
    expect(report.getByText("CRM sync: retried")).toBeInTheDocument();
    expect(report.getByText(/^Billing inbox: not retried\. The original event of this run was not kept/)).toBeInTheDocument();

    await waitFor(() => expect(harness.executors.chats).toHaveLength(2));
    // The retried job succeeded and left the banner; the refused trigger stays.
    await waitFor(() => expect(banner.queryByRole("listitem", { name: "Daily digest: Failed" })).not.toBeInTheDocument());
    expect(banner.getByRole("listitem", { name: "Billing inbox: Failed" })).toBeInTheDocument();
    const runs = await harness.store.listRuns(AGENT_ID, { kind: "job", id: digest.id }, { limit: 10 });
    expect(runs.items.filter((run) => run.cause === "replay")).toHaveLength(1);
  }, 60_000);

  it("Ignore hides a row across reloads until the item fails again; Show again brings it back", async () => {
    const harness = createPlannerHarness();
    const caller = harness.caller();
    const digest = await caller.jobs.create(dailyJob("Daily digest"));
    await markJob(harness, digest.id, "failed", await seedRun(harness, digest.id, "failed", "2026-11-30T08:00:00.000Z"));
    const report = await caller.jobs.create(dailyJob("Weekly report"));
    await markJob(harness, report.id, "failed", await seedRun(harness, report.id, "failed", "2026-11-30T07:00:00.000Z"));

    const first = renderWithPlanner(<PlannerPanel agentId={AGENT_ID} />, { harness });
    const banner = within(await screen.findByRole("region", { name: "2 items need attention" }));
    await first.user.click(banner.getByRole("button", { name: "Ignore: Daily digest" }));
    expect(await screen.findByRole("region", { name: "1 item needs attention" })).toBeInTheDocument();
    expect(screen.queryByRole("listitem", { name: "Daily digest: Failed" })).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Show again: 1 ignored problem" })).toBeInTheDocument();
    first.unmount();

    // A reload: still ignored.
    const second = renderWithPlanner(<PlannerPanel agentId={AGENT_ID} />, { harness });
    expect(await screen.findByRole("listitem", { name: "Weekly report: Failed" })).toBeInTheDocument();
    expect(screen.getByRole("region", { name: "1 item needs attention" })).toBeInTheDocument();
    expect(screen.queryByRole("listitem", { name: "Daily digest: Failed" })).not.toBeInTheDocument();

    // Ignoring the last one leaves a line to show them again.
    await second.user.click(screen.getByRole("button", { name: "Ignore: Weekly report" }));
    expect(await screen.findByText("2 ignored problems")).toBeInTheDocument();
    expect(screen.queryByRole("region", { name: /need/ })).not.toBeInTheDocument();
    second.unmount();

    // A new failure of Daily digest shows it again (the other stays ignored).
    await markJob(harness, digest.id, "failed", await seedRun(harness, digest.id, "failed", "2026-11-30T08:30:00.000Z"));
    await harness.queryClient.invalidateQueries();
    const third = renderWithPlanner(<PlannerPanel agentId={AGENT_ID} />, { harness });
    expect(await screen.findByRole("listitem", { name: "Daily digest: Failed" })).toBeInTheDocument();
    expect(screen.getByRole("region", { name: "1 item needs attention" })).toBeInTheDocument();
    await third.user.click(screen.getByRole("button", { name: "Show again: 1 ignored problem" }));
    expect(await screen.findByRole("region", { name: "2 items need attention" })).toBeInTheDocument();
  }, 60_000);

  it("Resume on an auto-paused job that missed runs while paused asks first: run once now, or skip them", async () => {
    const harness = createPlannerHarness();
    const caller = harness.caller();
    const crm = await caller.jobs.create(dailyJob("CRM sync"));
    await markJob(harness, crm.id, "pausedAfterFailures", await seedRun(harness, crm.id, "failed", "2026-11-30T07:00:00.000Z"));
    // Two days later: two daily runs were missed while it was paused.
    harness.clock.set("2026-12-02T10:00:00.000Z");
    const { user } = renderWithPlanner(<PlannerPanel agentId={AGENT_ID} />, { harness });
    const banner = within(await screen.findByRole("region", { name: "1 item needs attention" }));
    await user.click(banner.getByRole("button", { name: "Resume: CRM sync" }));
    const dialog = within(await screen.findByRole("dialog", { name: "Resume CRM sync" }));
    expect(dialog.getByText(/2 runs were missed while the job was paused/)).toBeInTheDocument();
    // Nothing changed until a choice is made.
    expect((await caller.jobs.byId({ agentId: AGENT_ID, jobId: crm.id })).enabled).toBe(false);
    await user.click(dialog.getByRole("button", { name: "Skip them" }));
    await waitFor(async () => expect((await caller.jobs.byId({ agentId: AGENT_ID, jobId: crm.id })).enabled).toBe(true));
    expect(harness.executors.chats).toHaveLength(0);
  }, 60_000);

  it("Disable pauses the item and Resume on an auto-paused one enables it", async () => {
    const harness = createPlannerHarness();
    const caller = harness.caller();
    const digest = await caller.jobs.create(dailyJob("Daily digest"));
    await markJob(harness, digest.id, "failed", await seedRun(harness, digest.id, "failed", "2026-11-30T08:00:00.000Z"));
    const crm = await caller.jobs.create(dailyJob("CRM sync"));
    await markJob(harness, crm.id, "pausedAfterFailures", await seedRun(harness, crm.id, "failed", "2026-11-30T07:00:00.000Z"));
    const { user } = renderWithPlanner(<PlannerPanel agentId={AGENT_ID} />, { harness });
    const banner = within(await screen.findByRole("region", { name: "2 items need attention" }));
    await user.click(banner.getByRole("button", { name: "Disable: Daily digest" }));
    const enabled = async (id: string) => (await caller.jobs.list({ agentId: AGENT_ID })).find((job) => job.id === id)?.enabled;
    await waitFor(async () => expect(await enabled(digest.id)).toBe(false));
    await user.click(banner.getByRole("button", { name: "Resume: CRM sync" }));
    await waitFor(async () => expect(await enabled(crm.id)).toBe(true));
  }, 60_000);
});

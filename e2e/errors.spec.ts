import { join } from "node:path";
import type { Locator, Page } from "@playwright/test";
import { CHAT_FAILED_ERROR, WORKFLOW_FAILED_ERROR } from "../demo/lib/faults";
import { PlannerPage, expect, ownDemoServer, test } from "./fixtures";
import { ROOT } from "./support/server";

/**
 * Issue 23 item 4 (mock-up 08), reached through the demo's switches, not Storybook: a chat that starts and then fails,
 * retried until the planner pauses it with its reason, resumed and recovered; a workflow the host says no longer
 * exists (invalid config, Edit); a failing workflow and a broken connection with "Retry all failed" retrying one and
 * refusing the other; Ignore across a reload; the reconnect path through the host's Connections page (connectHref).
 * A demo server of its own, so no fault reaches the other specs.
 */
const server = ownDemoServer("errors");

const shots = (name: string) => join(ROOT, ".test-results", "screenshots", `${name}.png`);

type FaultSelect = "Chats the planner starts" | "Workflows the planner runs";

async function setFault(page: Page, which: FaultSelect, mode: string) {
  const panel = page.getByRole("complementary", { name: "Fault modes" });
  await panel.getByRole("combobox", { name: which }).selectOption({ label: mode });
  await expect(panel.getByRole("status").filter({ hasText: `${which === "Chats the planner starts" ? "Chats" : "Workflow runs"}: ${mode.toLowerCase()}.` })).toBeVisible();
}

const banner = (page: Page) => page.getByRole("region", { name: /needs? attention$/ });
const row = (page: Page, name: string, cause: string) => banner(page).getByRole("listitem", { name: `${name}: ${cause}`, exact: true });

/** The same screen in the dark theme (the demo's ?theme=dark), then back to light. */
async function darkShot(page: Page, origin: string, target: (page: Page) => Locator, name: string) {
  await page.goto(`${origin}/?tab=planner&theme=dark`);
  await expect(target(page)).toBeVisible();
  await target(page).screenshot({ path: shots(`${name}-dark`) });
  await page.goto(`${origin}/?tab=planner`);
  await expect(target(page)).toBeVisible();
}

test("A chat that starts then fails: its row, retries until it is paused with the reason, Resume and Retry now recover it", async ({ page, consoleErrors }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  const planner = new PlannerPage(page, server.url);
  await planner.open();
  await setFault(page, "Chats the planner starts", "Start, then fail a moment later");
  const name = "Recruiter follow-up";
  await planner.openJobDialog();
  await planner.fillJob({ name, preset: "Daily at 9 AM", template: "Follow up with the recruiters who wrote on {date}." });
  await planner.submitJob();
  const card = planner.card(name);
  await planner.cardAction(name, "Run now");

  // Started in the host, then reported failed with completeRun: the banner says what, when, the error, the tries.
  const failed = row(page, name, "Failed");
  await expect(failed).toContainText(CHAT_FAILED_ERROR, { timeout: 15_000 });
  await expect(banner(page)).toHaveAccessibleName("1 item needs attention");
  await expect(banner(page)).toContainText("1 failed");
  await expect(failed).toContainText("Tried once");
  await expect(failed).toContainText("No successful run yet");
  await expect(card).toHaveAttribute("data-failed", "true");
  const toggle = failed.getByRole("button", { name: /^Show the attempts/ });
  await toggle.focus();
  await page.keyboard.press("Enter");
  await expect(failed.getByRole("button", { name: "Hide the attempts" })).toHaveAttribute("aria-expanded", "true");
  const log = failed.getByRole("list", { name: `Attempts of the last failed run of ${name}` });
  await expect(log).toContainText("Accepted (running in the host)");
  await expect(log).toContainText(`Failed: ${CHAT_FAILED_ERROR}`);
  await banner(page).screenshot({ path: shots("attention-failed-chat") });

  // Four more failures (Retry now replays the failed run) reach limits.autoPauseAfter (5): the planner pauses it.
  for (let runs = 2; runs <= 5; runs++) {
    await banner(page).getByRole("button", { name: `Retry now: ${name}` }).click();
    await expect(card.getByRole("img", { name: `Last ${runs} runs: 0 succeeded, ${runs} failed` })).toBeVisible({ timeout: 15_000 });
  }
  const paused = row(page, name, "Auto-paused");
  await expect(paused).toContainText(`Paused after 5 failed runs: ${CHAT_FAILED_ERROR}`);
  await expect(banner(page)).toContainText("1 paused after failures");
  await expect(paused.getByRole("button", { name: `Disable: ${name}` })).toHaveCount(0);
  await expect(card).toContainText("Paused");
  await banner(page).screenshot({ path: shots("attention-auto-paused") });
  await darkShot(page, server.url, banner, "attention-auto-paused");

  // Resume, then Retry now with the fault off: it succeeds and leaves the banner.
  await setFault(page, "Chats the planner starts", "Work normally");
  await row(page, name, "Auto-paused").getByRole("button", { name: `Resume: ${name}` }).click();
  await row(page, name, "Failed").getByRole("button", { name: `Retry now: ${name}` }).click();
  await expect(planner.recentActivity).toContainText(`${name} ran successfully`, { timeout: 15_000 });
  await expect(banner(page)).toHaveCount(0);
  await expect(card).not.toContainText("Paused");
  expect(consoleErrors).toEqual([]);
});

test("Invalid config, a failing workflow and a broken connection: Edit, Retry all failed with a refusal, Ignore, and the reconnect path", async ({ page, context }) => {
  test.setTimeout(150_000);
  await page.setViewportSize({ width: 1280, height: 1000 });
  const planner = new PlannerPage(page, server.url);
  await planner.open();

  // The host says the workflow no longer exists: invalid config, not retried, Edit opens the job.
  const wf = "Nightly application check";
  await setFault(page, "Workflows the planner runs", "Say the workflow no longer exists");
  await planner.openJobDialog();
  await planner.fillJob({ name: wf, cron: "0 2 * * *", workflow: "Job application check", workflowInput: { Keywords: "platform engineer" } });
  await planner.submitJob();
  await planner.cardAction(wf, "Run now");
  const invalid = row(page, wf, "Invalid config");
  await expect(invalid).toContainText("no longer exists in the host", { timeout: 15_000 });
  await expect(banner(page)).toContainText("1 invalid config");
  await expect(invalid).toContainText("Tried once");
  await expect(invalid.getByRole("button", { name: /^Retry now/ })).toHaveCount(0);
  await invalid.getByRole("button", { name: `Edit: ${wf}` }).click();
  await expect(planner.dialog).toHaveAccessibleName(new RegExp(`^Edit .?${wf}.?$`));
  await page.keyboard.press("Escape");
  await expect(planner.dialog).toHaveCount(0);

  // The same job, now failing on every attempt (three tries with backoff).
  await setFault(page, "Workflows the planner runs", "Fail on every attempt");
  await planner.cardAction(wf, "Run now");
  const failed = row(page, wf, "Failed");
  await expect(failed).toContainText(WORKFLOW_FAILED_ERROR, { timeout: 25_000 });
  await expect(failed).toContainText("Tried 3 times");

  // A trigger whose connection breaks.
  const inbox = "Recruiter inbox";
  await planner.openTriggerDialog();
  await planner.fillTrigger({ name: inbox, toolkit: "Gmail", eventType: /^New Gmail message/, settings: { Query: "label:recruiters" }, template: "Reply to {emailFrom} about {emailSubject}." });
  await planner.createTrigger(inbox);
  const faults = page.getByRole("complementary", { name: "Fault modes" });
  await faults.getByRole("button", { name: "Break Gmail connection" }).click();
  const broken = row(page, inbox, "Connection error");
  await expect(broken).toContainText("The connected account expired. Reconnect the app, then resume the trigger.");
  await expect(banner(page)).toHaveAccessibleName("2 items need attention");
  await expect(banner(page)).toContainText("1 lost connection · 1 failed");
  await expect(broken.getByRole("link", { name: `Connect Gmail again (${inbox})` })).toBeVisible();
  await expect(broken.getByRole("button", { name: `Reconnect: ${inbox}` })).toBeVisible();
  await banner(page).screenshot({ path: shots("attention-causes") });
  await darkShot(page, server.url, banner, "attention-causes");

  // Retry all failed: the workflow is retried (and now succeeds), the broken connection is refused with why.
  await setFault(page, "Workflows the planner runs", "Work normally");
  await banner(page).getByRole("button", { name: "Retry all failed" }).click();
  const result = banner(page).getByRole("status");
  await expect(result).toContainText("Retried 1 item. 1 not retried.");
  await expect(result).toContainText(`${wf}: retried`);
  await expect(result).toContainText(`${inbox}: not retried. Its connection is broken: reconnect the app first, then retry.`);
  await banner(page).screenshot({ path: shots("attention-retry-all") });
  await expect(planner.recentActivity).toContainText(`${wf} ran successfully`, { timeout: 15_000 });
  await expect(row(page, wf, "Failed")).toHaveCount(0);

  // Ignore hides it until its next problem, across a reload; Show again brings it back.
  await broken.getByRole("button", { name: `Ignore: ${inbox}` }).click();
  await expect(banner(page)).toHaveCount(0);
  await expect(page.getByText("1 ignored problem")).toBeVisible();
  await page.reload();
  await expect(page.getByText("1 ignored problem")).toBeVisible();
  await page.getByRole("button", { name: "Show again" }).click();
  await expect(broken).toBeVisible();

  // The reconnect path: the host's Connections page (connectHref) connects Gmail again; Reconnect picks the account.
  const [connections] = await Promise.all([context.waitForEvent("page"), broken.getByRole("link", { name: `Connect Gmail again (${inbox})` }).click()]);
  await expect(connections.getByRole("tab", { name: "Settings" })).toHaveAttribute("aria-selected", "true");
  await expect(connections.getByText("Gmail needs to be connected again.")).toBeVisible();
  await connections.getByRole("button", { name: "Connect Gmail again" }).click();
  await expect(connections.getByRole("status").filter({ hasText: "Gmail is connected again" })).toBeVisible();
  await connections.screenshot({ path: shots("demo-connections") });
  await connections.close();

  await broken.getByRole("button", { name: `Reconnect: ${inbox}` }).click();
  await expect(planner.dialog).toHaveAccessibleName(`Edit ${inbox}`);
  await planner.dialog.getByRole("combobox", { name: "Connected account" }).click();
  await page.getByRole("option").filter({ hasNotText: "expired" }).click();
  await planner.dialog.getByRole("button", { name: "Save", exact: true }).click();
  // Saved: the dialog closes, as the job dialog does.
  await expect(planner.dialog).toHaveCount(0);
  await expect(banner(page)).toHaveCount(0);
  await expect(page.getByRole("group", { name: "Summary" })).toContainText("All connected");
  await planner.simulateEvent(inbox);
  await expect(planner.card(inbox)).toContainText("1 event today");
});

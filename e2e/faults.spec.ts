import { join } from "node:path";
import type { Page } from "@playwright/test";
import { CHAT_FAILED_ERROR, WORKFLOW_FAILED_ERROR } from "../demo/lib/faults";
import { PlannerPage, expect, ownDemoServer, test } from "./fixtures";
import { ROOT } from "./support/server";

/**
 * The demo's Fault modes panel: a chat that starts and then fails, a workflow that fails, a connection that
 * breaks and comes back. A demo server of its own (a fresh data folder), so the summary strip counts only these
 * runs and no fault reaches the other specs' server.
 */
const server = ownDemoServer("faults");

const shots = (name: string) => join(ROOT, ".test-results", "screenshots", `${name}.png`);

function faultsPanel(page: Page) {
  return page.getByRole("complementary", { name: "Fault modes" });
}

async function setFault(page: Page, which: "Chats the planner starts" | "Workflows the planner runs", mode: string) {
  const panel = faultsPanel(page);
  await panel.getByRole("combobox", { name: which }).selectOption({ label: mode });
  await expect(panel.getByRole("status").filter({ hasText: `${which === "Chats the planner starts" ? "Chats" : "Workflow runs"}: ${mode.toLowerCase()}.` })).toBeVisible();
}

test("A chat that starts and then fails ends failed: card, run strip, success rate, activity, history and run details", async ({ page, consoleErrors }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const planner = new PlannerPage(page, server.url);
  await planner.open();
  await setFault(page, "Chats the planner starts", "Start, then fail a moment later");

  const name = "Recruiter follow-up";
  await planner.openJobDialog();
  await planner.fillJob({ name, preset: "Daily at 9 AM", template: "Follow up with the recruiters who wrote on {date}." });
  await planner.submitJob();
  const card = planner.card(name);
  await expect(card).toContainText("Active");

  await planner.cardAction(name, "Run now");
  // The executor answered "started"; a moment later the demo reported the failure with completeRun.
  await expect(card).toContainText("Error", { timeout: 15_000 });
  await expect(card).toContainText(CHAT_FAILED_ERROR);
  await expect(card).toHaveAttribute("data-failed", "true");
  await expect(card.getByRole("img", { name: "Last 1 run: 0 succeeded, 1 failed" })).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: `${name} failed: ${CHAT_FAILED_ERROR}` })).toBeAttached();

  const summary = page.getByRole("group", { name: "Summary" });
  await expect(summary).toContainText("Runs (24 h)1");
  await expect(summary).toContainText("0% succeeded");
  await expect(planner.recentActivity).toContainText(`${name} failed`);
  await expect(planner.recentActivity).toContainText(CHAT_FAILED_ERROR);
  await expect(planner.recentActivity).not.toContainText("ran successfully");
  const attention = page.getByRole("region", { name: "1 item needs attention" });
  await expect(attention).toContainText("1 failed");
  await expect(attention).toContainText(name);
  await planner.planner.screenshot({ path: shots("planner-tab-failed-chat") });

  await planner.cardAction(name, "History");
  const history = page.getByRole("dialog", { name: `Run history · ${name}` });
  await expect(history.getByRole("group", { name: "Run statistics" })).toContainText("Success rate0%");
  const rows = history.getByRole("table", { name: "Runs", exact: true }).getByRole("row");
  await expect(rows.filter({ hasText: "Failed" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "Succeeded" })).toHaveCount(0);
  await history.getByRole("button", { name: `Debug run of ${name}` }).click();
  const details = history.locator("[data-slot=planner-run-details]");
  await expect(details.getByRole("heading", { name: "Error" })).toBeVisible();
  await expect(details).toContainText(CHAT_FAILED_ERROR);
  // It went through "started" (accepted by the host) before the host reported the failure.
  const timeline = details.getByRole("list").filter({ has: page.locator("[data-step]") });
  await expect(timeline.locator('[data-step="accepted"]')).toContainText("Accepted (running in the host)");
  await expect(timeline.locator('[data-step="failed"]')).toContainText(CHAT_FAILED_ERROR);
  await expect(details.getByRole("link", { name: "Open chat" })).toBeVisible();
  await expect(details.getByRole("button", { name: `Re-run ${name}` })).toBeVisible();
  await details.scrollIntoViewIfNeeded();
  await page.screenshot({ path: shots("run-details-failed-chat") });
  await page.keyboard.press("Escape");
  await expect(history).toHaveCount(0);

  // The chat itself was started in the host (the run's link goes to it).
  await planner.openTab("Chats");
  await expect(planner.chat(name)).toBeVisible({ timeout: 15_000 });
  await planner.openTab("Planner");
  await setFault(page, "Chats the planner starts", "Work normally");
  expect(consoleErrors).toEqual([]);
});

test("A workflow that fails on every attempt ends failed after its retries", async ({ page }) => {
  const planner = new PlannerPage(page, server.url);
  await planner.open();
  await setFault(page, "Workflows the planner runs", "Fail on every attempt");
  const name = "Nightly application check";
  await planner.openJobDialog();
  await planner.fillJob({ name, cron: "0 2 * * *", workflow: "Job application check", workflowInput: { Keywords: "platform engineer" } });
  await planner.submitJob();

  await planner.cardAction(name, "Run now");
  const card = planner.card(name);
  // Three attempts with the engine's backoff (1 s, 4 s) in between.
  await expect(card).toContainText(WORKFLOW_FAILED_ERROR, { timeout: 20_000 });
  await expect(card.getByRole("img", { name: "Last 1 run: 0 succeeded, 1 failed" })).toBeVisible();
  await planner.cardAction(name, "History");
  const history = page.getByRole("dialog", { name: `Run history · ${name}` });
  await history.getByRole("button", { name: `Debug run of ${name}` }).click();
  const details = history.locator("[data-slot=planner-run-details]");
  await expect(details).toContainText(WORKFLOW_FAILED_ERROR);
  await expect(details.getByRole("definition").first()).toHaveText("3");
  await expect(details.locator('[data-step="attemptFailed"]')).toHaveCount(2);
  await page.keyboard.press("Escape");

  await setFault(page, "Workflows the planner runs", "Work normally");
  await planner.cardAction(name, "Run now");
  await expect(planner.recentActivity).toContainText(`${name} ran successfully`, { timeout: 15_000 });
  await expect(card.getByRole("img", { name: "Last 2 runs: 1 succeeded, 1 failed" })).toBeVisible();
  await expect(card).not.toContainText(WORKFLOW_FAILED_ERROR);
});

test("A broken connection shows on the trigger and in the banner; connecting again and Reconnect clear it", async ({ page }) => {
  const planner = new PlannerPage(page, server.url);
  await planner.open();
  const name = "Recruiter inbox";
  await planner.openTriggerDialog();
  await planner.fillTrigger({ name, toolkit: "Gmail", eventType: /^New Gmail message/, settings: { Query: "label:recruiters" }, template: "Reply to {emailFrom} about {emailSubject}." });
  await planner.createTrigger(name);
  const card = planner.card(name);
  await expect(card).toContainText("No events today");

  const panel = faultsPanel(page);
  await panel.getByRole("button", { name: "Break Gmail connection" }).click();
  await expect(panel.getByRole("status")).toContainText("Gmail's connection expired. Composio told the planner");
  await expect(card).toContainText("Connection error");
  await expect(card).toContainText("The connected account expired. Reconnect the app, then resume the trigger.");
  await expect(page.getByRole("group", { name: "Summary" })).toContainText("1 broken");
  await panel.screenshot({ path: shots("demo-fault-modes") });
  const attention = page.getByRole("region", { name: /needs? attention/ });
  await expect(attention).toContainText("1 lost connection");

  // Composio delivers nothing for an expired account.
  const simulate = planner.simulatePanel;
  await simulate.getByRole("button", { name: "Send event" }).click();
  await expect(simulate.getByRole("status")).toContainText(/Nothing was delivered: connected account ca_\S+ is EXPIRED/);

  await panel.getByRole("button", { name: "Connect Gmail again" }).click();
  await expect(panel.getByRole("status")).toContainText("Gmail is connected again");
  await expect(card).toContainText("Connection error");
  await attention.getByRole("button", { name: `Reconnect: ${name}` }).click();
  await expect(planner.dialog).toHaveAccessibleName(`Edit ${name}`);
  await planner.dialog.getByRole("combobox", { name: "Connected account" }).click();
  await page.getByRole("option").filter({ hasNotText: "expired" }).click();
  await planner.dialog.getByRole("button", { name: "Save", exact: true }).click();
  await expect(planner.dialog).toHaveCount(0);
  await expect(card).not.toContainText("Connection error");
  await expect(page.getByRole("group", { name: "Summary" })).toContainText("All connected");

  await planner.simulateEvent(name);
  await expect(card).toContainText("1 event today");
});

test("A chat that starts and never reports its end shows as running until it is cancelled", async ({ page }) => {
  const planner = new PlannerPage(page, server.url);
  await planner.open();
  await setFault(page, "Chats the planner starts", "Start and never report the end");
  const name = "Open-ended research";
  await planner.openJobDialog();
  await planner.fillJob({ name, preset: "Every Monday at 9 AM", template: "Research companies hiring this week ({date})." });
  await planner.submitJob();
  const card = planner.card(name);

  await planner.cardAction(name, "Run now");
  await expect(card).toContainText("Running");
  await expect(planner.recentActivity).toContainText(`${name} is running`);
  await planner.cardAction(name, "History");
  const history = page.getByRole("dialog", { name: `Run history · ${name}` });
  await history.getByRole("button", { name: `View run of ${name}` }).click();
  const details = history.locator("[data-slot=planner-run-details]");
  await expect(details.locator('[data-step="accepted"]')).toContainText("Accepted (running in the host)");
  await expect(details.getByRole("link", { name: "Open chat" })).toBeVisible();
  await details.getByRole("button", { name: "Cancel run" }).click();
  // The run's row (not its details, whose timeline says "Cancelled" too).
  await expect(history.getByRole("table", { name: "Runs", exact: true }).locator("tbody > tr[data-status]")).toHaveText([/Cancelled/]);
  await page.keyboard.press("Escape");
  await expect(planner.recentActivity).toContainText(`${name} was cancelled`);
  await expect(card).not.toContainText("Running");
  await setFault(page, "Chats the planner starts", "Work normally");
});

import { join } from "node:path";
import type { Page } from "@playwright/test";
import { PlannerPage, expect, ownDemoServer, test } from "./fixtures";
import { ROOT } from "./support/server";

/**
 * Bulk management (mock-up 10) in the built demo: select cards, the selection bar, a per-item report with a
 * partial failure, one confirmation for Delete, Pause all / Resume all. A demo server of its own, so "Pause all"
 * and the chat fault used for the partial failure reach no other spec.
 */
const server = ownDemoServer("bulk");

const shots = (name: string) => join(ROOT, ".test-results", "screenshots", `${name}.png`);

async function setChatFault(page: Page, mode: string) {
  const panel = page.getByRole("complementary", { name: "Fault modes" });
  await panel.getByRole("combobox", { name: "Chats the planner starts" }).selectOption({ label: mode });
  await expect(panel.getByRole("status").filter({ hasText: `Chats: ${mode.toLowerCase()}.` })).toBeVisible();
}

const JOBS = ["Morning digest", "Standup notes", "Weekly report"];
const TRIGGER = "Recruiter replies";

async function select(planner: PlannerPage, names: string[]) {
  for (const name of names) await planner.card(name).getByRole("checkbox", { name: `Select ${name}` }).check();
}

test("Select cards, act on them with a per-item report, delete after one confirmation; light and dark", async ({ page, consoleErrors }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  const planner = new PlannerPage(page, server.url);
  await planner.open();

  for (const name of JOBS) {
    await planner.openJobDialog();
    await planner.fillJob({ name, preset: "Daily at 9 AM", template: `${name} for {date}.` });
    await planner.submitJob();
  }
  await planner.openTriggerDialog();
  await planner.fillTrigger({ name: TRIGGER, toolkit: "Gmail", eventType: /^New Gmail message/, settings: { Query: "label:recruiters-bulk" }, template: "Reply to {emailFrom}." });
  await planner.createTrigger(TRIGGER);

  // A chat that starts and never reports its end keeps "Morning digest" running, so its Run now is refused.
  await setChatFault(page, "Start and never report the end");
  await planner.cardAction("Morning digest", "Run now");
  await expect(planner.card("Morning digest")).toContainText("Running", { timeout: 15_000 });

  // The checkbox selects without opening the card's edit dialog.
  await select(planner, ["Morning digest", "Standup notes", TRIGGER]);
  await expect(planner.dialog).toHaveCount(0);
  const bar = page.getByRole("toolbar", { name: "Selected items" });
  await expect(bar).toContainText("3 items selected · 2 scheduled jobs, 1 event trigger");
  await expect(planner.jobsSection.getByText("2 of 3")).toBeVisible();
  await bar.scrollIntoViewIfNeeded();
  await page.screenshot({ path: shots("bulk-bar-light") });
  await bar.screenshot({ path: shots("bulk-bar-light-crop") });

  await bar.getByRole("button", { name: "Run now" }).click();
  const report = page.locator('[data-slot="planner-bulk-report"]');
  await expect(report).toHaveAttribute("role", "status");
  await expect(report).toContainText("Started 2 of 3 runs.", { timeout: 15_000 });
  await expect(report).toContainText("Morning digest: This job is already running. Wait for that run to finish, then try again.");
  // The one that failed stays selected.
  await expect(bar).toContainText("1 item selected · 1 scheduled job");
  await page.screenshot({ path: shots("bulk-report-light") });
  await setChatFault(page, "Work normally");

  // Escape clears the selection.
  await planner.card("Morning digest").getByRole("checkbox", { name: "Select Morning digest" }).focus();
  await page.keyboard.press("Escape");
  await expect(bar).toHaveCount(0);

  // Dark: the same bar, then Delete with its one confirmation.
  await page.goto(`${server.url}/?tab=planner&theme=dark`);
  await expect(planner.card("Standup notes")).toBeVisible();
  await select(planner, ["Standup notes", "Weekly report", TRIGGER]);
  const darkBar = page.getByRole("toolbar", { name: "Selected items" });
  await expect(darkBar).toContainText("3 items selected · 2 scheduled jobs, 1 event trigger");
  await darkBar.scrollIntoViewIfNeeded();
  await page.screenshot({ path: shots("bulk-bar-dark") });
  await darkBar.getByRole("button", { name: "Pause" }).click();
  await expect(page.locator('[data-slot="planner-bulk-report"]')).toContainText("Paused 3 items.");
  await page.screenshot({ path: shots("bulk-report-dark") });

  await select(planner, ["Standup notes", "Weekly report", TRIGGER]);
  await darkBar.getByRole("button", { name: "Delete" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Delete 3 items?" });
  await expect(confirm).toContainText("2 scheduled jobs and 1 event trigger stop running and their run history is removed. This cannot be undone.");
  await page.screenshot({ path: shots("bulk-delete-confirm-dark") });
  await confirm.getByRole("button", { name: "Delete 3 items" }).click();
  await expect(page.locator('[data-slot="planner-bulk-report"]')).toContainText("Deleted 3 items.");
  for (const name of ["Standup notes", "Weekly report", TRIGGER]) await expect(planner.card(name)).toHaveCount(0);
  await expect(planner.card("Morning digest")).toBeVisible();

  expect(await planner.seriousA11yViolations('[data-slot="planner-panel"]')).toEqual([]);
  expect(consoleErrors).toEqual([]);
});

test("Pause all remembers what it paused; Resume all leaves what was paused before paused", async ({ page, consoleErrors }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const planner = new PlannerPage(page, server.url);
  await planner.open();
  for (const name of ["Inbox sweep", "Paused before"]) {
    await planner.openJobDialog();
    await planner.fillJob({ name, preset: "Daily at 9 AM", template: `${name} for {date}.` });
    await planner.submitJob();
  }
  await planner.cardAction("Paused before", "Pause");
  await expect(planner.card("Paused before")).toContainText("Paused");

  await page.getByRole("button", { name: "More actions" }).click();
  await page.getByRole("menuitem", { name: "Pause all" }).click();
  const report = page.locator('[data-slot="planner-bulk-report"]');
  await expect(report).toContainText(/Paused \d+ items?\. 1 item was already paused and will stay paused on Resume all\./);
  await expect(planner.card("Inbox sweep")).toContainText("Paused");
  await page.screenshot({ path: shots("bulk-pause-all-light") });

  await page.getByRole("button", { name: "More actions" }).click();
  await page.getByRole("menuitem", { name: "Resume all" }).click();
  await expect(report).toContainText(/Resumed \d+ items? paused by Pause all\. 1 item paused otherwise stays paused\./);
  await expect(planner.card("Inbox sweep")).toContainText("Active");
  await expect(planner.card("Paused before")).toContainText("Paused");
  expect(consoleErrors).toEqual([]);
});

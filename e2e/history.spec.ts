import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "@playwright/test";
import { PlannerPage, expect, ownDemoServer, test } from "./fixtures";
import { ROOT } from "./support/server";

/**
 * History you can search (mock-up 09) and monitoring (mock-up 07) in the built demo: a server of its own, so the
 * totals count only these runs; search, an exported CSV file, a run in progress with its elapsed time and Cancel.
 */
const server = ownDemoServer("history");

const shots = (name: string) => join(ROOT, ".test-results", "screenshots", `${name}.png`);

async function setChats(page: Page, mode: string) {
  const panel = page.getByRole("complementary", { name: "Fault modes" });
  await panel.getByRole("combobox", { name: "Chats the planner starts" }).selectOption({ label: mode });
  await expect(panel.getByRole("status").filter({ hasText: `Chats: ${mode.toLowerCase()}.` })).toBeVisible();
}

test("History: search, export a CSV, watch a run in progress and cancel it, light and dark", async ({ page, consoleErrors }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 1000 });
  const planner = new PlannerPage(page, server.url);
  await planner.open();

  for (const name of ["Inbox digest", "Weekly report"]) {
    await planner.openJobDialog();
    await planner.fillJob({ name, preset: "Daily at 9 AM", template: `${name} for {date}.` });
    await planner.submitJob();
    await planner.cardAction(name, "Run now");
    await expect(planner.recentActivity).toContainText(`${name} ran successfully`, { timeout: 15_000 });
  }
  await setChats(page, "Start and never report the end");
  const open = "Open-ended research";
  await planner.openJobDialog();
  await planner.fillJob({ name: open, preset: "Every Monday at 9 AM", template: "Research companies hiring this week ({date})." });
  await planner.submitJob();
  await planner.cardAction(open, "Run now");
  await expect(planner.card(open)).toContainText("Running");

  await page.getByRole("button", { name: "View all" }).click();
  const history = page.getByRole("dialog", { name: "Activity" });
  await expect(history).toBeVisible();
  const pager = history.getByRole("navigation", { name: "Pages of runs" });
  await expect(pager.getByRole("status")).toHaveText("Showing 1 to 3 of 3");

  // Monitoring: the run in progress, with its elapsed time ticking and Cancel, in Active executions and in its row.
  const active = history.getByRole("region", { name: "Runs in progress" });
  const card = active.getByRole("listitem", { name: open });
  await expect(card).toContainText("Scheduled job • Manual • Started");
  await expect(card).toContainText("Accepted (running in the host)");
  const elapsed = card.locator("[data-slot=planner-run-elapsed]");
  const before = await elapsed.textContent();
  await expect(elapsed).not.toHaveText(before ?? "", { timeout: 5_000 });
  const rows = history.getByRole("table", { name: "Runs", exact: true }).locator("tbody > tr[data-status]");
  await expect(rows.first()).toContainText(open);
  await expect(rows.first()).toContainText("Manual");
  await expect(rows.first()).toContainText(/Running for/);
  await expect(rows.first()).not.toContainText("run_");
  await page.screenshot({ path: shots("history-monitoring") });

  // Search on the server.
  await history.getByRole("searchbox", { name: "Search runs" }).fill("inbox");
  await expect(pager.getByRole("status")).toHaveText("Showing 1 to 1 of 1");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("Inbox digest");

  // Export what the search found.
  const downloading = page.waitForEvent("download");
  await history.getByRole("button", { name: "Export CSV" }).click();
  const file = await downloading;
  expect(file.suggestedFilename()).toMatch(/^runs-\d{4}-\d{2}-\d{2}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync(await file.path(), "utf8").split("\r\n");
  expect(csv[0]).toBe("Run id,Name,Owner kind,Kind,Status,Created,Started,Finished,Duration (ms),Attempts,User,Message or input,Error,Link");
  expect(csv.filter((line) => line.startsWith("run_"))).toHaveLength(1);
  expect(csv[1]).toContain(",Inbox digest,job,Manual,succeeded,");
  await expect(history.getByRole("status").filter({ hasText: "1 run exported." })).toBeVisible();

  // Details of the found run: the id only here, with Copy; Re-run.
  await history.getByRole("button", { name: "View run of Inbox digest" }).click();
  const details = history.locator("[data-slot=planner-run-details]");
  await expect(details.getByRole("button", { name: "Copy run id" })).toBeVisible();
  await expect(details).not.toContainText("Scheduled for");
  await expect(details.getByRole("button", { name: "Re-run Inbox digest" })).toBeVisible();
  await page.screenshot({ path: shots("history-search") });

  // Cancel the run in progress from its row.
  await history.getByRole("searchbox", { name: "Search runs" }).fill("");
  await expect(pager.getByRole("status")).toHaveText("Showing 1 to 3 of 3");
  await rows.first().getByRole("button", { name: `Cancel run of ${open}` }).click();
  await expect(rows.first()).toContainText("Cancelled");
  await expect(active).toHaveCount(0);
  await page.keyboard.press("Escape");
  await expect(planner.card(open)).not.toContainText("Running");
  await setChats(page, "Work normally");

  // Dark: the same dialog with a run in progress and its details.
  await setChats(page, "Start and never report the end");
  await page.goto(`${server.url}/?tab=planner&theme=dark`);
  // The demo puts `.dark` on its <main>, while dialogs portal to <body>: dark on the root, as a shadcn host sets it.
  await page.evaluate(() => document.documentElement.classList.add("dark"));
  await planner.cardAction(open, "Run now");
  await expect(planner.card(open)).toContainText("Running");
  await page.getByRole("button", { name: "View all" }).click();
  await expect(history.getByRole("region", { name: "Runs in progress" })).toBeVisible();
  await history.getByRole("button", { name: "View run of Inbox digest" }).click();
  await page.screenshot({ path: shots("history-dark") });
  await history.getByRole("table", { name: "Runs", exact: true }).locator("tbody > tr[data-status]").first().getByRole("button", { name: `Cancel run of ${open}` }).click();
  await expect(history.getByRole("region", { name: "Runs in progress" })).toHaveCount(0);
  await page.keyboard.press("Escape");
  await setChats(page, "Work normally");
  expect(consoleErrors).toEqual([]);
});

import { join } from "node:path";
import type { Page } from "@playwright/test";
import { PlannerPage, expect, ownDemoServer, test } from "./fixtures";
import { ROOT } from "./support/server";

/**
 * Watch: a scheduler that stopped shows its jobs overdue in needs-attention (computed on read, so it shows while
 * nothing runs), starting it again clears them, and a job's history shows the expected-vs-actual strip. A demo server
 * of its own: stopping the scheduler must not reach the other specs' server.
 */
const server = ownDemoServer("watch");

const shots = (name: string) => join(ROOT, ".test-results", "screenshots", `${name}.png`);

async function setScheduler(page: Page, mode: "Running" | "Stopped 5 minutes ago (jobs fall overdue)") {
  const panel = page.getByRole("complementary", { name: "Fault modes" });
  await panel.getByRole("combobox", { name: "The scheduler" }).selectOption({ label: mode });
  await expect(panel.getByRole("status").filter({ hasText: "Scheduler:" })).toBeVisible();
}

test("a stopped scheduler makes a job overdue in needs attention; started again it catches up; the history shows expected vs actual", async ({ page, consoleErrors }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const planner = new PlannerPage(page, server.url);
  await planner.open();
  const name = "Weekly pipeline review";
  await planner.openJobDialog();
  await planner.fillJob({ name, preset: "Daily at 9 AM", template: "Review the application pipeline for {date}." });
  await planner.submitJob();
  await expect(planner.card(name)).toContainText("Active");

  await setScheduler(page, "Stopped 5 minutes ago (jobs fall overdue)");
  const attention = page.getByRole("region", { name: "1 item needs attention" });
  await expect(attention).toContainText("1 overdue", { timeout: 35_000 });
  const item = attention.getByRole("listitem", { name: `${name}: Overdue` });
  await expect(item).toContainText("It was due 5 minutes ago and has not run");
  await expect(item.getByRole("button", { name: `Run now: ${name}` })).toBeVisible();
  await expect(item.getByRole("button", { name: `Open history: ${name}` })).toBeVisible();
  expect(await planner.seriousA11yViolations("[data-slot=planner-attention]")).toEqual([]);
  await attention.screenshot({ path: shots("attention-overdue") });
  await page.goto(`${server.url}/?tab=planner&theme=dark`);
  await expect(page.getByRole("region", { name: "1 item needs attention" })).toContainText("1 overdue");
  await page.getByRole("region", { name: "1 item needs attention" }).screenshot({ path: shots("attention-overdue-dark") });
  await planner.open();

  await setScheduler(page, "Running");
  await expect(page.getByRole("region", { name: /needs attention/ })).toHaveCount(0, { timeout: 35_000 });

  await planner.cardAction(name, "History");
  const history = page.getByRole("dialog", { name: `Run history · ${name}` });
  await expect(history.getByRole("heading", { name: "Expected vs actual" })).toBeVisible();
  const strip = history.getByRole("list", { name: "Expected runs of the last 14 days and the next day" });
  const cells = strip.getByRole("listitem");
  await expect(cells.first()).toBeAttached();
  await expect(strip).toContainText(/Upcoming/);
  for (const cell of await cells.all()) expect((await cell.getAttribute("title")) ?? "").toMatch(/: (On time|Late|Missed|Skipped|Failed|Upcoming|Running|Paused|Due, not started yet)/);
  await expect(history.getByRole("status").filter({ hasText: "upcoming" })).toBeVisible();
  await history.locator("[data-slot=planner-expected-strip]").screenshot({ path: shots("expected-strip") });
  expect(consoleErrors).toEqual([]);
});

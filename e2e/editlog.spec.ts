import { join } from "node:path";
import { expect, test } from "./fixtures";
import { ROOT } from "./support/server";

/** Saved for people to look at (not compared): `.test-results/screenshots/*.png`. */
const shots = (name: string) => join(ROOT, ".test-results", "screenshots", `${name}.png`);

test("Edit log: an edit of the schedule and message is reviewed before → after, then shows in the job's Changes", async ({ planner, page, consoleErrors }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await planner.open();
  await planner.openJobDialog();
  await planner.fillJob({ name: "Edit log digest", preset: "Every Monday at 9 AM", template: "Weekly plan for {jobName}." });
  await planner.submitJob();

  await planner.cardAction("Edit log digest", "Edit");
  await planner.fillJob({ preset: "Weekdays at 9 AM", template: "Daily plan for {jobName}." });
  await planner.dialog.getByRole("button", { name: "Save", exact: true }).click();
  const review = planner.dialog.getByRole("region", { name: "Review your changes" });
  await expect(review).toBeVisible();
  await expect(planner.dialog.getByRole("status")).toHaveText("Review the changes, then save");
  const before = review.getByRole("list", { name: "Before: Next 5 runs" });
  const after = review.getByRole("list", { name: "After: Next 5 runs" });
  await expect(before.getByRole("listitem")).toHaveCount(5);
  await expect(before.getByRole("listitem").filter({ hasText: /^Mon/ })).toHaveCount(5);
  await expect(after.getByRole("listitem").filter({ hasText: "New time" }).first()).toBeVisible();
  const message = review.getByRole("region", { name: "Message" });
  await expect(message).toContainText("Weekly plan for Edit log digest.");
  await expect(message).toContainText("Daily plan for Edit log digest.");
  await page.screenshot({ path: shots("edit-review") });

  // Back keeps the edit in the form; nothing was saved yet.
  await planner.dialog.getByRole("button", { name: "Back", exact: true }).click();
  await expect(review).toHaveCount(0);
  await expect(planner.dialog.getByRole("textbox", { name: "Message template" })).toHaveValue("Daily plan for {jobName}.");
  // (The card is under the modal dialog, outside the accessibility tree: found by its slot.)
  await expect(page.locator('[data-slot="planner-job-card"]', { hasText: "Edit log digest" })).toContainText(/Monday/);
  await planner.submitJob("Save");
  await expect(planner.card("Edit log digest")).toContainText("Weekdays at 9:00 AM");

  await planner.cardAction("Edit log digest", "Pause");
  await expect(planner.card("Edit log digest")).toContainText("Paused");
  await planner.cardAction("Edit log digest", "History");
  const history = page.getByRole("dialog", { name: "Run history · Edit log digest" });
  await history.getByRole("tab", { name: "Changes" }).click();
  const entries = history.getByRole("region", { name: "Changes" }).getByRole("listitem");
  await expect(entries).toHaveCount(3);
  await expect(entries.nth(0)).toContainText("Ada paused it");
  await expect(entries.nth(1)).toContainText("Ada changed 2 settings");
  await expect(entries.nth(1)).toContainText("from ‘Every Monday at 9:00 AM’ to ‘Weekdays at 9:00 AM’");
  await expect(entries.nth(1)).toContainText("from ‘Weekly plan for {jobName}.’ to ‘Daily plan for {jobName}.’");
  await expect(entries.nth(2)).toContainText("Ada created this job");
  await page.screenshot({ path: shots("edit-log") });
  expect(await planner.seriousA11yViolations('[role="dialog"]')).toEqual([]);

  await page.goto("/?tab=planner&theme=dark");
  await expect(planner.card("Edit log digest")).toBeVisible();
  await planner.cardAction("Edit log digest", "History");
  await page.getByRole("dialog", { name: "Run history · Edit log digest" }).getByRole("tab", { name: "Changes" }).click();
  await expect(page.getByRole("region", { name: "Changes" }).getByRole("listitem")).toHaveCount(3);
  await page.screenshot({ path: shots("edit-log-dark") });
  await page.keyboard.press("Escape");
  await planner.deleteItem("Edit log digest");
  expect(consoleErrors).toEqual([]);
});

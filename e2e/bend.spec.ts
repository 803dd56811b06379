import { join } from "node:path";
import { expect, test, uniqueName } from "./fixtures";
import { ROOT } from "./support/server";

/** Saved for people to look at (not compared): `.test-results/screenshots/*.png`. */
const shots = (name: string) => join(ROOT, ".test-results", "screenshots", `${name}.png`);

test("Bend: from a job's next runs, skip one run, move another, snooze the job, light and dark", async ({ planner, page, consoleErrors }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await planner.open();
  const name = uniqueName("Holiday digest");
  await planner.openJobDialog();
  await planner.fillJob({ name, preset: "Daily at 9 AM", template: "Summarise my inbox for {date}." });
  await planner.submitJob();
  const card = planner.card(name);

  await card.getByRole("button", { name: /^Next: / }).click();
  const dialog = page.getByRole("dialog", { name: `Next runs · ${name}` });
  const runs = dialog.getByRole("list", { name: "Next runs" }).getByRole("listitem");
  await expect(runs).toHaveCount(5);

  await runs.nth(0).getByRole("button", { name: /^Options for the run at / }).click();
  await page.getByRole("menuitem", { name: "Skip this run" }).click();
  await expect(runs.nth(0)).toContainText("Skipped by Ada");
  await expect(runs.nth(0).locator("s")).toBeVisible();

  await runs.nth(1).getByRole("button", { name: /^Options for the run at / }).click();
  await page.getByRole("menuitem", { name: "Move this run…" }).click();
  const newTime = dialog.getByLabel(/^New time for the run at /);
  const at = await newTime.inputValue();
  expect(at).toMatch(/T09:00$/);
  await newTime.fill(at.replace("T09:00", "T10:30"));
  await dialog.getByRole("button", { name: "Move", exact: true }).click();
  await expect(runs.nth(1)).toContainText(/Moved to .*10:30/);

  await dialog.screenshot({ path: shots("bend-next-runs") });

  const until = dialog.getByLabel("Snooze until");
  const snoozeFrom = await until.inputValue();
  await until.fill(snoozeFrom.replace(/T\d\d:\d\d$/, "T23:00"));
  await dialog.getByRole("button", { name: "Snooze", exact: true }).click();
  await expect(dialog.getByText(/^Snoozed until .* \(by Ada\)$/)).toBeVisible();
  await dialog.getByRole("button", { name: "End snooze" }).click();
  await expect(dialog.getByLabel("Snooze until")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);

  // The marks are stored: dark theme, a fresh page, the same two runs bent.
  await page.goto("/?tab=planner&theme=dark");
  await planner.card(name).getByRole("button", { name: /^Next: / }).click();
  await expect(runs.nth(0)).toContainText("Skipped by Ada");
  await expect(runs.nth(1)).toContainText("Moved to");
  await dialog.screenshot({ path: shots("bend-next-runs-dark") });
  await page.keyboard.press("Escape");

  await planner.deleteItem(name);
  expect(consoleErrors).toEqual([]);
});

test("Resume with a choice: a job that missed a run while paused asks Run once now or Skip them", async ({ planner, page, consoleErrors }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await planner.open();
  const name = uniqueName("Minute check");
  await planner.openJobDialog();
  await planner.fillJob({ name, cron: "* * * * *", template: "Check at {time}." });
  await planner.submitJob();
  await planner.cardAction(name, "Pause");
  await expect(planner.card(name).getByText("Paused").first()).toBeVisible();

  // The real scheduler: let one minute boundary pass while the job is paused.
  await page.waitForTimeout(60_000 - (Date.now() % 60_000) + 2_000);
  await planner.cardAction(name, "Resume");
  const dialog = page.getByRole("dialog", { name: `Resume ${name}` });
  await expect(dialog).toContainText(/(1 run was|\d+ runs were) missed while the job was paused \(since /);
  await dialog.screenshot({ path: shots("bend-resume-dialog") });
  await dialog.getByRole("button", { name: "Skip them" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole("status").filter({ hasText: `${name} resumed; the missed runs were skipped.` })).toBeAttached();
  await expect(planner.card(name).getByText(/^(Active|Running)$/)).toBeVisible();

  await planner.cardAction(name, "History");
  const history = page.getByRole("dialog", { name: `Run history · ${name}` });
  await expect(history).toContainText(/Skipped/i);
  await page.keyboard.press("Escape");

  await planner.deleteItem(name);
  expect(consoleErrors).toEqual([]);
});

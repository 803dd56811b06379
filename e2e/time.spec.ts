import { expect, test } from "./fixtures";

test("Time: a job due within the minute fires on its own while the page is open, and its run appears live", async ({ planner, page }) => {
  // The real in-process scheduler: `* * * * *` is due at the next minute boundary (at most 60 s away).
  test.setTimeout(150_000);
  await planner.open();
  await planner.openJobDialog();
  await planner.fillJob({ name: "Every minute ping", cron: "* * * * *", template: "Ping at {time} ({jobName})." });
  await expect(planner.dialog.getByText("This job will run")).toContainText("every minute");
  await planner.submitJob();
  const card = planner.card("Every minute ping");
  await expect(card).toContainText(/Next: /);

  await expect(planner.recentActivity).toContainText("Every minute ping ran successfully", { timeout: 80_000 });
  await expect(card.getByRole("img", { name: /^Last \d+ runs?: \d+ succeeded, 0 failed$/ })).toBeVisible();

  await planner.openTab("Chats");
  const chat = planner.chat("Every minute ping").first();
  await expect(chat).toBeVisible({ timeout: 15_000 });
  await expect(chat).toContainText("on schedule");
  await expect(chat).toContainText(/Ping at .+ \(Every minute ping\)\./);

  // Stop it firing for the rest of the suite.
  await planner.openTab("Planner");
  await planner.deleteItem("Every minute ping");
  await expect(page.getByRole("status").filter({ hasText: "Every minute ping deleted." })).toBeAttached();
});

test("Time: a one-time job ('in 1 minute') runs once on its own, then its card says it ran and has ended", async ({ planner, page, consoleErrors }) => {
  test.setTimeout(180_000);
  const shot = (name: string) => `.test-results/screenshots/${name}.png`;
  await page.setViewportSize({ width: 1280, height: 900 });
  await planner.open();
  await planner.openJobDialog();
  await planner.fillJob({ name: "One-time reminder", template: "Call the bank ({jobName})." });
  const dialog = planner.dialog;
  await dialog.getByRole("radio", { name: "Once" }).click();
  await dialog.getByRole("radio", { name: "After a delay" }).click();
  await dialog.getByRole("spinbutton", { name: "Amount" }).fill("1");
  await dialog.getByRole("combobox", { name: "Unit" }).selectOption("minutes");
  await expect(dialog.getByText(/This job will run once, on /)).toBeVisible();
  await expect(dialog.getByRole("status")).toHaveText(/Configuration valid/);
  await dialog.getByRole("radio", { name: "Once" }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: shot("time-once-dialog") });
  await planner.submitJob();

  const card = planner.card("One-time reminder");
  await expect(card).toContainText(/^.*Once on /);
  await expect(card).toContainText(/Next: /);
  await expect(planner.recentActivity).toContainText("One-time reminder ran successfully", { timeout: 100_000 });
  await expect(card).toContainText("Ran once · done", { timeout: 15_000 });
  await expect(card.getByText("Ended", { exact: true })).toBeVisible();
  await card.screenshot({ path: shot("time-once-card") });
  await page.goto(`${page.url().split("?")[0]}?theme=dark`);
  await expect(planner.card("One-time reminder")).toContainText("Ran once · done");
  await planner.card("One-time reminder").screenshot({ path: shot("time-once-card-dark") });

  // Repeating job with a start date, end date, run limit and jitter: the preview shows each run's window.
  await planner.openJobDialog();
  await planner.fillJob({ name: "December digest", template: "Digest" });
  await planner.dialog.getByLabel(/Start date/).fill("2026-12-10");
  await planner.dialog.getByLabel(/End date/).fill("2026-12-31");
  await planner.dialog.getByRole("spinbutton", { name: /Run limit/ }).fill("5");
  await planner.dialog.getByRole("spinbutton", { name: /Jitter window/ }).fill("10");
  await planner.dialog.getByRole("button", { name: /Next \d+ runs/ }).click();
  await expect(planner.dialog.locator("[data-slot=planner-jitter-window]").first()).toBeVisible();
  await planner.dialog.getByRole("spinbutton", { name: /Jitter window/ }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: shot("time-window-dialog-dark") });
  await planner.discardDialog();
  await planner.deleteItem("One-time reminder");
  expect(consoleErrors).toEqual([]);
});

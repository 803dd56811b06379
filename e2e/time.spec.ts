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

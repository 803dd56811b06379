import { PlannerPage, expect, test } from "./fixtures";

test("Live: two pages on the same agent see each other's changes and runs without reloading", async ({ planner, browser }) => {
  const otherContext = await browser.newContext();
  const other = new PlannerPage(await otherContext.newPage());
  try {
    await planner.open();
    await other.open();

    await planner.openJobDialog();
    await planner.fillJob({ name: "Shared pipeline review", preset: "Weekdays at 9 AM", template: "Review the pipeline for {date}." });
    await planner.submitJob();
    await expect(other.card("Shared pipeline review")).toBeVisible({ timeout: 15_000 });
    await expect(other.card("Shared pipeline review")).toContainText("Active");

    await other.cardAction("Shared pipeline review", "Run now");
    await expect(planner.recentActivity).toContainText("Shared pipeline review ran successfully", { timeout: 15_000 });
    await expect(planner.card("Shared pipeline review").getByRole("img", { name: "Last 1 run: 1 succeeded, 0 failed" })).toBeVisible();

    await planner.cardAction("Shared pipeline review", "Pause");
    await expect(other.card("Shared pipeline review")).toContainText("Paused", { timeout: 15_000 });

    await other.deleteItem("Shared pipeline review");
    await expect(planner.card("Shared pipeline review")).toHaveCount(0, { timeout: 15_000 });
  } finally {
    await otherContext.close();
  }
});

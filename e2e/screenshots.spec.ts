import { join } from "node:path";
import { expect, seedPlanner, test } from "./fixtures";
import { ROOT } from "./support/server";

/** Saved for people to look at (not compared): `.test-results/screenshots/*.png`. */
const shots = (name: string) => join(ROOT, ".test-results", "screenshots", `${name}.png`);

test("Screenshots: the Planner tab with data, both dialogs and history", async ({ planner, page, consoleErrors }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await planner.open();
  await seedPlanner(planner, "shot");
  await expect(planner.card("Daily job search shot").getByRole("img", { name: /succeeded/ })).toBeVisible();
  await planner.planner.screenshot({ path: shots("planner-tab") });

  await planner.openJobDialog();
  await planner.fillJob({ name: "Morning inbox summary", preset: "Weekdays at 9 AM", customVariables: { city: "Berlin" }, template: "Good {timeOfDay}! Summarise my inbox for {date} and new roles in {city}." });
  await expect(planner.dialog.getByRole("status")).toHaveText(/Configuration valid/);
  await page.screenshot({ path: shots("job-dialog-bottom") });
  await planner.dialog.getByRole("textbox", { name: "Name", exact: true }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: shots("job-dialog-top") });
  await planner.discardDialog();

  await planner.openTriggerDialog();
  await planner.fillTrigger({ name: "Invoices from Gmail", toolkit: "Gmail", eventType: /^New Gmail message/, filters: [{ path: "subject", op: "contains", value: "Invoice" }], template: "New invoice from {emailFrom}: {emailSubject}" });
  await page.screenshot({ path: shots("trigger-dialog-bottom") });
  await planner.dialog.getByRole("textbox", { name: "Name", exact: true }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: shots("trigger-dialog-top") });
  await planner.dialog.getByRole("region", { name: "Event source" }).screenshot({ path: shots("trigger-dialog-sources") });
  await planner.discardDialog();

  await planner.cardAction("Daily job search shot", "History");
  const history = page.getByRole("dialog", { name: "Run history · Daily job search shot" });
  await history.getByRole("button", { name: "View run of Daily job search shot" }).click();
  await page.screenshot({ path: shots("history") });
  await page.keyboard.press("Escape");

  expect(consoleErrors).toEqual([]);
});

import { expect, seedPlanner, tabTo, test } from "./fixtures";

test("Accessibility: no serious or critical axe violations on the Planner tab, both dialogs and history", async ({ planner, page }) => {
  await planner.open();
  await seedPlanner(planner, "a11y");
  await expect(planner.card("Recruiter replies a11y")).toContainText("1 event today");
  // Collected per screen and compared once at the end, so one run reports every screen's findings.
  const found: Record<string, unknown[]> = {};
  found.plannerTab = await planner.seriousA11yViolations();

  await planner.openJobDialog();
  await planner.fillJob({ name: "Axe job", customVariables: { team: "Platform" }, template: "Hi {team}, {date}." });
  found.jobDialog = await planner.seriousA11yViolations('[role="dialog"]');
  await planner.dialog.getByRole("tab", { name: "Custom" }).click();
  await planner.dialog.getByRole("textbox", { name: "Minute 0–59" }).fill("99");
  found.jobDialogWithError = await planner.seriousA11yViolations('[role="dialog"]');
  await planner.discardDialog();
  await expect(planner.dialog).toHaveCount(0);

  await planner.openTriggerDialog();
  await planner.fillTrigger({ name: "Axe trigger", toolkit: "Gmail", eventType: /^New Gmail message/, filters: [{ path: "subject", op: "contains", value: "x" }], template: "{emailSubject}" });
  found.triggerDialog = await planner.seriousA11yViolations('[role="dialog"]');
  await planner.discardDialog();
  await expect(planner.dialog).toHaveCount(0);

  await planner.cardAction("Daily job search a11y", "History");
  const history = page.getByRole("dialog", { name: "Run history · Daily job search a11y" });
  await history.getByRole("button", { name: "View run of Daily job search a11y" }).click();
  await expect(history.getByRole("link").first()).toBeVisible();
  found.history = await planner.seriousA11yViolations('[role="dialog"]');
  await page.keyboard.press("Escape");
  await expect(history).toHaveCount(0);
  expect(found).toEqual({ plannerTab: [], jobDialog: [], jobDialogWithError: [], triggerDialog: [], history: [] });
});

test("Keyboard only: create a job without the mouse", async ({ planner, page }) => {
  await planner.open();
  const addJob = planner.page.getByRole("button", { name: "Add job" }).first();
  await tabTo(page, addJob);
  await page.keyboard.press("Enter");
  const dialog = planner.dialog;
  await expect(dialog).toHaveAccessibleName("Create scheduled job");

  const name = dialog.getByRole("textbox", { name: "Name", exact: true });
  await tabTo(page, name);
  await page.keyboard.type("Keyboard weekly check");

  // Presets are a radio group: one Tab stop on the chosen card, arrows move the choice.
  await tabTo(page, dialog.getByRole("radio", { name: "Daily at 9 AM", exact: true }));
  // Held like a person holds a key: Radix moves focus on a timer after keydown and checks the radio on that
  // focus only while the arrow is still down, so an instant keydown+keyup on a busy machine can miss it.
  const weekdays = dialog.getByRole("radio", { name: "Weekdays at 9 AM", exact: true });
  await page.keyboard.down("ArrowDown");
  await expect(weekdays).toBeFocused();
  await page.keyboard.up("ArrowDown");
  await expect(weekdays).toBeChecked();
  await expect(dialog.getByText("This job will run")).toContainText(/Monday through Friday|weekday/i);

  const template = dialog.getByRole("textbox", { name: "Message template" });
  await tabTo(page, template);
  await page.keyboard.type("Weekly check for {date}.");
  await tabTo(page, dialog.getByRole("button", { name: "Insert {dayOfWeek}" }));
  await page.keyboard.press("Enter");
  await expect(template).toHaveValue(/\{dayOfWeek\}/);
  await expect(dialog.getByRole("status")).toHaveText(/Configuration valid/);

  await tabTo(page, dialog.getByRole("button", { name: "Create job" }));
  await page.keyboard.press("Enter");
  await expect(dialog).toHaveCount(0);
  const card = planner.card("Keyboard weekly check");
  await expect(card).toContainText("Chat template");

  // The card's menu by keyboard too: open, move to Delete, confirm.
  const menuButton = card.getByRole("button", { name: "Actions for Keyboard weekly check" });
  await tabTo(page, menuButton);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("menu", { name: "Actions for Keyboard weekly check" })).toBeVisible();
  await page.keyboard.press("End");
  await expect(page.getByRole("menuitem", { name: "Delete" })).toBeFocused();
  await page.keyboard.press("Enter");
  const confirm = page.getByRole("alertdialog");
  await expect(confirm).toBeVisible();
  await tabTo(page, confirm.getByRole("button", { name: "Delete" }));
  await page.keyboard.press("Enter");
  await expect(card).toHaveCount(0);
});

import { expect, test } from "./fixtures";

test("Flow 5: edit a job's schedule and template and a trigger's filters; pause, resume and delete both", async ({ planner, page }) => {
  await planner.open();
  await planner.openJobDialog();
  await planner.fillJob({ name: "Weekly digest", preset: "Daily at 9 AM", template: "Summarise the week for {jobName}." });
  await planner.submitJob();
  await expect(planner.card("Weekly digest")).toContainText("Daily at 9:00 AM");

  await planner.cardAction("Weekly digest", "Edit");
  await expect(planner.dialog).toHaveAccessibleName(/^Edit .?Weekly digest.?$/);
  await planner.fillJob({ preset: "Every Monday at 9 AM", template: "Monday plan for {jobName} on {date}." });
  await planner.submitJob("Save");
  const job = planner.card("Weekly digest");
  await expect(job).toContainText(/Monday/);
  await expect(job).not.toContainText("Daily at 9:00 AM");
  await planner.cardAction("Weekly digest", "Edit");
  await expect(planner.dialog.getByRole("textbox", { name: "Message template" })).toHaveValue("Monday plan for {jobName} on {date}.");
  await expect(planner.dialog.getByRole("radio", { name: "Every Monday at 9 AM", exact: true })).toBeChecked();
  await planner.dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(planner.dialog).toHaveCount(0);

  await planner.openTriggerDialog();
  await planner.fillTrigger({ name: "Offer letters", toolkit: "Gmail", eventType: /^New Gmail message/, settings: { Query: "label:offers" }, template: "Offer: {emailSubject}" });
  await planner.createTrigger("Offer letters");
  await planner.cardAction("Offer letters", "Edit");
  await expect(planner.dialog).toHaveAccessibleName("Edit Offer letters");
  await planner.setFilter(1, { path: "subject", op: "contains", value: "Offer" });
  await planner.dialog.getByRole("button", { name: "Save", exact: true }).click();
  await expect(planner.dialog).toHaveCount(0);
  await planner.cardAction("Offer letters", "Edit");
  await expect(planner.dialog.getByRole("combobox", { name: "Field of condition 1" })).toHaveValue("subject");
  await expect(planner.dialog.getByRole("textbox", { name: "Value of condition 1" })).toHaveValue("Offer");
  await planner.dialog.getByRole("button", { name: "Close" }).click();
  await expect(planner.dialog).toHaveCount(0);

  for (const name of ["Weekly digest", "Offer letters"]) {
    const card = planner.card(name);
    await planner.cardAction(name, "Pause");
    await expect(card).toContainText("Paused");
    await expect(page.getByRole("status").filter({ hasText: `${name} paused.` })).toBeAttached();
    await planner.cardAction(name, "Resume");
    await expect(card).toContainText("Active");
    await expect(card).not.toContainText("Paused");
  }
  await expect(job).toContainText(/Next: /);

  for (const name of ["Weekly digest", "Offer letters"]) {
    await planner.cardAction(name, "Delete");
    const confirm = page.getByRole("alertdialog", { name: `Delete "${name}"?` });
    await expect(confirm).toBeVisible();
    await confirm.getByRole("button", { name: "Cancel" }).click();
    await expect(planner.card(name)).toBeVisible();
    await planner.deleteItem(name);
  }
  await page.reload();
  await expect(planner.jobsSection).toBeVisible();
  await expect(planner.card("Weekly digest")).toHaveCount(0);
  await expect(planner.card("Offer letters")).toHaveCount(0);
});

test("Bad input: invalid cron, empty name, unknown variable, and a filter that does not match", async ({ planner, page }) => {
  await planner.open();
  await planner.openJobDialog();
  const dialog = planner.dialog;
  const status = dialog.getByRole("status");
  await dialog.getByRole("button", { name: "Create job" }).click();
  await expect(dialog).toBeVisible();
  await expect(status).toHaveText("Give it a name.");
  await expect(dialog.getByRole("textbox", { name: "Name", exact: true })).toHaveAttribute("aria-invalid", "true");

  await planner.fillJob({ name: "Broken schedule", cron: "0 25 * * *" });
  await expect(dialog.getByRole("textbox", { name: "Hour 0–23" })).toHaveAttribute("aria-invalid", "true");
  await expect(dialog.getByRole("alert").filter({ hasText: /Hour must be between 0 and 23/ })).toBeVisible();
  await expect(dialog.getByText("Fix the schedule to see when it runs.")).toBeVisible();
  await dialog.getByRole("button", { name: "Create job" }).click();
  await expect(dialog).toHaveAccessibleName("Create scheduled job");
  await planner.setCron("not a cron");
  await expect(status).not.toHaveText(/Configuration valid/);

  await planner.setCron("0 9 * * *");
  await planner.setTemplate("Hello {recipientName}, it is {date}.");
  await expect(dialog.getByRole("textbox", { name: "Message template" })).toHaveAttribute("aria-invalid", "true");
  await expect(dialog.getByText('"{recipientName}" is not a known variable.', { exact: false })).toBeVisible();
  await expect(status).toHaveText(/1 unknown variable: \{recipientName\}/);
  await planner.discardDialog("Cancel");
  await expect(dialog).toHaveCount(0);
  await expect(planner.card("Broken schedule")).toHaveCount(0);

  await planner.openTriggerDialog();
  await planner.fillTrigger({
    name: "Only offers",
    toolkit: "Gmail",
    eventType: /^New Gmail message/,
    settings: { Query: "label:only-offers" },
    filters: [{ path: "subject", op: "contains", value: "Offer" }],
    template: "Offer arrived: {emailSubject}",
  });
  await planner.createTrigger("Only offers");
  await planner.simulateEvent("Only offers", (sample) => ({ ...sample, subject: "Weekly newsletter" }));
  await expect(planner.simulatePanel.getByRole("status")).toContainText("It did not match the trigger's filters, so nothing ran (1 filtered so far).");
  const card = planner.card("Only offers");
  await expect(card.getByRole("img", { name: "No runs yet" })).toBeVisible();
  await expect(card).toContainText("No events today");
  await expect(planner.recentActivity.filter({ hasText: "Only offers" })).toHaveCount(0);

  await planner.openTab("Chats");
  await expect(page.getByRole("heading", { name: "Chats", level: 2 })).toBeVisible();
  await expect(planner.chat("Only offers")).toHaveCount(0);
  await planner.openTab("Planner");
  await planner.deleteItem("Only offers");
});

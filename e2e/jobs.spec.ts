import { expect, test } from "./fixtures";

/** `{date}` as the demo renders it for a job in UTC, for the day the run happens. */
function today(): string {
  return new Intl.DateTimeFormat("en-US", { weekday: "long", year: "numeric", month: "long", day: "numeric", timeZone: "UTC" }).format(new Date());
}

test("Flow 1: a daily chat job with {date} and a custom variable; Run now starts a chat with the date filled in", async ({ planner, page, consoleErrors }) => {
  await planner.open();
  await planner.openJobDialog();
  await planner.fillJob({
    name: "Morning Job Check",
    preset: "Daily at 9 AM",
    customVariables: { city: "Berlin" },
    template: "Good morning! Check new roles in {city} for {date}.",
  });
  const dialog = planner.dialog;
  await expect(dialog.getByText("This job will run")).toContainText("daily at 9:00 AM (UTC)");
  await expect(dialog.getByRole("region", { name: "Preview" })).toContainText("Good morning! Check new roles in Berlin for");
  await expect(dialog.getByRole("status")).toHaveText(/Configuration valid/);
  await planner.submitJob();

  const card = planner.card("Morning Job Check");
  await expect(card).toBeVisible();
  await expect(card).toContainText("Daily at 9:00 AM");
  await expect(card).toContainText("Chat template");
  await expect(card).toContainText(/Next: (Today|Tomorrow) 9:00 AM/);
  await expect(card).toContainText("Active");

  await planner.cardAction("Morning Job Check", "Run now");
  await expect(page.getByRole("status").filter({ hasText: "Morning Job Check ran successfully" })).toBeAttached();
  await expect(planner.recentActivity).toContainText(`Morning Job Check ran successfully`);

  await planner.openTab("Chats");
  const chat = planner.chat("Morning Job Check");
  await expect(chat).toBeVisible({ timeout: 15_000 });
  await expect(chat.getByRole("paragraph").first()).toHaveText(`Good morning! Check new roles in Berlin for ${today()}.`);
  await expect(chat).toContainText("run now");
  expect(consoleErrors).toEqual([]);
});

test("Flow 2: a workflow job on a custom cron, after fixing a field error; Run now records the static input", async ({ planner }) => {
  await planner.open();
  await planner.openJobDialog();
  await planner.fillJob({ name: "Application status sweep" });
  const dialog = planner.dialog;
  await dialog.getByRole("tab", { name: "Custom" }).click();
  await dialog.getByRole("textbox", { name: "Minute 0–59" }).fill("75");
  await dialog.getByRole("textbox", { name: "Hour 0–23" }).fill("8-18/2");
  await dialog.getByRole("textbox", { name: "Day of week 0–6" }).fill("1-5");
  await expect(dialog.getByRole("textbox", { name: "Minute 0–59" })).toHaveAttribute("aria-invalid", "true");
  await expect(dialog.getByRole("alert").filter({ hasText: "Minute must be between 0 and 59, got 75." })).toBeVisible();
  await expect(dialog.getByRole("status")).toHaveText(/Minute must be between 0 and 59/);
  await dialog.getByRole("button", { name: "Create job" }).click();
  await expect(dialog).toHaveAccessibleName("Create scheduled job");

  await dialog.getByRole("textbox", { name: "Minute 0–59" }).fill("30");
  await expect(dialog.getByRole("textbox", { name: "Cron expression" })).toHaveValue("30 8-18/2 * * 1-5");
  await expect(dialog.getByRole("textbox", { name: "Minute 0–59" })).not.toHaveAttribute("aria-invalid", "true");

  await planner.fillJob({ workflow: "Job application check", workflowInput: { Keywords: "staff frontend engineer", Location: "Berlin", "Max results": "5" } });
  await expect(dialog.getByRole("status")).toHaveText(/Configuration valid/);
  await planner.submitJob();

  const card = planner.card("Application status sweep");
  await expect(card).toContainText("Execute workflow");
  await expect(card).toContainText(/Monday through Friday/);
  await planner.cardAction("Application status sweep", "Run now");
  await expect(planner.recentActivity).toContainText("Application status sweep ran successfully");

  await planner.openTab("Workflow runs");
  await expect.poll(() => planner.newestWorkflowInput("job-application-check")).toEqual({ keywords: "staff frontend engineer", location: "Berlin", maxResults: 5 });
});

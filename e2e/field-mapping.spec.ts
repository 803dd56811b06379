import { join } from "node:path";
import { expect, test } from "./fixtures";
import { ROOT } from "./support/server";

/** Saved for people to look at (not compared): `.test-results/screenshots/*.png`. */
const shots = (name: string) => join(ROOT, ".test-results", "screenshots", `${name}.png`);

const NEW_GMAIL = /^New Gmail message/;

test("Item 5: a trigger maps Gmail fields into Analyze email's inputs; a required field the event lacks fails the run with a sentence", async ({ planner, page, consoleErrors }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await planner.open();
  await planner.openTriggerDialog();
  await planner.fillTrigger({ name: "Analyze recruiter mail", toolkit: "Gmail", eventType: NEW_GMAIL, settings: { Query: "label:recruiters" }, workflow: "Analyze email" });

  // The workflow's input schema gives one template per input; same-named event fields are suggested.
  const mapping = planner.dialog.locator("[data-slot=planner-field-mapping]");
  await expect(mapping.getByRole("radio", { name: "Map event fields to the workflow's inputs" })).toBeChecked();
  await expect(mapping.getByRole("textbox", { name: "Subject" })).toHaveValue("{subject}");
  await mapping.getByRole("textbox", { name: "Subject" }).fill("");
  await planner.dialog.getByRole("button", { name: "Create trigger" }).click();
  await expect(mapping.getByRole("textbox", { name: "Subject" })).toHaveAttribute("aria-invalid", "true");
  await expect(mapping.getByText("The workflow needs 'subject': choose what to send in it.")).toBeVisible();

  await mapping.getByRole("button", { name: "Insert an event field into Subject" }).click();
  await page.getByRole("menuitem", { name: /^subject/ }).click();
  await mapping.getByRole("button", { name: "Insert an event field into From" }).click();
  await page.getByRole("menuitem", { name: /^sender/ }).click();
  await mapping.getByRole("textbox", { name: "Body" }).fill("{message_text}");
  await expect(mapping.getByRole("textbox", { name: "From" })).toHaveValue("{sender}");
  await mapping.scrollIntoViewIfNeeded();
  await mapping.screenshot({ path: shots("trigger-field-mapping-light") });
  await page.screenshot({ path: shots("trigger-field-mapping-dialog-light") });
  await planner.createTrigger("Analyze recruiter mail");

  // A matching event: the workflow gets the mapped fields.
  await planner.simulateEvent("Analyze recruiter mail", (sample) => ({ ...sample, subject: "Interview on Thursday?", sender: "Riley <riley@acme.example>", message_text: "Are you free?" }));
  await planner.openTab("Workflow runs");
  await expect.poll(() => planner.newestWorkflowInput("analyze-email")).toEqual({ subject: "Interview on Thursday?", from: "Riley <riley@acme.example>", body: "Are you free?" });
  await planner.openTab("Planner");

  // An event without a subject: the run fails with a sentence instead of "succeeding".
  await planner.simulateEvent("Analyze recruiter mail", (sample) => {
    const { subject: _subject, ...rest } = sample;
    return rest;
  });
  await expect(planner.card("Analyze recruiter mail").getByRole("img", { name: /1 failed/ })).toBeVisible();
  await planner.cardAction("Analyze recruiter mail", "History");
  const history = page.getByRole("dialog", { name: "Run history · Analyze recruiter mail" });
  await history.getByRole("button", { name: "Debug run of Analyze recruiter mail" }).click();
  await expect(history).toContainText("The workflow needs 'subject', but the event had no subject.");
  await page.keyboard.press("Escape");

  // Dark: the stored mapping, edited again.
  await page.goto(`${new URL(page.url()).origin}/?tab=planner&theme=dark`);
  await planner.cardAction("Analyze recruiter mail", "Edit");
  const editing = planner.dialog.locator("[data-slot=planner-field-mapping]");
  await expect(editing.getByRole("textbox", { name: "Body" })).toHaveValue("{message_text}");
  await editing.scrollIntoViewIfNeeded();
  await editing.screenshot({ path: shots("trigger-field-mapping-dark") });
  await page.screenshot({ path: shots("trigger-field-mapping-dialog-dark") });
  await page.keyboard.press("Escape");
  await expect(planner.dialog).toHaveCount(0);
  expect(consoleErrors).toEqual([]);
});

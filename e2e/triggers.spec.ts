import { expect, test } from "./fixtures";

const NEW_GMAIL = /^New Gmail message/;

test("Flow 3: a Gmail trigger starts a chat with {emailSubject} and {emailFrom}; the card's counters move", async ({ planner, consoleErrors }) => {
  await planner.open();
  await planner.openTriggerDialog();
  await planner.fillTrigger({ name: "Recruiter inbox", toolkit: "Gmail", eventType: NEW_GMAIL, template: "New mail: {emailSubject} — from {emailFrom}" });
  await expect(planner.dialog.getByRole("region", { name: "Preview" })).toContainText("New mail: Sample Subject — from Sample Sender");
  await planner.createTrigger("Recruiter inbox");

  const card = planner.card("Recruiter inbox");
  await expect(card).toContainText("Gmail");
  await expect(card).toContainText("Chat template");
  await expect(card).toContainText("No events today");

  const payload = await planner.simulateEvent("Recruiter inbox", (sample) => ({ ...sample, subject: "Interview on Thursday?", sender: "Riley Chen <riley@acme-talent.example>" }));
  expect(payload.subject).toBe("Interview on Thursday?");
  await expect(card).toContainText("1 event today");
  await expect(card.getByRole("img", { name: "Last 1 run: 1 succeeded, 0 failed" })).toBeVisible();

  await planner.simulateEvent("Recruiter inbox", (sample) => ({ ...sample, subject: "Follow-up: take-home", sender: "Sam Lee <sam@globex.example>" }));
  await expect(card).toContainText("2 events today");

  await planner.openTab("Chats");
  const chats = planner.chat("Recruiter inbox");
  await expect(chats.filter({ hasText: "New mail: Interview on Thursday? — from Riley Chen <riley@acme-talent.example>" })).toHaveCount(1);
  await expect(chats.first()).toContainText("New mail: Follow-up: take-home — from Sam Lee <sam@globex.example>");
  await expect(chats).toHaveCount(2);
  expect(consoleErrors).toEqual([]);
});

test("Flow 4: a trigger runs qualify-lead with the whole payload", async ({ planner }) => {
  await planner.open();
  await planner.openTriggerDialog();
  await planner.fillTrigger({ name: "Lead from inbox", toolkit: "Gmail", eventType: NEW_GMAIL, settings: { Query: "label:leads" }, workflow: "Qualify lead" });
  // A workflow with an input schema starts as a field mapping; this one takes the whole event.
  await planner.dialog.getByRole("radio", { name: "Send the whole event" }).click();
  await expect(planner.dialog.getByRole("textbox", { name: "Input (JSON) (optional)" })).toHaveValue("");
  await planner.createTrigger("Lead from inbox");
  await expect(planner.card("Lead from inbox")).toContainText("Execute workflow");

  const payload = await planner.simulateEvent("Lead from inbox", (sample) => ({ ...sample, subject: "Partnership enquiry from Globex" }));
  await expect(planner.card("Lead from inbox")).toContainText("1 event today");

  await planner.openTab("Workflow runs");
  await expect.poll(() => planner.newestWorkflowInput("qualify-lead")).toEqual(payload);
});

import { join } from "node:path";
import type { Page } from "@playwright/test";
import { PlannerPage, expect, ownDemoServer, test } from "./fixtures";
import { ROOT } from "./support/server";

/**
 * Plans the agent proposes (issue 24, item 7) in the built demo: the scripted chat calls `plannerTools`, the
 * proposal waits as a pending card (sentence, next runs, rendered prompt, the user it acts for), and Approve makes it
 * a job while Reject drops it. A demo server of its own, so the fixed names of the scripted agent meet no other spec.
 */
const server = ownDemoServer("proposals");

const shots = (name: string) => join(ROOT, ".test-results", "screenshots", `${name}.png`);

async function ask(page: Page, message: string, reply: RegExp) {
  const chat = page.getByRole("complementary", { name: "Chat with the agent" });
  await chat.getByRole("textbox", { name: "Message to the agent" }).fill(message);
  await chat.getByRole("button", { name: "Send" }).click();
  await expect(chat.getByRole("list", { name: "Conversation" }).getByRole("listitem").last()).toContainText(reply);
}

test("The agent proposes through the chat; a person approves one and rejects another; light and dark", async ({ page, consoleErrors }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  const planner = new PlannerPage(page, server.url);
  await planner.open();

  await ask(page, "remind me every Monday at 9", /I proposed a job that reminds you every Monday at 9:00/);
  const proposals = page.getByRole("region", { name: /Proposed by the agent/ });
  const card = proposals.getByRole("article", { name: "Reminder every Monday at 9:00" });
  await expect(card).toBeVisible();
  await expect(card).toContainText("Pending approval");
  await expect(card).toContainText("Every Monday at 9:00 AM");
  await expect(card).toContainText("here is your reminder");
  await expect(card).toContainText("demo-user");
  await expect(card.locator("ol time")).toHaveCount(3);
  // Nothing is scheduled before approval.
  await expect(planner.jobsSection.getByRole("article", { name: "Reminder every Monday at 9:00" })).toHaveCount(0);
  await card.scrollIntoViewIfNeeded();
  await proposals.screenshot({ path: shots("proposals-pending-light") });

  await page.goto(`${server.url}/?tab=planner&theme=dark`);
  await expect(card).toBeVisible();
  await card.scrollIntoViewIfNeeded();
  await proposals.screenshot({ path: shots("proposals-pending-dark") });
  await page.goto(`${server.url}/?tab=planner&theme=light`);

  await card.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByRole("status").filter({ hasText: '"Reminder every Monday at 9:00" approved: it is now a scheduled job.' })).toHaveCount(1);
  await expect(proposals).toHaveCount(0);
  const job = planner.jobsSection.getByRole("article", { name: "Reminder every Monday at 9:00" });
  await expect(job).toBeVisible();
  await expect(job).toContainText("Active");

  await ask(page, "remind me every weekday at 8:30 to check applications", /I proposed a job that reminds you every weekday at 8:30/);
  const second = proposals.getByRole("article", { name: "check applications (every weekday at 8:30)" });
  await expect(second).toContainText("Reminder for");
  await second.getByRole("button", { name: "Reject" }).click();
  await expect(page.getByRole("status").filter({ hasText: 'The proposal "check applications (every weekday at 8:30)" was rejected.' })).toHaveCount(1);
  await expect(proposals).toHaveCount(0);
  await expect(planner.card("check applications (every weekday at 8:30)")).toHaveCount(0);

  // A one-time reminder, reviewed through Edit: the job dialog opens prefilled and saving approves it.
  await ask(page, "remind me in 2 hours to call the recruiter", /I proposed a one-time reminder in 120 minutes/);
  const reminder = proposals.getByRole("article", { name: "Reminder: call the recruiter" });
  await expect(reminder).toContainText("One-time reminder");
  await reminder.getByRole("button", { name: "Edit" }).click();
  await expect(planner.dialog).toHaveAccessibleName("Review the proposed job");
  await expect(planner.dialog.getByRole("textbox", { name: "Name", exact: true })).toHaveValue("Reminder: call the recruiter");
  await planner.dialog.getByRole("textbox", { name: "Name", exact: true }).fill("Call the recruiter");
  await planner.dialog.getByRole("button", { name: "Approve" }).click();
  await expect(planner.dialog).toHaveCount(0);
  await expect(planner.jobsSection.getByRole("article", { name: "Call the recruiter" })).toBeVisible();
  await expect(proposals).toHaveCount(0);

  expect(consoleErrors).toEqual([]);
});

/**
 * Screenshots of JobDialog (not part of `npm test`):
 *   npx tsx scripts/screens/job-dialog/capture.ts
 * writes scripts/screens/job-dialog/out/<name>-<light|dark>.png.
 */
import type { Page } from "playwright";
import { captureScreens } from "../shared/capture";

const dialog = (page: Page) => page.getByRole("dialog");

async function fillCreate(page: Page) {
  await dialog(page).getByRole("textbox", { name: "Name" }).fill("Morning inbox summary");
  await dialog(page).getByRole("radio", { name: "Weekdays at 9 AM" }).click();
  const template = dialog(page).getByRole("textbox", { name: "Message template" });
  await template.fill("Good {timeOfDay}! Summarise my inbox for {date} for the {team} team. Also {dayOfWek}. Use {{literal}} braces.");
  await dialog(page).getByRole("button", { name: "Add custom variable" }).click();
  await dialog(page).getByRole("textbox", { name: "Name of custom variable 1" }).fill("team");
  await dialog(page).getByRole("textbox", { name: "Value of team" }).fill("Platform");
  await page.waitForTimeout(400);
}

const files = await captureScreens("job-dialog", [
  { name: "create-empty", query: "scenario=create", height: 1400, fullPage: false },
  { name: "create-filled", query: "scenario=create", height: 1700, fullPage: false, prepare: fillCreate },
  {
    name: "create-next-runs",
    query: "scenario=create",
    height: 1100,
    fullPage: false,
    prepare: async (page) => {
      await dialog(page).getByRole("combobox", { name: "Timezone" }).click();
      await page.keyboard.type("new_york");
      await page.keyboard.press("Enter");
      await dialog(page).getByRole("button", { name: /^Next 5 runs/ }).click();
      await page.waitForTimeout(300);
    },
  },
  {
    name: "timezone-open",
    query: "scenario=create",
    height: 1000,
    fullPage: false,
    prepare: async (page) => {
      await dialog(page).getByRole("combobox", { name: "Timezone" }).click();
      await page.waitForTimeout(200);
    },
  },
  {
    name: "custom-invalid",
    query: "scenario=create",
    height: 1100,
    fullPage: false,
    prepare: async (page) => {
      await dialog(page).getByRole("textbox", { name: "Name" }).fill("Late job");
      await dialog(page).getByRole("tab", { name: "Custom" }).click();
      await dialog(page).getByRole("textbox", { name: "Hour 0–23" }).fill("24");
      await page.getByText("Syntax").click();
      await page.waitForTimeout(400);
    },
  },
  {
    name: "builder",
    query: "scenario=create",
    height: 1100,
    fullPage: false,
    prepare: async (page) => {
      await dialog(page).getByRole("tab", { name: "Builder" }).click();
      await dialog(page).getByRole("button", { name: "Monday" }).click();
      await dialog(page).getByRole("button", { name: "Wednesday" }).click();
      await page.waitForTimeout(400);
    },
  },
  {
    name: "edit-workflow",
    query: "scenario=edit-workflow",
    height: 1700,
    fullPage: false,
    prepare: async (page) => {
      await dialog(page).getByRole("button", { name: "Advanced" }).click();
      await page.waitForTimeout(300);
    },
  },
  {
    name: "workflow-json",
    query: "scenario=create",
    height: 1300,
    fullPage: false,
    prepare: async (page) => {
      await dialog(page).getByRole("radio", { name: "Execute workflow" }).click();
      await dialog(page).getByRole("combobox", { name: "Workflow" }).click();
      await page.getByRole("option", { name: "Weekly digest" }).click();
      await dialog(page).getByRole("textbox", { name: /Input \(JSON\)/ }).fill('{ "weeks": 1,');
      await page.waitForTimeout(300);
    },
  },
]);
console.log(files.join("\n"));

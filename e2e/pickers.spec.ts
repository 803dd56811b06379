import { join } from "node:path";
import type { Page } from "@playwright/test";
import { expect, test, type PlannerPage } from "./fixtures";
import { ROOT } from "./support/server";

/** Saved for people to look at (not compared): `.test-results/screenshots/*.png`. */
const shots = (name: string) => join(ROOT, ".test-results", "screenshots", `${name}.png`);

async function openPlanner(page: Page, planner: PlannerPage, theme: "light" | "dark") {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`/?tab=planner${theme === "dark" ? "&theme=dark" : ""}`);
  await expect(page.getByRole("status", { name: "Changes appear as they happen." })).toBeVisible();
  // The demo's dark mode darkens its page only (dialogs are portalled outside it: the cards engineer's item); the
  // whole document goes dark here so the pickers can be looked at in dark.
  if (theme === "dark") await page.evaluate(() => document.documentElement.classList.add("dark"));
  await planner.openJobDialog();
}

for (const theme of ["light", "dark"] as const) {
  test(`Pickers (${theme}): the cron picker's three tabs, the timezone list, the template editor and the filter field`, async ({ planner, page, consoleErrors }) => {
    await openPlanner(page, planner, theme);
    const dialog = planner.dialog;
    const picker = dialog.locator("[data-slot='planner-cron-picker']");

    // Presets: the first arrow key selects the card it moves to.
    await dialog.getByRole("radio", { name: "Daily at 9 AM", exact: true }).click();
    await page.keyboard.press("ArrowDown");
    await expect(dialog.getByRole("radio", { name: "Weekdays at 9 AM", exact: true })).toBeChecked();
    await expect(picker.getByText("This job will run")).toContainText(/weekdays at 9:00 AM \(/);
    await picker.screenshot({ path: shots(`pickers-cron-presets-${theme}`) });

    await dialog.getByRole("tab", { name: "Builder" }).click();
    await picker.screenshot({ path: shots(`pickers-cron-builder-${theme}`) });

    await dialog.getByRole("tab", { name: "Custom" }).click();
    await dialog.getByRole("textbox", { name: "Day of week 0–6" }).fill("8");
    await expect(dialog.getByRole("textbox", { name: "Day of week 0–6" })).toHaveAttribute("aria-invalid", "true");
    await picker.screenshot({ path: shots(`pickers-cron-custom-${theme}`) });
    await dialog.getByRole("textbox", { name: "Day of week 0–6" }).fill("1-5");

    // The timezone list: zones are not greyed out, and a click picks one.
    await dialog.getByRole("combobox", { name: "Timezone" }).click();
    await page.keyboard.type("tokyo");
    const tokyo = page.getByRole("option", { name: /Asia\/Tokyo/ });
    await expect(tokyo).toHaveCSS("opacity", "1");
    await expect(tokyo).not.toHaveCSS("pointer-events", "none");
    await page.screenshot({ path: shots(`pickers-timezone-${theme}`) });
    await tokyo.click();
    await expect(dialog.getByRole("combobox", { name: "Timezone" })).toContainText("Asia/Tokyo");

    // The template editor: an unknown name gets one-click "Add", which focuses the new variable's value.
    await planner.setTemplate("Good {timeOfDay}! Summarise my inbox for {date} and new roles in {city}.");
    await dialog.getByRole("button", { name: "Add {city} as a custom variable" }).click();
    await expect(dialog.getByRole("textbox", { name: "Value of city" })).toBeFocused();
    await page.keyboard.type("Berlin");
    // A long name does not squeeze the inputs: the insert button is cut, not what was typed.
    await dialog.getByRole("button", { name: "Add custom variable" }).click();
    await page.keyboard.type("favouriteProgrammingLanguage");
    const longValue = dialog.getByRole("textbox", { name: "Value of favouriteProgrammingLanguage" });
    await longValue.fill("TypeScript and a long sentence");
    for (const input of [dialog.getByRole("textbox", { name: "Name of custom variable 2" }), longValue]) {
      expect((await input.boundingBox())?.width ?? 0).toBeGreaterThan(110);
    }
    const editor = dialog.locator("[data-slot='planner-template-editor']");
    await editor.scrollIntoViewIfNeeded();
    await expect(editor.getByRole("region", { name: "Preview" })).toContainText("new roles in Berlin");
    await editor.screenshot({ path: shots(`pickers-template-editor-${theme}`) });
    expect(consoleErrors).toEqual([]);
  });
}

test("Pickers: the trigger's filter field lists the payload's fields like the other selects", async ({ planner, page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await planner.open();
  await planner.openTriggerDialog();
  await planner.fillTrigger({ name: "Invoices from Gmail", toolkit: "Gmail", eventType: /^New Gmail message/ });
  const filters = planner.dialog.getByRole("region", { name: "Filters (optional)" });
  await filters.getByRole("button", { name: "Add condition" }).click();
  await filters.getByRole("combobox", { name: "Field of condition 1" }).click();
  const list = page.getByRole("listbox", { name: "Fields of the event" });
  await expect(list).toBeVisible();
  await expect(list.getByRole("option").first()).toBeVisible();
  await page.screenshot({ path: shots("pickers-filter-field") });
  await page.keyboard.type("subj");
  await page.keyboard.press("Enter");
  await expect(filters.getByRole("combobox", { name: "Field of condition 1" })).toHaveValue("subject");
  const palette = planner.dialog.getByRole("region", { name: "Variables" });
  await expect(palette.getByRole("group", { name: "Trigger" }).getByRole("button", { name: "Insert {triggerName}" })).toBeVisible();
  await expect(palette.getByRole("button", { name: "Insert {date}" })).toHaveCount(0);
});

import { join } from "node:path";
import { expect, test } from "./fixtures";
import { ROOT } from "./support/server";

/** Saved for people to look at (not compared): `.test-results/screenshots/*.png`. */
const shots = (name: string) => join(ROOT, ".test-results", "screenshots", `${name}.png`);

/** Relative luminance of a computed `rgb(…)` colour (WCAG). */
function luminance(color: string): number {
  const [r, g, b] = (color.match(/[\d.]+/g) ?? []).slice(0, 3).map((part) => {
    const c = Number(part) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

test("Inside a dark host with its own chrome: no panel header, a painted dark background, the host's buttons open its dialogs", async ({ page, consoleErrors }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("/?tab=planner&theme=dark&chrome=host");
  const host = page.getByRole("region", { name: "Planner" });
  await expect(host.getByRole("heading", { level: 2, name: "Planner" })).toBeVisible();
  const panel = page.locator('[data-slot="planner-panel"]');
  await expect(panel).toHaveAttribute("data-header", "hidden");
  await expect(panel.getByRole("heading", { level: 1 })).toHaveCount(0);
  await expect(panel.getByRole("region", { name: "Scheduled Jobs" })).toBeVisible();

  // The panel paints the host's dark background, and its text is light on it.
  const { background, color } = await panel.evaluate((element) => {
    const style = getComputedStyle(element);
    return { background: style.backgroundColor, color: style.color };
  });
  expect(background).toBe("rgb(10, 10, 10)");
  const contrast = (luminance(color) + 0.05) / (luminance(background) + 0.05);
  expect(contrast).toBeGreaterThan(7);
  await page.screenshot({ path: shots("host-dark-chrome"), fullPage: true });

  // The host's "+ Add job" opens the panel's dialog.
  await host.getByRole("button", { name: "+ Add job" }).click();
  await expect(page.getByRole("dialog", { name: "Create scheduled job" })).toBeVisible();
  await page.screenshot({ path: shots("host-dark-chrome-add-job") });
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  expect(consoleErrors).toEqual([]);
});

test("Light host with the panel's own header: unchanged, with its background painted from --background", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("/?tab=planner");
  const panel = page.locator('[data-slot="planner-panel"]');
  await expect(panel.getByRole("heading", { level: 1, name: "Planner" })).toBeVisible();
  expect(await panel.evaluate((element) => getComputedStyle(element).backgroundColor)).toBe("rgb(249, 250, 251)");
});

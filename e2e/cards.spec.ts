import { join } from "node:path";
import { expect, seedPlanner, test } from "./fixtures";
import { ROOT } from "./support/server";

/** Saved for people to look at (not compared): `.test-results/screenshots/*.png`. */
const shots = (name: string) => join(ROOT, ".test-results", "screenshots", `${name}.png`);

/** Raw ids a person should never read on the host's tabs or in the panel's rows. */
const RAW_ID = /\b(job|trg|run|ca)_[A-Za-z0-9]{6,}/;

test("Cards: clicking a card's body or pressing Enter on its title opens its edit dialog; its menu does not", async ({ planner, page, consoleErrors }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await planner.open();
  await planner.openJobDialog();
  const name = `Click to edit ${Math.random().toString(36).slice(2, 6)}`;
  await planner.fillJob({ name, preset: "Weekdays at 9 AM", template: "Find new roles for {date}." });
  await planner.submitJob();
  const card = planner.card(name);
  await expect(card).toBeVisible();

  // The card's body (its schedule line), not a control.
  await card.getByText("Chat template").click();
  await expect(planner.dialog).toBeVisible();
  await expect(planner.dialog.getByRole("textbox", { name: "Name", exact: true })).toHaveValue(name);
  await page.keyboard.press("Escape");
  await expect(planner.dialog).toHaveCount(0);

  // The menu opens a menu, not the dialog.
  await card.getByRole("button", { name: `Actions for ${name}` }).click();
  await expect(page.getByRole("menu")).toBeVisible();
  await expect(planner.dialog).toHaveCount(0);
  await page.keyboard.press("Escape");

  // The keyboard: the title is a button; Enter opens the dialog.
  const title = card.getByRole("heading", { name }).getByRole("button", { name });
  await title.focus();
  await page.keyboard.press("Enter");
  await expect(planner.dialog.getByRole("textbox", { name: "Name", exact: true })).toHaveValue(name);
  await page.keyboard.press("Escape");
  expect(consoleErrors).toEqual([]);
});

test("Cards: a title gets the card's width at 420 px (no early ellipsis), and the full name stays in a tooltip", async ({ planner, page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await planner.open();
  const name = `Recruiter follow-ups ${Math.random().toString(36).slice(2, 6)}`;
  await planner.openJobDialog();
  await planner.fillJob({ name, preset: "Weekdays at 9 AM", template: "Summarise follow-ups for {date}." });
  await planner.submitJob();
  const card = planner.card(name);
  await card.evaluate((element) => {
    (element as HTMLElement).style.width = "420px";
  });
  const title = card.getByRole("heading", { name }).getByRole("button", { name });
  const widths = await title.evaluate((element) => {
    const head = element.closest(".planner-item-head")!;
    const others = [...head.children].filter((child) => !child.classList.contains("planner-item-titles"));
    const gap = Number.parseFloat(getComputedStyle(head).columnGap) || 0;
    const left = head.clientWidth - others.reduce((sum, child) => sum + child.getBoundingClientRect().width, 0) - gap * others.length;
    return { scroll: element.scrollWidth, client: element.clientWidth, left };
  });
  // The title takes all the width the icon, the pill and the menu leave (no early ellipsis), and this name fits in it.
  expect(widths.client).toBeGreaterThanOrEqual(Math.floor(widths.left) - 1);
  expect(widths.scroll).toBeLessThanOrEqual(widths.client + 1);
  await card.screenshot({ path: shots("card-420px") });
  await card.evaluate((element) => {
    (element as HTMLElement).style.width = "";
  });
});

test("Demo: dark mode from the header's toggle, remembered; panel screenshots light and dark; no raw ids on the host's tabs", async ({ planner, page, consoleErrors }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await planner.open();
  await seedPlanner(planner, "cards");
  await expect(planner.card("Daily job search cards").getByText(/^Last run .* · succeeded$/)).toBeVisible();
  await expect(planner.card("Daily job search cards").getByRole("img", { name: /succeeded/ })).toBeVisible();
  await expect(planner.recentActivity).not.toContainText(RAW_ID);
  await planner.planner.screenshot({ path: shots("cards-panel-light") });

  const toggle = page.getByRole("button", { name: "Dark mode" });
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  const background = await page.locator(".agent-modal").evaluate((element) => getComputedStyle(element).backgroundColor);
  expect(background).toBe("rgb(23, 23, 23)");

  // Remembered across a reload; dialogs (in a portal) are dark too.
  await planner.open();
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  await expect(page.getByRole("button", { name: "Dark mode" })).toHaveAttribute("aria-pressed", "true");
  await planner.planner.screenshot({ path: shots("cards-panel-dark") });
  await planner.card("Daily job search cards").getByText("Chat template").click();
  await expect(planner.dialog).toBeVisible();
  const dialogBackground = await planner.dialog.evaluate((element) => getComputedStyle(element).backgroundColor);
  expect(dialogBackground).not.toBe("rgb(255, 255, 255)");
  await page.screenshot({ path: shots("cards-edit-dialog-dark") });
  await page.keyboard.press("Escape");

  // The host's Chats and Workflow runs tabs: names and times, no ids.
  await planner.openTab("Chats");
  const chats = page.getByRole("list", { name: "Chat threads" });
  await expect(chats).toContainText("Scheduled job “Daily job search cards” · run now");
  await expect(chats).not.toContainText(RAW_ID);
  await page.screenshot({ path: shots("demo-chats-dark") });
  await planner.openTab("Workflow runs");
  await expect(page.getByRole("tabpanel", { name: "Workflow runs" })).not.toContainText(RAW_ID);

  // ?theme=light wins over the remembered choice (tests and links); the toggle then turns it back off for later specs.
  await page.goto("/?tab=planner&theme=light");
  await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);
  await page.evaluate(() => localStorage.removeItem("agent-planner-demo-theme"));
  expect(consoleErrors).toEqual([]);
});

test("Server rendering: the Planner tab's HTML already holds every card; the page hydrates it without an error", async ({ planner, page, consoleErrors }) => {
  await planner.open();
  await planner.openJobDialog();
  const name = `Rendered on the server ${Math.random().toString(36).slice(2, 6)}`;
  await planner.fillJob({ name, preset: "Weekdays at 9 AM", template: "Find new roles for {date}." });
  await planner.submitJob();
  await expect(planner.card(name)).toBeVisible();

  // What the server sends, before any script runs: the card is in it.
  const html = await (await page.request.get("/?tab=planner")).text();
  expect(html).toContain(name);
  expect(html).toContain('data-slot="planner-job-card"');

  // The browser asks for none of the panel's lists on load (they came with the page), and hydration logs nothing.
  const reads: string[] = [];
  page.on("request", (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith("/api/planner/") && request.method() === "GET") reads.push(...path.slice("/api/planner/".length).split(","));
  });
  await planner.open();
  await expect(planner.card(name)).toBeVisible();
  await page.waitForLoadState("networkidle").catch(() => undefined);
  expect(reads.filter((read) => ["jobs.list", "triggers.list", "overview", "runs.strips", "activity.list", "proposals.list"].includes(read))).toEqual([]);
  // It is the live panel: its menu and dialog work.
  await planner.card(name).getByRole("button", { name: `Actions for ${name}` }).click();
  await expect(page.getByRole("menu")).toBeVisible();
  await page.keyboard.press("Escape");
  expect(consoleErrors).toEqual([]);
});

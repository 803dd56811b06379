import { rmSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Locator, type Page } from "@playwright/test";
import { freePort, freshDataDir, startDemoServer } from "./support/server";

export { expect };

/**
 * A demo server of the spec's own (a fresh data folder named after `label`), started before its tests and stopped
 * (its folder removed) after them: for specs whose counts or faults must not meet the other specs' shared server.
 */
export function ownDemoServer(label: string): { readonly url: string } {
  let server: { url: string; stop(): Promise<void> } | undefined;
  let dataDir: string | undefined;
  test.beforeAll(async () => {
    test.setTimeout(90_000);
    dataDir = freshDataDir(label);
    server = await startDemoServer({ port: await freePort(), dataDir });
  });
  test.afterAll(async () => {
    await server?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });
  return {
    get url() {
      if (!server) throw new Error(`The ${label} demo server has not started.`);
      return server.url;
    },
  };
}

/** The job dialog's fields, all optional: a test fills what its flow needs. */
export interface JobFields {
  name?: string;
  description?: string;
  /** A preset card's name ("Daily at 9 AM"). */
  preset?: string;
  /** A cron expression typed on the Custom tab. */
  cron?: string;
  template?: string;
  customVariables?: Record<string, string>;
  workflow?: string;
  /** Workflow input fields by label. */
  workflowInput?: Record<string, string>;
}

export interface TriggerFields {
  name?: string;
  /** The event source tile ("Gmail"). */
  toolkit?: string;
  /** The event type radio card's title (a RegExp or its start). */
  eventType?: RegExp;
  /**
   * The event's own settings by label ("Query"). Two triggers on the same event, account and settings are
   * refused as duplicates, so specs give each Gmail trigger its own query.
   */
  settings?: Record<string, string>;
  template?: string;
  workflow?: string;
  /** Filter rows: field path, comparison ("contains") and value. */
  filters?: Array<{ path: string; op: string; value: string }>;
}

/**
 * The demo host's agent modal and the Planner tab inside it, through roles and accessible names only — what a
 * person using a screen reader would find.
 */
export class PlannerPage {
  constructor(
    readonly page: Page,
    readonly origin = "",
  ) {}

  async open(tab: "planner" | "chats" | "workflow-runs" = "planner") {
    await this.page.goto(`${this.origin}/?tab=${tab}`);
    await expect(this.page.getByRole("heading", { level: 1, name: "Job Application Agent" })).toBeVisible();
    if (tab === "planner") await expect(this.page.getByRole("status", { name: "Changes appear as they happen." })).toBeVisible();
  }

  tab(name: "Planner" | "Chats" | "Workflow runs") {
    return this.page.getByRole("tab", { name, exact: true });
  }

  async openTab(name: "Planner" | "Chats" | "Workflow runs") {
    await this.tab(name).click();
    await expect(this.tab(name)).toHaveAttribute("aria-selected", "true");
  }

  get planner() {
    return this.page.getByRole("tabpanel", { name: "Planner" });
  }

  get jobsSection() {
    return this.page.getByRole("region", { name: "Scheduled Jobs" });
  }

  get triggersSection() {
    return this.page.getByRole("region", { name: "Event Triggers" });
  }

  get recentActivity() {
    return this.page.getByRole("list", { name: "Recent activity" });
  }

  get dialog() {
    return this.page.getByRole("dialog");
  }

  /** The job or trigger card with this exact name. */
  card(name: string): Locator {
    return this.page.getByRole("article", { name, exact: true });
  }

  async cardAction(name: string, action: "Edit" | "Pause" | "Resume" | "Run now" | "Send test event" | "History" | "Delete") {
    await this.card(name).getByRole("button", { name: `Actions for ${name}` }).click();
    await this.page.getByRole("menuitem", { name: action, exact: true }).click();
  }

  /** Deletes through the card menu and the confirmation. */
  async deleteItem(name: string) {
    await this.cardAction(name, "Delete");
    const confirm = this.page.getByRole("alertdialog");
    await expect(confirm).toBeVisible();
    await confirm.getByRole("button", { name: /^Delete/ }).click();
    await expect(this.card(name)).toHaveCount(0);
  }

  async openJobDialog() {
    await this.page.getByRole("button", { name: "Add job" }).first().click();
    await expect(this.dialog).toHaveAccessibleName("Create scheduled job");
  }

  async openTriggerDialog() {
    await this.page.getByRole("button", { name: "Add trigger" }).first().click();
    await expect(this.dialog).toHaveAccessibleName("Create event trigger");
  }

  async setCron(cron: string) {
    const dialog = this.dialog;
    await dialog.getByRole("tab", { name: "Custom" }).click();
    await dialog.getByRole("textbox", { name: "Cron expression" }).fill(cron);
  }

  async setTemplate(template: string) {
    await this.dialog.getByRole("textbox", { name: "Message template" }).fill(template);
  }

  async chooseWorkflow(workflow: string) {
    await this.dialog.getByRole("radio", { name: /^Execute workflow/ }).click();
    await this.dialog.getByRole("combobox", { name: "Workflow" }).click();
    await this.page.getByRole("option", { name: workflow, exact: true }).click();
    await expect(this.dialog.getByRole("combobox", { name: "Workflow" })).toHaveText(workflow);
  }

  async fillJob(fields: JobFields) {
    const dialog = this.dialog;
    if (fields.name !== undefined) await dialog.getByRole("textbox", { name: "Name", exact: true }).fill(fields.name);
    if (fields.description !== undefined) await dialog.getByRole("textbox", { name: "Description (optional)" }).fill(fields.description);
    if (fields.preset) {
      await dialog.getByRole("tab", { name: "Presets" }).click();
      await dialog.getByRole("radio", { name: fields.preset, exact: true }).click();
      await expect(dialog.getByRole("radio", { name: fields.preset, exact: true })).toBeChecked();
    }
    if (fields.cron) await this.setCron(fields.cron);
    if (fields.workflow) {
      await this.chooseWorkflow(fields.workflow);
      for (const [label, value] of Object.entries(fields.workflowInput ?? {})) {
        const group = dialog.getByRole("group", { name: "Workflow input" });
        await group.getByRole("textbox", { name: label, exact: true }).or(group.getByRole("spinbutton", { name: label, exact: true })).fill(value);
      }
    }
    let index = 0;
    for (const [name, value] of Object.entries(fields.customVariables ?? {})) {
      index += 1;
      await dialog.getByRole("button", { name: "Add custom variable" }).click();
      await dialog.getByRole("textbox", { name: `Name of custom variable ${index}` }).fill(name);
      await dialog.getByRole("textbox", { name: `Value of ${name}`, exact: true }).fill(value);
      await expect(dialog.getByRole("button", { name: `Insert {${name}}` })).toBeVisible();
    }
    if (fields.template !== undefined) await this.setTemplate(fields.template);
  }

  async submitJob(button: "Create job" | "Save" = "Create job") {
    await this.dialog.getByRole("button", { name: button, exact: true }).click();
    if (button === "Save") {
      // An edit of the schedule or the message is reviewed first (before → after), then saved.
      const review = this.dialog.getByRole("region", { name: "Review your changes" });
      await expect.poll(async () => (await this.dialog.count()) === 0 || (await review.isVisible())).toBe(true);
      if (await review.isVisible()) await this.dialog.getByRole("button", { name: "Save", exact: true }).click();
    }
    await expect(this.dialog).toHaveCount(0);
  }

  async fillTrigger(fields: TriggerFields) {
    const dialog = this.dialog;
    if (fields.name !== undefined) await dialog.getByRole("textbox", { name: "Name", exact: true }).fill(fields.name);
    if (fields.toolkit) {
      await dialog.getByRole("radiogroup", { name: "Event source" }).getByRole("radio", { name: fields.toolkit, exact: true }).click();
      await expect(dialog.getByText(`You have a connected ${fields.toolkit} account.`)).toBeVisible();
    }
    if (fields.eventType) await dialog.getByRole("radiogroup", { name: "Event type" }).getByRole("radio", { name: fields.eventType }).click();
    for (const [label, value] of Object.entries(fields.settings ?? {})) {
      await dialog.getByRole("region", { name: "Event settings" }).getByRole("textbox", { name: label, exact: true }).fill(value);
    }
    for (const [i, filter] of (fields.filters ?? []).entries()) await this.setFilter(i + 1, filter);
    if (fields.workflow) await this.chooseWorkflow(fields.workflow);
    if (fields.template !== undefined) await this.setTemplate(fields.template);
  }

  /** Fills filter row `number`, adding it when it does not exist yet. */
  async setFilter(number: number, filter: { path: string; op: string; value: string }) {
    const filters = this.dialog.getByRole("region", { name: "Filters (optional)" });
    const field = filters.getByRole("combobox", { name: `Field of condition ${number}` });
    if ((await field.count()) === 0) await filters.getByRole("button", { name: "Add condition" }).click();
    await field.fill(filter.path);
    await filters.getByRole("combobox", { name: `Comparison of condition ${number}` }).click();
    await this.page.getByRole("option", { name: filter.op, exact: true }).click();
    await filters.getByRole("textbox", { name: `Value of condition ${number}` }).fill(filter.value);
  }

  /** "Create trigger": the dialog closes, like the job dialog's, and the new card shows up. */
  async createTrigger(name: string) {
    await this.dialog.getByRole("button", { name: "Create trigger" }).click();
    await expect(this.dialog).toHaveCount(0);
    await expect(this.card(name)).toBeVisible();
  }

  /** Closes a dialog with unsaved changes the way a person does: Escape, then "Discard changes" when asked. */
  async discardDialog(how: "Escape" | "Cancel" = "Escape") {
    if (how === "Escape") await this.page.keyboard.press("Escape");
    else await this.dialog.getByRole("button", { name: "Cancel" }).click();
    await this.page.getByRole("alertdialog", { name: "Discard changes?" }).getByRole("button", { name: "Discard changes" }).click();
    await expect(this.dialog).toHaveCount(0);
  }

  get simulatePanel() {
    return this.page.getByRole("complementary", { name: "Simulate event" });
  }

  /** Sends an event for trigger `name` from the demo's Simulate event panel, optionally editing the payload. */
  async simulateEvent(name: string, edit?: (payload: Record<string, unknown>) => Record<string, unknown>): Promise<Record<string, unknown>> {
    const panel = this.simulatePanel;
    const select = panel.getByRole("combobox", { name: "Trigger" });
    const option = select.getByRole("option", { name: new RegExp(`^${escapeRegExp(name)} — `) });
    await expect(option).toHaveCount(1);
    await select.selectOption({ value: (await option.getAttribute("value")) ?? "" });
    const box = panel.getByRole("textbox", { name: "Event payload (JSON)" });
    let payload = JSON.parse(await box.inputValue()) as Record<string, unknown>;
    if (edit) {
      payload = edit(payload);
      await box.fill(JSON.stringify(payload, null, 2));
    }
    await panel.getByRole("button", { name: "Send event" }).click();
    await expect(panel.getByRole("status").filter({ hasText: /Delivered a signed webhook/ })).toBeVisible({ timeout: 15_000 });
    return payload;
  }

  /** The chat thread titled `title` on the Chats tab (the tab must be open). */
  chat(title: string): Locator {
    return this.page.getByRole("list", { name: "Chat threads" }).getByRole("article", { name: title, exact: true });
  }

  /** Workflow run entries for `workflowId` on the Workflow runs tab (titled by the workflow's name; the id is data). */
  workflowRuns(workflowId: string): Locator {
    return this.page.getByRole("list", { name: "Workflow runs" }).locator(`article[data-workflow-id="${workflowId}"]`);
  }

  /** The Input of the newest workflow run of `workflowId`, parsed. */
  async newestWorkflowInput(workflowId: string): Promise<unknown> {
    const run = this.workflowRuns(workflowId).first();
    await expect(run).toBeVisible({ timeout: 15_000 });
    return JSON.parse((await run.getByLabel("Input", { exact: true }).textContent()) ?? "null") as unknown;
  }

  /** Serious and critical axe violations in `include` (the whole page when omitted). */
  async seriousA11yViolations(include?: string) {
    let builder = new AxeBuilder({ page: this.page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]);
    if (include) builder = builder.include(include);
    const results = await builder.analyze();
    return results.violations
      .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
      .map((violation) => ({
        id: violation.id,
        impact: violation.impact,
        help: violation.help,
        // The element's own HTML (its start tag, cut) says which component it is when its id is generated.
        nodes: violation.nodes.map((node) => `${node.target.join(" ")} ${node.html.slice(0, 200)}: ${node.any[0]?.message ?? node.failureSummary ?? ""}`),
      }));
  }
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A name no other spec uses, so specs sharing one server never see each other's jobs. */
export function uniqueName(base: string): string {
  return `${base} ${Math.random().toString(36).slice(2, 6)}`;
}

/** The page's console errors, collected for the test (a broken logo or a React error fails it). */
export const test = base.extend<{ planner: PlannerPage; consoleErrors: string[] }>({
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    page.on("pageerror", (error) => errors.push(error.message));
    await use(errors);
  },
  planner: async ({ page }, use) => {
    await use(new PlannerPage(page));
  },
});

/**
 * Fills the Planner with a little of everything through the UI: a chat job that has run, a workflow job, and a
 * Gmail trigger that has fired once. `tag` keeps names (and the Gmail query, which must differ) unique.
 */
export async function seedPlanner(planner: PlannerPage, tag: string) {
  await planner.openJobDialog();
  await planner.fillJob({ name: `Daily job search ${tag}`, preset: "Weekdays at 9 AM", template: "Good {timeOfDay}! Find new frontend roles for {date}." });
  await planner.submitJob();
  await planner.openJobDialog();
  await planner.fillJob({ name: `Application sweep ${tag}`, cron: "30 17 * * 5", workflow: "Job application check", workflowInput: { Keywords: "frontend engineer" } });
  await planner.submitJob();
  await planner.openTriggerDialog();
  await planner.fillTrigger({
    name: `Recruiter replies ${tag}`,
    toolkit: "Gmail",
    eventType: /^New Gmail message/,
    settings: { Query: `label:recruiters-${tag}` },
    template: "Reply to {emailFrom} about {emailSubject}.",
  });
  await planner.createTrigger(`Recruiter replies ${tag}`);
  await planner.cardAction(`Daily job search ${tag}`, "Run now");
  await expect(planner.recentActivity).toContainText(`Daily job search ${tag} ran successfully`);
  await planner.simulateEvent(`Recruiter replies ${tag}`);
  await expect(planner.card(`Recruiter replies ${tag}`)).toContainText("1 event today");
}

/** Presses Tab (Shift+Tab with `backwards`) until `target` has focus; fails after `limit` presses. */
export async function tabTo(page: Page, target: Locator, { backwards = false, limit = 60 } = {}) {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((element) => element === document.activeElement).catch(() => false)) return;
    await page.keyboard.press(backwards ? "Shift+Tab" : "Tab");
  }
  await expect(target).toBeFocused();
}

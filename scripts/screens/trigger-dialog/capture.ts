/**
 * Screenshots of TriggerDialog (not part of `npm test`):
 *   npx tsx scripts/screens/trigger-dialog/capture.ts
 * runs the planner in Node (memory store, the real Composio gateway against the local sandbox), serves the
 * page with Vite and the planner's HTTP route at /api/planner, and writes out/<name>-<light|dark>.png.
 */
import { mkdir } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { chromium, type Page } from "playwright";
import { createServer, type Plugin } from "vite";
import { createComposioGateway } from "../../../src/server/composio";
import { createPlannerRoute } from "../../../src/server/next/trpc-route";
import { createPlanner } from "../../../src/server/planner";
import { memoryStore } from "../../../src/server/store";
import { startComposioSandbox } from "../../../src/sandbox";
import { EVERY_SETTING } from "../../../test/components/every-setting-type";

const ROOT = path.resolve(import.meta.dirname, "..");
const OUT = path.join(import.meta.dirname, "out");
const LAUNCH = {
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
};
const COLORS: Record<string, string> = { gmail: "#ea4335", slack: "#4a154b", github: "#24292f", googlecalendar: "#1a73e8", hubspot: "#ff7a59", notion: "#111111", linear: "#5e6ad2", outlook: "#0078d4" };

const sandbox = await startComposioSandbox({
  apiKey: "screens",
  seed: { "user-1": [{ toolkit: "gmail", id: "ca_user1gmail0001" }, { toolkit: "linear", id: "ca_user1linear001" }, { toolkit: "slack", id: "ca_user1slack0001" }] },
});
sandbox.state.triggerTypes.set(EVERY_SETTING.slug, EVERY_SETTING);
const planner = createPlanner({
  store: memoryStore(),
  auth: () => ({ userId: "user-1" }),
  canAccessAgent: (_user, agentId) => agentId === "agent-1",
  executors: { startChat: () => Promise.resolve({ threadId: "thread-1" }), runWorkflow: () => Promise.resolve({ workflowRunId: "wfrun-1" }) },
  catalog: { workflows: () => Promise.resolve([{ id: "wf_triage", name: "Triage inbox" }]), agent: () => Promise.resolve({ name: "Ada" }) },
  composio: createComposioGateway({ apiKey: "screens", baseURL: sandbox.url, webhookSecret: "whsec_screens" }),
});
const route = createPlannerRoute({ planner, endpoint: "/api/planner" });

async function handle(req: IncomingMessage, res: ServerResponse) {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = Object.entries(req.headers).flatMap(([k, v]) => (typeof v === "string" ? [[k, v] as [string, string]] : []));
  const request = new Request(`http://127.0.0.1${req.url}`, { method: req.method, headers, ...(req.method === "POST" ? { body: Buffer.concat(chunks) } : {}) });
  const response = await (req.method === "POST" ? route.POST : route.GET)(request);
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
}

const plannerApi: Plugin = {
  name: "planner-api",
  configureServer(server) {
    server.middlewares.use((req, res, next) => (req.url?.startsWith("/api/planner") ? void handle(req, res).catch(next) : next()));
  },
};

// The edit screen: a trigger with settings, filters and a template, created through the router.
const caller = (await import("../../../src/server/router")).plannerRouter.createCaller((await import("../../../src/server/context")).createContextInner(planner.deps, { userId: "user-1" }));
await caller.triggers.create({
  agentId: "agent-1",
  name: "Invoices from Gmail",
  source: { toolkit: "gmail", triggerSlug: "GMAIL_NEW_GMAIL_MESSAGE", connectedAccountId: "ca_user1gmail0001", config: { labelIds: "INBOX", query: "has:attachment" } },
  filters: { match: "all", conditions: [{ path: "subject", op: "contains", value: "invoice" }, { path: "sender", op: "endsWith", value: "@acme.com" }] },
  action: { type: "chat", template: "New invoice from {sender}: {subject}. File it and tell me the amount." },
});

interface Shot {
  name: string;
  query: string;
  height?: number;
  prepare?: (page: Page) => Promise<void>;
}

async function chooseApp(page: Page, app: string, event: string) {
  await page.getByRole("radio", { name: app, exact: true }).click();
  await page.getByRole("radio", { name: event }).click();
}

const shots: Shot[] = (process.env.ONLY ? (s: Shot[]) => s.filter((x) => x.name === process.env.ONLY) : (s: Shot[]) => s)([
  { name: "create", query: "scenario=create", height: 900 },
  {
    name: "config-form",
    query: "scenario=create",
    height: 1500,
    prepare: async (page) => {
      await page.getByRole("textbox", { name: "Name" }).fill("Platform bugs");
      await chooseApp(page, "Linear", "Issue Updated Trigger");
      await page.getByRole("textbox", { name: "Team Id" }).fill("TEAM-42");
      await page.getByRole("textbox", { name: "Labels" }).fill("bug\nregression");
      await page.getByRole("textbox", { name: "Message template" }).fill("Issue {title} moved to {state}");
    },
  },
  {
    name: "preview",
    query: "scenario=create",
    height: 1100,
    prepare: async (page) => {
      await page.getByRole("textbox", { name: "Name" }).fill("Invoices");
      await chooseApp(page, "Gmail", "New Gmail Message Received Trigger");
      await page.getByRole("button", { name: "Add condition" }).click();
      await page.getByRole("combobox", { name: "Field of condition 1" }).fill("subject");
      await page.getByRole("combobox", { name: "Comparison of condition 1" }).click();
      await page.getByRole("option", { name: "contains", exact: true }).click();
      await page.getByRole("textbox", { name: "Value of condition 1" }).fill("invoice");
      await page.getByRole("textbox", { name: "Message template" }).fill("New email from {sender}: {subject}");
      await page.getByRole("button", { name: "Preview with a sample event" }).click();
      await page.getByText("Filtered out: the action would not run.").scrollIntoViewIfNeeded();
    },
  },
  {
    name: "preview-matched",
    query: "scenario=create",
    height: 1100,
    prepare: async (page) => {
      await page.getByRole("textbox", { name: "Name" }).fill("Invoices");
      await chooseApp(page, "Gmail", "New Gmail Message Received Trigger");
      await page.getByRole("button", { name: "Add condition" }).click();
      await page.getByRole("combobox", { name: "Field of condition 1" }).fill("sender");
      await page.getByRole("combobox", { name: "Comparison of condition 1" }).click();
      await page.getByRole("option", { name: "exists", exact: true }).click();
      await page.getByRole("radio", { name: "Execute workflow" }).click();
      await page.getByRole("combobox", { name: /Workflow/ }).click();
      await page.getByRole("option", { name: "Triage inbox" }).click();
      await page.getByRole("button", { name: "Preview with a sample event" }).click();
      await page.getByText("Filters matched: the action runs.").scrollIntoViewIfNeeded();
    },
  },
  { name: "edit", query: "scenario=edit", height: 1800 },
]);

const server = await createServer({ root: ROOT, configFile: false, logLevel: "warn", server: { port: 0, host: "127.0.0.1" }, plugins: [plannerApi] });
await server.listen();
const address = server.httpServer?.address();
const port = typeof address === "object" && address ? address.port : 5173;
await mkdir(OUT, { recursive: true });
const browser = await chromium.launch(LAUNCH);
try {
  for (const theme of ["light", "dark"] as const) {
    for (const shot of shots) {
      const page = await browser.newPage({ viewport: { width: 1100, height: shot.height ?? 900 }, colorScheme: theme, reducedMotion: "reduce" });
      page.on("pageerror", (error) => console.warn(`${shot.name}: ${error.message}`));
      await page.route("https://logos.composio.dev/**", (request) => {
        const slug = request.request().url().split("/").pop() ?? "";
        const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 20"><rect width="20" height="20" rx="5" fill="${COLORS[slug] ?? "#666"}"/><text x="10" y="14.5" font-family="Arial" font-size="12" font-weight="700" fill="white" text-anchor="middle">${slug.charAt(0).toUpperCase()}</text></svg>`;
        return request.fulfill({ contentType: "image/svg+xml", body: svg });
      });
      await page.goto(`http://127.0.0.1:${port}/trigger-dialog/?${shot.query}&theme=${theme}`);
      await page.waitForSelector("body[data-ready=true]", { timeout: 30_000 });
      await page.getByRole("dialog").waitFor();
      await page.waitForLoadState("networkidle");
      await shot.prepare?.(page);
      await page.waitForTimeout(600);
      const file = path.join(OUT, `${shot.name}-${theme}.png`);
      await page.screenshot({ path: file });
      console.log(file);
      await page.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
  await planner.stop();
  await sandbox.close();
}

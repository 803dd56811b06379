/**
 * Screenshots of a few built stories (not part of `npm test`): run `npm run build-storybook` first, then
 *   npx tsx scripts/screens/stories/capture.ts
 * writes scripts/screens/stories/out/<story-id>.png from storybook-static/ in Debian's Chromium.
 */
import { readFile } from "node:fs/promises";
import { mkdir } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { chromium } from "playwright";
import { CHROMIUM_LAUNCH } from "../../chromium";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const STATIC = path.join(ROOT, "storybook-static");
const OUT = path.join(import.meta.dirname, "out");

const STORIES: { id: string; width?: number; height?: number }[] = [
  { id: "planner-plannerpanel--populated" },
  { id: "planner-plannerpanel--needs-attention" },
  { id: "planner-plannerpanel--loading" },
  { id: "planner-plannerpanel--error-no-access" },
  { id: "planner-plannerpanel--dark" },
  { id: "jobs-joblist--fifty-items" },
  { id: "jobs-jobcard--paused-after-failures", height: 300 },
  { id: "triggers-triggerlist--broken-connection", height: 400 },
  { id: "jobs-jobdialog--edit-workflow", height: 1100 },
  { id: "jobs-jobdialog--validation-errors", height: 1100 },
  { id: "triggers-triggerdialog--edit", height: 1100 },
  { id: "triggers-triggerdialog--create-and-submit", height: 1100 },
  { id: "history-runhistory--failure-expanded" },
  { id: "schedule-cronpicker--daylight-saving" },
  { id: "templates-templateeditor--with-variables" },
  { id: "triggers-filterbuilder--with-conditions", height: 400 },
];

const TYPES: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".json": "application/json", ".svg": "image/svg+xml", ".png": "image/png", ".woff2": "font/woff2" };

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://localhost");
  const file = path.join(STATIC, path.normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, ""));
  readFile(file.endsWith("/") ? path.join(file, "index.html") : file).then(
    (body) => {
      res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
      res.end(body);
    },
    () => {
      res.writeHead(404);
      res.end();
    },
  );
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const { port } = server.address() as AddressInfo;
await mkdir(OUT, { recursive: true });
const browser = await chromium.launch(CHROMIUM_LAUNCH);
try {
  for (const story of STORIES) {
    const page = await browser.newPage({ viewport: { width: story.width ?? 1280, height: story.height ?? 900 }, reducedMotion: "reduce" });
    const problems: string[] = [];
    page.on("pageerror", (error) => problems.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error" || message.type() === "warning") problems.push(message.text());
    });
    await page.goto(`http://127.0.0.1:${port}/iframe.html?id=${story.id}&viewMode=story`);
    await page.waitForSelector("#storybook-root > *", { timeout: 30_000 });
    await page.waitForLoadState("networkidle");
    // Play functions (typing, saving) take a moment after the first render.
    await page.waitForTimeout(2500);
    const file = path.join(OUT, `${story.id}.png`);
    await page.screenshot({ path: file, fullPage: true });
    console.log(file);
    if (problems.length) console.warn(`  ${story.id}:\n    ${problems.join("\n    ")}`);
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}

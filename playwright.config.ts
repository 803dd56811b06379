import { defineConfig, devices } from "@playwright/test";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { CHROMIUM_LAUNCH } from "./scripts/chromium";
import { ROOT, freePort, freshDataDir } from "./e2e/support/server";

// The config is evaluated by the runner and again by every worker: the port and data folder are chosen once
// and handed down through the environment, so all of them talk to the same server.
process.env.PLANNER_E2E_PORT ??= String(await freePort());
process.env.PLANNER_E2E_DATA_DIR ??= freshDataDir("shared");
const port = Number(process.env.PLANNER_E2E_PORT);
const baseURL = `http://localhost:${port}`;

// scripts/test-all.mjs runs `next build demo` as a check of its own and then sets PLANNER_E2E_BUILT=1; run
// alone, `npx playwright test` builds first unless a build exists and PLANNER_E2E_BUILT says to reuse it.
const reuseBuild = process.env.PLANNER_E2E_BUILT === "1" && existsSync(join(ROOT, "demo", ".next", "BUILD_ID"));

export default defineConfig({
  testDir: "e2e",
  outputDir: ".test-results/playwright-artifacts",
  // One shared demo server (one planner, one scheduler) and 2 cores: specs run one at a time.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  // No retries: a flaky spec should be seen and fixed, not hidden; flaky results still print in the totals.
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: ".test-results/playwright.json" }]],
  use: {
    baseURL,
    // Fixed so sentences and dates are predictable ("Daily at 9:00 AM", "Tuesday, December 1, 2026").
    locale: "en-US",
    timezoneId: "UTC",
    screenshot: "only-on-failure",
    trace: "off",
    launchOptions: CHROMIUM_LAUNCH,
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined, launchOptions: CHROMIUM_LAUNCH } }],
  webServer: {
    command: `node scripts/start.mjs${reuseBuild ? " --no-build" : ""}`,
    url: `${baseURL}/api/demo/triggers`,
    cwd: ROOT,
    env: { PORT: String(port), PLANNER_DATA_DIR: process.env.PLANNER_E2E_DATA_DIR, NEXT_TELEMETRY_DISABLED: "1" },
    reuseExistingServer: false,
    timeout: reuseBuild ? 60_000 : 300_000,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
  },
});

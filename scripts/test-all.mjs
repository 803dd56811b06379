#!/usr/bin/env node
// Runs every check the project has, in order, and ends with one line `N passed, N failed`
// whose numbers come from the test reporters' JSON output (never a constant).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { chromiumPath, prepareTestRun } from "./browser-setup.mjs";

const root = join(import.meta.dirname, "..");
const out = join(root, ".test-results");
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", STORYBOOK_DISABLE_TELEMETRY: "1" };
let passed = 0;
let failed = 0;
const failures = [];

function run(label, command, args) {
  console.log(`\n=== ${label}: ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { cwd: root, env, stdio: "inherit" });
  return result.status === 0;
}

/** A check without its own test count (typecheck, lint) counts as one test. */
function check(label, command, args) {
  if (run(label, command, args)) passed += 1;
  else {
    failed += 1;
    failures.push(label);
  }
}

/** A test runner: totals come from its JSON report; a crash with no report counts as one failure. */
function suite(label, command, args, reportFile, readTotals) {
  const ok = run(label, command, args);
  const report = join(out, reportFile);
  if (!existsSync(report)) {
    failed += 1;
    failures.push(`${label} (no report)`);
    return;
  }
  const totals = readTotals(JSON.parse(readFileSync(report, "utf8")));
  passed += totals.passed;
  failed += totals.failed;
  if (totals.failed > 0 || !ok) failures.push(label);
  if (!ok && totals.failed === 0) failed += 1;
}

/** A command whose output matters only when it fails (apt-get): printed then, otherwise kept quiet. */
function quietly(command, args, extraEnv) {
  console.log(`\n=== ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { cwd: root, env: { ...env, ...extraEnv }, stdio: "pipe", encoding: "utf8" });
  if (result.status === 0) return true;
  if (result.error) console.log(`${command}: ${result.error.message}`);
  const output = `${result.stdout ?? ""}${result.stderr ?? ""}`.trim();
  if (output) console.log(output.split("\n").slice(-20).join("\n"));
  return false;
}

/** A browser suite that cannot run (no Chromium) is one failure, not a silent pass. */
function skipped(label, reason) {
  console.log(`\n=== ${label}: skipped (${reason})`);
  failed += 1;
  failures.push(`${label} (${reason})`);
}

// First of all, before any suite that drives a browser: Debian's Chromium, installed now when we are root.
const chromium = chromiumPath(env);
const plan = prepareTestRun({
  path: chromium,
  exists: existsSync,
  isRoot: process.getuid?.() === 0,
  run: quietly,
  log: (line) => console.log(line),
});

const npx = "npx";
check("typecheck", npx, ["tsc", "--noEmit", "-p", "tsconfig.json"]);
check("lint", npx, ["eslint", "--max-warnings", "0", "."]);
suite(
  "vitest",
  npx,
  ["vitest", "run", ...plan.vitestProjects.flatMap((project) => ["--project", project]), "--reporter=default", "--reporter=json", `--outputFile.json=${join(out, "vitest.json")}`],
  "vitest.json",
  (r) => ({ passed: r.numPassedTests, failed: r.numFailedTests }),
);
if (plan.skippedBrowserSuites.includes("storybook")) skipped("storybook", "no Chromium");
// The unit tests once more on a second Node line when CI provides one (.ci/run: Node 24 from the npm registry).
const otherNode = process.env.PLANNER_TEST_OTHER_NODE;
if (otherNode) {
  const version = spawnSync(otherNode, ["--version"], { encoding: "utf8" }).stdout?.trim() ?? "?";
  suite(
    `unit tests on Node ${version}`,
    otherNode,
    [join(root, "node_modules", "vitest", "vitest.mjs"), "run", "--project", "unit", "--reporter=dot", "--reporter=json", `--outputFile.json=${join(out, "vitest-other-node.json")}`],
    "vitest-other-node.json",
    (r) => ({ passed: r.numPassedTests, failed: r.numFailedTests }),
  );
}
// The packed package in a fresh Next.js app: minutes of building and installing, so on its own.
suite(
  "package",
  npx,
  ["vitest", "run", "--project", "package", "--reporter=default", "--reporter=json", `--outputFile.json=${join(out, "package.json")}`],
  "package.json",
  (r) => ({ passed: r.numPassedTests, failed: r.numFailedTests }),
);

// End to end: the built demo in Debian's Chromium (playwright.config.ts starts `next start` on a free port).
const built = run("next build demo", npx, ["next", "build", "demo"]);
if (built) passed += 1;
else {
  failed += 1;
  failures.push("next build demo");
}
if (plan.skippedBrowserSuites.includes("playwright")) {
  skipped("playwright", "no Chromium");
} else if (!built) {
  console.log("\nSkipping the end-to-end tests: the demo did not build.");
  failed += 1;
  failures.push("playwright (no demo build)");
} else {
  env.PLANNER_E2E_BUILT = "1";
  suite("playwright", npx, ["playwright", "test"], "playwright.json", (r) => {
    const { expected = 0, unexpected = 0, flaky = 0, skipped = 0 } = r.stats ?? {};
    if (flaky > 0) console.log(`playwright: ${flaky} flaky (failed first, passed on retry; counted as passed)`);
    if (skipped > 0) console.log(`playwright: ${skipped} skipped (not counted)`);
    // A run that could not start (webServer failed, config error) reports its errors and no tests.
    const errors = Array.isArray(r.errors) ? r.errors.length : 0;
    return { passed: expected + flaky, failed: unexpected + (expected + unexpected + flaky === 0 ? Math.max(errors, 1) : 0) };
  });
}

console.log(`\nRan on Node ${process.version}${otherNode ? " (unit tests also on the second Node line above)" : ""}.`);
const summary = `${passed} passed, ${failed} failed`;
writeFileSync(join(out, "summary.txt"), summary + "\n");
if (failures.length > 0) console.log(`\nFailed: ${failures.join(", ")}`);
console.log(`\n${summary}`);
process.exitCode = failed > 0 ? 1 : 0;

#!/usr/bin/env node
// Runs every check the project has, in order, and ends with one line `N passed, N failed`
// whose numbers come from the test reporters' JSON output (never a constant).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

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

const npx = "npx";
check("typecheck", npx, ["tsc", "--noEmit", "-p", "tsconfig.json"]);
check("lint", npx, ["eslint", "--max-warnings", "0", "."]);
suite(
  "vitest",
  npx,
  ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${join(out, "vitest.json")}`],
  "vitest.json",
  (r) => ({ passed: r.numPassedTests, failed: r.numFailedTests }),
);

const summary = `${passed} passed, ${failed} failed`;
writeFileSync(join(out, "summary.txt"), summary + "\n");
if (failures.length > 0) console.log(`\nFailed: ${failures.join(", ")}`);
console.log(`\n${summary}`);
process.exitCode = failed > 0 ? 1 : 0;

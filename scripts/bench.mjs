#!/usr/bin/env node
// `npm run bench` runs every bench/<name>.ts (or only the names given), then prints one table of every target —
// metric, value, the bound measured in the same run, ratio, target, met or missed with the reason — and writes it
// with the machine and its load to bench/RESULTS.md (only when every bench ran). Benchmarks never run in `npm test`.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem, availableParallelism } from "node:os";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const names = process.argv.slice(2);
const all = readdirSync(join(root, "bench"))
  .filter((f) => f.endsWith(".ts"))
  .map((f) => f.slice(0, -3));
const selected = names.length > 0 ? names : all;
for (const name of selected) {
  if (!all.includes(name)) {
    console.error(`No benchmark "${name}". Available: ${all.join(", ")}`);
    process.exit(2);
  }
}

const scratch = mkdtempSync(join(tmpdir(), "planner-bench-"));
const resultsFile = join(scratch, "results.jsonl");
const loadBefore = loadavg()[0];
const started = new Date();
let failed = [];
for (const name of selected) {
  console.log(`\n=== bench/${name}.ts`);
  const result = spawnSync("npx", ["tsx", join("bench", `${name}.ts`)], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, BENCH_NAME: name, BENCH_RESULTS_FILE: resultsFile },
  });
  if (result.status !== 0) failed.push(name);
}
const loadAfter = loadavg()[0];
const rows = existsSync(resultsFile)
  ? readFileSync(resultsFile, "utf8").trim().split("\n").filter(Boolean).map((line) => JSON.parse(line))
  : [];
rmSync(scratch, { recursive: true, force: true });

const cell = (text) => String(text).replace(/\|/g, "\\|").replace(/\n/g, " ");
const table = [
  "| bench | metric | value | bound measured in the same run | ratio | target | result |",
  "|---|---|---|---|---|---|---|",
  ...rows.map((r) => `| ${cell(r.bench)} | ${cell(r.metric)} | ${cell(r.value)} | ${cell(r.reference)} | ${cell(r.ratio)} | ${cell(r.target)} | ${r.met ? "met" : `missed: ${cell(r.reason)}`} |`),
].join("\n");
const machine =
  `${cpus()[0]?.model ?? "unknown CPU"}, ${availableParallelism()} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${process.platform}; ` +
  `1-minute load ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after`;
console.log(`\n=== ${rows.length} targets (${rows.filter((r) => r.met).length} met) — ${machine}\n\n${table}`);

if (failed.length > 0) {
  console.error(`\nThese benches failed: ${failed.join(", ")}; bench/RESULTS.md was not written.`);
  process.exit(1);
}
if (names.length === 0) {
  const report = [
    "# Benchmark results",
    "",
    `Written by \`npm run bench\` on ${started.toISOString()}. Machine: ${machine}.`,
    "",
    "Each row is one target a bench checks; “bound measured in the same run” is the reference number measured",
    "alongside it (for example the bare route behind the same Request/Response conversion), and the ratio is",
    "value ÷ that reference. A miss carries its reason, including the machine's load when it was read.",
    "",
    table,
    "",
  ].join("\n");
  writeFileSync(join(root, "bench", "RESULTS.md"), report);
  console.log("\nWrote bench/RESULTS.md");
}

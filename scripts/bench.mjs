#!/usr/bin/env node
// `npm run bench -- <name>` runs bench/<name>.ts; with no name it runs them all.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
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
  console.log(`\n=== bench/${name}.ts`);
  const result = spawnSync("npx", ["tsx", join("bench", `${name}.ts`)], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/**
 * Median cost of one `validateSchedule` + `nextRuns(…, 5)` call pair, the work a schedule preview does per
 * keystroke. Run: `npx tsx bench/cron.ts` (or `npm run bench -- cron`). Prints numbers, asserts nothing.
 */
import { nextRuns, validateSchedule } from "../src/shared/cron";
import { checkTarget } from "./lib/target";

const TARGET_MICROSECONDS = 1000;
const ROUNDS = 15;
const CALLS_PER_ROUND = 200;
const WARMUP_CALLS = 500;

const EXPRESSIONS = ["*/15 * * * *", "0 9 * * 1-5", "30 2 * * *", "0 9,17 * * MON-FRI", "0 0 1 * *", "@hourly"];
const TIMEZONES = ["UTC", "America/New_York", "Europe/London", "Australia/Sydney", "Asia/Kolkata"];
// Fixed instants, one just before a DST change, so the DST corrections are part of what is measured.
const FROM = [new Date("2026-01-15T12:00:00Z"), new Date("2026-03-07T12:00:00Z"), new Date("2026-10-31T12:00:00Z")];

const cases = EXPRESSIONS.flatMap((cron) => TIMEZONES.flatMap((timezone) => FROM.map((from) => ({ cron, timezone, from }))));

function callPair(index: number): number {
  const { cron, timezone, from } = cases[index % cases.length]!;
  const validation = validateSchedule(cron, timezone);
  if (!validation.ok) throw new Error(`Bench case is invalid: ${cron} ${timezone}`);
  return nextRuns(cron, timezone, { from, count: 5 }).length;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

let sink = 0;
for (let i = 0; i < WARMUP_CALLS; i++) sink += callPair(i);

const perCallRounds: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  const started = performance.now();
  for (let i = 0; i < CALLS_PER_ROUND; i++) sink += callPair(round * CALLS_PER_ROUND + i);
  perCallRounds.push(((performance.now() - started) * 1000) / CALLS_PER_ROUND);
}

const result = median(perCallRounds);
console.log(`cron: validateSchedule + nextRuns(…, 5)`);
console.log(`  cases: ${EXPRESSIONS.length} expressions × ${TIMEZONES.length} zones × ${FROM.length} start instants`);
const spread = `fastest round ${Math.min(...perCallRounds).toFixed(1)} µs, slowest ${Math.max(...perCallRounds).toFixed(1)} µs`;
console.log(`  median: ${result.toFixed(1)} µs per call (${ROUNDS} rounds × ${CALLS_PER_ROUND} calls; ${spread})`);
console.log(`  ${checkTarget({ what: "median per call", value: result, bound: "<", limit: TARGET_MICROSECONDS, unit: "µs", hint: `the slowest round took ${Math.max(...perCallRounds).toFixed(1)} µs` })}`);
if (sink === 0) console.log("(no runs computed)");

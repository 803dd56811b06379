/**
 * One planner instance for the two-instance tests: a planner on the PostgreSQL store with an in-process scheduler,
 * on a clock that runs `speed` times faster than real time from `simStart` at real instant `realStart` (two
 * instances given the same arguments share one simulated time, as two servers share the wall clock).
 *
 *   node --import tsx test/scheduler/instance.ts <schema> <simStart ISO> <realStart ms | stdin> <speed> <simStop ISO>
 *
 * With `stdin`, the instance prints `ready` once it is loaded and reads `realStart` from its first line of input, so
 * a parent starts both instances' clocks together however long each took to boot on a loaded machine.
 *
 * Prints `call <idempotencyKey>` for every executor call and `done` once the clock passed `simStop` and the
 * scheduler stopped.
 */
import { createPlanner } from "../../src/server/planner";
import { createInProcessScheduler } from "../../src/server/scheduler";
import { postgresStore } from "../../src/server/store/postgres/postgres-store";
import { POSTGRES_URL } from "../helpers/postgres";

const [schema, simStartIso, realStartText, speedText, simStopIso] = process.argv.slice(2);
const simStart = Date.parse(simStartIso!);
let realStart = Number.NaN;
const speed = Number(speedText);
const simStop = Date.parse(simStopIso!);
const now = () => simStart + (Date.now() - realStart) * speed;

const store = postgresStore({ connectionString: POSTGRES_URL, schema: schema!, max: 6 });
const record = (idempotencyKey: string) => process.stdout.write(`call ${idempotencyKey}\n`);
const planner = createPlanner({
  store,
  auth: () => null,
  canAccessAgent: () => true,
  clock: () => new Date(now()),
  executors: {
    startChat: ({ idempotencyKey }) => {
      record(idempotencyKey);
      return Promise.resolve({ threadId: `thread-${idempotencyKey}` });
    },
    runWorkflow: ({ idempotencyKey }) => {
      record(idempotencyKey);
      return Promise.resolve({ workflowRunId: `wf-${idempotencyKey}` });
    },
  },
});
const scheduler = createInProcessScheduler(planner.deps, {
  // Delays are simulated milliseconds: real timers wait `speed` times less.
  timers: { setTimeout: (callback, ms) => setTimeout(callback, Math.max(0, ms) / speed), clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout) },
  maxSleepMs: 60_000,
  staleRunMs: 24 * 3_600_000,
  concurrency: 8,
  // A 30 s lease is 0.1 s of real time at 300×: one late renewal on a loaded machine would hand a live run to the
  // other instance (a takeover, same key — tested in test/engine/crash.test.ts). This test is about claims.
  leaseMs: 30 * 60_000,
});

/** When the simulated clock starts: given, or read from stdin after saying `ready`. */
function startInstant(): Promise<number> {
  if (realStartText !== "stdin") return Promise.resolve(Number(realStartText));
  process.stdout.write("ready\n");
  return new Promise((resolve) => {
    let input = "";
    process.stdin.setEncoding("utf8");
    process.stdin.on("data", (chunk: string) => {
      input += chunk;
      const end = input.indexOf("\n");
      if (end < 0) return;
      process.stdin.pause();
      resolve(Number(input.slice(0, end)));
    });
  });
}

async function main() {
  realStart = await startInstant();
  while (Date.now() < realStart) await new Promise((resolve) => setTimeout(resolve, 5));
  await scheduler.start();
  while (now() < simStop) await new Promise((resolve) => setTimeout(resolve, 50));
  await scheduler.stop();
  await store.close();
  process.stdout.write("done\n");
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

/**
 * The scheduler's costs at scale (tracker issue 11, part 5). Run: `npx tsx bench/tick.ts` (or
 * `npm run bench -- tick`). Prints numbers and whether each target is met; asserts nothing.
 *
 * 1. Tick cost: `tick()` with a no-op dispatcher, 100 due jobs per tick among 1,000 / 10,000 / 100,000 jobs, 100
 *    jobs per agent (the due ones spread over the agents), memory store and file store, 18 ticks after 2 warm-up ones.
 *    Target: CPU per due job (`process.cpuUsage()` around each `tick()`, user + system, so the file store's
 *    libuv-thread work counts too) ≤ 0.5 ms on the file store with 10 agents × 100 jobs (the 1,000-job case). The
 *    memory store's CPU per due job, the wall time per tick and the growth with the number of jobs are printed
 *    for reference.
 * 2. In-process scheduler lateness: 1,000 jobs due in the same minute, no-op executor, real timers; executor call
 *    time − scheduled instant (target: p99 ≤ 1 s).
 * 3. Resident memory with 100,000 jobs loaded and the scheduler started (printed for reference).
 *
 * Each measurement runs in a fresh child process, so one's heap does not weigh on the next.
 */
import { spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Dispatcher } from "../src/server/engine";
import { executeRun, jobSubject, tick } from "../src/server/engine";
import type { PlannerExecutors } from "../src/server/options";
import { createPlanner } from "../src/server/planner";
import { createInProcessScheduler } from "../src/server/scheduler";
import { fileStore, memoryStore, type PlannerStore } from "../src/server/store";
import type { JobRunRequest } from "../src/shared/events";
import type { Job } from "../src/shared/schemas";
import { checkTarget } from "./lib/target";

const JOBS_PER_AGENT = 100;
const DUE_PER_TICK = 100;
/** Ticks not counted, then ticks measured (see tickCost). */
const WARMUP_TICKS = 2;
const TICK_ROUNDS = 18;
/** The size whose CPU per due job is the target: 10 agents × 100 jobs. */
const TARGET_SIZE = 1_000;
const TARGET_CPU_PER_DUE_MS = 0.5;
const SIZES = [1_000, 10_000, 100_000];
const LATENESS_JOBS = 1_000;
const LATENESS_JOBS_PER_AGENT = 10;
const CREATED_AT = "2026-12-01T00:00:00.000Z";
/** Not due in any round: every job that is not being ticked waits for this. */
const LATER = { cron: "0 0 1 6 *", nextRunAt: "2027-06-01T00:00:00.000Z" };

let dispatchedJobs = 0;
const noopDispatcher: Dispatcher = { dispatchJob: () => Promise.resolve(void dispatchedJobs++), dispatchTrigger: () => Promise.resolve() };

function job(agent: number, index: number, cron: string, nextRunAt: string): Job {
  return {
    id: `job_a${String(agent).padStart(4, "0")}j${String(index).padStart(3, "0")}`,
    name: `Digest ${index}`,
    schedule: { cron, timezone: "UTC" },
    action: { type: "chat", template: "Good {timeOfDay} {agentName}, here is the digest for {date}." },
    policy: { misfire: "runOnce", overlap: "skip" },
    enabled: true,
    revision: 1,
    createdAt: CREATED_AT,
    updatedAt: CREATED_AT,
    state: { nextRunAt, consecutiveFailures: 0, scheduleRevision: 1 },
  };
}

/**
 * Writes `total` jobs, `perAgent` per agent, one agent at a time (so loading does not hold every job at once);
 * `schedule(g)` gives job number g its cron and next run. Job g belongs to agent g mod agents.
 */
async function load(store: PlannerStore, total: number, perAgent: number, schedule: (g: number) => { cron: string; nextRunAt: string }) {
  const agents = total / perAgent;
  for (let agent = 0; agent < agents; agent++) {
    const jobs = Array.from({ length: perAgent }, (_, index) => {
      const { cron, nextRunAt } = schedule(index * agents + agent);
      return job(agent, index, cron, nextRunAt);
    });
    await store.update(`agent-${agent}`, (planner) => ({ ...planner, jobs }));
  }
}

function deps(store: PlannerStore, clock: () => Date, executors?: PlannerExecutors) {
  return createPlanner({ store, auth: () => null, canAccessAgent: () => false, clock, ...(executors ? { executors } : {}) }).deps;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50);
const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
const mb = (bytes: number) => Math.round(bytes / 2 ** 20);

/**
 * `total` jobs in batches of 100 (batch b: jobs 100b … 100b+99, spread over the agents), batch b running daily at
 * 09:b UTC for b < 10 (the rest not due at all). Round k ticks at 09:(k mod 10):30 on day 1 + ⌊k ÷ 10⌋ of January
 * 2027, so exactly one batch is due each time, and each tick moves it a day on. The first WARMUP_TICKS rounds are not
 * counted. Each tick's wall time and CPU time (`process.cpuUsage()`, user + system, all of this process's threads)
 * are recorded. Daily, as most jobs are: computing the next run of a yearly schedule costs far more, since the
 * time-zone transition scan walks the whole year a week at a time.
 */
async function tickCost(kind: "memory" | "file", total: number, dir: string) {
  const store = kind === "memory" ? memoryStore() : fileStore({ dir });
  const rounds = WARMUP_TICKS + TICK_ROUNDS;
  const batches = Math.min(10, total / DUE_PER_TICK);
  const minute = (b: number) => `09:${String(b).padStart(2, "0")}`;
  const at = (k: number) => `2027-01-${String(1 + Math.floor(k / batches)).padStart(2, "0")}T${minute(k % batches)}:30.000Z`;
  await load(store, total, JOBS_PER_AGENT, (g) => {
    const b = Math.floor(g / DUE_PER_TICK);
    return b < batches ? { cron: `${b} 9 * * *`, nextRunAt: `2027-01-01T${minute(b)}:00.000Z` } : LATER;
  });
  const plannerDeps = deps(store, () => new Date());
  const times: number[] = [];
  const cpuMs: number[] = [];
  const systemMs: number[] = [];
  const dueCounts: number[] = [];
  const dispatchedCounts: number[] = [];
  for (let k = 0; k < rounds; k++) {
    const dispatchedBefore = dispatchedJobs;
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const result = await tick(plannerDeps, noopDispatcher, new Date(at(k)));
    const wall = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    if (k >= WARMUP_TICKS) {
      times.push(wall);
      cpuMs.push((cpu.user + cpu.system) / 1000);
      systemMs.push(cpu.system / 1000);
    }
    dueCounts.push(result.due);
    dispatchedCounts.push(dispatchedJobs - dispatchedBefore);
  }
  await store.close();
  const measuredDue = sum(dueCounts.slice(WARMUP_TICKS));
  return {
    ms: median(times),
    cpuPerTickMs: median(cpuMs),
    systemShare: sum(systemMs) / sum(cpuMs),
    cpuPerDueMs: measuredDue > 0 ? sum(cpuMs) / measuredDue : NaN,
    due: dueCounts,
    dispatched: dispatchedCounts,
  };
}

/** 1,000 jobs due at one whole minute two seconds from now; real timers, a clock shifted to line up with it. */
async function lateness() {
  const store = memoryStore();
  const at = Date.parse("2027-01-01T09:00:00.000Z");
  await load(store, LATENESS_JOBS, LATENESS_JOBS_PER_AGENT, () => ({ cron: "* * * * *", nextRunAt: new Date(at).toISOString() }));
  let offset = 0;
  const clock = () => new Date(Date.now() + offset);
  const late: number[] = [];
  const executors: PlannerExecutors = {
    startChat({ source }) {
      late.push(clock().getTime() - Date.parse(source.runId.slice(source.runId.indexOf("@") + 1)));
      return Promise.resolve({ threadId: source.runId });
    },
    runWorkflow: ({ source }) => Promise.resolve({ workflowRunId: source.runId }),
  };
  const scheduler = createInProcessScheduler(deps(store, clock, executors));
  offset = at - 2_000 - Date.now();
  await scheduler.start();
  const deadline = Date.now() + 120_000;
  while (late.length < LATENESS_JOBS && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  await scheduler.stop();
  const sorted = late.sort((a, b) => a - b);
  return { runs: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? NaN };
}

/**
 * The same 1,000 runs driven by hand, back to back: one tick, then `executeRun` for each request. What the engine
 * and store cost, with no scheduler, timer or queue in between: the floor for the lateness above.
 */
async function engineFloor() {
  const store = memoryStore();
  const at = Date.parse("2027-01-01T09:00:00.000Z");
  await load(store, LATENESS_JOBS, LATENESS_JOBS_PER_AGENT, () => ({ cron: "* * * * *", nextRunAt: new Date(at).toISOString() }));
  const executors: PlannerExecutors = {
    startChat: ({ source }) => Promise.resolve({ threadId: source.runId }),
    runWorkflow: ({ source }) => Promise.resolve({ workflowRunId: source.runId }),
  };
  const plannerDeps = deps(store, () => new Date(at), executors);
  const requests: JobRunRequest[] = [];
  const started = performance.now();
  await tick(plannerDeps, { dispatchJob: (request) => Promise.resolve(void requests.push(request)), dispatchTrigger: () => Promise.resolve() }, new Date(at));
  const ticked = performance.now();
  for (const request of requests) await executeRun(plannerDeps, jobSubject(request));
  return { runs: requests.length, tickMs: Math.round(ticked - started), runsMs: Math.round(performance.now() - ticked) };
}

/** RSS after loading 100,000 jobs (memory store), or opening a directory holding them (file store), and starting. */
async function residentMemory(kind: "memory" | "file", dir: string) {
  const store = kind === "memory" ? memoryStore() : fileStore({ dir });
  if (kind === "memory") await load(store, 100_000, JOBS_PER_AGENT, () => LATER);
  const scheduler = createInProcessScheduler(deps(store, () => new Date("2027-01-01T00:00:00.000Z")));
  await scheduler.start();
  await scheduler.stop();
  const before = process.memoryUsage();
  // Children run with --expose-gc: without a collection, RSS still holds the garbage of loading.
  (globalThis as { gc?: () => void }).gc?.();
  const after = process.memoryUsage();
  return { peakRssMb: mb(before.rss), rssMb: mb(after.rss), heapMb: mb(after.heapUsed) };
}

async function child(mode: string, args: string[]): Promise<unknown> {
  switch (mode) {
    case "tick":
      return tickCost(args[0] as "memory" | "file", Number(args[1]), args[2]!);
    case "lateness":
      return lateness();
    case "floor":
      return engineFloor();
    case "rss":
      return residentMemory(args[0] as "memory" | "file", args[1]!);
    default:
      throw new Error(`unknown mode ${mode}`);
  }
}

function inChild<T>(...args: string[]): T {
  const argv = [...process.execArgv, "--expose-gc", import.meta.filename, "--child", ...args];
  const result = spawnSync(process.execPath, argv, { encoding: "utf8", maxBuffer: 2 ** 24 });
  if (result.status !== 0) throw new Error(`bench child ${args.join(" ")} failed:\n${result.stderr}`);
  return JSON.parse(result.stdout.trim().split("\n").at(-1)!) as T;
}

async function main() {
  const root = await mkdtemp(join(tmpdir(), "planner-bench-"));
  try {
    console.log(
      `tick(): ${DUE_PER_TICK} due jobs per tick, ${JOBS_PER_AGENT} jobs per agent (the due ones spread over the agents), no-op dispatcher, ` +
        `${TICK_ROUNDS} ticks after ${WARMUP_TICKS} warm-up ticks; CPU = process.cpuUsage() user + system around each tick()`,
    );
    console.log(
      `  ${"store".padEnd(6)} ${"jobs".padStart(7)} ${"agents".padStart(6)} ${"wall/tick".padStart(10)} ${"CPU/tick".padStart(10)} ${"system".padStart(7)} ${"CPU/due job".padStart(12)}`,
    );
    const perDue: Partial<Record<"memory" | "file", number>> = {};
    for (const kind of ["memory", "file"] as const) {
      const costs = SIZES.map((size) => {
        type Cost = { ms: number; cpuPerTickMs: number; systemShare: number; cpuPerDueMs: number; due: number[]; dispatched: number[] };
        const result = inChild<Cost>("tick", kind, String(size), join(root, `${kind}-${size}`));
        const dueNote = result.due.every((n) => n === DUE_PER_TICK) ? "" : ` (due per tick: ${result.due.join(", ")}!)`;
        const dispatchNote = result.dispatched.every((n) => n === DUE_PER_TICK) ? "" : ` (dispatched per tick: ${result.dispatched.join(", ")}!)`;
        const agents = (size / JOBS_PER_AGENT).toLocaleString("en");
        console.log(
          `  ${kind.padEnd(6)} ${size.toLocaleString("en").padStart(7)} ${agents.padStart(6)} ${`${result.ms.toFixed(1)} ms`.padStart(10)} ` +
            `${`${result.cpuPerTickMs.toFixed(1)} ms`.padStart(10)} ${`${Math.round(result.systemShare * 100)}%`.padStart(7)} ` +
            `${`${result.cpuPerDueMs.toFixed(3)} ms`.padStart(12)}${dueNote}${dispatchNote}`,
        );
        if (size === TARGET_SIZE) perDue[kind] = result.cpuPerDueMs;
        return result.ms;
      });
      console.log(`  ${kind.padEnd(6)} wall time per tick, 100,000 vs 1,000 jobs: ${(costs.at(-1)! / costs[0]!).toFixed(2)}× (a tick reads the due index, not every job)`);
      if (kind === "file") {
        console.log("  file   with more agents than due jobs each due job is on its own agent, so each pays a commit of its own (the agent's lock and an fsync)");
      }
    }
    const agents = TARGET_SIZE / JOBS_PER_AGENT;
    console.log(`  memory store, ${agents} agents × ${JOBS_PER_AGENT} jobs: CPU per due job ${perDue.memory!.toFixed(3)} ms (for reference)`);
    const cpuHint = `the memory store's ${perDue.memory!.toFixed(3)} ms is the engine's own share (the rest is the file store's reads and writes)`;
    console.log(
      `  ${checkTarget({ what: `file store CPU per due job, ${agents} agents × ${JOBS_PER_AGENT} jobs`, value: perDue.file!, bound: "≤", limit: TARGET_CPU_PER_DUE_MS, unit: "ms", digits: 3, hint: cpuHint })}`,
    );

    const late = inChild<{ runs: number; p50: number; p99: number; max: number }>("lateness");
    console.log(`in-process lateness: ${LATENESS_JOBS} jobs due in the same minute (${LATENESS_JOBS_PER_AGENT} per agent), memory store, no-op executor`);
    console.log(`  runs ${late.runs}/${LATENESS_JOBS}; executor call − scheduled instant: p50 ${late.p50} ms, p99 ${late.p99} ms, max ${late.max} ms`);
    const missedBecause = late.runs === LATENESS_JOBS ? undefined : `only ${late.runs} of ${LATENESS_JOBS} runs happened`;
    const floorHint = "the engine floor below is the cost of the work itself, without the scheduler";
    console.log(`  ${checkTarget({ what: "p99", value: late.p99, bound: "≤", limit: 1000, unit: "ms", digits: 0, missedBecause, hint: floorHint })}`);
    const floor = inChild<{ runs: number; tickMs: number; runsMs: number }>("floor");
    console.log(`  engine floor, no scheduler: one tick for ${floor.runs} jobs ${floor.tickMs} ms + executeRun one after another ${floor.runsMs} ms = ${floor.tickMs + floor.runsMs} ms`);

    console.log("resident memory with 100,000 jobs loaded, scheduler started (for reference)");
    for (const kind of ["memory", "file"] as const) {
      // The file store case opens the directory the 100,000-job tick bench wrote (its index is what it keeps in memory).
      const rss = inChild<{ peakRssMb: number; rssMb: number; heapMb: number }>("rss", kind, join(root, "file-100000"));
      const detail = `before GC ${rss.peakRssMb} MB, heap ${rss.heapMb} MB`;
      console.log(`  ${kind.padEnd(6)} rss ${rss.rssMb} MB (${detail})`);
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

const [flag, mode, ...args] = process.argv.slice(2);
if (flag === "--child" && mode) console.log(JSON.stringify(await child(mode, args)));
else await main();

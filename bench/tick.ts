/**
 * The scheduler's costs at scale (tracker issues 11 and 20). Run: `npx tsx bench/tick.ts` (or `npm run bench -- tick`).
 * Prints numbers and whether each target is met; asserts nothing.
 *
 * Backends: the memory store, the file store (JSON agent files + SQLite, under `os.tmpdir()`) and the PostgreSQL
 * store (`postgresStore` on a fresh schema, dropped afterwards) on the server at `PLANNER_BENCH_POSTGRES_URL` (else
 * `PLANNER_TEST_POSTGRES_URL`; neither set or no server answering: its rows say "skipped" and why). For
 * PostgreSQL the database's CPU is printed beside the process's when it can be read cheaply (bench/lib/postgres.ts).
 *
 * 1. 1,000 jobs due in one minute, per backend, in two layouts: 10 agents × 100 jobs, and spread over 1,000 agents
 *    × 1 job (each due job then pays a store transaction of its own).
 *    a. Tick CPU: `tick()` with a no-op dispatcher, all 1,000 jobs due in each tick (daily at 09:00; round k ticks
 *       on day k + 1 at 09:00:30), DUE_ROUNDS ticks after DUE_WARMUP_ROUNDS. Target: CPU per due job
 *       (`process.cpuUsage()` user + system around each `tick()`, so libuv-thread work counts too) ≤ 0.5 ms.
 *    b. Lateness: then the in-process scheduler with real timers and a no-op executor, on the same store, with a
 *       clock shifted so the 1,000 jobs' next instant is two seconds away: executor call time − scheduled instant.
 *       Target: p99 ≤ 1 s. The process's CPU per run from start to the last run finished is printed beside it.
 * 2. Growth (for reference): 100 due jobs per tick among 1,000 / 10,000 / 100,000 jobs, 100 jobs per agent (the
 *    due ones spread over the agents), 18 ticks after 2 warm-up ones; wall and CPU per tick.
 * 3. Resident memory with 100,000 jobs loaded and the scheduler started. Target: the file store's RSS (after a
 *    garbage collection) ≤ 300 MB; the memory store's (and the PostgreSQL store's) printed for reference.
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
import { type DatabaseCpu, benchPostgresStore, benchSchema, databaseCpu, dropSchema, findPostgres, shownUrl } from "./lib/postgres";
import { checkTarget, skippedTarget } from "./lib/target";

type Kind = "memory" | "file" | "postgres";
const KINDS: Kind[] = ["memory", "file", "postgres"];

/** 1,000 jobs due in one minute, in these layouts. */
const DUE_JOBS = 1_000;
const LAYOUTS = [
  { agents: 10, perAgent: 100 },
  { agents: 1_000, perAgent: 1 },
] as const;
type Layout = (typeof LAYOUTS)[number];
const DUE_WARMUP_ROUNDS = 1;
const DUE_ROUNDS = 3;
const TARGET_CPU_PER_DUE_MS = 0.5;
const TARGET_LATENESS_P99_MS = 1_000;
/** The longest the lateness run waits for its 1,000 runs. */
const LATENESS_TIMEOUT_MS = 120_000;

/** The growth table: 100 due jobs per tick among SIZES jobs, JOBS_PER_AGENT per agent. */
const JOBS_PER_AGENT = 100;
const DUE_PER_TICK = 100;
const WARMUP_TICKS = 2;
const TICK_ROUNDS = 18;
const SIZES = [1_000, 10_000, 100_000];
const RSS_JOBS = 100_000;
const TARGET_RSS_MB = 300;
/** Agents written at once while loading. */
const LOAD_CONCURRENCY = 16;
const CREATED_AT = "2026-12-01T00:00:00.000Z";
/** Not due in any round: every job that is not being ticked waits for this. */
const LATER = { cron: "0 0 1 6 *", nextRunAt: "2027-06-01T00:00:00.000Z" };

let dispatchedJobs = 0;
const noopDispatcher: Dispatcher = {
  dispatchJob: () => Promise.resolve(void dispatchedJobs++),
  dispatchTrigger: () => Promise.resolve(),
  dispatchStored: () => Promise.resolve(),
};

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
 * Writes `total` jobs, `perAgent` per agent, LOAD_CONCURRENCY agents at a time (so loading does not hold every job
 * at once); `schedule(g)` gives job number g its cron and next run. Job g belongs to agent g mod agents.
 */
async function load(store: PlannerStore, total: number, perAgent: number, schedule: (g: number) => { cron: string; nextRunAt: string }) {
  const agents = total / perAgent;
  const write = (agent: number) => {
    const jobs = Array.from({ length: perAgent }, (_, index) => {
      const { cron, nextRunAt } = schedule(index * agents + agent);
      return job(agent, index, cron, nextRunAt);
    });
    return store.update(`agent-${agent}`, (planner) => ({ ...planner, jobs }));
  };
  for (let first = 0; first < agents; first += LOAD_CONCURRENCY) {
    await Promise.all(Array.from({ length: Math.min(LOAD_CONCURRENCY, agents - first) }, (_, k) => write(first + k)));
  }
}

/** The store of a kind: `where` is the file store's directory, or PostgreSQL's URL and schema. */
function openStore(kind: Kind, where: string[]): PlannerStore {
  if (kind === "memory") return memoryStore();
  if (kind === "file") return fileStore({ dir: where[0]! });
  return benchPostgresStore(where[0]!, where[1]!);
}

/** The database's CPU for the PostgreSQL store (null otherwise, or with the reason it cannot be read). */
async function openDatabaseCpu(kind: Kind, where: string[]): Promise<{ cpu: DatabaseCpu | null; note: string | null }> {
  if (kind !== "postgres") return { cpu: null, note: null };
  const probe = await databaseCpu(where[0]!);
  return probe.ok ? { cpu: probe.cpu, note: null } : { cpu: null, note: probe.reason };
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
const cpuMsOf = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;
const day = (n: number) => `2027-01-${String(n).padStart(2, "0")}`;

interface DueResult {
  /** Tick phase. */
  ticks: { wallMs: number[]; cpuPerDueMs: number; dbCpuPerDueMs: number | null; due: number[]; dispatched: number[] };
  /** Lateness phase. */
  late: { runs: number; p50: number; p99: number; max: number; cpuPerRunMs: number; dbCpuPerRunMs: number | null; wallMs: number };
  loadMs: number;
  dbCpuWhat: string | null;
  dbCpuNote: string | null;
}

/**
 * 1,000 jobs due in one minute on `kind`, `perAgent` per agent, daily at 09:00 UTC. First DUE_WARMUP_ROUNDS +
 * DUE_ROUNDS ticks with a no-op dispatcher (round k on day k + 1 at 09:00:30, each moving every job a day on),
 * then the in-process scheduler on a clock shifted so that the jobs' next instant (day rounds + 1, 09:00) is two
 * seconds away, with a no-op executor that records how late it was called.
 */
async function dueInOneMinute(kind: Kind, perAgent: number, where: string[]): Promise<DueResult> {
  const store = openStore(kind, where);
  const { cpu: dbCpu, note } = await openDatabaseCpu(kind, where);
  const dbRead = async () => (dbCpu ? await dbCpu.read() : 0);
  try {
    const loadStarted = performance.now();
    await load(store, DUE_JOBS, perAgent, () => ({ cron: "0 9 * * *", nextRunAt: `${day(1)}T09:00:00.000Z` }));
    const loadMs = performance.now() - loadStarted;

    // a. tick() with every job due.
    const tickDeps = deps(store, () => new Date());
    const wallMs: number[] = [];
    const cpuMs: number[] = [];
    const due: number[] = [];
    const dispatched: number[] = [];
    let dbMs = 0;
    const rounds = DUE_WARMUP_ROUNDS + DUE_ROUNDS;
    for (let k = 0; k < rounds; k++) {
      const dispatchedBefore = dispatchedJobs;
      const dbBefore = await dbRead();
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      const result = await tick(tickDeps, noopDispatcher, new Date(`${day(k + 1)}T09:00:30.000Z`));
      const wall = performance.now() - started;
      const cpu = cpuMsOf(process.cpuUsage(cpuBefore));
      const db = (await dbRead()) - dbBefore;
      due.push(result.due);
      dispatched.push(dispatchedJobs - dispatchedBefore);
      if (k >= DUE_WARMUP_ROUNDS) {
        wallMs.push(wall);
        cpuMs.push(cpu);
        dbMs += db;
      }
    }
    const measuredDue = sum(due.slice(DUE_WARMUP_ROUNDS));
    const ticks = {
      wallMs,
      cpuPerDueMs: measuredDue > 0 ? sum(cpuMs) / measuredDue : NaN,
      dbCpuPerDueMs: dbCpu && measuredDue > 0 ? dbMs / measuredDue : null,
      due,
      dispatched,
    };

    // b. The in-process scheduler, real timers.
    const at = Date.parse(`${day(rounds + 1)}T09:00:00.000Z`);
    let offset = 0;
    const clock = () => new Date(Date.now() + offset);
    const late: number[] = [];
    let allRan: () => void = () => {};
    const ran = new Promise<void>((resolve) => (allRan = resolve));
    const executors: PlannerExecutors = {
      startChat({ source }) {
        late.push(clock().getTime() - Date.parse(source.runId.slice(source.runId.indexOf("@") + 1)));
        if (late.length === DUE_JOBS) allRan();
        return Promise.resolve({ threadId: source.runId });
      },
      runWorkflow: ({ source }) => Promise.resolve({ workflowRunId: source.runId }),
    };
    const scheduler = createInProcessScheduler(deps(store, clock, executors));
    offset = at - 2_000 - Date.now();
    const dbBefore = await dbRead();
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    await scheduler.start();
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, LATENESS_TIMEOUT_MS).unref());
    await Promise.race([ran, timeout]);
    // The last run is finished (recorded) once the scheduler is idle.
    await Promise.race([scheduler.idle(), timeout]);
    const wall = performance.now() - started;
    const cpu = cpuMsOf(process.cpuUsage(cpuBefore));
    const db = (await dbRead()) - dbBefore;
    await scheduler.stop();
    const sorted = late.sort((a, b) => a - b);
    const runs = sorted.length;
    return {
      ticks,
      late: {
        runs,
        p50: percentile(sorted, 50),
        p99: percentile(sorted, 99),
        max: sorted.at(-1) ?? NaN,
        cpuPerRunMs: runs > 0 ? cpu / runs : NaN,
        dbCpuPerRunMs: dbCpu && runs > 0 ? db / runs : null,
        wallMs: wall,
      },
      loadMs,
      dbCpuWhat: dbCpu?.what ?? null,
      dbCpuNote: note,
    };
  } finally {
    await store.close();
    await dbCpu?.close();
  }
}

/**
 * The growth table: `total` jobs in batches of 100 (batch b: jobs 100b … 100b+99, spread over the agents), batch b
 * running daily at 09:b UTC for b < 10 (the rest not due at all). Round k ticks at 09:(k mod 10):30 on day 1 +
 * ⌊k ÷ 10⌋ of January 2027, so exactly one batch is due each time, and each tick moves it a day on. The first
 * WARMUP_TICKS rounds are not counted. Daily, as most jobs are: computing the next run of a yearly schedule costs
 * far more, since the time-zone transition scan walks the whole year a week at a time.
 */
async function tickCost(kind: Kind, total: number, where: string[]) {
  const store = openStore(kind, where);
  const { cpu: dbCpu } = await openDatabaseCpu(kind, where);
  try {
    const rounds = WARMUP_TICKS + TICK_ROUNDS;
    const batches = Math.min(10, total / DUE_PER_TICK);
    const minute = (b: number) => `09:${String(b).padStart(2, "0")}`;
    const at = (k: number) => `${day(1 + Math.floor(k / batches))}T${minute(k % batches)}:30.000Z`;
    await load(store, total, JOBS_PER_AGENT, (g) => {
      const b = Math.floor(g / DUE_PER_TICK);
      return b < batches ? { cron: `${b} 9 * * *`, nextRunAt: `${day(1)}T${minute(b)}:00.000Z` } : LATER;
    });
    const plannerDeps = deps(store, () => new Date());
    const times: number[] = [];
    const cpuMs: number[] = [];
    const systemMs: number[] = [];
    const dueCounts: number[] = [];
    const dispatchedCounts: number[] = [];
    let dbMs = 0;
    for (let k = 0; k < rounds; k++) {
      const dispatchedBefore = dispatchedJobs;
      const dbBefore = dbCpu ? await dbCpu.read() : 0;
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      const result = await tick(plannerDeps, noopDispatcher, new Date(at(k)));
      const wall = performance.now() - started;
      const cpu = process.cpuUsage(cpuBefore);
      const db = dbCpu ? (await dbCpu.read()) - dbBefore : 0;
      if (k >= WARMUP_TICKS) {
        times.push(wall);
        cpuMs.push(cpuMsOf(cpu));
        systemMs.push(cpu.system / 1000);
        dbMs += db;
      }
      dueCounts.push(result.due);
      dispatchedCounts.push(dispatchedJobs - dispatchedBefore);
    }
    const measuredDue = sum(dueCounts.slice(WARMUP_TICKS));
    return {
      ms: median(times),
      cpuPerTickMs: median(cpuMs),
      systemShare: sum(systemMs) / sum(cpuMs),
      cpuPerDueMs: measuredDue > 0 ? sum(cpuMs) / measuredDue : NaN,
      dbCpuPerDueMs: dbCpu && measuredDue > 0 ? dbMs / measuredDue : null,
      due: dueCounts,
      dispatched: dispatchedCounts,
    };
  } finally {
    await store.close();
    await dbCpu?.close();
  }
}

/**
 * 1,000 runs driven by hand on the memory store, back to back: one tick, then `executeRun` for each request. What
 * the engine and store cost, with no scheduler, timer or queue in between: the floor for the lateness above.
 */
async function engineFloor(perAgent: number) {
  const store = memoryStore();
  const at = Date.parse(`${day(1)}T09:00:00.000Z`);
  await load(store, DUE_JOBS, perAgent, () => ({ cron: "* * * * *", nextRunAt: new Date(at).toISOString() }));
  const executors: PlannerExecutors = {
    startChat: ({ source }) => Promise.resolve({ threadId: source.runId }),
    runWorkflow: ({ source }) => Promise.resolve({ workflowRunId: source.runId }),
  };
  const plannerDeps = deps(store, () => new Date(at), executors);
  const requests: JobRunRequest[] = [];
  const started = performance.now();
  await tick(plannerDeps, { dispatchJob: (request) => Promise.resolve(void requests.push(request)), dispatchTrigger: () => Promise.resolve(), dispatchStored: () => Promise.resolve() }, new Date(at));
  const ticked = performance.now();
  for (const request of requests) await executeRun(plannerDeps, jobSubject(request));
  return { runs: requests.length, tickMs: Math.round(ticked - started), runsMs: Math.round(performance.now() - ticked) };
}

/**
 * RSS after loading 100,000 jobs (memory store), or opening a store holding them (file store: the directory, the
 * PostgreSQL store: the schema the growth table's 100,000-job case wrote), and starting the scheduler.
 */
async function residentMemory(kind: Kind, where: string[]) {
  const store = openStore(kind, where);
  try {
    if (kind === "memory") await load(store, RSS_JOBS, JOBS_PER_AGENT, () => LATER);
    const scheduler = createInProcessScheduler(deps(store, () => new Date(`${day(1)}T00:00:00.000Z`)));
    await scheduler.start();
    await scheduler.stop();
    const before = process.memoryUsage();
    // Children run with --expose-gc: without a collection, RSS still holds the garbage of loading.
    (globalThis as { gc?: () => void }).gc?.();
    const after = process.memoryUsage();
    // Then, that the store holds every job of the 100,000 (read after measuring: the copies are garbage).
    const jobs = sum(await Promise.all(Array.from({ length: RSS_JOBS / JOBS_PER_AGENT }, async (_, agent) => (await store.get(`agent-${agent}`)).jobs.length)));
    return { jobs, peakRssMb: mb(before.rss), rssMb: mb(after.rss), heapMb: mb(after.heapUsed) };
  } finally {
    await store.close();
  }
}

async function child(mode: string, args: string[]): Promise<unknown> {
  switch (mode) {
    case "due":
      return dueInOneMinute(args[0] as Kind, Number(args[1]), args.slice(2));
    case "tick":
      return tickCost(args[0] as Kind, Number(args[1]), args.slice(2));
    case "floor":
      return engineFloor(Number(args[0]));
    case "rss":
      return residentMemory(args[0] as Kind, args.slice(1));
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

const layoutName = ({ agents, perAgent }: Layout) => `${agents.toLocaleString("en")} agents × ${perAgent} job${perAgent === 1 ? "" : "s"}`;
const msText = (value: number, digits = 1) => `${value.toFixed(digits)} ms`;

async function main() {
  const root = await mkdtemp(join(tmpdir(), "planner-bench-"));
  const server = await findPostgres();
  /** Schemas made in this run, dropped at the end whatever happens. */
  const schemas: string[] = [];
  /** Where each kind's data goes for one measurement: a directory, or a fresh schema (null: PostgreSQL is skipped). */
  const whereFor = (kind: Kind, name: string): string[] | null => {
    if (kind === "memory") return [];
    if (kind === "file") return [join(root, name)];
    if (!server.ok) return null;
    const schema = benchSchema(`tick_${name}`);
    schemas.push(schema);
    return [server.url, schema];
  };
  try {
    console.log(`tick: memory store, file store (JSON agent files + SQLite under ${tmpdir()}), PostgreSQL store`);
    console.log(
      server.ok
        ? `  postgres: PostgreSQL ${server.version} at ${shownUrl(server.url)}, postgresStore on a fresh schema per measurement (dropped afterwards)`
        : `  postgres: skipped: ${server.reason}`,
    );

    // 1. 1,000 jobs due in one minute.
    console.log(
      `${DUE_JOBS.toLocaleString("en")} jobs due in one minute: (a) tick() with a no-op dispatcher, every job due in each tick, ${DUE_ROUNDS} ticks after ${DUE_WARMUP_ROUNDS} warm-up; ` +
        `(b) then the in-process scheduler (real timers, default concurrency, no-op executor) on the same store, the jobs' next instant 2 s away`,
    );
    const perDueMemory = new Map<Layout, number>();
    for (const layout of LAYOUTS) {
      for (const kind of KINDS) {
        const name = `${kind} ${layoutName(layout)}`;
        const cpuWhat = `${kind} store tick CPU per due job, ${layoutName(layout)}`;
        const lateWhat = `${kind} store lateness p99, ${DUE_JOBS.toLocaleString("en")} due in one minute, ${layoutName(layout)}`;
        const where = whereFor(kind, `due_${kind}_${layout.agents}`);
        if (!where) {
          const reason = server.ok ? "" : server.reason;
          console.log(`  ${name}: ${skippedTarget({ what: cpuWhat, bound: "≤", limit: TARGET_CPU_PER_DUE_MS, unit: "ms", digits: 3 }, reason)}`);
          console.log(`  ${name}: ${skippedTarget({ what: lateWhat, bound: "≤", limit: TARGET_LATENESS_P99_MS, unit: "ms" }, reason)}`);
          continue;
        }
        const result = inChild<DueResult>("due", kind, String(layout.perAgent), ...where);
        const { ticks, late } = result;
        const counts = ticks.due.every((n) => n === DUE_JOBS) && ticks.dispatched.every((n) => n === DUE_JOBS) ? "" : ` (due per tick: ${ticks.due.join(", ")}; dispatched: ${ticks.dispatched.join(", ")}!)`;
        const db = (value: number | null) => (value === null ? "" : `, database CPU ${msText(value, 3)}`);
        console.log(
          `  ${name} (loaded in ${(result.loadMs / 1000).toFixed(1)} s): tick wall ${ticks.wallMs.map((ms) => Math.round(ms)).join(", ")} ms; ` +
            `CPU per due job ${msText(ticks.cpuPerDueMs, 3)}${db(ticks.dbCpuPerDueMs)}${counts}`,
        );
        if (kind === "memory") perDueMemory.set(layout, ticks.cpuPerDueMs);
        const memory = perDueMemory.get(layout);
        const cpuHint = [
          memory !== undefined && kind !== "memory" ? `the memory store's ${msText(memory, 3)} in this layout is the engine's own share (the rest is the store's reads and writes)` : "",
          layout.perAgent === 1 ? "each due job is on its own agent, so each pays a store transaction (and commit) of its own" : "",
          ticks.dbCpuPerDueMs !== null ? `the database spent ${msText(ticks.dbCpuPerDueMs, 3)} of CPU per due job on top` : "",
        ]
          .filter(Boolean)
          .join("; ");
        const cpuMissed = counts ? `not every job was due and dispatched in every tick${counts}` : undefined;
        console.log(
          `    ${checkTarget({ what: cpuWhat, value: ticks.cpuPerDueMs, bound: "≤", limit: TARGET_CPU_PER_DUE_MS, unit: "ms", digits: 3, ...(cpuHint ? { hint: cpuHint } : {}), ...(memory !== undefined && kind !== "memory" ? { reference: { label: "memory store", value: memory } } : {}), ...(cpuMissed ? { missedBecause: cpuMissed } : {}) })}`,
        );
        console.log(
          `    scheduler: runs ${late.runs}/${DUE_JOBS}; executor call − scheduled instant: p50 ${late.p50} ms, p99 ${late.p99} ms, max ${late.max} ms; ` +
            `${(late.wallMs / 1000).toFixed(1)} s from start() to the last run finished, CPU per run (tick, queued, started, finished) ${msText(late.cpuPerRunMs, 3)}${db(late.dbCpuPerRunMs)}`,
        );
        const lateMissed = late.runs === DUE_JOBS ? undefined : `only ${late.runs} of ${DUE_JOBS} runs happened within ${LATENESS_TIMEOUT_MS / 1000} s`;
        const lateHint = `each run is stored queued, started and finished (three store writes${layout.perAgent === 1 ? ", each on its own agent" : ""}) by the scheduler's 16 workers (its default concurrency); CPU per run ${msText(late.cpuPerRunMs, 3)}${db(late.dbCpuPerRunMs)}`;
        console.log(
          `    ${checkTarget({ what: lateWhat, value: late.p99, bound: "≤", limit: TARGET_LATENESS_P99_MS, unit: "ms", digits: 0, hint: lateHint, ...(lateMissed ? { missedBecause: lateMissed } : {}) })}`,
        );
        if (result.dbCpuNote) console.log(`    database CPU not read: ${result.dbCpuNote}`);
      }
    }
    for (const layout of LAYOUTS) {
      const floor = inChild<{ runs: number; tickMs: number; runsMs: number }>("floor", String(layout.perAgent));
      console.log(
        `  engine floor, memory store, no scheduler, ${layoutName(layout)}: one tick for ${floor.runs} jobs ${floor.tickMs} ms + executeRun one after another ${floor.runsMs} ms = ${floor.tickMs + floor.runsMs} ms`,
      );
    }

    // 2. Growth.
    console.log(
      `growth (for reference): tick() with ${DUE_PER_TICK} due jobs per tick, ${JOBS_PER_AGENT} jobs per agent (the due ones spread over the agents), no-op dispatcher, ` +
        `${TICK_ROUNDS} ticks after ${WARMUP_TICKS} warm-up ticks; CPU = process.cpuUsage() user + system around each tick()`,
    );
    console.log(
      `  ${"store".padEnd(8)} ${"jobs".padStart(7)} ${"agents".padStart(6)} ${"wall/tick".padStart(10)} ${"CPU/tick".padStart(10)} ${"system".padStart(7)} ${"CPU/due job".padStart(12)} ${"DB CPU/due".padStart(11)}`,
    );
    /** Where the 100,000-job case of each kind was written, for the RSS measurement. */
    const largest = new Map<Kind, string[]>();
    for (const kind of KINDS) {
      if (kind === "postgres" && !server.ok) {
        console.log(`  ${kind.padEnd(8)} skipped: ${server.reason}`);
        continue;
      }
      const costs = SIZES.map((size) => {
        type Cost = { ms: number; cpuPerTickMs: number; systemShare: number; cpuPerDueMs: number; dbCpuPerDueMs: number | null; due: number[]; dispatched: number[] };
        const where = whereFor(kind, `growth_${kind}_${size}`)!;
        if (size === RSS_JOBS) largest.set(kind, where);
        const result = inChild<Cost>("tick", kind, String(size), ...where);
        const dueNote = result.due.every((n) => n === DUE_PER_TICK) ? "" : ` (due per tick: ${result.due.join(", ")}!)`;
        const dispatchNote = result.dispatched.every((n) => n === DUE_PER_TICK) ? "" : ` (dispatched per tick: ${result.dispatched.join(", ")}!)`;
        const agents = (size / JOBS_PER_AGENT).toLocaleString("en");
        console.log(
          `  ${kind.padEnd(8)} ${size.toLocaleString("en").padStart(7)} ${agents.padStart(6)} ${msText(result.ms).padStart(10)} ` +
            `${msText(result.cpuPerTickMs).padStart(10)} ${`${Math.round(result.systemShare * 100)}%`.padStart(7)} ` +
            `${msText(result.cpuPerDueMs, 3).padStart(12)} ${(result.dbCpuPerDueMs === null ? "" : msText(result.dbCpuPerDueMs, 3)).padStart(11)}${dueNote}${dispatchNote}`,
        );
        return result.ms;
      });
      console.log(`  ${kind.padEnd(8)} wall time per tick, 100,000 vs 1,000 jobs: ${(costs.at(-1)! / costs[0]!).toFixed(2)}× (a tick reads the due index, not every job)`);
    }

    // 3. Resident memory.
    console.log(`resident memory with ${RSS_JOBS.toLocaleString("en")} jobs (${(RSS_JOBS / JOBS_PER_AGENT).toLocaleString("en")} agents × ${JOBS_PER_AGENT}) loaded, scheduler started`);
    for (const kind of KINDS) {
      const where = kind === "memory" ? [] : largest.get(kind);
      const what = `${kind} store RSS with ${RSS_JOBS.toLocaleString("en")} jobs`;
      if (!where) {
        console.log(`  ${kind.padEnd(8)} ${kind === "file" ? skippedTarget({ what, bound: "≤", limit: TARGET_RSS_MB, unit: "MB" }, "the growth table did not write them") : `skipped: ${server.ok ? "" : server.reason}`}`);
        continue;
      }
      const rss = inChild<{ jobs: number; peakRssMb: number; rssMb: number; heapMb: number }>("rss", kind, ...where);
      const detail = `after a GC; before it ${rss.peakRssMb} MB; heap ${rss.heapMb} MB; ${rss.jobs.toLocaleString("en")} jobs read back`;
      if (kind !== "file") {
        console.log(`  ${kind.padEnd(8)} rss ${rss.rssMb} MB (${detail}; for reference)`);
        continue;
      }
      const missedBecause = rss.jobs === RSS_JOBS ? undefined : `the store held ${rss.jobs} jobs, not ${RSS_JOBS}`;
      const target = checkTarget({
        what,
        value: rss.rssMb,
        bound: "≤",
        limit: TARGET_RSS_MB,
        unit: "MB",
        digits: 0,
        loadIndependent: true,
        hint: `${detail}; the store keeps every agent's definitions and runtime in memory once the scheduler's start has read them`,
        ...(missedBecause ? { missedBecause } : {}),
      });
      console.log(`  ${kind.padEnd(8)} ${target}${target.startsWith("met") ? ` (${detail})` : ""}`);
    }
  } finally {
    await rm(root, { recursive: true, force: true });
    if (server.ok) for (const schema of schemas) await dropSchema(server.url, schema).catch((error: unknown) => console.error(`could not drop schema ${schema}: ${String(error)}`));
  }
}

const [flag, mode, ...args] = process.argv.slice(2);
if (flag === "--child" && mode) console.log(JSON.stringify(await child(mode, args)));
else await main();

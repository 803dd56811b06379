/**
 * The file store's costs at scale. Run: `npx tsx bench/store.ts` (or `npm run bench -- store`). Prints numbers and
 * whether each target is met; asserts nothing.
 *
 * 1. `jobs.create` and `jobs.update` latency through the router (`createCaller`), one call at a time on random
 *    agents, with 1,000 agents × 20 jobs on disk (target p95 ≤ 10 ms). Run in /dev/shm when it exists (no real
 *    fsync cost) and in `os.tmpdir()` when that is another file system (fsync reaches the disk).
 * 2. `store.dueJobs(now, 100)` with 100 due jobs among 1,000 / 10,000 / 100,000 stored jobs, each size in a fresh
 *    directory opened by a fresh store (target: the 100,000 case at most 2× the 1,000 case, i.e. it does not
 *    read every agent file).
 *
 * Each measurement runs in a fresh child process, so one's heap does not weigh on the next.
 */
import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createContextInner } from "../src/server/context";
import { createPlanner } from "../src/server/planner";
import { plannerRouter } from "../src/server/router";
import { fileStore, type PlannerStore } from "../src/server/store";
import { createCallerFactory } from "../src/server/trpc";
import type { Job } from "../src/shared/schemas";
import { checkTarget } from "./lib/target";

const LATENCY_AGENTS = 1_000;
const LATENCY_JOBS_PER_AGENT = 20;
const LATENCY_CALLS = 300;
const LATENCY_WARMUP_CALLS = 20;
const LATENCY_TARGET_MS = 10;

const DUE_SIZES = [1_000, 10_000, 100_000];
const DUE_JOBS_PER_AGENT = 10;
const DUE_COUNT = 100;
const DUE_ROUNDS = 7;

/** Agents written at once while loading: the writes overlap, the index appends queue behind its lock. */
const LOAD_CONCURRENCY = 16;
const CREATED_AT = "2026-12-01T00:00:00.000Z";
/** "Now" of the dueJobs measurement; due jobs are a few minutes before it, every other job far after it. */
const DUE_NOW = new Date("2027-01-01T09:00:00.000Z");
const FAR_FUTURE = "2030-06-01T00:00:00.000Z";

function job(agent: number, index: number, nextRunAt: string): Job {
  return {
    id: `job_a${String(agent).padStart(5, "0")}j${String(index).padStart(3, "0")}`,
    name: `Digest ${index}`,
    schedule: { cron: "0 9 * * 1-5", timezone: "Europe/Paris" },
    action: { type: "chat", template: "Good {timeOfDay} {agentName}, here is the digest for {date}." },
    policy: { misfire: "runOnce", overlap: "skip" },
    enabled: true,
    revision: 1,
    createdAt: CREATED_AT,
    updatedAt: CREATED_AT,
    state: { nextRunAt, consecutiveFailures: 0, scheduleRevision: 1 },
  };
}

/** Writes `agents` agents of `perAgent` jobs each through `store.update`; `nextRunAt(agent, index)` schedules them. */
async function load(store: PlannerStore, agents: number, perAgent: number, nextRunAt: (agent: number, index: number) => string) {
  const write = (agent: number) => {
    const jobs = Array.from({ length: perAgent }, (_, index) => job(agent, index, nextRunAt(agent, index)));
    return store.update(agentId(agent), (planner) => ({ ...planner, jobs }));
  };
  for (let first = 0; first < agents; first += LOAD_CONCURRENCY) {
    const batch = Array.from({ length: Math.min(LOAD_CONCURRENCY, agents - first) }, (_, k) => first + k);
    await Promise.all(batch.map(write));
  }
}

const agentId = (agent: number) => `agent-${String(agent).padStart(5, "0")}`;

/** A small seeded generator, so every run picks the same agents. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50);

interface Latency {
  p50: number;
  p95: number;
  max: number;
}

function summary(samples: number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1)! };
}

/** 1,000 agents × 20 jobs in `dir`, then `jobs.create` and `jobs.update` one at a time through the router. */
async function latency(dir: string) {
  const store = fileStore({ dir });
  const loadStarted = performance.now();
  await load(store, LATENCY_AGENTS, LATENCY_JOBS_PER_AGENT, () => FAR_FUTURE);
  const loadMs = performance.now() - loadStarted;
  const planner = createPlanner({ store, auth: () => null, canAccessAgent: () => true });
  const caller = createCallerFactory(plannerRouter)(createContextInner(planner.deps, { userId: "bench-user" }));
  const next = random(1);
  const pick = (n: number) => Math.floor(next() * n);
  const revisions = new Map<string, number>();

  const create = () =>
    caller.jobs.create({
      agentId: agentId(pick(LATENCY_AGENTS)),
      name: "Morning brief",
      schedule: { cron: "30 8 * * 1-5", timezone: "America/New_York" },
      action: { type: "chat", template: "Good {timeOfDay}, here is today's brief." },
    });
  // Each edit changes the schedule, so it also re-validates the cron and recomputes `nextRunAt`.
  const update = async (call: number) => {
    const agent = pick(LATENCY_AGENTS);
    const jobId = job(agent, pick(LATENCY_JOBS_PER_AGENT), FAR_FUTURE).id;
    const expectedRevision = revisions.get(jobId) ?? 1;
    const view = await caller.jobs.update({
      agentId: agentId(agent),
      jobId,
      expectedRevision,
      name: `Digest (edit ${call})`,
      schedule: { cron: call % 2 === 0 ? "0 10 * * 1-5" : "0 9 * * 1-5", timezone: "Europe/Paris" },
    });
    revisions.set(jobId, view.revision);
  };

  async function measure(call: (i: number) => Promise<unknown>): Promise<Latency> {
    for (let i = 0; i < LATENCY_WARMUP_CALLS; i++) await call(i);
    const samples: number[] = [];
    for (let i = 0; i < LATENCY_CALLS; i++) {
      const started = performance.now();
      await call(LATENCY_WARMUP_CALLS + i);
      samples.push(performance.now() - started);
    }
    return summary(samples);
  }

  const result = { loadMs, create: await measure(create), update: await measure(update) };
  await store.close();
  return result;
}

/**
 * `total` jobs, 10 per agent, in a fresh directory; the first job of 100 agents picked at random is due (a few
 * minutes before "now", each at its own instant), so every size reads the same number of agent files for them.
 * A fresh store then opens the directory, as a restarted process would: its first call rebuilds the index.
 */
async function dueCost(total: number, dir: string) {
  const agents = total / DUE_JOBS_PER_AGENT;
  const next = random(total);
  const dueAgents = new Map<number, number>();
  while (dueAgents.size < DUE_COUNT) dueAgents.set(Math.floor(next() * agents), dueAgents.size);
  const dueAt = (order: number) => new Date(DUE_NOW.getTime() - (order + 1) * 1_000).toISOString();
  const builder = fileStore({ dir });
  const loadStarted = performance.now();
  await load(builder, agents, DUE_JOBS_PER_AGENT, (agent, index) => {
    const order = dueAgents.get(agent);
    return index === 0 && order !== undefined ? dueAt(order) : FAR_FUTURE;
  });
  const loadMs = performance.now() - loadStarted;
  await builder.close();

  const store = fileStore({ dir });
  let started = performance.now();
  const first = await store.dueJobs(DUE_NOW, DUE_COUNT);
  const firstMs = performance.now() - started;
  const times: number[] = [];
  const found: number[] = [first.length];
  for (let round = 0; round < DUE_ROUNDS; round++) {
    started = performance.now();
    const due = await store.dueJobs(DUE_NOW, DUE_COUNT);
    times.push(performance.now() - started);
    found.push(due.length);
  }
  await store.close();
  return { agents, loadMs, firstMs, ms: median(times), found };
}

async function child(mode: string, args: string[]): Promise<unknown> {
  switch (mode) {
    case "latency":
      return latency(args[0]!);
    case "due":
      return dueCost(Number(args[0]), args[1]!);
    default:
      throw new Error(`unknown mode ${mode}`);
  }
}

function inChild<T>(...args: string[]): T {
  const argv = [...process.execArgv, import.meta.filename, "--child", ...args];
  const result = spawnSync(process.execPath, argv, { encoding: "utf8", maxBuffer: 2 ** 24 });
  if (result.status !== 0) throw new Error(`bench child ${args.join(" ")} failed:\n${result.stderr}`);
  return JSON.parse(result.stdout.trim().split("\n").at(-1)!) as T;
}

/** /dev/shm first when it exists; the OS temp dir too when it is a different file system (real fsync). */
function baseDirs(): string[] {
  const temp = tmpdir();
  if (!existsSync("/dev/shm")) return [temp];
  return statSync("/dev/shm").dev === statSync(temp).dev ? ["/dev/shm"] : ["/dev/shm", temp];
}

async function main() {
  const ms = (value: number) => `${value.toFixed(1)} ms`.padStart(9);
  const bases = baseDirs();
  const roots = await Promise.all(bases.map((base) => mkdtemp(join(base, "planner-bench-store-"))));
  try {
    console.log(`store: file store, ${LATENCY_AGENTS.toLocaleString("en")} agents × ${LATENCY_JOBS_PER_AGENT} jobs on disk; router calls one at a time on random agents`);
    console.log(`  ${LATENCY_CALLS} calls each after ${LATENCY_WARMUP_CALLS} warm-up calls; target p95 ≤ ${LATENCY_TARGET_MS} ms`);
    if (bases[0] === "/dev/shm") console.log(`  /dev/shm is memory (fsync costs nearly nothing)${bases.length > 1 ? `; ${bases[1]} is a disk file system (fsync waits for the device)` : ""}`);
    console.log(`  ${"dir".padEnd(10)} ${"call".padEnd(12)} ${"p50".padStart(9)} ${"p95".padStart(9)} ${"max".padStart(9)}  verdict`);
    roots.forEach((root, i) => {
      const result = inChild<{ loadMs: number; create: Latency; update: Latency }>("latency", join(root, "latency"));
      for (const [call, stats] of [
        ["jobs.create", result.create],
        ["jobs.update", result.update],
      ] as const) {
        const line = `  ${bases[i]!.padEnd(10)} ${call.padEnd(12)} ${ms(stats.p50)} ${ms(stats.p95)} ${ms(stats.max)}`;
        const hint = bases[i] === "/dev/shm" ? undefined : "a disk file system: every write waits for fsync on the device, which /dev/shm does not";
        console.log(`${line}  ${checkTarget({ what: "p95", value: stats.p95, bound: "≤", limit: LATENCY_TARGET_MS, unit: "ms", hint })}`);
      }
      console.log(`  ${bases[i]!.padEnd(10)} (loading ${LATENCY_AGENTS.toLocaleString("en")} agents took ${(result.loadMs / 1000).toFixed(1)} s)`);
    });

    const dueBase = bases[0]!;
    console.log(
      `dueJobs(now, ${DUE_COUNT}) in ${dueBase}: ${DUE_COUNT} due jobs on ${DUE_COUNT} agents, ${DUE_JOBS_PER_AGENT} jobs per agent, ` +
        `the rest due in ${FAR_FUTURE.slice(0, 4)}; median of ${DUE_ROUNDS} calls after one warm-up`,
    );
    console.log(`  ${"jobs".padStart(7)} ${"agents".padStart(7)} ${"median".padStart(9)} ${"1st call".padStart(9)}  (1st call: a fresh store rebuilds its index)`);
    const costs = DUE_SIZES.map((size) => {
      const result = inChild<{ agents: number; loadMs: number; firstMs: number; ms: number; found: number[] }>("due", String(size), join(roots[0]!, `due-${size}`));
      const foundNote = result.found.every((n) => n === DUE_COUNT) ? "" : `  (found per call: ${result.found.join(", ")}!)`;
      const loadNote = `loaded in ${(result.loadMs / 1000).toFixed(1)} s`;
      console.log(`  ${size.toLocaleString("en").padStart(7)} ${result.agents.toLocaleString("en").padStart(7)} ${ms(result.ms)} ${ms(result.firstMs)}  ${loadNote}${foundNote}`);
      return result.ms;
    });
    const ratio = costs.at(-1)! / costs[0]!;
    const growth = "the bound is growth with the number of jobs: dueJobs must read the due index, not every agent";
    console.log(`  ${checkTarget({ what: "100,000 vs 1,000", value: ratio, bound: "≤", limit: 2, unit: "×", digits: 2, hint: growth })}`);
  } finally {
    await Promise.all(roots.map((root) => rm(root, { recursive: true, force: true })));
  }
}

const [flag, mode, ...args] = process.argv.slice(2);
if (flag === "--child" && mode) console.log(JSON.stringify(await child(mode, args)));
else await main();

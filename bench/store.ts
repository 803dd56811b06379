/**
 * The stores' write latency at scale (issues 11 and 20). Run: `npx tsx bench/store.ts` (or `npm run bench -- store`).
 * Prints numbers and whether each target is met; asserts nothing.
 *
 * `jobs.create` and `jobs.update` through the tRPC router (`createCallerFactory(plannerRouter)`, so input
 * validation, the handler and the store's write, as a UI call pays them minus HTTP), one call at a time on random
 * agents, with 1,000 agents × 20 jobs. Target: p95 ≤ 10 ms for each, for
 * - the file store (JSON agent files + SQLite) on disk (`os.tmpdir()`, where every durable write waits for fsync on
 *   the device) and on tmpfs (`/dev/shm`, skipped with the reason when it does not exist). Beside each, the bound
 *   measured in the same run: a bare SQLite `INSERT` + `COMMIT` of a 3 KB row (libsql, WAL, synchronous=FULL, so
 *   the commit waits for its WAL sync, as the store's commit + fdatasync of the WAL does), which every durable
 *   runtime write pays at least;
 * - the PostgreSQL store (`postgresStore`, a fresh schema dropped afterwards) on the server at
 *   `PLANNER_BENCH_POSTGRES_URL` (else `PLANNER_TEST_POSTGRES_URL`; neither set or no server answering: the rows
 *   say "skipped" and why). Beside it, the bound: a bare `BEGIN`, `INSERT` of a 3 KB row, `COMMIT` on the same
 *   pool, and the database's CPU per call when it can be read cheaply (bench/lib/postgres.ts).
 * Each store is measured in a fresh child process, so one's heap does not weigh on the next.
 *
 * (How `dueJobs` grows with the number of stored jobs is measured through `tick()` in bench/tick.ts.)
 */
import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { createContextInner } from "../src/server/context";
import { createPlanner } from "../src/server/planner";
import { plannerRouter } from "../src/server/router";
import { fileStore, type PlannerStore } from "../src/server/store";
import { createCallerFactory } from "../src/server/trpc";
import type { Job } from "../src/shared/schemas";
import { describeMount, isMemoryFilesystem } from "./lib/filesystem";
import { type DatabaseCpu, benchApplicationName, benchPostgresStore, benchSchema, databaseCpu, dropSchema, findPostgres, shownUrl } from "./lib/postgres";
import { checkTarget, skippedTarget } from "./lib/target";

const LATENCY_AGENTS = 1_000;
const LATENCY_JOBS_PER_AGENT = 20;
const LATENCY_CALLS = 500;
const LATENCY_WARMUP_CALLS = 20;
const LATENCY_TARGET_MS = 10;

/** Agents written at once while loading: the writes overlap, the index appends queue behind its lock. */
const LOAD_CONCURRENCY = 16;
const CREATED_AT = "2026-12-01T00:00:00.000Z";
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


interface Latency {
  p50: number;
  p95: number;
  max: number;
}

function summary(samples: number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1)! };
}

/** 1,000 agents × 20 jobs in `store`, then `jobs.create` and `jobs.update` one at a time through the router. */
async function latency(store: PlannerStore, onCalls?: { before(): Promise<void>; after(): Promise<void> }) {
  const loadStarted = performance.now();
  await load(store, LATENCY_AGENTS, LATENCY_JOBS_PER_AGENT, () => FAR_FUTURE);
  const loadMs = performance.now() - loadStarted;
  const planner = createPlanner({ store, auth: () => null, canAccessAgent: () => true });
  const caller = createCallerFactory(plannerRouter)(createContextInner(planner.deps, { userId: "bench-user" }));
  const next = random(1);
  const pick = (n: number) => Math.floor(next() * n);
  const revisions = new Map<string, number>();

  // Names are unique within an agent (a second "Morning brief" is refused), so each call names its job.
  const create = (call: number) =>
    caller.jobs.create({
      agentId: agentId(pick(LATENCY_AGENTS)),
      name: `Morning brief ${call}`,
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
    await onCalls?.before();
    const samples: number[] = [];
    for (let i = 0; i < LATENCY_CALLS; i++) {
      const started = performance.now();
      await call(LATENCY_WARMUP_CALLS + i);
      samples.push(performance.now() - started);
    }
    await onCalls?.after();
    return summary(samples);
  }

  return { loadMs, create: await measure(create), update: await measure(update) };
}

/** The file store in `dir`, and the bare SQLite bound in the same directory. */
async function fileLatency(dir: string) {
  const store = fileStore({ dir });
  try {
    return { ...(await latency(store)), bare: bareSqlite(join(dir, "bare.db")) };
  } finally {
    await store.close();
  }
}

/** The PostgreSQL store in `schema` (created here, dropped by the parent), the bare INSERT + COMMIT, the database's CPU. */
async function postgresLatency(url: string, schema: string) {
  const store = benchPostgresStore(url, schema);
  const probe = await databaseCpu(url);
  const cpu = probe.ok ? probe.cpu : null;
  /** Database CPU per call of each measured phase, in order (create, then update). */
  const dbCpuPerCall: number[] = [];
  let cpuBefore = 0;
  try {
    const result = await latency(store, {
      before: async () => void (cpuBefore = (await cpu?.read()) ?? 0),
      after: async () => void (cpu && dbCpuPerCall.push(((await cpu.read()) - cpuBefore) / LATENCY_CALLS)),
    });
    const { latency: bare, dbCpuPerCall: bareCpu } = await barePostgres(url, schema, cpu);
    return {
      ...result,
      bare,
      dbCpu: cpu ? { what: cpu.what, create: dbCpuPerCall[0]!, update: dbCpuPerCall[1]!, bare: bareCpu ?? NaN } : null,
      dbCpuNote: probe.ok ? null : probe.reason,
    };
  } finally {
    await store.close();
    await cpu?.close();
  }
}

/** The floor: one `INSERT` of a 3 KB row and its `COMMIT`, on the same device, with the store's settings. */
function bareSqlite(path: string): Latency {
  const require = createRequire(import.meta.url);
  const Database = require("libsql") as new (path: string) => {
    exec(sql: string): void;
    prepare(sql: string): { run(...params: unknown[]): unknown };
    close(): void;
  };
  const db = new Database(path);
  db.exec("PRAGMA journal_mode = WAL");
  db.exec("PRAGMA synchronous = FULL");
  db.exec("CREATE TABLE rows (id TEXT PRIMARY KEY, data TEXT NOT NULL) WITHOUT ROWID");
  const insert = db.prepare("INSERT INTO rows (id, data) VALUES (?, ?)");
  const data = "x".repeat(3 * 1024);
  const samples: number[] = [];
  for (let i = 0; i < LATENCY_CALLS + LATENCY_WARMUP_CALLS; i++) {
    const started = performance.now();
    db.exec("BEGIN IMMEDIATE");
    insert.run(`row-${i}`, data);
    db.exec("COMMIT");
    if (i >= LATENCY_WARMUP_CALLS) samples.push(performance.now() - started);
  }
  db.close();
  return summary(samples);
}

/**
 * The PostgreSQL floor: `BEGIN`, one `INSERT` of a 3 KB row, `COMMIT` (the server's own durability settings), on a
 * pool opened like the store's, in the same schema: what every write transaction of the store pays at least.
 */
async function barePostgres(url: string, schema: string, cpu: DatabaseCpu | null): Promise<{ latency: Latency; dbCpuPerCall: number | null }> {
  const sql = postgres(url, { max: 1, onnotice: () => {}, connection: { application_name: benchApplicationName() } });
  try {
    const table = `"${schema}".bench_bare_rows`;
    await sql.unsafe(`CREATE TABLE ${table} (id text PRIMARY KEY, data text NOT NULL)`);
    const data = "x".repeat(3 * 1024);
    const samples: number[] = [];
    let cpuBefore = 0;
    for (let i = 0; i < LATENCY_CALLS + LATENCY_WARMUP_CALLS; i++) {
      // Read while the connection is open: the backend's CPU is gone from /proc once it ends.
      if (i === LATENCY_WARMUP_CALLS) cpuBefore = (await cpu?.read()) ?? 0;
      const started = performance.now();
      await sql.begin((tx) => tx.unsafe(`INSERT INTO ${table} (id, data) VALUES ($1, $2)`, [`row-${i}`, data], { prepare: true }));
      if (i >= LATENCY_WARMUP_CALLS) samples.push(performance.now() - started);
    }
    const dbCpuPerCall = cpu ? ((await cpu.read()) - cpuBefore) / LATENCY_CALLS : null;
    return { latency: summary(samples), dbCpuPerCall };
  } finally {
    await sql.end({ timeout: 5 });
  }
}

async function child(mode: string, args: string[]): Promise<unknown> {
  switch (mode) {
    case "latency":
      return fileLatency(args[0]!);
    case "latency-postgres":
      return postgresLatency(args[0]!, args[1]!);
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

interface Place {
  /** "disk" or "tmpfs": what the target names. */
  label: string;
  base: string;
}

/** `os.tmpdir()` as the disk, `/dev/shm` as tmpfs; the second is left out, with the reason, when it does not exist. */
function places(): { places: Place[]; notes: string[] } {
  const notes: string[] = [];
  const disk = tmpdir();
  const found: Place[] = [{ label: "disk", base: disk }];
  if (isMemoryFilesystem(disk)) notes.push(`NOTE: os.tmpdir() (${disk}) is ${describeMount(disk)}, not a disk: the "disk" rows do not wait for a device`);
  if (!existsSync("/dev/shm")) notes.push("tmpfs skipped: /dev/shm does not exist on this machine");
  else if (!statSync("/dev/shm").isDirectory()) notes.push("tmpfs skipped: /dev/shm is not a directory");
  else {
    if (!isMemoryFilesystem("/dev/shm")) notes.push(`NOTE: /dev/shm is ${describeMount("/dev/shm")}, not tmpfs`);
    found.push({ label: "tmpfs", base: "/dev/shm" });
  }
  return { places: found, notes };
}

async function main() {
  const ms = (value: number) => `${value.toFixed(1)} ms`.padStart(9);
  const { places: targets, notes } = places();
  const roots = await Promise.all(targets.map((place) => mkdtemp(join(place.base, "planner-bench-store-"))));
  try {
    console.log(
      `store: file store (JSON agent files + SQLite), ${LATENCY_AGENTS.toLocaleString("en")} agents × ${LATENCY_JOBS_PER_AGENT} jobs; jobs.create and jobs.update through the ` +
        `tRPC router (createCaller), one call at a time on random agents`,
    );
    console.log(`  ${LATENCY_CALLS} calls each after ${LATENCY_WARMUP_CALLS} warm-up calls; every update changes the schedule (cron re-validated, nextRunAt recomputed)`);
    for (const place of targets) console.log(`  ${place.label}: ${place.base} (${describeMount(place.base)})`);
    for (const note of notes) console.log(`  ${note}`);
    console.log(`  ${"where".padEnd(6)} ${"call".padEnd(12)} ${"p50".padStart(9)} ${"p95".padStart(9)} ${"max".padStart(9)}  verdict`);
    targets.forEach((place, i) => {
      const result = inChild<{ loadMs: number; create: Latency; update: Latency; bare: Latency }>("latency", join(roots[i]!, "latency"));
      console.log(`  ${place.label.padEnd(6)} ${"bare SQLite".padEnd(12)} ${ms(result.bare.p50)} ${ms(result.bare.p95)} ${ms(result.bare.max)}  (INSERT + COMMIT of 3 KB, the bound)`);
      for (const [call, stats] of [
        ["jobs.create", result.create],
        ["jobs.update", result.update],
      ] as const) {
        const line = `  ${place.label.padEnd(6)} ${call.padEnd(12)} ${ms(stats.p50)} ${ms(stats.p95)} ${ms(stats.max)}`;
        const hint = place.label === "disk" ? "an edit waits for three fsyncs on the device (the agent file's temp file and its directory for the definition, the SQLite commit for the runtime); compare the bare SQLite row and the tmpfs rows" : undefined;
        const target = checkTarget({
          what: `${place.label} ${call} p95`,
          value: stats.p95,
          bound: "≤",
          limit: LATENCY_TARGET_MS,
          unit: "ms",
          reference: { label: "bare SQLite INSERT + COMMIT p95", value: result.bare.p95 },
          ...(hint ? { hint } : {}),
        });
        console.log(`${line}  ${target}`);
      }
      console.log(`  ${place.label.padEnd(6)} (loading ${LATENCY_AGENTS.toLocaleString("en")} agents through store.update took ${(result.loadMs / 1000).toFixed(1)} s)`);
    });
    await postgresRows(ms);
  } finally {
    await Promise.all(roots.map((root) => rm(root, { recursive: true, force: true })));
  }
}

interface PostgresLatency {
  loadMs: number;
  create: Latency;
  update: Latency;
  bare: Latency;
  dbCpu: { what: string; create: number; update: number; bare: number } | null;
  dbCpuNote: string | null;
}

/** The PostgreSQL store's rows: measured in a child on a fresh schema (dropped afterwards), or skipped with the reason. */
async function postgresRows(ms: (value: number) => string) {
  const label = "pg";
  const calls = ["jobs.create", "jobs.update"] as const;
  const server = await findPostgres();
  if (!server.ok) {
    for (const call of calls) {
      console.log(`  ${label.padEnd(6)} ${call.padEnd(12)}  ${skippedTarget({ what: `postgres ${call} p95`, bound: "≤", limit: LATENCY_TARGET_MS, unit: "ms" }, server.reason)}`);
    }
    return;
  }
  console.log(`  ${label}: PostgreSQL ${server.version} at ${shownUrl(server.url)}, postgresStore on a fresh schema (dropped afterwards)`);
  const schema = benchSchema("store");
  let result: PostgresLatency;
  try {
    result = inChild<PostgresLatency>("latency-postgres", server.url, schema);
  } finally {
    await dropSchema(server.url, schema);
  }
  const cpu = result.dbCpu;
  const cpuText = (value: number | undefined) => (cpu && value !== undefined ? `; database CPU ${value.toFixed(2)} ms per call` : "");
  console.log(`  ${label.padEnd(6)} ${"bare PG".padEnd(12)} ${ms(result.bare.p50)} ${ms(result.bare.p95)} ${ms(result.bare.max)}  (BEGIN + INSERT of 3 KB + COMMIT, the bound${cpuText(cpu?.bare)})`);
  for (const [call, stats, dbCpu] of [
    ["jobs.create", result.create, cpu?.create],
    ["jobs.update", result.update, cpu?.update],
  ] as const) {
    const line = `  ${label.padEnd(6)} ${call.padEnd(12)} ${ms(stats.p50)} ${ms(stats.p95)} ${ms(stats.max)}`;
    const target = checkTarget({
      what: `postgres ${call} p95`,
      value: stats.p95,
      bound: "≤",
      limit: LATENCY_TARGET_MS,
      unit: "ms",
      reference: { label: "bare PG INSERT + COMMIT p95", value: result.bare.p95 },
      hint: "an edit is one transaction (the agent's row locked, the definition and the runtime written, one commit); compare the bare PG row",
    });
    console.log(`${line}  ${target}${cpuText(dbCpu)}`);
  }
  console.log(`  ${label.padEnd(6)} (loading ${LATENCY_AGENTS.toLocaleString("en")} agents through store.update took ${(result.loadMs / 1000).toFixed(1)} s)`);
  console.log(`  ${label.padEnd(6)} ${cpu ? cpu.what : `database CPU not read: ${result.dbCpuNote}`}`);
}

const [flag, mode, ...args] = process.argv.slice(2);
if (flag === "--child" && mode) console.log(JSON.stringify(await child(mode, args)));
else await main();

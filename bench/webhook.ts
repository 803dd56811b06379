/**
 * Throughput and latency of the Composio webhook route, each printed beside a bound measured in the same run
 * (tracker issue 21, part 13). Run: `npx tsx bench/webhook.ts` (or `npm run bench -- webhook`). Prints numbers and
 * whether each target is met; asserts nothing, and exits 0 when a target is missed.
 *
 * One child process per store serves, from a plain Node `http` server on 127.0.0.1 and through one fetch-API
 * conversion (bench/lib/fetch-server.ts: the Node request as a `Request`, the `Response` written back):
 * - the route: `createComposioWebhookRoute({ planner }).POST`. The planner is the real one with its in-process
 *   scheduler started and no-op executors, so every verified delivery is stored (dedupe record, counter, queued run
 *   with its event) before its 200, and its run is then started, executed and finished while the load goes on. The
 *   store holds ONE agent with 100 jobs (due next year, so the scheduler never fires them) and 10 triggers; the
 *   deliveries go to one of the 10.
 * - the bare route: a handler that only reads the body (what HTTP and the conversion cost);
 * - the minimal durable receiver (bench/lib/durable-receiver.ts): the signature verified with the same
 *   `verifyComposioWebhook`, the delivery appended as one line to a file whose appends are group-committed (the
 *   lines arriving during a write + fdatasync share the next one), 200 once its line is on disk. Its log is under
 *   `os.tmpdir()`, on the same file system as the file store.
 * Every request is a new delivery (its own `webhook-id`, a current timestamp, a fresh signature), so what is
 * measured is the verified "dispatched" path, not the duplicate one.
 *
 * Throughput: autocannon, 50 connections flat out. A reference is measured in two halves, just before and just
 * after the store's run (its queued runs drained in between), so a machine that slows down during the run moves
 * both alike.
 * (a) file store (SQLite, `fileStore`): ≥ 0.8 × the durable receiver.
 * (b) memory store: ≥ 0.6 × the bare route.
 * (c) PostgreSQL store (`postgresStore` on a fresh schema, dropped afterwards): ≥ 0.5 × the durable receiver, on the
 *     server at `PLANNER_BENCH_POSTGRES_URL` (else `PLANNER_TEST_POSTGRES_URL`; neither set or no server answering:
 *     its rows say "skipped" and why). The database's CPU per delivery is printed when it can be read cheaply.
 * Latency: an open-loop load (bench/lib/open-loop.ts) at a fixed 1,000 deliveries/s, one request due every 1 ms
 * whatever the answers do, latency measured from each request's due time (no coordinated omission). The bare route
 * is measured at the same rate in the same server process, in two halves around the store's run.
 * (d) per store (memory, file, PostgreSQL when available): p99 ≤ 10 ms, and
 * (e) p99 ≤ 2 × the bare route's p99 at that rate.
 * Each server also reports its CPU per delivery (the route and the delivery's run, over the load and the drain
 * after it), beside the durable receiver's or the bare route's.
 */
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import autocannon from "autocannon";
import { createPlanner, type PlannerExecutors } from "../src/server";
import { createComposioGateway, verifyComposioWebhook } from "../src/server/composio";
import { createComposioWebhookRoute } from "../src/server/next";
import { fileStore, memoryStore, type PlannerStore } from "../src/server/store";
import type { Job, Trigger } from "../src/shared/schemas";
import { signComposioWebhook } from "../src/sandbox/sign";
import { gmailDelivery, gmailTrigger } from "../test/helpers/triggers";
import { durableReceiver, openGroupCommitLog } from "./lib/durable-receiver";
import { send, toRequest } from "./lib/fetch-server";
import { describeMount } from "./lib/filesystem";
import { mergeOpenLoop, openLoop, percentile, percentileOf, type OpenLoopResult } from "./lib/open-loop";
import { benchPostgresStore, benchSchema, databaseCpu, dropSchema, findPostgres, shownUrl, type DatabaseCpu } from "./lib/postgres";
import { checkTarget, skippedTarget } from "./lib/target";

const SECRET = "whsec_bench_secret_value";
const AGENT_ID = "agent-1";
const JOBS = 100;
const TRIGGERS = 10;
/** Which of the 10 triggers the deliveries are for (the others have Composio ids no delivery names). */
const DELIVERED_TRIGGER = 6;

const CONNECTIONS = 50;
const WARMUP_SECONDS = 2;
const DURATION_SECONDS = 10;
/** Each half of a throughput reference (before and after the store's run). */
const REFERENCE_HALF_SECONDS = 5;
const TARGET_FILE_VS_DURABLE = 0.8;
const TARGET_MEMORY_VS_BARE = 0.6;
const TARGET_POSTGRES_VS_DURABLE = 0.5;

/** Offered load of the latency targets, and how long it is held (after a warm-up at the same rate). */
const RATE_PER_SECOND = 1_000;
const RATE_SECONDS = 10;
const RATE_WARMUP_SECONDS = 1;
/** Each half of the bare route's run at the same rate (before and after the store's). */
const RATE_REFERENCE_HALF_SECONDS = 5;
/**
 * A request of the open-loop load unanswered this long after it was sent fails (and ranks slower than every answer);
 * once 3 s of load is waiting, the rest of the load is not sent (bench/lib/open-loop.ts).
 */
const RATE_TIMEOUT_MS = 5_000;
const TARGET_P99_MS = 10;
const TARGET_P99_VS_BARE = 2;
/** The longest the bench waits for the queued runs to be executed after a load. */
const DRAIN_TIMEOUT_MS = 90_000;

const ROUTE_PATH = "/api/workforce/triggers/webhook";
const STATS_PATH = "/_bench/stats";
const IDLE_PATH = "/_bench/idle";
/** The same server and request conversion around a handler that only reads the body: what HTTP itself costs. */
const BARE_PATH = "/_bench/bare";
/** The same server and request conversion around the minimal durable receiver. */
const DURABLE_PATH = "/_bench/durable";

type StoreKind = "memory" | "file" | "postgres";
type ReferenceKind = "bare" | "durable";

const REFERENCES: Record<ReferenceKind, { path: string; label: string; outcome: string }> = {
  bare: { path: BARE_PATH, label: "bare route", outcome: "dispatched" },
  durable: { path: DURABLE_PATH, label: "durable receiver", outcome: "received" },
};

const gmail = gmailDelivery;
const body = JSON.stringify(gmail);
// The envelope's id is swapped for each delivery's id, as Composio sends the same id in the body and the header.
const [bodyBefore, bodyAfter] = body.split(JSON.stringify(gmail.id)) as [string, string];

/** A delivery Composio could have sent just now: a new id, the current time, a signature over both. */
function signedDelivery(id: string) {
  const timestamp = Math.floor(Date.now() / 1000);
  const raw = `${bodyBefore}${JSON.stringify(id)}${bodyAfter}`;
  const headers = {
    "content-type": "application/json",
    "webhook-id": id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": signComposioWebhook({ id, timestamp, body: raw, secret: SECRET }),
  };
  return { headers, raw };
}

/** 100 jobs, all due on the next 1 January (yearly), so none fires while the bench runs. */
function benchJobs(at: string): Job[] {
  const nextRunAt = `${new Date().getUTCFullYear() + 1}-01-01T00:00:00.000Z`;
  return Array.from({ length: JOBS }, (_, index) => ({
    id: `job_bench${String(index).padStart(7, "0")}`,
    name: `Digest ${index}`,
    schedule: { cron: "0 0 1 1 *", timezone: "UTC" },
    action: { type: "chat", template: "Good {timeOfDay} {agentName}, here is the digest for {date}." },
    policy: { misfire: "runOnce", overlap: "skip" },
    enabled: true,
    revision: 1,
    createdAt: at,
    updatedAt: at,
    state: { nextRunAt, consecutiveFailures: 0, scheduleRevision: 1 },
  }));
}

/** 10 enabled Gmail triggers; only number DELIVERED_TRIGGER carries the Composio id the deliveries name. */
function benchTriggers(at: string): Trigger[] {
  return Array.from({ length: TRIGGERS }, (_, index) =>
    gmailTrigger(at, {
      id: `trg_bench${String(index).padStart(7, "0")}`,
      name: `Inbox ${index}`,
      ...(index === DELIVERED_TRIGGER ? {} : { composioTriggerId: `ti_bench_other_${index}` }),
    }),
  );
}

/**
 * The server child: prints its port, serves the route, the bare route and the durable receiver until killed.
 * `where`: the durable receiver's folder, then the file store's folder (file) or the URL and schema (postgres).
 * `GET /_bench/stats` answers the delivered trigger's counters, the executor calls, the process's CPU and the
 * receiver's syncs so far; `GET /_bench/idle` the same once the scheduler is idle.
 */
async function serve(kind: StoreKind, where: string[]) {
  const [logDir, first, second] = where as [string, string, string];
  const store: PlannerStore = kind === "file" ? fileStore({ dir: first }) : kind === "postgres" ? benchPostgresStore(first, second) : memoryStore();
  // The real gateway, built offline-safe; the route only reads its webhook secret, nothing calls Composio.
  const composio = createComposioGateway({ apiKey: "bench-api-key", baseURL: "http://127.0.0.1:9", webhookSecret: SECRET });
  let executed = 0;
  const executors: PlannerExecutors = {
    startChat: ({ source }) => Promise.resolve(void executed++).then(() => ({ threadId: source.runId })),
    runWorkflow: ({ source }) => Promise.resolve(void executed++).then(() => ({ workflowRunId: source.runId })),
  };
  const planner = createPlanner({ store, auth: () => null, canAccessAgent: () => false, composio, executors });
  const at = new Date().toISOString();
  const triggers = benchTriggers(at);
  await store.update(AGENT_ID, (current) => ({ ...current, jobs: benchJobs(at), triggers }));
  await planner.start();
  const { POST } = createComposioWebhookRoute({ planner });
  const log = await openGroupCommitLog(join(logDir, `durable-receiver-${kind}.log`));
  const receive = durableReceiver({ secret: SECRET, log });
  const deliveredId = triggers[DELIVERED_TRIGGER]!.id;
  const stats = async () => {
    const trigger = (await store.get(AGENT_ID)).triggers.find((t) => t.id === deliveredId)!;
    const cpu = process.cpuUsage();
    return Response.json({ ...trigger.state, executed, cpuMs: (cpu.user + cpu.system) / 1000, durable: log.stats() });
  };

  const server = createServer((req, res) => {
    const handle = async () => {
      if (req.method === "GET" && req.url === STATS_PATH) return send(res, await stats());
      if (req.method === "GET" && req.url === IDLE_PATH) {
        await planner.idle();
        return send(res, await stats());
      }
      const request = await toRequest(req);
      if (req.url === BARE_PATH) {
        await request.arrayBuffer();
        return send(res, Response.json({ status: "dispatched" }));
      }
      if (req.url === DURABLE_PATH) return send(res, await receive(request));
      return send(res, await POST(request));
    };
    handle().catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });
  // A clean exit on `kill()`, so flags such as --cpu-prof can write their output.
  process.once("SIGTERM", () => {
    const stopped = planner.stop().then(() => Promise.all([store.close(), log.close()]));
    void Promise.race([stopped, new Promise((resolve) => setTimeout(resolve, 5_000))]).finally(() => process.exit(0));
  });
  server.listen(0, "127.0.0.1", () => {
    const address = server.address();
    console.log(JSON.stringify({ port: typeof address === "object" && address ? address.port : 0 }));
  });
}

interface ServerCounters {
  firedCount: number;
  filteredCount: number;
  duplicateCount: number;
  executed: number;
  /** The server process's CPU so far (user + system), ms. */
  cpuMs: number;
  /** The durable receiver's syncs and the lines they carried, so far. */
  durable: { syncs: number; lines: number };
}

async function readCounters(url: string, path = STATS_PATH): Promise<ServerCounters> {
  const response = await fetch(`${url}${path}`, { signal: AbortSignal.timeout(DRAIN_TIMEOUT_MS) });
  return (await response.json()) as ServerCounters;
}

/**
 * The trigger's counters once the route is idle: when autocannon stops, up to one request per connection is
 * still being handled, so read until two reads 100 ms apart agree on the counts.
 */
async function settledCounters(url: string): Promise<ServerCounters> {
  const key = (c: ServerCounters) => `${c.firedCount}/${c.filteredCount}/${c.duplicateCount}/${c.durable.lines}`;
  let previous = await readCounters(url);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const current = await readCounters(url);
    if (key(current) === key(previous)) return current;
    previous = current;
  }
}

/** Waits until the scheduler has executed every queued run (or the timeout); how long it took and the counters. */
async function drained(url: string): Promise<{ ms: number; counters: ServerCounters | null }> {
  const started = performance.now();
  try {
    const counters = await readCounters(url, IDLE_PATH);
    return { ms: performance.now() - started, counters };
  } catch {
    return { ms: performance.now() - started, counters: null };
  }
}

interface Load {
  result: Pick<autocannon.Result, "2xx" | "non2xx" | "errors" | "timeouts" | "duration">;
  /** 2xx answers per second. */
  perSecond: number;
  /** Answers by outcome: the `status` of a 200 answer, else the HTTP status. */
  outcomes: Map<string, number>;
  /** Requests built (each a new delivery id). */
  sent: number;
  /** Every answer's latency in ms, sorted (autocannon's own histogram keeps whole milliseconds). */
  latencies: number[];
}

/** Drives the server flat out for `seconds` (closed loop); every request is a new signed delivery. */
function load(url: string, path: string, seconds: number, run: string): Promise<Load> {
  let sequence = 0;
  const outcomes = new Map<string, number>();
  const latencies: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: CONNECTIONS,
        duration: seconds,
        requests: [
          {
            method: "POST",
            path,
            setupRequest(request) {
              const { headers, raw } = signedDelivery(`msg_bench_${run}_${String(sequence++).padStart(8, "0")}`);
              return { ...request, headers, body: raw };
            },
            onResponse(status, responseBody) {
              const outcome = status === 200 ? (/"status":"(\w+)"/.exec(responseBody)?.[1] ?? "200 ?") : String(status);
              outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
            },
          },
        ],
      },
      (error, result) => {
        if (error) reject(error instanceof Error ? error : new Error(String(error)));
        else resolve({ result, perSecond: result["2xx"] / result.duration, outcomes, sent: sequence, latencies: latencies.sort((a, b) => a - b) });
      },
    );
    instance.on("response", (_client: unknown, _status: number, _bytes: number, responseTime: number) => void latencies.push(responseTime));
  });
}

/** Two closed-loop loads as one: answers summed over the summed durations. */
function mergeLoads(a: Load, b: Load): Load {
  const outcomes = new Map(a.outcomes);
  for (const [outcome, n] of b.outcomes) outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + n);
  const result = {
    "2xx": a.result["2xx"] + b.result["2xx"],
    non2xx: a.result.non2xx + b.result.non2xx,
    errors: a.result.errors + b.result.errors,
    timeouts: a.result.timeouts + b.result.timeouts,
    duration: a.result.duration + b.result.duration,
  };
  return { result, perSecond: result["2xx"] / result.duration, outcomes, sent: a.sent + b.sent, latencies: [...a.latencies, ...b.latencies].sort((x, y) => x - y) };
}

/** Open-loop load at RATE_PER_SECOND on `path` for `seconds` (after RATE_WARMUP_SECONDS at the same rate). */
function rateLoad(url: string, path: string, seconds: number, run: string): Promise<OpenLoopResult> {
  return openLoop({
    url,
    path,
    ratePerSecond: RATE_PER_SECOND,
    seconds,
    warmupSeconds: RATE_WARMUP_SECONDS,
    timeoutMs: RATE_TIMEOUT_MS,
    request: (index) => {
      const { headers, raw } = signedDelivery(`msg_bench_${run}_${String(index).padStart(8, "0")}`);
      return { headers, body: raw };
    },
  });
}

/** Verifications + parses per second in this process, on one body signed once: the most the route could do per core. */
function verifyLoopRate(): number {
  const { headers, raw } = signedDelivery("msg_bench_verify_loop");
  const input = {
    id: headers["webhook-id"],
    timestamp: headers["webhook-timestamp"],
    signatureHeader: headers["webhook-signature"],
    rawBody: raw,
    secret: SECRET,
  };
  let count = 0;
  let sink = 0;
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < 2_000) {
    for (let i = 0; i < 500; i++) {
      if (!verifyComposioWebhook({ ...input, now: Date.now() }).ok) throw new Error("The bench delivery does not verify.");
      sink += (JSON.parse(raw) as { data: object }).data ? 1 : 0;
    }
    count += 500;
    elapsed = performance.now() - started;
  }
  if (sink !== count) throw new Error("JSON.parse lost the body.");
  return (count * 1000) / elapsed;
}

async function startServer(kind: StoreKind, where: string[]) {
  const args = [...process.execArgv, import.meta.filename, "--serve", kind, ...where];
  const server = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
  const firstLine = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: server.stdout });
    lines.once("line", resolve);
    server.once("exit", (code) => reject(new Error(`The bench server exited (${String(code)}) before listening.`)));
  });
  const { port } = JSON.parse(firstLine) as { port: number };
  const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
  return {
    url: `http://127.0.0.1:${port}`,
    pid: server.pid!,
    stop: async () => {
      server.kill();
      await exited;
    },
  };
}

const fmt = (n: number) => Math.round(n).toLocaleString("en");
const msText = (value: number) => (Number.isNaN(value) ? "n/a" : value === Infinity ? "unanswered" : `${value.toFixed(value < 10 ? 2 : 1)} ms`);
const p99 = (sorted: number[]) => percentile(sorted, 99);
/** p99 of an open-loop load, unanswered requests included (`Infinity` when it falls on one). */
const rateP99 = (load: OpenLoopResult) => percentileOf(load, 99);

/** Answers other than `expected`, non-2xx, errors and timeouts of a load, in words; "" when every answer was `expected`. */
function problems(load: Load, expected = "dispatched"): string {
  const others = [...load.outcomes].filter(([outcome]) => outcome !== expected).map(([outcome, n]) => `${outcome} ${fmt(n)}`);
  const { non2xx, errors, timeouts } = load.result;
  const counts = [non2xx > 0 ? `non-2xx ${fmt(non2xx)}` : "", errors > 0 ? `errors ${errors}` : "", timeouts > 0 ? `timeouts ${timeouts}` : ""];
  return [...others, ...counts].filter(Boolean).join(", ");
}

/** The same for an open-loop load, which also fails when a request went unanswered. */
function rateProblems(load: OpenLoopResult, expected = "dispatched"): string {
  const others = [...load.outcomes].filter(([outcome]) => outcome !== expected).map(([outcome, n]) => `${outcome} ${fmt(n)}`);
  const unanswered = load.scheduled - load.latencies.length;
  return [...others, unanswered > 0 ? `${fmt(unanswered)} of ${fmt(load.scheduled)} unanswered within ${RATE_TIMEOUT_MS / 1000} s or not sent` : ""].filter(Boolean).join(", ");
}

function latencyLine(sorted: number[]): string {
  return `p50 ${msText(percentile(sorted, 50))}, p99 ${msText(p99(sorted))}, max ${msText(sorted.at(-1) ?? NaN)}`;
}

function rateLine(label: string, load: OpenLoopResult, expected = "dispatched"): string {
  const issues = rateProblems(load, expected);
  return (
    `    ${label.padEnd(34)} ${fmt(load.perSecond)}/s answered 2xx, from the due time: ` +
    `p50 ${msText(percentileOf(load, 50))}, p99 ${msText(rateP99(load))}, max answered ${msText(load.latencies.at(-1) ?? NaN)}; ` +
    `generator lag p99 ${msText(p99(load.sendLag))}, ${load.connections} connections${issues ? ` — NOT all ${expected}: ${issues}` : ""}`
  );
}

/** A flat-out load and what it cost per delivery: the server's CPU, and the database's when it was read. */
type Throughput = Load & { cpuPerDelivery: number; dbPerDelivery: number | null };

/** The reference measured around a store's throughput run: both halves merged, and its CPU per answer. */
interface Reference {
  kind: ReferenceKind;
  load: Load;
  cpuPerAnswer: number;
  /** Durable receiver only: lines per fdatasync over both halves. */
  linesPerSync: number | null;
}

interface StoreResult {
  kind: StoreKind;
  run: Throughput;
  reference: Reference;
  rate: { route: OpenLoopResult; bare: OpenLoopResult; durable: OpenLoopResult | null };
}

/** One half of a reference: a flat-out load of the reference path, with the server's CPU and the receiver's syncs over it. */
async function referenceHalf(url: string, kind: ReferenceKind, run: string) {
  const before = await readCounters(url);
  const half = await load(url, REFERENCES[kind].path, REFERENCE_HALF_SECONDS, run);
  const after = await settledCounters(url);
  return { half, cpuMs: after.cpuMs - before.cpuMs, syncs: after.durable.syncs - before.durable.syncs, lines: after.durable.lines - before.durable.lines };
}

/**
 * Warm-up of both, then the reference for REFERENCE_HALF_SECONDS, the route DURATION_SECONDS flat out at 50
 * connections (counters checked and its runs drained after it), the reference again. `dbCpu`: the database's
 * CPU, read around the route's load and its drain.
 */
async function throughputPhase(kind: StoreKind, url: string, referenceKind: ReferenceKind, dbCpu: DatabaseCpu | null): Promise<{ run: Throughput; reference: Reference }> {
  const probe = signedDelivery(`msg_bench_probe_${kind}`);
  const first = await fetch(`${url}${ROUTE_PATH}`, { method: "POST", headers: probe.headers, body: probe.raw });
  const firstAnswer = await first.text();
  if (first.status !== 200 || !firstAnswer.includes('"dispatched"')) throw new Error(`The bench delivery was not dispatched: ${first.status} ${firstAnswer}`);
  const ref = REFERENCES[referenceKind];

  await load(url, ref.path, WARMUP_SECONDS, `${kind}_${referenceKind}_warmup`);
  await load(url, ROUTE_PATH, WARMUP_SECONDS, `${kind}_warmup`);
  const warm = await drained(url);

  const refBefore = await referenceHalf(url, referenceKind, `${kind}_${referenceKind}_before`);
  const before = await settledCounters(url);
  const dbBefore = dbCpu ? await dbCpu.read() : 0;
  const run = await load(url, ROUTE_PATH, DURATION_SECONDS, `${kind}_run`);
  const after = await settledCounters(url);
  const drain = await drained(url);
  const dbMs = dbCpu ? (await dbCpu.read()) - dbBefore : null;
  const refAfter = await referenceHalf(url, referenceKind, `${kind}_${referenceKind}_after`);

  const referenceLoad = mergeLoads(refBefore.half, refAfter.half);
  const syncs = refBefore.syncs + refAfter.syncs;
  const reference: Reference = {
    kind: referenceKind,
    load: referenceLoad,
    cpuPerAnswer: (refBefore.cpuMs + refAfter.cpuMs) / Math.max(1, referenceLoad.result["2xx"]),
    linesPerSync: referenceKind === "durable" && syncs > 0 ? (refBefore.lines + refAfter.lines) / syncs : null,
  };

  console.log(`  ${kind} store, ${CONNECTIONS} connections flat out, ${run.result.duration.toFixed(1)} s after a ${WARMUP_SECONDS} s warm-up:`);
  console.log(`    route: ${fmt(run.perSecond)} dispatched deliveries/s (${fmt(run.result["2xx"])} 2xx); latency ${latencyLine(run.latencies)}`);
  const dispatched = run.outcomes.get("dispatched") ?? 0;
  const issues = problems(run);
  console.log(`    answers: dispatched ${fmt(dispatched)}; non-2xx ${fmt(run.result.non2xx)}, errors ${run.result.errors}, timeouts ${run.result.timeouts}${issues ? ` — NOT all dispatched: ${issues}` : ""}`);
  // Requests still in flight when the clock stopped are handled (and counted by the trigger) but not answered to autocannon.
  const fired = after.firedCount - before.firedCount;
  const duplicates = after.duplicateCount - before.duplicateCount;
  const filtered = after.filteredCount - before.filteredCount;
  const consistent = duplicates === 0 && filtered === 0 && fired === run.sent;
  const countersNote = consistent ? "every request sent fired once" : `NOT one firing per request sent (${fmt(run.sent)} sent)`;
  console.log(`    trigger counters: fired +${fmt(fired)}, duplicate +${duplicates}, filtered +${filtered} — ${countersNote}`);
  if (drain.counters && warm.counters) {
    // The warm-up's runs were drained before `before` was read, so `before.executed` counts all of them.
    const executed = drain.counters.executed - before.executed;
    const backlog = drain.counters.executed - after.executed;
    const note = drain.counters.executed === drain.counters.firedCount ? "every fired delivery's run executed" : `NOT every fired delivery's run executed (${fmt(drain.counters.firedCount)} fired in all, ${fmt(drain.counters.executed)} executed)`;
    console.log(
      `    runs: ${fmt(executed)} executed by the no-op executor for this load, ${fmt(backlog)} of them after the load stopped ` +
        `(the queue drained in ${(drain.ms / 1000).toFixed(1)} s) — ${note}`,
    );
  } else {
    console.log(`    runs: the scheduler was not idle ${DRAIN_TIMEOUT_MS / 1000} s after the load stopped (runs still queued)`);
  }
  const cpuPerDelivery = drain.counters && fired > 0 ? (drain.counters.cpuMs - before.cpuMs) / fired : NaN;
  const dbPerDelivery = dbMs !== null && fired > 0 ? dbMs / fired : null;
  if (drain.counters && fired > 0) {
    console.log(
      `    CPU per delivery, the route and its run, over the load and the drain: server ${msText(cpuPerDelivery)}` +
        `${dbPerDelivery === null ? "" : `, database ${msText(dbPerDelivery)}`} (${fmt(fired)} deliveries)`,
    );
  }
  const refIssues = problems(referenceLoad, ref.outcome);
  console.log(
    `    ${ref.label}, same server, ${REFERENCE_HALF_SECONDS} s before and ${REFERENCE_HALF_SECONDS} s after the route: ${fmt(referenceLoad.perSecond)}/s ` +
      `(${fmt(refBefore.half.perSecond)}/s before, ${fmt(refAfter.half.perSecond)}/s after); latency ${latencyLine(referenceLoad.latencies)}; ` +
      `server CPU ${msText(reference.cpuPerAnswer)} per answer` +
      `${reference.linesPerSync === null ? "" : `; ${reference.linesPerSync.toFixed(1)} deliveries per fdatasync`}${refIssues ? ` — NOT all ${ref.outcome}: ${refIssues}` : ""}`,
  );
  return { run: Object.assign(run, { cpuPerDelivery, dbPerDelivery }), reference };
}

/**
 * The latency phase: the bare route at RATE_PER_SECOND for RATE_REFERENCE_HALF_SECONDS, the route for
 * RATE_SECONDS (its runs drained after it), the bare route again; then the durable receiver at that rate when
 * `withDurable`, for scale. Every load open loop with a warm-up at the same rate.
 */
async function ratePhase(kind: StoreKind, url: string, withDurable: boolean): Promise<StoreResult["rate"]> {
  const bareBefore = await rateLoad(url, BARE_PATH, RATE_REFERENCE_HALF_SECONDS, `${kind}_rate_bare_before`);
  const route = await rateLoad(url, ROUTE_PATH, RATE_SECONDS, `${kind}_rate`);
  await drained(url);
  const bareAfter = await rateLoad(url, BARE_PATH, RATE_REFERENCE_HALF_SECONDS, `${kind}_rate_bare_after`);
  const durable = withDurable ? await rateLoad(url, DURABLE_PATH, RATE_REFERENCE_HALF_SECONDS, `${kind}_rate_durable`) : null;
  const bare = mergeOpenLoop([bareBefore, bareAfter]);
  console.log(`  ${kind} store at ${fmt(RATE_PER_SECOND)}/s offered (open loop, one request due every ${1000 / RATE_PER_SECOND} ms, latency from its due time):`);
  console.log(rateLine(`route, ${RATE_SECONDS} s:`, route));
  console.log(
    `${rateLine(`bare route, ${RATE_REFERENCE_HALF_SECONDS} s before + after:`, bare)} ` +
      `(p99 ${msText(rateP99(bareBefore))} before, ${msText(rateP99(bareAfter))} after)`,
  );
  if (durable) console.log(rateLine(`durable receiver, ${RATE_REFERENCE_HALF_SECONDS} s (for scale):`, durable, "received"));
  return { route, bare, durable };
}

/** One store's server: its throughput beside its reference, then its latency beside the bare route's. */
async function storePhase(kind: StoreKind, where: string[], referenceKind: ReferenceKind, options: { withDurableRate?: boolean; postgresUrl?: string } = {}): Promise<StoreResult> {
  const server = await startServer(kind, where);
  let probe: Awaited<ReturnType<typeof databaseCpu>> | null = null;
  try {
    if (options.postgresUrl) {
      // The server child's connections carry its own pid in their application name (see benchPostgresStore).
      probe = await databaseCpu(options.postgresUrl, `agent-planner-bench-${server.pid}`);
      if (!probe.ok) console.log(`    database CPU not read: ${probe.reason}`);
    }
    const { run, reference } = await throughputPhase(kind, server.url, referenceKind, probe?.ok ? probe.cpu : null);
    const rate = await ratePhase(kind, server.url, options.withDurableRate ?? false);
    return { kind, run, reference, rate };
  } finally {
    if (probe?.ok) await probe.cpu.close();
    await server.stop();
  }
}

/** The PostgreSQL store on a fresh schema (dropped afterwards), or why it is skipped. */
async function postgresPhase(logDir: string): Promise<StoreResult | { skipped: string }> {
  const server = await findPostgres();
  if (!server.ok) {
    console.log(`  postgres store: skipped: ${server.reason}`);
    return { skipped: server.reason };
  }
  const schema = benchSchema("webhook");
  console.log(`  postgres store: PostgreSQL ${server.version} at ${shownUrl(server.url)}, postgresStore on a fresh schema (dropped afterwards)`);
  try {
    return await storePhase("postgres", [logDir, server.url, schema], "durable", { postgresUrl: server.url });
  } finally {
    await dropSchema(server.url, schema);
  }
}

/** Each delivery's work beyond a reference's, in words, for a miss. */
const ROUTE_WORK =
  "per delivery the route also parses the envelope, finds the trigger, stores its dedupe record, counter and queued run with the 3 KB event " +
  "(one write), and its run is then started, executed and finished in the same process while the load goes on (more store writes)";

function throughputTarget(label: string, result: StoreResult, ratio: number) {
  const { run, reference } = result;
  const refLabel = REFERENCES[reference.kind].label;
  const limit = ratio * reference.load.perSecond;
  const notAll = problems(run);
  const refNotAll = problems(reference.load, REFERENCES[reference.kind].outcome);
  const missedBecause = [notAll ? `not every answer was 200 dispatched (${notAll})` : "", refNotAll ? `the ${refLabel} did not answer every request ${REFERENCES[reference.kind].outcome} (${refNotAll})` : ""]
    .filter(Boolean)
    .join("; ");
  const cost =
    `server CPU per delivery ${msText(run.cpuPerDelivery)} (route + run, over load and drain)` +
    `${run.dbPerDelivery === null ? "" : ` + database ${msText(run.dbPerDelivery)}`} vs ${msText(reference.cpuPerAnswer)} per answer of the ${refLabel}`;
  return checkTarget({
    what: `${label}, ${CONNECTIONS} connections (${ratio} × ${refLabel} ${fmt(reference.load.perSecond)}/s)`,
    value: run.perSecond,
    bound: "≥",
    limit,
    unit: "/s",
    format: fmt,
    hint: `${ROUTE_WORK}; ${cost}`,
    reference: { label: refLabel, value: reference.load.perSecond },
    ...(missedBecause ? { missedBecause } : {}),
  });
}

function latencyTargets(result: StoreResult): [string, string] {
  const { route, bare, durable } = result.rate;
  const routeP99 = rateP99(route);
  const bareP99 = rateP99(bare);
  const issues = rateProblems(route);
  const bareIssues = rateProblems(bare);
  const missedBecause = [
    routeP99 === Infinity ? `the p99 is over the ${RATE_TIMEOUT_MS / 1000} s timeout (shown as the timeout)` : "",
    issues ? `not every request was answered 200 dispatched (${issues})` : "",
    bareIssues ? `the bare route did not answer every request (${bareIssues})` : "",
  ]
    .filter(Boolean)
    .join("; ");
  const value = Math.min(routeP99, RATE_TIMEOUT_MS);
  const hint =
    `route p50 ${msText(percentileOf(route, 50))}, ${fmt(route.perSecond)}/s answered 2xx (the route's work per delivery: see (a)–(c)); bare route p99 ${msText(bareP99)}` +
    `${durable ? `, durable receiver p99 ${msText(rateP99(durable))}` : ""}; the generator's own lag p99 ${msText(p99(route.sendLag))}`;
  const at = `at ${fmt(RATE_PER_SECOND)}/s`;
  const reference = { label: "bare route p99", value: bareP99 };
  const absolute = checkTarget({
    what: `${result.kind} store p99 ${at}`,
    value,
    bound: "≤",
    limit: TARGET_P99_MS,
    unit: "ms",
    digits: 2,
    hint,
    reference,
    ...(missedBecause ? { missedBecause } : {}),
  });
  const relative = checkTarget({
    what: `${result.kind} store p99 ${at} (${TARGET_P99_VS_BARE} × bare route p99 ${msText(bareP99)})`,
    value,
    bound: "≤",
    // A bare route that left requests unanswered has no p99: its bound is shown at the timeout (and missed above).
    limit: TARGET_P99_VS_BARE * Math.min(bareP99, RATE_TIMEOUT_MS),
    unit: "ms",
    digits: 2,
    hint,
    reference,
    ...(missedBecause ? { missedBecause } : {}),
  });
  return [absolute, relative];
}

async function main() {
  const root = await mkdtemp(join(tmpdir(), "planner-bench-webhook-"));
  const logDir = join(root, "receiver");
  await mkdir(logDir, { recursive: true });
  console.log(
    `webhook: createComposioWebhookRoute POST behind node:http on 127.0.0.1 (server in a child process, one per store); in-process ` +
      `scheduler started, no-op executors, so each delivery dispatches and executes a run`,
  );
  console.log(`  one agent: ${JOBS} jobs (due next 1 January) + ${TRIGGERS} triggers, deliveries to one of them; every request a new signed delivery`);
  console.log(`  file store and durable receiver log under ${tmpdir()} (${describeMount(root)})`);
  try {
    const memory = await storePhase("memory", [logDir], "bare");
    const file = await storePhase("file", [logDir, join(root, "planner")], "durable", { withDurableRate: true });
    const postgres = await postgresPhase(logDir);

    console.log("targets:");
    console.log(`  (a) ${throughputTarget("file store", file, TARGET_FILE_VS_DURABLE)}`);
    console.log(`  (b) ${throughputTarget("memory store", memory, TARGET_MEMORY_VS_BARE)}`);
    const cWhat = `postgres store, ${CONNECTIONS} connections (${TARGET_POSTGRES_VS_DURABLE} × durable receiver)`;
    if ("skipped" in postgres) console.log(`  (c) ${skippedTarget({ what: cWhat, bound: "≥", limit: TARGET_POSTGRES_VS_DURABLE, unit: "×", digits: 1 }, postgres.skipped)}`);
    else console.log(`  (c) ${throughputTarget("postgres store", postgres, TARGET_POSTGRES_VS_DURABLE)}`);
    for (const result of [memory, file]) {
      const [absolute, relative] = latencyTargets(result);
      console.log(`  (d) ${absolute}`);
      console.log(`  (e) ${relative}`);
    }
    if ("skipped" in postgres) {
      console.log(`  (d) ${skippedTarget({ what: `postgres store p99 at ${fmt(RATE_PER_SECOND)}/s`, bound: "≤", limit: TARGET_P99_MS, unit: "ms" }, postgres.skipped)}`);
      console.log(`  (e) ${skippedTarget({ what: `postgres store p99 at ${fmt(RATE_PER_SECOND)}/s (${TARGET_P99_VS_BARE} × bare route p99)`, bound: "≤", limit: TARGET_P99_VS_BARE, unit: "×" }, postgres.skipped)}`);
    } else {
      const [absolute, relative] = latencyTargets(postgres);
      console.log(`  (d) ${absolute}`);
      console.log(`  (e) ${relative}`);
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
  const loopRate = verifyLoopRate();
  console.log(`  for scale: bare verifyComposioWebhook + JSON.parse in-process, same ${fmt(body.length)}-byte body: ${fmt(loopRate)}/s on one core`);
}

if (process.argv[2] === "--serve") await serve(process.argv[3] as StoreKind, process.argv.slice(4));
else await main();

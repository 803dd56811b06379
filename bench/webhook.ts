/**
 * Throughput and latency of the Composio webhook route (tracker issue 11, part 5). Run: `npx tsx bench/webhook.ts`
 * (or `npm run bench -- webhook`). Prints numbers and whether each target is met; asserts nothing.
 *
 * A child process serves `createComposioWebhookRoute({ planner }).POST` from a plain Node `http` server on
 * 127.0.0.1. The planner is the real one with its in-process scheduler started and no-op executors, so every
 * verified delivery dispatches a run: it is stored queued, then a worker starts it, calls the executor and
 * finishes it, all while the load goes on. The store holds ONE agent with 100 jobs (due next year, so the
 * scheduler never fires them) and 10 triggers; the deliveries go to one of the 10. This process drives the
 * server with autocannon. Every request is a new delivery (its own `webhook-id`, a current timestamp, a fresh
 * signature), so what is measured is the verified "dispatched" path, not the duplicate one.
 *
 * Targets:
 * (a) file store (durable dedupe, data dir under `os.tmpdir()`): ≥ 2,000 verified deliveries/s at 50 connections.
 * (b) memory store: throughput ≥ 0.6 × the bare route (the same server and Request/Response conversion around a
 *     handler that only reads the body), both measured at 50 connections in the same server process.
 * (c) file store: p99 ≤ 10 ms at an offered load of 1,000 deliveries/s (autocannon `overallRate`), printed next to
 *     the bare route's p99 at the same rate; the memory store's p99 at that rate is printed too.
 * (d) PostgreSQL store (`postgresStore` on a fresh schema, dropped afterwards): ≥ 1,500 verified deliveries/s at 50
 *     connections, on the server at `PLANNER_BENCH_POSTGRES_URL` (else `PLANNER_TEST_POSTGRES_URL`; neither set or
 *     no server answering: the row says "skipped" and why). The database's CPU per delivery is printed beside it
 *     when it can be read cheaply (bench/lib/postgres.ts).
 * Each store's server also reports its own CPU per delivery (the route and the delivery's run, over the load and
 * the drain after it).
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import autocannon from "autocannon";
import { createComposioGateway, verifyComposioWebhook } from "../src/server/composio";
import { createComposioWebhookRoute } from "../src/server/next/composio-webhook-route";
import type { PlannerExecutors } from "../src/server/options";
import { createPlanner } from "../src/server/planner";
import { fileStore, memoryStore, type PlannerStore } from "../src/server/store";
import type { Job, Trigger } from "../src/shared/schemas";
import { signComposioWebhook } from "../test/composio-sandbox/sign";
import { gmailDelivery, gmailTrigger } from "../test/helpers/triggers";
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
const FLOOR_SECONDS = 10;
const TARGET_FILE_PER_SECOND = 2_000;
const TARGET_FLOOR_RATIO = 0.6;
const TARGET_POSTGRES_PER_SECOND = 1_500;

/** Offered load of the latency target, and how long it is held. */
const RATE_PER_SECOND = 1_000;
const RATE_SECONDS = 10;
/**
 * autocannon's `overallRate` gives each connection an equal share of the rate per second; a connection sends its
 * share back to back from the start of each second, then waits for the next one, and all connections of one
 * autocannon run start their seconds together. One run at 1,000/s is then a burst of every connection at the top
 * of each second, whose latency grows with the connections (about connections ÷ capacity) rather than with the
 * load. So the offered load is split into RATE_STREAMS autocannon runs of RATE_STREAM_CONNECTIONS connections, each
 * at RATE_PER_SECOND ÷ RATE_STREAMS, started 1 s ÷ RATE_STREAMS apart: a burst of 2 connections × 50 requests
 * every 100 ms. 20 connections in all; a stream reaches its 100/s as long as a delivery takes under 20 ms.
 */
const RATE_STREAMS = 10;
const RATE_STREAM_CONNECTIONS = 2;
const TARGET_P99_MS = 10;
/** The longest the bench waits for the queued runs to be executed after a load. */
const DRAIN_TIMEOUT_MS = 90_000;

const ROUTE_PATH = "/api/workforce/triggers/webhook";
const STATS_PATH = "/_bench/stats";
const IDLE_PATH = "/_bench/idle";
/** The same server and request conversion around a handler that only reads the body: what HTTP itself costs. */
const FLOOR_PATH = "/_bench/floor";

type StoreKind = "file" | "memory" | "postgres";

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

/** What a framework does in front of the route: the Node request as a fetch `Request`. */
async function toRequest(req: IncomingMessage): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, value);
  }
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  return new Request(`http://${req.headers.host ?? "127.0.0.1"}${req.url ?? "/"}`, {
    method: req.method ?? "GET",
    headers,
    ...(hasBody ? { body: Buffer.concat(chunks) } : {}),
  });
}

async function send(res: ServerResponse, response: Response) {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => res.setHeader(name, value));
  res.end(Buffer.from(await response.arrayBuffer()));
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
 * The server child: prints its port, serves the route until killed. `GET /_bench/stats` answers the delivered
 * trigger's counters and the executor calls so far; `GET /_bench/idle` the same once the scheduler is idle.
 */
async function serve(kind: StoreKind, where: string[]) {
  const store: PlannerStore = kind === "file" ? fileStore({ dir: where[0]! }) : kind === "postgres" ? benchPostgresStore(where[0]!, where[1]!) : memoryStore();
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
  const deliveredId = triggers[DELIVERED_TRIGGER]!.id;
  const stats = async () => {
    const trigger = (await store.get(AGENT_ID)).triggers.find((t) => t.id === deliveredId)!;
    const cpu = process.cpuUsage();
    return Response.json({ ...trigger.state, executed, cpuMs: (cpu.user + cpu.system) / 1000 });
  };

  const server = createServer((req, res) => {
    const handle = async () => {
      if (req.method === "GET" && req.url === STATS_PATH) return send(res, await stats());
      if (req.method === "GET" && req.url === IDLE_PATH) {
        await planner.idle();
        return send(res, await stats());
      }
      const request = await toRequest(req);
      if (req.url === FLOOR_PATH) {
        await request.arrayBuffer();
        return send(res, Response.json({ status: "dispatched" }));
      }
      return send(res, await POST(request));
    };
    handle().catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });
  // A clean exit on `kill()`, so flags such as --cpu-prof can write their output.
  process.once("SIGTERM", () => {
    const stopped = planner.stop().then(() => store.close());
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
  const key = (c: ServerCounters) => `${c.firedCount}/${c.filteredCount}/${c.duplicateCount}`;
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

/** Drives the server for `seconds`; every request is a new signed delivery. Counts the answers by outcome. */
function load(url: string, path: string, seconds: number, run: string, options: { connections?: number; overallRate?: number } = {}): Promise<Load> {
  let sequence = 0;
  const outcomes = new Map<string, number>();
  const latencies: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: options.connections ?? CONNECTIONS,
        duration: seconds,
        // A rate-limited connection's latency is its own; the correction would add made-up samples 1 ms apart.
        ...(options.overallRate ? { overallRate: options.overallRate, ignoreCoordinatedOmission: true } : {}),
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

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
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

async function startServer(kind: StoreKind, where: string[] = []) {
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
const msText = (value: number) => (Number.isNaN(value) ? "n/a" : `${value.toFixed(value < 10 ? 2 : 1)} ms`);
const rateOf = (load: Load) => load.perSecond;

/** Non-dispatched answers, non-2xx, errors and timeouts of one load, in words; "" when every answer was `dispatched`. */
function problems(load: Load, expected = "dispatched"): string {
  const others = [...load.outcomes].filter(([outcome]) => outcome !== expected).map(([outcome, n]) => `${outcome} ${fmt(n)}`);
  const { non2xx, errors, timeouts } = load.result;
  const counts = [non2xx > 0 ? `non-2xx ${fmt(non2xx)}` : "", errors > 0 ? `errors ${errors}` : "", timeouts > 0 ? `timeouts ${timeouts}` : ""];
  return [...others, ...counts].filter(Boolean).join(", ");
}

function answersLine(load: Load): string {
  const dispatched = load.outcomes.get("dispatched") ?? 0;
  const issues = problems(load);
  return `dispatched ${fmt(dispatched)}; non-2xx ${fmt(load.result.non2xx)}, errors ${load.result.errors}, timeouts ${load.result.timeouts}${issues ? ` — NOT all dispatched: ${issues}` : ""}`;
}

function latencyLine(load: Load): string {
  const l = load.latencies;
  return `p50 ${msText(percentile(l, 50))}, p99 ${msText(percentile(l, 99))}, max ${msText(l.at(-1) ?? NaN)}`;
}

/** A flat-out load and what it cost per delivery: the server's CPU, and the database's when it was read. */
type Throughput = Load & { cpuPerDelivery: number; dbPerDelivery: number | null };

/**
 * Probe, warm-up, then DURATION_SECONDS flat out at 50 connections; counters checked and runs drained after it.
 * `dbCpu`: the database's CPU, read around the load and its drain.
 */
async function throughputPhase(kind: StoreKind, url: string, dbCpu: DatabaseCpu | null = null): Promise<Throughput> {
  const probe = signedDelivery(`msg_bench_probe_${kind}`);
  const first = await fetch(`${url}${ROUTE_PATH}`, { method: "POST", headers: probe.headers, body: probe.raw });
  const firstAnswer = await first.text();
  if (first.status !== 200 || !firstAnswer.includes('"dispatched"')) throw new Error(`The bench delivery was not dispatched: ${first.status} ${firstAnswer}`);

  await load(url, ROUTE_PATH, WARMUP_SECONDS, `${kind}_warmup`);
  const warm = await drained(url);
  const before = await settledCounters(url);
  const dbBefore = dbCpu ? await dbCpu.read() : 0;
  const run = await load(url, ROUTE_PATH, DURATION_SECONDS, `${kind}_run`);
  const after = await settledCounters(url);
  const drain = await drained(url);
  const dbMs = dbCpu ? (await dbCpu.read()) - dbBefore : null;

  console.log(`  ${kind} store, ${CONNECTIONS} connections flat out, ${run.result.duration.toFixed(1)} s after a ${WARMUP_SECONDS} s warm-up:`);
  console.log(`    ${fmt(rateOf(run))} dispatched deliveries/s (${fmt(run.result["2xx"])} 2xx); latency ${latencyLine(run)}`);
  console.log(`    answers: ${answersLine(run)}`);
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
  return Object.assign(run, { cpuPerDelivery, dbPerDelivery });
}

/** RATE_SECONDS at RATE_PER_SECOND offered on `path`: RATE_STREAMS staggered autocannon runs (see RATE_STREAMS), merged. */
async function ratePhase(url: string, path: string, run: string): Promise<Load> {
  const streams = await Promise.all(
    Array.from({ length: RATE_STREAMS }, async (_, stream) => {
      await new Promise((resolve) => setTimeout(resolve, (stream * 1000) / RATE_STREAMS));
      return load(url, path, RATE_SECONDS, `${run}${stream}`, { connections: RATE_STREAM_CONNECTIONS, overallRate: RATE_PER_SECOND / RATE_STREAMS });
    }),
  );
  if (path === ROUTE_PATH) await drained(url);
  const sum = (pick: (load: Load) => number) => streams.reduce((total, load) => total + pick(load), 0);
  const outcomes = new Map<string, number>();
  for (const stream of streams) for (const [outcome, n] of stream.outcomes) outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + n);
  return {
    result: {
      "2xx": sum((l) => l.result["2xx"]),
      non2xx: sum((l) => l.result.non2xx),
      errors: sum((l) => l.result.errors),
      timeouts: sum((l) => l.result.timeouts),
      duration: Math.max(...streams.map((l) => l.result.duration)),
    },
    perSecond: sum((l) => l.perSecond),
    outcomes,
    sent: sum((l) => l.sent),
    latencies: streams.flatMap((l) => l.latencies).sort((a, b) => a - b),
  };
}

function rateLine(label: string, load: Load) {
  return `    ${label.padEnd(26)} ${fmt(rateOf(load))}/s answered, ${latencyLine(load)}`;
}

async function main() {
  const root = await mkdtemp(join(tmpdir(), "planner-bench-webhook-"));
  console.log(
    `webhook: createComposioWebhookRoute POST behind node:http on 127.0.0.1 (server in a child process); in-process ` +
      `scheduler started, no-op executors, so each delivery dispatches and executes a run`,
  );
  console.log(`  one agent: ${JOBS} jobs (due next 1 January) + ${TRIGGERS} triggers, deliveries to one of them; every request a new signed delivery`);
  console.log(`  file store data dir under ${tmpdir()} (on disk, durable dedupe)`);
  try {
    // (a) and (c): the file store.
    const fileServer = await startServer("file", [join(root, "agents")]);
    let fileRun: Throughput;
    let fileRate: Load;
    let fileFloorRate: Load;
    try {
      fileRun = await throughputPhase("file", fileServer.url);
      fileRate = await ratePhase(fileServer.url, ROUTE_PATH, "file_rate");
      fileFloorRate = await ratePhase(fileServer.url, FLOOR_PATH, "file_floor_rate");
    } finally {
      await fileServer.stop();
    }

    // (b): the memory store next to the bare route, in one server process.
    const memoryServer = await startServer("memory");
    let memoryRun: Load;
    let floor: Load;
    let memoryRate: Load;
    try {
      memoryRun = await throughputPhase("memory", memoryServer.url);
      floor = await load(memoryServer.url, FLOOR_PATH, FLOOR_SECONDS, "floor");
      memoryRate = await ratePhase(memoryServer.url, ROUTE_PATH, "memory_rate");
    } finally {
      await memoryServer.stop();
    }
    // (d): the PostgreSQL store, on a fresh schema.
    const postgresRun = await postgresPhase();
    const floorRate = rateOf(floor);
    console.log(
      `  bare route (same server and Request/Response conversion, a handler that only reads the body), ${CONNECTIONS} connections, ` +
        `${floor.result.duration.toFixed(1)} s: ${fmt(floorRate)}/s, ${latencyLine(floor)}${problems(floor) ? ` (${problems(floor)})` : ""}`,
    );
    console.log(
      `  at ${fmt(RATE_PER_SECOND)}/s offered, ${RATE_SECONDS} s: autocannon overallRate in ${RATE_STREAMS} runs of ${RATE_PER_SECOND / RATE_STREAMS}/s ` +
        `started ${1000 / RATE_STREAMS} ms apart, ${RATE_STREAM_CONNECTIONS} connections each (${RATE_STREAMS * RATE_STREAM_CONNECTIONS} in all): ` +
        `a ${RATE_STREAM_CONNECTIONS}-connection burst of ${RATE_PER_SECOND / RATE_STREAMS} every ${1000 / RATE_STREAMS} ms, not evenly spaced arrivals`,
    );
    console.log(`${rateLine("route, file store:", fileRate)}${problems(fileRate) ? ` (${problems(fileRate)})` : ""}`);
    console.log(`${rateLine("route, memory store:", memoryRate)}${problems(memoryRate) ? ` (${problems(memoryRate)})` : ""}`);
    console.log(`${rateLine("bare route (file server):", fileFloorRate)}`);

    console.log("targets:");
    const runsToo =
      "each delivery here also has its run executed in the same process (stored queued with its dedupe record and counter, started, finished: " +
      "three store writes carrying the 3 KB event, group-committed on the file store), which the bare route does not do";
    const floorHint = `${runsToo}; the bare route does ${fmt(floorRate)}/s on the memory server, the most any handler could reach behind this conversion`;
    const notAll = (run: Load) => (problems(run) ? `not every answer was 200 dispatched (${problems(run)})` : undefined);
    const aMissed = notAll(fileRun);
    console.log(
      `  (a) ${checkTarget({ what: "file store, 50 connections", value: rateOf(fileRun), bound: "≥", limit: TARGET_FILE_PER_SECOND, unit: "/s", format: fmt, hint: floorHint, reference: { label: "bare route", value: floorRate }, ...(aMissed ? { missedBecause: aMissed } : {}) })}`,
    );
    const ratio = rateOf(memoryRun) / floorRate;
    const bMissed = notAll(memoryRun);
    const ratioHint = `${runsToo}; memory store ${fmt(rateOf(memoryRun))}/s vs bare route ${fmt(floorRate)}/s`;
    console.log(
      `  (b) ${checkTarget({ what: "memory store vs bare route", value: ratio, bound: "≥", limit: TARGET_FLOOR_RATIO, unit: "×", digits: 2, hint: ratioHint, reference: { label: "bare route ratio", value: 1 }, ...(bMissed ? { missedBecause: bMissed } : {}) })}`,
    );
    const reached = rateOf(fileRate) >= 0.95 * RATE_PER_SECOND;
    const cMissed = [notAll(fileRate), reached ? undefined : `the offered ${fmt(RATE_PER_SECOND)}/s was not reached (${fmt(rateOf(fileRate))}/s answered)`].filter(Boolean).join("; ");
    const p99Hint = `${runsToo}; bare route p99 at the same rate ${msText(percentile(fileFloorRate.latencies, 99))}, memory store ${msText(percentile(memoryRate.latencies, 99))}`;
    console.log(
      `  (c) ${checkTarget({ what: `file store p99 at ${fmt(RATE_PER_SECOND)}/s`, value: percentile(fileRate.latencies, 99), bound: "≤", limit: TARGET_P99_MS, unit: "ms", hint: p99Hint, reference: { label: "bare route p99", value: percentile(fileFloorRate.latencies, 99) }, ...(cMissed ? { missedBecause: cMissed } : {}) })}`,
    );
    const dWhat = "postgres store, 50 connections";
    if ("skipped" in postgresRun) {
      console.log(`  (d) ${skippedTarget({ what: dWhat, bound: "≥", limit: TARGET_POSTGRES_PER_SECOND, unit: "/s", format: fmt }, postgresRun.skipped)}`);
    } else {
      const run = postgresRun.run;
      const dMissed = notAll(run);
      const cost = `server CPU ${msText(run.cpuPerDelivery)} per delivery${run.dbPerDelivery === null ? "" : ` + database CPU ${msText(run.dbPerDelivery)}`} (file store: server ${msText(fileRun.cpuPerDelivery)})`;
      const dHint = `each delivery here also has its run executed in the same process, every store write of it a PostgreSQL transaction, which the bare route does not do; ${cost}; the bare route does ${fmt(floorRate)}/s on the memory server`;
      console.log(
        `  (d) ${checkTarget({ what: dWhat, value: rateOf(run), bound: "≥", limit: TARGET_POSTGRES_PER_SECOND, unit: "/s", format: fmt, hint: dHint, reference: { label: "bare route", value: floorRate }, ...(dMissed ? { missedBecause: dMissed } : {}) })}`,
      );
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
  const loopRate = verifyLoopRate();
  console.log(`  for scale: bare verifyComposioWebhook + JSON.parse in-process, same ${fmt(body.length)}-byte body: ${fmt(loopRate)}/s on one core`);
}

/** The PostgreSQL store's throughput on a fresh schema (dropped afterwards), or why it is skipped. */
async function postgresPhase(): Promise<{ run: Throughput } | { skipped: string }> {
  const server = await findPostgres();
  if (!server.ok) {
    console.log(`  postgres store: skipped: ${server.reason}`);
    return { skipped: server.reason };
  }
  const schema = benchSchema("webhook");
  console.log(`  postgres store: PostgreSQL ${server.version} at ${shownUrl(server.url)}, postgresStore on a fresh schema (dropped afterwards)`);
  try {
    const postgresServer = await startServer("postgres", [server.url, schema]);
    // The server child's connections carry its own pid in their application name (see benchPostgresStore).
    const probe = await databaseCpu(server.url, `agent-planner-bench-${postgresServer.pid}`);
    if (!probe.ok) console.log(`    database CPU not read: ${probe.reason}`);
    try {
      return { run: await throughputPhase("postgres", postgresServer.url, probe.ok ? probe.cpu : null) };
    } finally {
      if (probe.ok) await probe.cpu.close();
      await postgresServer.stop();
    }
  } finally {
    await dropSchema(server.url, schema);
  }
}

if (process.argv[2] === "--serve") await serve(process.argv[3] as StoreKind, process.argv.slice(4));
else await main();

/**
 * Throughput and latency of the Composio webhook route. Run: `npx tsx bench/webhook.ts` (or
 * `npm run bench -- webhook`). Prints numbers and whether each target is met; asserts nothing.
 *
 * A child process serves `createComposioWebhookRoute({ planner }).POST` from a plain Node `http` server on
 * 127.0.0.1 (memory store, one enabled Gmail trigger, a no-op dispatcher so no run is executed); this process
 * drives it with autocannon at 50 connections. Every request is a new delivery (its own `webhook-id`, a current
 * timestamp, a fresh signature), so what is measured is the verified "dispatched" path, not the duplicate one.
 * Target: ≥ 3,000 verified deliveries/s and p99 ≤ 20 ms. Printed next to it: a bare `verifyComposioWebhook` +
 * `JSON.parse` loop on the same body in one process, the upper bound for one core.
 */
import { spawn } from "node:child_process";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createInterface } from "node:readline";
import autocannon from "autocannon";
import { createComposioGateway, verifyComposioWebhook } from "../src/server/composio";
import { createComposioWebhookRoute } from "../src/server/next/composio-webhook-route";
import { createPlanner } from "../src/server/planner";
import { memoryStore } from "../src/server/store";
import { signComposioWebhook } from "../test/composio-sandbox/sign";
import { gmailDelivery, gmailTrigger } from "../test/helpers/triggers";
import { checkTarget } from "./lib/target";

const SECRET = "whsec_bench_secret_value";
const CONNECTIONS = 50;
const WARMUP_SECONDS = 2;
const DURATION_SECONDS = 10;
const VERIFY_LOOP_MS = 2_000;
const TARGET_PER_SECOND = 3_000;
const TARGET_P99_MS = 20;
const ROUTE_PATH = "/api/workforce/triggers/webhook";
const STATS_PATH = "/_bench/stats";
/** The same server and request conversion around a handler that only reads the body: what HTTP itself costs. */
const FLOOR_PATH = "/_bench/floor";
const FLOOR_SECONDS = 5;
/**
 * At 50 connections flat out, latency is mostly queueing (about connections ÷ throughput); one connection shows the
 * route's own time per delivery. (autocannon's rate limit sends each second's quota in a burst, so it is no help.)
 */
const SINGLE_SECONDS = 3;

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

/** The server child: prints its port, serves the route until killed. `GET /_bench/stats` answers the trigger's counters. */
async function serve() {
  const store = memoryStore();
  // The real gateway, built offline-safe; the route only reads its webhook secret, nothing calls Composio.
  const composio = createComposioGateway({ apiKey: "bench-api-key", baseURL: "http://127.0.0.1:9", webhookSecret: SECRET });
  const planner = createPlanner({ store, auth: () => null, canAccessAgent: () => false, composio });
  planner.deps.dispatcher = { dispatchJob: () => Promise.resolve(), dispatchTrigger: () => Promise.resolve() };
  await store.update("agent-1", (current) => ({ ...current, triggers: [gmailTrigger(new Date().toISOString())] }));
  const { POST } = createComposioWebhookRoute({ planner });

  const server = createServer((req, res) => {
    const handle = async () => {
      if (req.method === "GET" && req.url === STATS_PATH) {
        const { state } = (await store.get("agent-1")).triggers[0]!;
        return send(res, Response.json(state));
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
  process.once("SIGTERM", () => process.exit(0));
  server.listen(0, "127.0.0.1", () => {
    const address = server.address();
    console.log(JSON.stringify({ port: typeof address === "object" && address ? address.port : 0 }));
  });
}

interface TriggerCounters {
  firedCount: number;
  filteredCount: number;
  duplicateCount: number;
}

/**
 * The trigger's counters once the server is idle: when autocannon stops, up to one request per connection is
 * still being handled, so read until two reads 100 ms apart agree.
 */
async function settledCounters(url: string): Promise<TriggerCounters> {
  const read = async () => (await (await fetch(`${url}${STATS_PATH}`)).json()) as TriggerCounters;
  let previous = await read();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const current = await read();
    if (JSON.stringify(current) === JSON.stringify(previous)) return current;
    previous = current;
  }
}

/** Drives the server for `seconds`; every request is a new signed delivery. Counts the answers by outcome. */
async function load(url: string, path: string, seconds: number, run: string, connections = CONNECTIONS) {
  let sequence = 0;
  const outcomes = new Map<string, number>();
  const result = await autocannon({
    url,
    connections,
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
  });
  return { result, outcomes, sent: sequence };
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
  while (elapsed < VERIFY_LOOP_MS) {
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

async function startServer() {
  const server = spawn(process.execPath, [...process.execArgv, import.meta.filename, "--serve"], { stdio: ["ignore", "pipe", "inherit"] });
  const firstLine = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: server.stdout });
    lines.once("line", resolve);
    server.once("exit", (code) => reject(new Error(`The bench server exited (${String(code)}) before listening.`)));
  });
  const { port } = JSON.parse(firstLine) as { port: number };
  return { url: `http://127.0.0.1:${port}`, stop: () => server.kill() };
}

async function main() {
  const fmt = (n: number) => Math.round(n).toLocaleString("en");
  // autocannon records whole milliseconds.
  const ms = (value: number) => (value < 1 ? "<1 ms" : `${value} ms`);
  const server = await startServer();
  try {
    const probe = signedDelivery("msg_bench_probe");
    const first = await fetch(`${server.url}${ROUTE_PATH}`, { method: "POST", headers: probe.headers, body: probe.raw });
    const firstAnswer = await first.text();
    if (!firstAnswer.includes('"dispatched"')) throw new Error(`The bench delivery was not dispatched: ${first.status} ${firstAnswer}`);

    await load(server.url, ROUTE_PATH, WARMUP_SECONDS, "warmup");
    const before = await settledCounters(server.url);
    const { result, outcomes, sent } = await load(server.url, ROUTE_PATH, DURATION_SECONDS, "run");
    const after = await settledCounters(server.url);
    const single = (await load(server.url, ROUTE_PATH, SINGLE_SECONDS, "single", 1)).result;
    const floor = (await load(server.url, FLOOR_PATH, FLOOR_SECONDS, "floor")).result;

    const perSecond = result["2xx"] / result.duration;
    const dispatched = outcomes.get("dispatched") ?? 0;
    const others = [...outcomes].filter(([outcome]) => outcome !== "dispatched").map(([outcome, n]) => `${outcome} ${fmt(n)}`);
    const fired = after.firedCount - before.firedCount;
    const duplicates = after.duplicateCount - before.duplicateCount;
    const filtered = after.filteredCount - before.filteredCount;
    console.log(`webhook: createComposioWebhookRoute POST behind node:http on 127.0.0.1, memory store, no-op dispatcher`);
    console.log(`  autocannon ${CONNECTIONS} connections, ${result.duration.toFixed(1)} s after a ${WARMUP_SECONDS} s warm-up; every request a new signed delivery`);
    const floorRate = floor["2xx"] / floor.duration;
    const rateHint = `the HTTP floor (same server, a handler that only reads the body) is ${fmt(floorRate)}/s here, the most any handler could reach`;
    const rate = checkTarget({ what: "throughput", value: perSecond, bound: "≥", limit: TARGET_PER_SECOND, unit: "/s", format: fmt, hint: rateHint });
    console.log(`  verified deliveries: ${fmt(perSecond)}/s (${fmt(result["2xx"])} 2xx in ${result.duration.toFixed(1)} s) — ${rate}`);
    const p99Hint = `Little's law: p99 ≤ ${TARGET_P99_MS} ms at ${CONNECTIONS} connections needs more than ${fmt((CONNECTIONS * 1000) / TARGET_P99_MS)}/s, so a throughput miss is also a latency miss`;
    const p99 = checkTarget({ what: "p99", value: result.latency.p99, bound: "≤", limit: TARGET_P99_MS, unit: "ms", digits: 0, hint: p99Hint });
    console.log(`  latency: p50 ${ms(result.latency.p50)}, p99 ${ms(result.latency.p99)}, max ${ms(result.latency.max)} — ${p99}`);
    console.log(
      `  answers: dispatched ${fmt(dispatched)}${others.length > 0 ? `, ${others.join(", ")}` : ""}; non-2xx ${fmt(result.non2xx)}, ` +
        `errors ${result.errors}, timeouts ${result.timeouts}`,
    );
    // Requests still in flight when the clock stopped are handled (and counted by the trigger) but not answered to autocannon.
    const consistent = duplicates === 0 && filtered === 0 && fired === sent;
    const countersNote = consistent ? "every request sent fired once" : `NOT one firing per request sent (${fmt(sent)} sent)`;
    console.log(`  trigger counters: fired +${fmt(fired)}, duplicate +${duplicates}, filtered +${filtered} — ${countersNote}`);
    const meanLatency = (CONNECTIONS / perSecond) * 1000;
    console.log(
      `  Little's law: ${CONNECTIONS} connections ÷ ${fmt(perSecond)}/s = ${meanLatency.toFixed(1)} ms mean latency; ` +
        `p99 ≤ ${TARGET_P99_MS} ms at ${CONNECTIONS} connections needs more than ${fmt((CONNECTIONS * 1000) / TARGET_P99_MS)}/s even with no spread`,
    );
    const singleRate = single["2xx"] / single.duration;
    const singleNote = single.non2xx > 0 ? `, non-2xx ${fmt(single.non2xx)}!` : "";
    console.log(
      `  one connection (${SINGLE_SECONDS} s, no queueing): ${fmt(singleRate)}/s, ` +
        `p50 ${ms(single.latency.p50)}, p99 ${ms(single.latency.p99)}, max ${ms(single.latency.max)}${singleNote}`,
    );
    console.log(
      `  HTTP floor: the same server and Request/Response conversion, a handler that only reads the body: ` +
        `${fmt(floorRate)}/s, p50 ${ms(floor.latency.p50)}, p99 ${ms(floor.latency.p99)} (${FLOOR_SECONDS} s)`,
    );
  } finally {
    server.stop();
  }
  const loopRate = verifyLoopRate();
  console.log(`  upper bound: bare verifyComposioWebhook + JSON.parse in-process, same ${fmt(body.length)}-byte body: ${fmt(loopRate)}/s on one core`);
}

if (process.argv[2] === "--serve") await serve();
else await main();

import { Agent, request } from "node:http";
import type { Socket } from "node:net";

/**
 * An open-loop load: request i is due at `start + i / rate`, whatever happened to the ones before it, and its
 * latency is measured from that due time to the end of its answer. A server that stalls therefore shows every
 * request that waited behind the stall at its full wait (no coordinated omission), and so does a generator that
 * falls behind its own schedule: its lag is reported separately (`sendLag`) so the two can be told apart.
 *
 * Requests go over keep-alive connections of a `node:http` agent (a new connection only when every open one is
 * busy, up to `maxConnections`; beyond that a request waits for one, and the wait counts). The first
 * `warmupSeconds` of requests are sent at the same rate but not measured (connections opened, code warmed up).
 *
 * A request unanswered within `timeoutMs`, failed, or never sent (the generator stops sending once more than
 * `maxOutstanding` requests are waiting, so a server that cannot keep up is not buried for the next measurement)
 * counts as slower than every answered one: `percentileOf` then answers `Infinity` for the ranks it falls on.
 */
export interface OpenLoopOptions {
  /** `http://host:port` */
  url: string;
  path: string;
  ratePerSecond: number;
  /** Measured seconds (after the warm-up). */
  seconds: number;
  warmupSeconds?: number;
  /** Request `index` (warm-up included): built for every request before the clock starts. */
  request: (index: number) => { headers: Record<string, string>; body: string };
  /** Default 256. */
  maxConnections?: number;
  /** A request without an answer this long after it was sent fails as a timeout. Default 10 s. */
  timeoutMs?: number;
  /** Sent but unanswered requests beyond which the rest are not sent (and count as unanswered). Default 3 s of load. */
  maxOutstanding?: number;
}

export interface OpenLoopResult {
  /** Requests in the measured window. */
  scheduled: number;
  /** Answers by outcome: the `status` of a JSON 200 answer, else the HTTP status, "error", "timeout" or "not sent". */
  outcomes: Map<string, number>;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Requests never sent: the generator stopped once `maxOutstanding` were waiting. */
  notSent: number;
  /** Answered requests' latency from their due time, ms, sorted. */
  latencies: number[];
  /** How late the generator handed each request to the socket layer, ms, sorted (its own lag, counted above too). */
  sendLag: number[];
  /** The measured window, s. */
  seconds: number;
  /** 2xx answers of the measured requests ÷ the window. */
  perSecond: number;
  /** Connections opened. */
  connections: number;
}

export function openLoop(options: OpenLoopOptions): Promise<OpenLoopResult> {
  const { ratePerSecond, path } = options;
  const { hostname, port } = new URL(options.url);
  const interval = 1000 / ratePerSecond;
  const warmup = Math.round((options.warmupSeconds ?? 0) * ratePerSecond);
  const measured = Math.round(options.seconds * ratePerSecond);
  const total = warmup + measured;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxOutstanding = options.maxOutstanding ?? 3 * ratePerSecond;
  const agent = new Agent({ keepAlive: true, maxSockets: options.maxConnections ?? 256 });
  const sockets = new Set<Socket>();
  const prepared: Array<{ headers: Record<string, string>; body: string } | undefined> = Array.from({ length: total }, (_, index) => {
    const { headers, body } = options.request(index);
    return { headers: { ...headers, "content-length": String(Buffer.byteLength(body)) }, body };
  });

  const outcomes = new Map<string, number>();
  const latencies: number[] = [];
  const sendLag: number[] = [];
  let ok = 0;
  let non2xx = 0;
  let errors = 0;
  let timeouts = 0;
  let notSent = 0;
  const count = (outcome: string) => outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);

  return new Promise((resolve) => {
    let next = 0;
    let finished = 0;
    let outstanding = 0;
    // The schedule starts a little ahead, so the first due times are not already late.
    const start = performance.now() + 20;

    const done = () => {
      if (++finished < total) return;
      agent.destroy();
      latencies.sort((a, b) => a - b);
      sendLag.sort((a, b) => a - b);
      resolve({ scheduled: measured, outcomes, ok, non2xx, errors, timeouts, notSent, latencies, sendLag, seconds: options.seconds, perSecond: ok / options.seconds, connections: sockets.size });
    };

    const fire = (index: number) => {
      const due = start + index * interval;
      const isMeasured = index >= warmup;
      const { headers, body } = prepared[index]!;
      prepared[index] = undefined;
      if (isMeasured) sendLag.push(performance.now() - due);
      outstanding++;
      let settled = false;
      const settle = (outcome: string, status: number | null) => {
        if (settled) return;
        settled = true;
        outstanding--;
        clearTimeout(timer);
        if (isMeasured) {
          count(outcome);
          if (status === null) {
            if (outcome === "timeout") timeouts++;
            else errors++;
          } else {
            latencies.push(performance.now() - due);
            if (status >= 200 && status < 300) ok++;
            else non2xx++;
          }
        }
        done();
      };
      // Both callbacks run later than this turn, when `req` and `timer` are set.
      const timer = setTimeout(() => {
        settle("timeout", null);
        req.destroy();
      }, timeoutMs);
      const req = request({ agent, host: hostname, port, method: "POST", path, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const status = res.statusCode ?? 0;
          const text = Buffer.concat(chunks).toString("utf8");
          const outcome = status === 200 ? (/"status":"(\w+)"/.exec(text)?.[1] ?? "200 ?") : String(status);
          settle(outcome, status);
        });
        res.on("error", () => settle("error", null));
      });
      req.on("socket", (socket: Socket) => void sockets.add(socket));
      req.on("error", () => settle("error", null));
      req.end(body);
    };

    const tick = () => {
      const now = performance.now();
      while (next < total && start + next * interval <= now) {
        if (outstanding >= maxOutstanding) {
          // The server is more than maxOutstanding requests behind: the rest would only bury it deeper.
          for (; next < total; next++) {
            if (next >= warmup) {
              notSent++;
              count("not sent");
            }
            done();
          }
          return;
        }
        fire(next++);
      }
      if (next < total) setTimeout(tick, Math.max(0, start + next * interval - performance.now()));
    };
    setTimeout(tick, Math.max(0, start - performance.now()));
  });
}

/** One result of several open-loop runs (e.g. the halves of a bracket): counts summed, samples merged. */
export function mergeOpenLoop(results: OpenLoopResult[]): OpenLoopResult {
  const sum = (pick: (r: OpenLoopResult) => number) => results.reduce((total, r) => total + pick(r), 0);
  const outcomes = new Map<string, number>();
  for (const r of results) for (const [outcome, n] of r.outcomes) outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + n);
  const seconds = sum((r) => r.seconds);
  const ok = sum((r) => r.ok);
  return {
    scheduled: sum((r) => r.scheduled),
    outcomes,
    ok,
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors),
    timeouts: sum((r) => r.timeouts),
    notSent: sum((r) => r.notSent),
    latencies: results.flatMap((r) => r.latencies).sort((a, b) => a - b),
    sendLag: results.flatMap((r) => r.sendLag).sort((a, b) => a - b),
    seconds,
    perSecond: seconds > 0 ? ok / seconds : 0,
    connections: Math.max(0, ...results.map((r) => r.connections)),
  };
}

/**
 * The p-th percentile (nearest rank) of every measured request of a load, the unanswered ones (timeouts, errors, not
 * sent) ranked slower than any answer: `Infinity` when the rank falls on one of them.
 */
export function percentileOf(result: OpenLoopResult, p: number): number {
  if (result.scheduled === 0) return NaN;
  const rank = Math.min(result.scheduled, Math.max(1, Math.ceil((p / 100) * result.scheduled)));
  return rank <= result.latencies.length ? result.latencies[rank - 1]! : Infinity;
}

/** The p-th percentile of sorted samples (nearest rank); NaN for none. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

import net from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { at, makeJob, makeRun, makeTrigger } from "./contract-fixtures";
import { isStorageFault } from "../../src/server/store/faults";
import type { PlannerStore, StoreChange } from "../../src/server/store/port";
import { postgresStore } from "../../src/server/store/postgres/postgres-store";
import { POSTGRES_URL, adminClient, dropSchema, postgresAvailable, uniqueSchema } from "../helpers/postgres";

// The PostgreSQL store when the server ends its connections: real `pg_terminate_backend` on the store's own backends
// (picked by a unique application_name, so the other test files sharing the server are left alone), a proxy that
// cuts a connection around `COMMIT`, and a port nobody listens on. Nothing may escape as an uncaught exception.

const available = await postgresAvailable();
const admin = available ? adminClient() : null;
afterAll(() => admin?.end({ timeout: 2 }));

const uncaught: unknown[] = [];
const record = (error: unknown) => void uncaught.push(error);
beforeAll(() => {
  process.on("uncaughtException", record);
  process.on("unhandledRejection", record);
});
afterAll(() => {
  process.off("uncaughtException", record);
  process.off("unhandledRejection", record);
});

const UNAVAILABLE = /^The planner's database is unavailable/;
const HISTORY = { historyLimit: 1000 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let names = 0;
/** A connection string whose connections carry an application_name no other test uses (the kill switch). */
function appUrl(base = POSTGRES_URL): { url: string; app: string } {
  names += 1;
  const app = `pgfaults_${process.pid}_${names}`;
  const url = new URL(base);
  url.searchParams.set("application_name", app);
  return { url: url.toString(), app };
}

/** Terminates every backend of these application names; answers how many it ended. */
async function terminate(...apps: string[]): Promise<number> {
  const rows = await admin!.unsafe(
    "SELECT count(*)::int AS n FROM (SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE application_name = ANY($1::text[]) AND pid <> pg_backend_pid()) k WHERE ok",
    [apps],
  );
  return Number(rows[0]!.n);
}

/** What a rejection must be: the store's fault for an unavailable database (nothing else may come out). */
function expectUnavailable(error: unknown) {
  expect(isStorageFault(error), `not a storage fault: ${String((error as Error)?.stack ?? error)}`).toBe(true);
  expect(error).toMatchObject({ name: "StorageFaultError", kind: "database-unavailable", status: 503 });
  expect((error as Error).message).toMatch(UNAVAILABLE);
}

/** Calls until it resolves (at most 10 s); each failure meanwhile must be the unavailable-database fault. */
async function eventually<T>(call: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      return await call();
    } catch (error) {
      expectUnavailable(error);
      if (Date.now() > deadline) throw error;
      await sleep(100);
    }
  }
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };
async function attempt<T>(call: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await call() };
  } catch (error) {
    return { ok: false, error };
  }
}

describe.skipIf(!available)("postgresStore when PostgreSQL ends its connections", () => {
  const schemas: string[] = [];
  const stores: PlannerStore[] = [];
  const open = (url: string, schema: string, options: { listen?: boolean; max?: number } = {}) => {
    const store = postgresStore({ connectionString: url, schema, max: options.max ?? 4, listen: options.listen });
    stores.push(store);
    return store;
  };
  const newSchema = () => {
    const schema = uniqueSchema("faults");
    schemas.push(schema);
    return schema;
  };

  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
    for (const schema of schemas.splice(0)) await dropSchema(admin!, schema);
    expect(uncaught, "uncaught exceptions / unhandled rejections").toEqual([]);
  });

  it("answers every call under repeated pg_terminate_backend: acknowledged writes are stored, failures are 503 faults, and it recovers by itself", async () => {
    const schema = newSchema();
    const { url, app } = appUrl();
    const store = open(url, schema);
    const agents = ["agent-1", "agent-2", "agent-3"];
    for (const agentId of agents) {
      // The workers' runs belong to jobs of the config: a config write drops the finished runs of owners it does not have.
      const workerJobs = ["job_worker0", "job_worker1", "job_worker2", "job_worker3", "job_worker4", "job_worker5", "job_afterwards"].map((id, i) => makeJob(10 + i, { id }));
      await store.update(agentId, () => ({ jobs: [makeJob(1), makeJob(2), ...workerJobs], triggers: [{ ...makeTrigger(1), id: "trg_counter" }] }));
    }

    const failures: unknown[] = [];
    const acked = { runs: [] as Array<[string, string]>, finished: [] as Array<[string, string, string]>, deliveries: [] as Array<[string, string]> };
    const attempted = new Map<string, number>();
    const lastName = new Map<string, number>();
    let stop = false;
    let seq = 0;

    const runWorker = async (agentId: string, worker: number) => {
      const owner = { kind: "job" as const, id: `job_worker${worker}` };
      while (!stop) {
        seq += 1;
        const n = seq;
        const run = makeRun(agentId, owner, n, { id: `run_w${worker}_${String(n).padStart(6, "0")}`, status: "queued" });
        const appended = await attempt(() => store.appendRun(run, HISTORY));
        if (!appended.ok) {
          failures.push(appended.error);
          await sleep(5);
          continue;
        }
        acked.runs.push([agentId, run.id]);
        const ending = { status: "failed" as const, finishedAt: at(n + 1), attempts: 1, error: `boom ${n}` };
        const finished = await attempt(() => store.finishRun(agentId, run.id, ending, { updateOwner: false, ...HISTORY }));
        if (finished.ok) {
          expect(finished.value).toMatchObject({ finished: true });
          acked.finished.push([agentId, run.id, ending.error]);
        } else failures.push(finished.error);
        const deliveryId = `d_${worker}_${n}`;
        attempted.set(agentId, (attempted.get(agentId) ?? 0) + 1);
        const counted = await attempt(() => store.countDelivery(agentId, "trg_counter", { deliveryId, outcome: "fired", at: new Date(), ttlMs: 3_600_000 }));
        if (counted.ok) {
          expect(counted.value).toEqual({ firstSeen: true });
          acked.deliveries.push([agentId, deliveryId]);
        } else failures.push(counted.error);
      }
    };
    const updateWorker = async (agentId: string) => {
      for (let k = 1; !stop; k++) {
        const updated = await attempt(() => store.update(agentId, (p) => ({ ...p, jobs: p.jobs.map((job) => (job.id === "job_000002" ? { ...job, name: `Name ${k}` } : job)) })));
        if (updated.ok) lastName.set(agentId, k);
        else {
          failures.push(updated.error);
          await sleep(5);
        }
      }
    };
    const workers = [...agents.flatMap((agentId, i) => [runWorker(agentId, i * 2), runWorker(agentId, i * 2 + 1)]), ...agents.map(updateWorker)];

    // Rounds of terminations while the calls run: every backend of this store, listening connection included.
    let ended = 0;
    for (let round = 0; round < 16; round++) {
      await sleep(120 + Math.random() * 150);
      ended += await terminate(app);
    }
    stop = true;
    await Promise.all(workers);

    expect(ended).toBeGreaterThan(0);
    expect(failures.length, "some calls met a terminated backend").toBeGreaterThan(0);
    for (const error of failures) expectUnavailable(error);
    expect(acked.runs.length).toBeGreaterThan(0);

    // The same store answers again without being recreated: idle connections ended in the last round are gone.
    await sleep(500);
    for (let k = 0; k < 5; k++) {
      const run = makeRun("agent-1", { kind: "job", id: "job_afterwards" }, 9000 + k, { status: "queued" });
      expect(await store.appendRun(run, HISTORY)).toMatchObject({ inserted: true });
    }
    expect((await store.get("agent-2")).jobs).toHaveLength(9);

    // Everything acknowledged is there, seen by a store that never saw a terminated connection.
    const fresh = open(POSTGRES_URL, schema, { listen: false });
    for (const [agentId, runId] of acked.runs) expect(await fresh.getRun(agentId, runId), runId).not.toBeNull();
    for (const [agentId, runId, error] of acked.finished) expect(await fresh.getRun(agentId, runId)).toMatchObject({ status: "failed", error });
    for (const agentId of agents) {
      const got = acked.deliveries.filter(([id]) => id === agentId).length;
      const fired = (await fresh.getTrigger(agentId, "trg_counter"))!.state.firedCount;
      expect(fired).toBeGreaterThanOrEqual(got);
      expect(fired).toBeLessThanOrEqual(attempted.get(agentId) ?? 0);
      // The name stored is the last acknowledged one, or a later one whose answer was lost.
      const name = (await fresh.getJob(agentId, "job_000002"))!.name;
      const stored = name === "Job 2" ? 0 : Number(name.replace("Name ", ""));
      expect(stored).toBeGreaterThanOrEqual(lastName.get(agentId) ?? 0);
    }
    // An acknowledged delivery id was stored with its count: sent again, it is a duplicate.
    for (const [agentId, deliveryId] of acked.deliveries.slice(0, 20)) {
      expect(await fresh.countDelivery(agentId, "trg_counter", { deliveryId, outcome: "fired", at: new Date(), ttlMs: 3_600_000 })).toEqual({ firstSeen: false });
    }
  }, 60_000);

  it("keeps two instances on one database working through three rounds of terminating all their backends at once", async () => {
    const schema = newSchema();
    const { url, app } = appUrl();
    const a = open(url, schema);
    const b = open(url, schema);
    await a.update("agent-1", () => ({ jobs: [makeJob(1)], triggers: [] }));
    await b.version("agent-1");
    const heardByA: StoreChange[] = [];
    const heardByB: StoreChange[] = [];
    a.subscribe("agent-1", (change) => heardByA.push(change));
    b.subscribe("agent-1", (change) => heardByB.push(change));

    let n = 0;
    for (let round = 1; round <= 3; round++) {
      // Both busy, then every backend of both ended at the same instant.
      const busy = Array.from({ length: 12 }, (_, i) => {
        n += 1;
        const store = i % 2 ? a : b;
        return attempt(() => store.appendRun(makeRun("agent-1", { kind: "job", id: `job_r${round}` }, n, { status: "queued" }), HISTORY));
      });
      await sleep(15);
      expect(await terminate(app)).toBeGreaterThan(0);
      for (const outcome of await Promise.all(busy)) if (!outcome.ok) expectUnavailable(outcome.error);

      // Both answer again by themselves, and each still hears the other (listening resumed after its connection died).
      await sleep(300);
      const fromA = heardByA.length;
      const fromB = heardByB.length;
      n += 1;
      const runA = makeRun("agent-1", { kind: "job", id: "job_a" }, n, { status: "queued" });
      expect(await a.appendRun(runA, HISTORY)).toMatchObject({ inserted: true });
      n += 1;
      const runB = makeRun("agent-1", { kind: "job", id: "job_b" }, n, { status: "queued" });
      expect(await b.appendRun(runB, HISTORY)).toMatchObject({ inserted: true });
      expect(await b.getRun("agent-1", runA.id)).toMatchObject({ id: runA.id });
      expect(await a.getRun("agent-1", runB.id)).toMatchObject({ id: runB.id });
      await expect.poll(() => heardByA.slice(fromA).some((change) => change.kind === "run" && change.run.id === runB.id), { timeout: 15_000 }).toBe(true);
      await expect.poll(() => heardByB.slice(fromB).some((change) => change.kind === "run" && change.run.id === runA.id), { timeout: 15_000 }).toBe(true);
    }
  }, 60_000);

  it("listens again after its listening connection is terminated, and tells subscribers what changed meanwhile", async () => {
    const schema = newSchema();
    const first = appUrl();
    const second = appUrl();
    const a = open(first.url, schema);
    const b = open(second.url, schema);
    await a.update("agent-1", () => ({ jobs: [makeJob(1)], triggers: [] }));
    const heard: StoreChange[] = [];
    a.subscribe("agent-1", (change) => heard.push(change));
    for (let round = 1; round <= 3; round++) {
      // Only `a`'s connections end; `b` writes while `a` is not listening (its notification may be lost).
      expect(await terminate(first.app)).toBeGreaterThan(0);
      await b.appendRun(makeRun("agent-1", { kind: "job", id: "job_b" }, round, { status: "queued" }), HISTORY);
      const version = await b.version("agent-1");
      await expect.poll(() => heard.some((change) => change.version >= version), { timeout: 15_000 }).toBe(true);
    }
    // And it hears the next change as it happens again.
    const run = makeRun("agent-1", { kind: "job", id: "job_b" }, 10, { status: "queued" });
    await b.appendRun(run, HISTORY);
    await expect.poll(() => heard.some((change) => change.kind === "run" && change.run.id === run.id), { timeout: 15_000 }).toBe(true);
  }, 60_000);

  it("a change whose notification never came is still told within seconds (the periodic version check)", async () => {
    const schema = newSchema();
    const a = open(appUrl().url, schema);
    await a.update("agent-1", () => ({ jobs: [makeJob(1)], triggers: [] }));
    const heard: StoreChange[] = [];
    a.subscribe("agent-1", (change) => heard.push(change));
    await sleep(500);
    // A commit that sends no NOTIFY (as if the notification were lost): only the version moves.
    const [row] = await admin!.unsafe(`UPDATE "${schema}".rt_agents SET version = version + 1 WHERE agent_id = 'agent-1' RETURNING version`);
    const version = Number(row!.version);
    await expect.poll(() => heard.some((change) => change.kind === "planner" && change.version === version), { timeout: 12_000, interval: 200 }).toBe(true);
    // Told once, not on every check.
    await sleep(5_500);
    expect(heard.filter((change) => change.version === version)).toHaveLength(1);
  }, 30_000);

  describe("a connection lost around COMMIT (through a proxy that cuts it)", () => {
    const target = new URL(POSTGRES_URL);
    let proxy: CommitProxy;
    beforeAll(async () => {
      proxy = await commitProxy(target.hostname, Number(target.port || 5432));
    });
    afterAll(() => proxy?.close());

    const viaProxy = () => {
      const url = new URL(POSTGRES_URL);
      url.hostname = "127.0.0.1";
      url.port = String(proxy.port);
      return url.toString();
    };

    it("resolves a write whose COMMIT reached the server but whose answer was lost (it committed)", async () => {
      const schema = newSchema();
      const store = open(viaProxy(), schema, { listen: false, max: 2 });
      await store.update("agent-c", () => ({ jobs: [makeJob(1)], triggers: [] }));
      const run = makeRun("agent-c", { kind: "job", id: "job_c" }, 1, { status: "queued" });
      proxy.arm("cut-after-commit");
      expect(await store.appendRun(run, HISTORY)).toMatchObject({ inserted: true });
      expect(proxy.fired()).toBe(true);
      expect(await open(POSTGRES_URL, schema, { listen: false }).getRun("agent-c", run.id)).toMatchObject({ id: run.id });
    }, 20_000);

    it("rejects a write whose COMMIT never reached the server as a 503 fault, and stores nothing of it", async () => {
      const schema = newSchema();
      const store = open(viaProxy(), schema, { listen: false, max: 2 });
      await store.update("agent-c", () => ({ jobs: [makeJob(1)], triggers: [] }));
      const run = makeRun("agent-c", { kind: "job", id: "job_c" }, 2, { status: "queued" });
      proxy.arm("drop-commit");
      const outcome = await attempt(() => store.appendRun(run, HISTORY));
      expect(proxy.fired()).toBe(true);
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) {
        expectUnavailable(outcome.error);
        expect((outcome.error as Error).message).toMatch(/nothing was saved/);
      }
      expect(await open(POSTGRES_URL, schema, { listen: false }).getRun("agent-c", run.id)).toBeNull();
      // The store itself carries on.
      expect(await store.appendRun(run, HISTORY)).toMatchObject({ inserted: true });
    }, 20_000);

    it("says the outcome is unknown when the server cannot be asked after a lost COMMIT, and recovers once it can", async () => {
      const schema = newSchema();
      const store = open(viaProxy(), schema, { listen: false, max: 2 });
      await store.update("agent-c", () => ({ jobs: [makeJob(1)], triggers: [] }));
      const run = makeRun("agent-c", { kind: "job", id: "job_c" }, 3, { status: "queued" });
      proxy.arm("drop-commit", { refuseAfter: true });
      const started = Date.now();
      const outcome = await attempt(() => store.appendRun(run, HISTORY));
      expect(Date.now() - started).toBeLessThan(20_000);
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) {
        expectUnavailable(outcome.error);
        expect((outcome.error as Error).message).toMatch(/may or may not have been saved/);
      }
      await proxy.accept();
      // Within a few seconds of the server being reachable again (the pool waits a moment between attempts).
      expect(await eventually(() => store.appendRun(run, HISTORY))).toMatchObject({ run: { id: run.id } });
    }, 30_000);
  });

  it("rejects calls on a server that cannot be reached with the 503 fault, quickly, and closes cleanly", async () => {
    const schema = newSchema();
    const { url } = appUrl("postgres://postgres:postgres@127.0.0.1:1/postgres");
    const store = open(url, schema);
    const seen: StoreChange[] = [];
    store.subscribe("agent-1", (change) => seen.push(change));
    const started = Date.now();
    const outcomes = await Promise.all([
      attempt(() => store.get("agent-1")),
      attempt(() => store.appendRun(makeRun("agent-1", { kind: "job", id: "job_x" }, 1), HISTORY)),
      attempt(() => store.dueJobs(new Date(), 10)),
      attempt(() => store.recordDelivery("d-1", new Date(), 60_000)),
      attempt(() => store.update("agent-1", (p) => p)),
    ]);
    expect(Date.now() - started).toBeLessThan(10_000);
    for (const outcome of outcomes) {
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expectUnavailable(outcome.error);
    }
    // The caller's own error is passed on as it is, never taken for a database fault.
    const own = Object.assign(new Error("mine"), { code: "ECONNREFUSED" });
    const working = open(POSTGRES_URL, schema, { listen: false });
    await expect(
      working.update("agent-1", () => {
        throw own;
      }),
    ).rejects.toBe(own);
    const closing = Date.now();
    await store.close();
    expect(Date.now() - closing).toBeLessThan(5_000);
    expect(seen).toEqual([]);
  }, 20_000);
});

interface CommitProxy {
  port: number;
  /** The next `COMMIT` sent through: forwarded and its answer cut off, or cut off before it reaches the server. */
  arm(mode: "cut-after-commit" | "drop-commit", options?: { refuseAfter?: boolean }): void;
  /** Whether the armed cut happened (and resets it). */
  fired(): boolean;
  /** Accepts connections again after `refuseAfter`. */
  accept(): Promise<void>;
  close(): Promise<void>;
}

/** A TCP proxy to PostgreSQL that can cut one connection around its next `COMMIT`. */
async function commitProxy(host: string, port: number): Promise<CommitProxy> {
  let mode: "cut-after-commit" | "drop-commit" | null = null;
  let refuseAfter = false;
  let fired = false;
  const sockets = new Set<net.Socket>();
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
  };
  const server = net.createServer((client) => {
    track(client);
    const upstream = net.connect(port, host);
    track(upstream);
    let swallow = false;
    const cut = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("data", (chunk: Buffer) => {
      if (mode && /\bcommit\b/i.test(chunk.toString("latin1"))) {
        const armed = mode;
        mode = null;
        fired = true;
        if (refuseAfter) void listening(false);
        if (armed === "drop-commit") return cut();
        swallow = true;
      }
      upstream.write(chunk);
    });
    upstream.on("data", (chunk: Buffer) => {
      if (swallow) return cut();
      client.write(chunk);
    });
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  // Listening or not on one port: refused connections (ECONNREFUSED) while the server cannot be asked.
  let bound = 0;
  const listening = async (on: boolean) => {
    if (on) {
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(bound, "127.0.0.1", () => {
          server.off("error", reject);
          resolve();
        });
      });
      bound = (server.address() as net.AddressInfo).port;
    } else {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
    }
  };
  await listening(true);
  return {
    get port() {
      return bound;
    },
    arm(next, options = {}) {
      mode = next;
      refuseAfter = options.refuseAfter ?? false;
      fired = false;
    },
    fired() {
      const was = fired;
      fired = false;
      return was;
    },
    accept: () => listening(true),
    close: () => (server.listening ? listening(false) : Promise.resolve()),
  };
}

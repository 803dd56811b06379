import { createHmac } from "node:crypto";
import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { createComposioWebhookRoute } from "../../src/server/next/composio-webhook-route";
import { createPlannerRoute } from "../../src/server/next/trpc-route";
import type { ComposioGateway } from "../../src/server/composio";
import type { PlannerOptions } from "../../src/server/options";
import { recordingLogger } from "../helpers/logger";
import { memoryStore, type PlannerStore } from "../../src/server/store";
import { StorageFaultError } from "../../src/server/store/faults";
import { recordingDispatcher } from "../engine/harness";
import { testPlanner } from "../helpers/planner";
import { gmailDelivery, gmailTrigger } from "../helpers/triggers";

const BASE = "http://localhost/api/planner";
const NOW = "2026-11-30T09:00:00.000Z";
const SECRET = "whsec_test_secret_value";

const DISK_FULL = "The planner's storage is full: nothing was saved. Free some disk space; the planner resumes by itself.";
const READ_ONLY = "The planner's storage is read-only: nothing was saved. Make the data folder writable (it is mounted read-only).";
const PERMISSION = "The planner cannot write its data folder (permission denied): nothing was saved. Give the server's user write access to it.";
const DATABASE_DOWN = "The planner's database is unavailable: nothing was saved. It reconnects by itself; try again shortly.";

/** The error Node's fs gives, path and all. */
function systemError(code: string): Error {
  return Object.assign(new Error(`${code}: refused, open '/srv/agent-platform/.data/agents/agent-1.json'`), { code, syscall: "open", errno: -1 });
}

/** A memory store whose `methods` reject with `error` (the rest works). */
function faultyStore(error: () => Error, methods: Array<keyof PlannerStore>): PlannerStore {
  const store = memoryStore();
  const overrides = Object.fromEntries(methods.map((name) => [name, () => Promise.reject(error())]));
  return Object.assign(Object.create(store) as PlannerStore, overrides);
}

function route(overrides: Partial<PlannerOptions>) {
  const log = recordingLogger();
  const t = testPlanner({ logger: log.logger, ...overrides });
  return { ...t, ...log, ...createPlannerRoute({ planner: t.planner, endpoint: "/api/planner" }) };
}

const input = (value: unknown) => encodeURIComponent(JSON.stringify(superjson.serialize(value)));

const job = {
  agentId: "agent-1",
  name: "Morning brief",
  schedule: { cron: "0 7 * * 1-5", timezone: "Asia/Kolkata" },
  action: { type: "chat", template: "Good morning!" },
};

function createJob(): Request {
  return new Request(`${BASE}/jobs.create`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-user": "user-1" },
    body: JSON.stringify(superjson.serialize(job)),
  });
}

function listJobs(): Request {
  return new Request(`${BASE}/jobs.list?input=${input({ agentId: "agent-1" })}`, { headers: { "x-user": "user-1" } });
}

interface ErrorBody {
  error: { json: { message: string; code: number; data: { code: string; httpStatus: number; storageFault?: string; errorId?: string } } };
}

async function errorOf(res: Response) {
  const text = await res.text();
  return { status: res.status, retryAfter: res.headers.get("retry-after"), text, ...(JSON.parse(text) as ErrorBody).error.json };
}

describe("createPlannerRoute: storage faults", () => {
  it("a full disk answers the mutation 507 with the sentence, no error id and nothing from the path", async () => {
    const { POST, records } = route({ store: faultyStore(() => systemError("ENOSPC"), ["update"]) });
    const res = await errorOf(await POST(createJob()));
    expect(res.status).toBe(507);
    expect(res.message).toBe(DISK_FULL);
    expect(res.data).toMatchObject({ code: "SERVICE_UNAVAILABLE", httpStatus: 507, storageFault: "disk-full" });
    expect(res.data.errorId).toBeUndefined();
    expect(res.text).not.toContain("/srv/");
    expect(res.text).not.toContain("ENOSPC");
    expect(res.text).not.toMatch(/Something went wrong/);
    expect(res.retryAfter).toBeNull();
    // The operator's log says which fault, where, and the system's code.
    expect(records).toEqual([
      {
        level: "error",
        text: "planner storage fault",
        fields: expect.objectContaining({ kind: "disk-full", status: 507, path: "jobs.create", code: "ENOSPC" }) as object,
      },
    ]);
  });

  it("a read-only file system answers 503 with the read-only sentence, never 'try again'", async () => {
    const { GET, POST } = route({ store: faultyStore(() => systemError("EROFS"), ["update"]) });
    const res = await errorOf(await POST(createJob()));
    expect(res.status).toBe(503);
    expect(res.message).toBe(READ_ONLY);
    expect(res.message).not.toMatch(/try again/i);
    expect(res.data).toMatchObject({ httpStatus: 503, storageFault: "read-only" });
    // Reads do not write: they go on working.
    expect((await GET(listJobs())).status).toBe(200);
  });

  it("permission denied answers 503 with its own sentence", async () => {
    const { POST } = route({ store: faultyStore(() => systemError("EACCES"), ["update"]) });
    const res = await errorOf(await POST(createJob()));
    expect([res.status, res.message, res.data.storageFault]).toEqual([503, PERMISSION, "permission"]);
  });

  it("PostgreSQL down answers queries and mutations 503 'The planner's database is unavailable' with Retry-After", async () => {
    const down = () => Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01", severity: "FATAL" });
    const { GET, POST } = route({ store: faultyStore(down, ["get", "activeRuns", "update"]) });
    for (const res of [await errorOf(await GET(listJobs())), await errorOf(await POST(createJob()))]) {
      expect(res.status).toBe(503);
      expect(res.message).toBe(DATABASE_DOWN);
      expect(res.data.storageFault).toBe("database-unavailable");
      expect(res.retryAfter).toBe("5");
    }
    const refused = () => Object.assign(new Error("write CONNECTION_CLOSED localhost:5432"), { code: "CONNECTION_CLOSED" });
    const closed = route({ store: faultyStore(refused, ["get", "activeRuns"]) });
    const res = await errorOf(await closed.GET(listJobs()));
    expect([res.status, res.message]).toEqual([503, DATABASE_DOWN]);
  });

  it("a StorageFaultError thrown by a store (any copy of the package) keeps its kind", async () => {
    const foreign = () => Object.assign(new Error("The planner's storage is full: nothing was saved."), { name: "StorageFaultError", kind: "disk-full", status: 507 });
    const { POST } = route({ store: faultyStore(foreign, ["update"]) });
    expect((await POST(createJob())).status).toBe(507);
    const own = route({ store: faultyStore(() => new StorageFaultError("io", "reading agent-1.json"), ["get", "activeRuns"]) });
    const res = await errorOf(await own.GET(listJobs()));
    expect([res.status, res.data.storageFault, res.retryAfter]).toEqual([503, "io", "10"]);
  });

  it("the planner recovers by itself when the cause goes away (the same route and store)", async () => {
    let full = true;
    const store = memoryStore();
    const flaky = Object.assign(Object.create(store) as PlannerStore, {
      update: (...args: Parameters<PlannerStore["update"]>) => (full ? Promise.reject(systemError("ENOSPC")) : store.update(...args)),
    });
    const { POST, GET } = route({ store: flaky });
    expect((await POST(createJob())).status).toBe(507);
    full = false;
    expect((await POST(createJob())).status).toBe(200);
    const listed = (await (await GET(listJobs())).json()) as { result: { data: { json: unknown[] } } };
    expect(listed.result.data.json).toHaveLength(1);
  });

  it("an error that only mentions a code in its text is still an internal error (500 with an error id)", async () => {
    const { GET } = route({ store: faultyStore(() => new Error("ENOSPC: no space left on device"), ["get"]) });
    const res = await errorOf(await GET(listJobs()));
    expect(res.status).toBe(500);
    expect(res.data.errorId).toMatch(/^err_/);
  });

  it("domain errors from another copy of the package are mapped by name and code, not instanceof", async () => {
    const notFound = () => Object.assign(new Error("This agent has no job job_x."), { name: "NotFoundError", code: "NOT_FOUND" });
    const { GET } = route({ store: faultyStore(notFound, ["get"]) });
    const res = await errorOf(await GET(listJobs()));
    expect([res.status, res.message, res.data.code]).toEqual([404, "This agent has no job job_x.", "NOT_FOUND"]);
    const lockTimeout = () => Object.assign(new Error("lock held"), { name: "LockTimeoutError", path: "/srv/x.lock" });
    const busy = route({ store: faultyStore(lockTimeout, ["get"]) });
    expect((await busy.GET(listJobs())).status).toBe(408);
  });
});

/** Signs like Composio: base64 HMAC-SHA256 of `id.timestamp.body`. */
function signedDelivery(body: unknown, id = "msg_0001"): Request {
  const raw = JSON.stringify(body);
  const timestamp = Date.parse(NOW) / 1000;
  const signature = `v1,${createHmac("sha256", SECRET).update(`${id}.${timestamp}.${raw}`).digest("base64")}`;
  return new Request("http://localhost/api/workforce/triggers/webhook", {
    method: "POST",
    headers: { "content-type": "application/json", "webhook-id": id, "webhook-timestamp": String(timestamp), "webhook-signature": signature },
    body: raw,
  });
}

async function webhook(error: () => Error) {
  const store = memoryStore();
  const log = recordingLogger();
  const t = testPlanner({ store, composio: { webhookSecret: SECRET } as unknown as ComposioGateway, logger: log.logger }, NOW);
  t.planner.deps.dispatcher = recordingDispatcher().dispatcher;
  await store.update("agent-1", (p) => ({ ...p, triggers: [gmailTrigger(NOW)] }));
  // The delivery is found, then recording it fails.
  t.planner.deps.store = Object.assign(Object.create(store) as PlannerStore, { countDelivery: () => Promise.reject(error()) });
  const { POST } = createComposioWebhookRoute({ planner: t.planner });
  const res = await POST(signedDelivery(gmailDelivery));
  return { status: res.status, retryAfter: res.headers.get("retry-after"), body: (await res.json()) as { error?: string; storageFault?: string }, records: log.records };
}

describe("createComposioWebhookRoute: storage faults make Composio retry", () => {
  it("a full disk answers 507 (never 200) with the sentence", async () => {
    const res = await webhook(() => systemError("ENOSPC"));
    expect(res.status).toBe(507);
    expect(res.body).toEqual({ error: DISK_FULL, storageFault: "disk-full" });
    expect(res.records).toEqual([expect.objectContaining({ level: "error", fields: expect.objectContaining({ kind: "disk-full", webhookId: "msg_0001" }) as object })]);
  });

  it("a read-only file system answers 503 with the read-only sentence", async () => {
    const res = await webhook(() => systemError("EROFS"));
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ error: READ_ONLY, storageFault: "read-only" });
    expect(res.retryAfter).toBeNull();
  });

  it("the database down answers 503 with Retry-After", async () => {
    const res = await webhook(() => Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED", syscall: "connect" }));
    expect([res.status, res.body.error, res.retryAfter]).toEqual([503, DATABASE_DOWN, "5"]);
  });

  it("any other failure still answers 500 (retried as before)", async () => {
    const res = await webhook(() => new Error("boom"));
    expect(res.status).toBe(500);
  });
});

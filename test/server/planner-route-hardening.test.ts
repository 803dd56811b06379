import { describe, expect, it, vi } from "vitest";
import superjson from "superjson";
import { createPlannerRoute } from "../../src/server/next/trpc-route";
import type { PlannerOptions } from "../../src/server/options";
import { recordingLogger } from "../helpers/logger";
import { PlannerConfigError } from "../../src/server/planner";
import type { ComposioGateway } from "../../src/server/composio";
import { memoryStore, type PlannerStore } from "../../src/server/store";
import { testPlanner } from "../helpers/planner";

const BASE = "http://localhost/api/planner";

function route(overrides: Partial<PlannerOptions> = {}, routeOptions: { maxBodyBytes?: number; maxBatchSize?: number; maxUrlBytes?: number } = {}) {
  const log = recordingLogger();
  const auth = vi.fn((req: Request) => {
    const user = req.headers.get("x-user");
    return user ? { userId: user } : null;
  });
  const t = testPlanner({ logger: log.logger, auth, ...overrides });
  return { ...t, ...log, auth, ...createPlannerRoute({ planner: t.planner, endpoint: "/api/planner", ...routeOptions }) };
}

const input = (value: unknown) => encodeURIComponent(JSON.stringify(superjson.serialize(value)));

function post(path: string, value: unknown, init: { user?: string | null; body?: BodyInit; headers?: Record<string, string> } = {}) {
  const user = init.user === undefined ? "user-1" : init.user;
  return new Request(`${BASE}/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(user ? { "x-user": user } : {}), ...init.headers },
    body: init.body ?? JSON.stringify(superjson.serialize(value)),
    ...(init.body instanceof ReadableStream ? { duplex: "half" } : {}),
  });
}

const job = {
  agentId: "agent-1",
  name: "Morning brief",
  schedule: { cron: "0 7 * * 1-5", timezone: "Asia/Kolkata" },
  action: { type: "chat", template: "Good morning!" },
};

interface ErrorBody {
  error: { json: { message: string; code: number; data: { code: string; httpStatus: number; errorId?: string; stack?: string; path?: string } } };
}

/** A body that streams `chunk` until `total` bytes, counting what was pulled. */
function streamOf(chunk: string, total: number) {
  const bytes = new TextEncoder().encode(chunk);
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= total) return controller.close();
      pulled += bytes.byteLength;
      controller.enqueue(bytes);
    },
  });
  return { stream, pulled: () => pulled };
}

describe("createPlannerRoute: size limits", () => {
  it("answers 413 to a body whose Content-Length is over the limit, storing nothing", async () => {
    const { POST, store } = route();
    const big = JSON.stringify(superjson.serialize({ ...job, description: "x".repeat(2 * 1024 * 1024) }));
    const res = await POST(post("jobs.create", null, { body: big }));
    expect(res.status).toBe(413);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.json.message).toBe("The request body is larger than 1 MiB.");
    expect(body.error.json.data).toMatchObject({ code: "PAYLOAD_TOO_LARGE", httpStatus: 413 });
    expect((await store.get("agent-1")).jobs).toEqual([]);
  });

  it("counts a streamed body without trusting Content-Length, and stops reading once it is over", async () => {
    const { POST, store } = route({}, { maxBodyBytes: 64 * 1024 });
    const huge = streamOf("x".repeat(1024), 8 * 1024 * 1024);
    const res = await POST(post("jobs.create", null, { body: huge.stream }));
    expect(res.status).toBe(413);
    expect(((await res.json()) as ErrorBody).error.json.message).toBe("The request body is larger than 64 KiB.");
    expect(huge.pulled()).toBeLessThan(70 * 1024);

    const lying = streamOf("x".repeat(1024), 200 * 1024);
    const res2 = await POST(post("jobs.create", null, { body: lying.stream, headers: { "content-length": "10" } }));
    expect(res2.status).toBe(413);
    expect((await store.get("agent-1")).jobs).toEqual([]);
  });

  it("hands a streamed body within the limit to tRPC", async () => {
    const { POST, store } = route({}, { maxBodyBytes: 64 * 1024 });
    const text = JSON.stringify(superjson.serialize(job));
    const res = await POST(post("jobs.create", null, { body: streamOf(text, text.length).stream }));
    expect(res.status).toBe(200);
    expect((await store.get("agent-1")).jobs.map((j) => j.name)).toEqual(["Morning brief"]);
  });

  it("refuses a batched GET of 110 × jobs.list with 400, before authenticating or parsing", async () => {
    const { GET, auth } = route();
    const paths = Array.from({ length: 110 }, () => "jobs.list").join(",");
    const inputs = Object.fromEntries(Array.from({ length: 110 }, (_, i) => [i, superjson.serialize({ agentId: "agent-1" })]));
    const url = `${BASE}/${paths}?batch=1&input=${encodeURIComponent(JSON.stringify(inputs))}`;
    expect(url.length).toBeGreaterThan(7_000);
    const res = await GET(new Request(url, { headers: { "x-user": "user-1" } }));
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("application/json");
    const body = (await res.json()) as ErrorBody;
    expect(body.error.json.message).toBe("One request may call at most 20 procedures; this one calls 110. Split the batch.");
    expect(body.error.json.data).toMatchObject({ code: "BAD_REQUEST", httpStatus: 400 });
    expect(auth).not.toHaveBeenCalled();
  });

  it("applies maxBatchSize to batched POSTs (also with an encoded comma) and lets a batch at the limit through", async () => {
    const { GET, POST } = route({}, { maxBatchSize: 3 });
    const batch = (n: number, sep = ",") => Array.from({ length: n }, () => "jobs.list").join(sep);
    const inputs = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [i, superjson.serialize({ agentId: "agent-1" })]));
    const postBatch = (path: string, n: number) =>
      new Request(`${BASE}/${path}?batch=1`, { method: "POST", headers: { "content-type": "application/json", "x-user": "user-1" }, body: JSON.stringify(inputs(n)) });
    expect((await POST(postBatch(batch(4), 4))).status).toBe(400);
    expect((await POST(postBatch(batch(4, "%2C"), 4))).status).toBe(400);
    const ok = await GET(new Request(`${BASE}/${batch(3)}?batch=1&input=${encodeURIComponent(JSON.stringify(inputs(3)))}`, { headers: { "x-user": "user-1" } }));
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as unknown[]).length).toBe(3);
  });

  it("bounds a GET's input through the URL length", async () => {
    const { GET, auth } = route({}, { maxUrlBytes: 4096 });
    const res = await GET(new Request(`${BASE}/schedule.preview?input=${input({ cron: "x".repeat(5000), timezone: "UTC" })}`, { headers: { "x-user": "user-1" } }));
    expect(res.status).toBe(413);
    expect(((await res.json()) as ErrorBody).error.json.message).toBe("The request URL is longer than 4 KiB; send large inputs in a POST body.");
    expect(auth).not.toHaveBeenCalled();
  });

  it("refuses limits that are not positive whole numbers", () => {
    const { planner } = testPlanner();
    for (const bad of [0, -1, 1.5, Number.NaN]) {
      expect(() => createPlannerRoute({ planner, endpoint: "/api/planner", maxBodyBytes: bad })).toThrow(PlannerConfigError);
      expect(() => createPlannerRoute({ planner, endpoint: "/api/planner", maxBatchSize: bad })).toThrow("`maxBatchSize` must be a positive whole number");
      expect(() => createPlannerRoute({ planner, endpoint: "/api/planner", maxUrlBytes: bad })).toThrow("`maxUrlBytes` must be a positive whole number");
    }
  });
});

/** A store whose reads fail the way a real disk does: with an absolute path in the message. */
function brokenStore(): PlannerStore {
  const store = memoryStore();
  return Object.assign(Object.create(store) as PlannerStore, {
    get: () => Promise.reject(new Error("EACCES: permission denied, open '/srv/agent-platform/.data/agents/agent-1.json'")),
  });
}

describe("createPlannerRoute: errors do not leak", () => {
  it("answers an internal error with a generic sentence and an error id that the server log has with the cause", async () => {
    expect(process.env.NODE_ENV).not.toBe("production");
    const { GET, records } = route({ store: brokenStore() });
    const res = await GET(new Request(`${BASE}/jobs.list?input=${input({ agentId: "agent-1" })}`, { headers: { "x-user": "user-1" } }));
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain("stack");
    expect(text).not.toContain("/srv/");
    expect(text).not.toContain("EACCES");
    expect(text).not.toMatch(/\/work\/|node_modules|\.ts:\d+/);
    const { message, data } = (JSON.parse(text) as ErrorBody).error.json;
    expect(data.errorId).toMatch(/^err_[0-9A-Za-z]{12}$/);
    expect(message).toBe(`Something went wrong in the planner (error ${data.errorId}). Try again; if it keeps happening, tell your administrator this error id.`);
    expect(records).toEqual([
      {
        level: "error",
        text: "planner API error",
        fields: expect.objectContaining({ errorId: data.errorId, path: "jobs.list", error: expect.stringContaining("/srv/agent-platform/.data/agents/agent-1.json") as string }) as object,
      },
    ]);
  });

  it("with debug: true the answer carries the real message and the stack", async () => {
    const { GET } = route({ store: brokenStore(), debug: true });
    const res = await GET(new Request(`${BASE}/jobs.list?input=${input({ agentId: "agent-1" })}`, { headers: { "x-user": "user-1" } }));
    const { message, data } = ((await res.json()) as ErrorBody).error.json;
    expect(message).toContain("EACCES: permission denied");
    expect(data.stack).toContain("EACCES");
    expect(data.errorId).toMatch(/^err_/);
  });

  it("gives a BAD_REQUEST, a 401 and a 404 no stack either", async () => {
    const { GET, POST } = route();
    const bad = await POST(post("jobs.create", { ...job, name: "" }));
    const anonymous = await GET(new Request(`${BASE}/jobs.list?input=${input({ agentId: "agent-1" })}`));
    const missing = await GET(new Request(`${BASE}/jobs.nothing?input=${input({})}`, { headers: { "x-user": "user-1" } }));
    expect([bad.status, anonymous.status, missing.status]).toEqual([400, 401, 404]);
    for (const res of [bad, anonymous, missing]) {
      const body = (await res.json()) as ErrorBody;
      expect(body.error.json.data).not.toHaveProperty("stack");
      expect(JSON.stringify(body)).not.toMatch(/\/work\/|node_modules/);
    }
  });

  it("answers a host auth that throws like any internal error", async () => {
    const { GET, records } = route({
      auth: () => {
        throw new Error("session store at /var/run/sessions.sock is down");
      },
    });
    const res = await GET(new Request(`${BASE}/jobs.list?input=${input({ agentId: "agent-1" })}`));
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain("/var/run");
    const { data } = (JSON.parse(text) as ErrorBody).error.json;
    expect(records.map((r) => r.fields.errorId)).toEqual([data.errorId]);
  });

  it("never logs a record with a `message` field", async () => {
    const { GET, POST, records } = route({ store: brokenStore() });
    await GET(new Request(`${BASE}/jobs.list?input=${input({ agentId: "agent-1" })}`, { headers: { "x-user": "user-1" } }));
    await POST(post("jobs.create", job));
    expect(records.length).toBeGreaterThan(0);
    for (const record of records) expect(Object.keys(record.fields)).not.toContain("message");
  });
});

describe("createPlannerRoute: live.onChange checks access before the stream", () => {
  const live = (agentId: string, user: string | null) =>
    new Request(`${BASE}/live.onChange?input=${input({ agentId })}`, { headers: { accept: "text/event-stream", ...(user ? { "x-user": user } : {}) } });

  it("answers 401 without a user and 403 for another user's agent, as JSON", async () => {
    const { GET } = route();
    const anonymous = await GET(live("agent-1", null));
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("content-type")).toBe("application/json");
    expect(((await anonymous.json()) as ErrorBody).error.json).toMatchObject({ message: "Sign in to use the planner.", data: { code: "UNAUTHORIZED" } });

    const forbidden = await GET(live("agent-other", "user-1"));
    expect(forbidden.status).toBe(403);
    expect(((await forbidden.json()) as ErrorBody).error.json).toMatchObject({ message: "You do not have access to this agent.", data: { code: "FORBIDDEN" } });
  });

  it("answers 400 to an invalid input", async () => {
    const { GET } = route();
    const res = await GET(new Request(`${BASE}/live.onChange?input=${input({ agentId: 42 })}`, { headers: { accept: "text/event-stream", "x-user": "user-1" } }));
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.json.data.code).toBe("BAD_REQUEST");
  });

  it("streams for the owner, asking the host's auth once", async () => {
    const { GET, auth } = route();
    const abort = new AbortController();
    const req = new Request(`${BASE}/live.onChange?input=${input({ agentId: "agent-1" })}`, {
      headers: { accept: "text/event-stream", "x-user": "user-1" },
      signal: abort.signal,
    });
    const res = await GET(req);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    expect(auth).toHaveBeenCalledTimes(1);
    abort.abort();
    await res.body?.cancel();
  });
});

describe("Composio names in API inputs", () => {
  it("refuses a comma-joined app, event or account before anything reaches Composio", async () => {
    const unreachable = () => Promise.reject(new Error("Composio must not be called"));
    const composio = new Proxy({ webhookSecret: "secret" }, { get: (target, key) => (key in target ? target[key as "webhookSecret"] : unreachable) }) as unknown as ComposioGateway;
    const { caller } = testPlanner({ composio });
    const cases: [string, () => Promise<unknown>][] = [
      ['This is not an app name: only letters, digits, "_" and "-".', () => caller().catalog.connectedAccounts({ toolkit: "gmail,slack" })],
      ['This is not an app name: only letters, digits, "_" and "-".', () => caller().catalog.triggerTypes({ toolkit: "gmail,slack" })],
      ['This is not an event name: only letters, digits, "_" and "-".', () => caller().catalog.triggerType({ slug: "GMAIL_NEW_GMAIL_MESSAGE,SLACK_RECEIVE_MESSAGE" })],
      [
        'This is not a connected account id: only letters, digits, "_" and "-".',
        () =>
          caller().triggers.create({
            agentId: "agent-1",
            name: "Inbox",
            source: { toolkit: "gmail", triggerSlug: "GMAIL_NEW_GMAIL_MESSAGE", connectedAccountId: "ca_mine,ca_theirs" },
            action: { type: "chat", template: "New mail" },
          }),
      ],
    ];
    for (const [message, call] of cases) {
      const error = (await call().catch((e: unknown) => e)) as { code?: string; cause?: { issues?: { message: string }[] } };
      expect(error.code).toBe("BAD_REQUEST");
      expect(error.cause?.issues?.map((i) => i.message)).toEqual([message]);
    }
  });
});

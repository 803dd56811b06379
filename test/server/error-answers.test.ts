import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import superjson from "superjson";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi, type MockInstance } from "vitest";
import type { ComposioGateway } from "../../src/server/composio";
import { createPlannerRoute } from "../../src/server/next/trpc-route";
import { createPlanner } from "../../src/server/planner";
import type { PlannerOptions } from "../../src/server/options";
import { memoryStore, StoreClosedError, type PlannerStore } from "../../src/server/store";
import type * as ErrorsNamespace from "../../src/server/errors";
import { InvalidInputError, UpstreamError } from "../../src/server/errors";
import { DEMO_AGENT, DEMO_USER_ID, demoAuth, demoCanAccessAgent } from "../../demo/lib/catalog";
import type { DemoSandbox } from "../../demo/lib/sandbox";
import { recordingLogger } from "../helpers/logger";
import { testPlanner } from "../helpers/planner";

const BASE = "http://localhost/api/planner";

type ErrorsModule = typeof ErrorsNamespace;

interface ErrorBody {
  error: { json: { message: string; code: number; data: { code: string; httpStatus: number; fieldErrors: unknown; errorId?: string; storageFault?: string } } };
}

async function errorOf(res: Response) {
  const text = await res.text();
  return { status: res.status, text, ...(JSON.parse(text) as ErrorBody).error.json };
}

const input = (value: unknown) => encodeURIComponent(JSON.stringify(superjson.serialize(value)));
const batchInput = (...values: unknown[]) => encodeURIComponent(JSON.stringify(Object.fromEntries(values.map((value, index) => [index, superjson.serialize(value)]))));

function listJobs(agentId = "agent-1", user = "user-1"): Request {
  return new Request(`${BASE}/jobs.list?input=${input({ agentId })}`, { headers: { "x-user": user } });
}

function post(path: string, body: unknown, user = "user-1"): Request {
  return new Request(`${BASE}/${path}`, { method: "POST", headers: { "content-type": "application/json", "x-user": user }, body: JSON.stringify(superjson.serialize(body)) });
}

/** A route over a test planner; without `logger` in the overrides, the planner's default logger. */
function route(overrides: Partial<PlannerOptions>) {
  const t = testPlanner(overrides);
  return { ...t, ...createPlannerRoute({ planner: t.planner, endpoint: "/api/planner" }) };
}

/** A second copy of the errors module, as a host that bundles the package twice has (its own classes). */
async function secondCopy(): Promise<ErrorsModule> {
  vi.resetModules();
  return (await import("../../src/server/errors"));
}

let minifiedDir: string;
/** src/server/errors.ts as a host's production build has it: bundled, minified, class names mangled. */
let minified: ErrorsModule;

beforeAll(async () => {
  minifiedDir = await mkdtemp(join(tmpdir(), "planner-minified-errors-"));
  const result = await build({ entryPoints: [resolve(__dirname, "../../src/server/errors.ts")], bundle: true, minify: true, format: "esm", platform: "node", write: false });
  const file = join(minifiedDir, "errors.min.mjs");
  await writeFile(file, result.outputFiles[0]!.text);
  minified = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as ErrorsModule;
});

afterAll(async () => {
  await rm(minifiedDir, { recursive: true, force: true });
});

let consoleSpies: Record<"debug" | "info" | "warn" | "error" | "log", MockInstance>;

function quietConsole() {
  consoleSpies = {
    debug: vi.spyOn(console, "debug").mockImplementation(() => undefined),
    info: vi.spyOn(console, "info").mockImplementation(() => undefined),
    warn: vi.spyOn(console, "warn").mockImplementation(() => undefined),
    error: vi.spyOn(console, "error").mockImplementation(() => undefined),
    log: vi.spyOn(console, "log").mockImplementation(() => undefined),
  };
}

/** Everything written to console.<level>, one string per call. */
function written(level: keyof typeof consoleSpies): string[] {
  return consoleSpies[level].mock.calls.map((call) => call.map(String).join(" "));
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("domain errors from another copy of the package keep their code and sentence", () => {
  const NO_ACCOUNT = "No connected HubSpot account for this user — connect HubSpot first.";
  const FIELDS = [{ path: "source.connectedAccountId", message: "Connect HubSpot first." }];

  it("an InvalidInputError of a second copy (vi.resetModules) answers 400 with its sentence and field errors", async () => {
    const copy = await secondCopy();
    expect(copy.InvalidInputError).not.toBe(InvalidInputError);
    const { GET } = route({ canAccessAgent: () => Promise.reject(new copy.InvalidInputError(NO_ACCOUNT, FIELDS)) });
    const res = await errorOf(await GET(listJobs()));
    expect([res.status, res.message, res.data.code]).toEqual([400, NO_ACCOUNT, "BAD_REQUEST"]);
    expect(res.data.fieldErrors).toEqual(FIELDS);
    expect(res.data.errorId).toBeUndefined();
  });

  it("each domain error of a minified copy (class names mangled) answers its own code", async () => {
    const cases: Array<[Error, number, string]> = [
      [new minified.NotFoundError("There is no job job_1 on this agent."), 404, "NOT_FOUND"],
      [new minified.ForbiddenError("You may not."), 403, "FORBIDDEN"],
      [new minified.ConflictError("Someone else saved first."), 409, "CONFLICT"],
      [new minified.InvalidInputError(NO_ACCOUNT, FIELDS), 400, "BAD_REQUEST"],
      [new minified.TooManyRequestsError("A run is already queued."), 429, "TOO_MANY_REQUESTS"],
      [new minified.NotConfiguredError("Composio is not configured."), 412, "PRECONDITION_FAILED"],
      [new minified.UpstreamError("Composio failed to answer (HTTP 502)."), 502, "BAD_GATEWAY"],
    ];
    quietConsole();
    for (const [error, status, code] of cases) {
      const { GET } = route({ canAccessAgent: () => Promise.reject(error) });
      const res = await errorOf(await GET(listJobs()));
      expect([res.status, res.data.code, res.message], code).toEqual([status, code, error.message]);
      if (code === "BAD_REQUEST") expect(res.data.fieldErrors).toEqual(FIELDS);
    }
  });

  it("a plain object with the brand and a code (no class at all) answers that code", async () => {
    const branded = { [Symbol.for("agent-planner.PlannerError")]: true, name: "", code: "CONFLICT", message: "Someone else saved first." };
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the point: not an Error, only the brand
    const { GET } = route({ canAccessAgent: () => Promise.reject(branded) });
    const res = await errorOf(await GET(listJobs()));
    expect([res.status, res.data.code, res.message]).toEqual([409, "CONFLICT", "Someone else saved first."]);
  });

  it("a hostile error (revoked Proxy) is an internal error with an id, logged under that id", async () => {
    quietConsole();
    const { proxy, revoke } = Proxy.revocable(new Error("gone"), {});
    revoke();
    const { GET } = route({ canAccessAgent: () => Promise.reject(proxy) });
    const res = await errorOf(await GET(listJobs()));
    expect(res.status).toBe(500);
    expect(res.data.errorId).toMatch(/^err_[0-9A-Za-z]{12}$/);
    expect(written("error").some((line) => line.includes(`errorId=${res.data.errorId}`))).toBe(true);
  });
});

describe("the demo's HubSpot trigger without a connected account (local Composio sandbox)", () => {
  let sandbox: DemoSandbox | undefined;

  afterAll(async () => {
    await sandbox?.close();
  });

  it("answers the gateway's sentence, also when the gateway comes from another copy of the package", async () => {
    // As in the demo: the planner (and its gateway) is made once per process and shared across Next.js bundles,
    // so the gateway's errors are of another copy of the package than the route that answers them.
    vi.resetModules();
    const { createDemoSandbox, DEMO_SANDBOX_SEED } = await import("../../demo/lib/sandbox");
    const packageCopy = await import("agent-planner/server");
    expect(packageCopy.InvalidInputError).not.toBe(InvalidInputError);
    expect(DEMO_SANDBOX_SEED[DEMO_USER_ID].map((a) => a.toolkit)).not.toContain("hubspot");
    sandbox = createDemoSandbox({ apiKey: "sandbox_demo_errors", webhookSecret: "whsec_demo_errors_test_secret", webhookUrl: "http://127.0.0.1:9/webhook" });
    const composio: ComposioGateway = sandbox.gateway;
    const log = recordingLogger();
    const planner = createPlanner({ store: memoryStore(), auth: demoAuth, canAccessAgent: demoCanAccessAgent, composio, logger: log.logger });
    const { POST } = createPlannerRoute({ planner, endpoint: "/api/planner" });

    const create = (config: Record<string, unknown>) =>
      post("triggers.create", {
        agentId: DEMO_AGENT.id,
        name: "New HubSpot contact",
        source: { toolkit: "hubspot", triggerSlug: "HUBSPOT_CONTACT_CREATED_TRIGGER", config },
        action: { type: "chat", template: "A new contact: {objectId}" },
      });
    const res = await errorOf(await POST(create({ app_id: "4242" })));
    expect(res.status).toBe(400);
    expect(res.message).toMatch(/^No connected Hub[sS]pot account for this user — connect Hub[sS]pot first\.$/);
    expect(res.message).not.toMatch(/Something went wrong/);
    expect(res.data).toMatchObject({ code: "BAD_REQUEST", fieldErrors: [{ path: "source.connectedAccountId", message: expect.stringMatching(/^Connect Hub[sS]pot first\.$/) as string }] });
    expect(res.data.errorId).toBeUndefined();

    // The settings Composio requires are named first, with the field to fix.
    const missing = await errorOf(await POST(create({})));
    expect([missing.status, missing.message]).toEqual([400, '"App Id" is required.']);
    expect(missing.data.fieldErrors).toEqual([{ path: "source.config.app_id", message: '"App Id" is required.' }]);
    // A user's own mistake is no server error: nothing to log.
    expect(log.records).toEqual([]);
  });
});

describe("every internal error's id is in the log (the default logger)", () => {
  it("a failing store: the answer's error id is written to console.error with the cause's stack", async () => {
    quietConsole();
    const store = memoryStore();
    const broken = Object.assign(Object.create(store) as PlannerStore, {
      get: () => Promise.reject(new Error("ENOTDIR-ish: /srv/agent-platform/.data is weird")),
    });
    const { GET } = route({ store: broken });
    const res = await errorOf(await GET(listJobs()));
    expect(res.status).toBe(500);
    const id = res.data.errorId!;
    expect(res.message).toBe(`Something went wrong in the planner (error ${id}). Try again; if it keeps happening, tell your administrator this error id.`);
    expect(res.text).not.toContain("/srv/");
    const lines = written("error").filter((line) => line.includes(`errorId=${id}`));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("planner API error");
    expect(lines[0]).toContain("path=jobs.list");
    expect(lines[0]).toContain("/srv/agent-platform/.data is weird");
    expect(lines[0]).toMatch(/\n\s+at /);
  });

  it("a batch, a failing auth and a refused live subscription: each id answered is logged", async () => {
    quietConsole();
    const store = memoryStore();
    const broken = Object.assign(Object.create(store) as PlannerStore, { get: () => Promise.reject(new Error("boom")) });
    const ids: string[] = [];

    const batch = route({ store: broken });
    const batchRes = await batch.GET(new Request(`${BASE}/jobs.list,jobs.list?batch=1&input=${batchInput({ agentId: "agent-1" }, { agentId: "agent-2" })}`, { headers: { "x-user": "user-1" } }));
    const answers = (await batchRes.json()) as Array<{ error?: ErrorBody["error"] }>;
    for (const answer of answers) if (answer.error?.json.data.errorId) ids.push(answer.error.json.data.errorId);

    const failingAuth = route({
      auth: () => {
        throw new Error("the session store is down");
      },
    });
    const authRes = await errorOf(await failingAuth.GET(listJobs()));
    ids.push(authRes.data.errorId!);
    const liveRes = await errorOf(await failingAuth.GET(new Request(`${BASE}/live.onChange?input=${input({ agentId: "agent-1" })}`, { headers: { "x-user": "user-1" } })));
    ids.push(liveRes.data.errorId!);

    expect(answers).toHaveLength(2);
    expect(ids).toHaveLength(4);
    expect(new Set(ids).size).toBe(4);
    for (const id of ids) {
      expect(id).toMatch(/^err_/);
      expect(written("error").filter((line) => line.includes(`errorId=${id}`)), id).toHaveLength(1);
    }
  });

  it("debug and info stay silent by default; warnings and errors are written", async () => {
    quietConsole();
    const { planner } = testPlanner();
    await planner.start();
    await planner.stop();
    expect(consoleSpies.debug).not.toHaveBeenCalled();
    expect(consoleSpies.info).not.toHaveBeenCalled();
    planner.deps.logger.warn("planner: something to look at", { runId: "run_1" });
    expect(written("warn")).toEqual(["planner: something to look at runId=run_1"]);
  });

  it("a host's own logger replaces the console", async () => {
    quietConsole();
    const log = recordingLogger();
    const store = memoryStore();
    const broken = Object.assign(Object.create(store) as PlannerStore, { get: () => Promise.reject(new Error("boom")) });
    const { GET } = route({ store: broken, logger: log.logger });
    const res = await errorOf(await GET(listJobs()));
    expect(log.records).toEqual([{ level: "error", text: "planner API error", fields: expect.objectContaining({ errorId: res.data.errorId, path: "jobs.list" }) as object }]);
    expect(consoleSpies.error).not.toHaveBeenCalled();
  });

  it("an upstream failure (Composio) is a warning with its sentence, no id and no secret", async () => {
    quietConsole();
    const gateway = {
      webhookSecret: "whsec_never_logged",
      getTriggerType: () => Promise.reject(new UpstreamError("Composio failed to answer (HTTP 503). Try again in a moment.", { cause: Object.assign(new Error("503 sk_live_key"), { status: 503 }) })),
    } as unknown as ComposioGateway;
    const { POST } = route({ composio: gateway });
    const res = await errorOf(
      await POST(post("triggers.create", { agentId: "agent-1", name: "x", source: { toolkit: "gmail", triggerSlug: "GMAIL_NEW_GMAIL_MESSAGE", config: {} }, action: { type: "chat", template: "x" } })),
    );
    expect([res.status, res.message, res.data.errorId]).toEqual([502, "Composio failed to answer (HTTP 503). Try again in a moment.", undefined]);
    expect(written("warn")).toEqual(['planner API upstream failure path=triggers.create error="Composio failed to answer (HTTP 503). Try again in a moment." status=503']);
    expect(written("error")).toEqual([]);
  });
});

describe("storage unavailable is 503 with a sentence", () => {
  it("a closed store (the server is stopping) answers 503 with what happened, no error id", async () => {
    quietConsole();
    const store = memoryStore();
    const closed = Object.assign(Object.create(store) as PlannerStore, { get: () => Promise.reject(new StoreClosedError()) });
    const { GET } = route({ store: closed });
    const res = await errorOf(await GET(listJobs()));
    expect([res.status, res.data.code]).toEqual([503, "SERVICE_UNAVAILABLE"]);
    expect(res.message).toBe("The planner's storage is closed because the server is stopping or restarting: nothing was saved. Try again in a moment.");
    expect(res.data.errorId).toBeUndefined();
  });

  it("a database down (a StorageFaultError of another copy) answers 503 with its sentence", async () => {
    quietConsole();
    vi.resetModules();
    const faults = await import("../../src/server/store/faults");
    const store = memoryStore();
    const down = Object.assign(Object.create(store) as PlannerStore, {
      get: () => Promise.reject(new faults.StorageFaultError("database-unavailable", "reading agent-1")),
    });
    const { GET } = route({ store: down });
    const res = await errorOf(await GET(listJobs()));
    expect([res.status, res.data.storageFault, res.message]).toEqual([
      503,
      "database-unavailable",
      "The planner's database is unavailable: nothing was saved. It reconnects by itself; try again shortly.",
    ]);
    expect(written("error").join("\n")).toContain("planner storage fault kind=database-unavailable status=503 path=jobs.list");
  });
});

/**
 * Runs the README's Usage section as written: its files are copied into a scratch host (a plain `node:http`
 * server instead of Next.js), with `agent-planner` resolved like an installed package. The only adaptations are
 * Next's glue: the `@/` path alias, calling `register()` the way Next calls `instrumentation.ts`, and mapping
 * URLs to the route files. `lib/host.ts` (the host's own code, which the README leaves to the reader) is a stub.
 */
import http from "node:http";
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Planner } from "../../src/server/planner";
import type { StartChatRequest } from "../../src/server/options";
import { startComposioSandbox, type ComposioSandbox } from "../../src/sandbox";

const REPO = resolve(import.meta.dirname, "../..");
const API_KEY = "sandbox-key-readme";
const SECRET = "whsec_readme_usage_test";
const ENV_KEYS = ["NEXT_RUNTIME", "PLANNER_DATA_DIR", "COMPOSIO_API_KEY", "COMPOSIO_WEBHOOK_SECRET", "COMPOSIO_BASE_URL", "INNGEST_SIGNING_KEY", "INNGEST_EVENT_KEY", "INNGEST_SERVE_ORIGIN", "APP_ORIGIN"];

const HOST_STUB = `
import type { PlannerCatalog, PlannerExecutors } from "agent-planner/server";

export const chats: Parameters<PlannerExecutors["startChat"]>[0][] = [];
export async function getUserId(req: Request): Promise<string | null> {
  return req.headers.get("x-user");
}
export async function ownsAgent(userId: string, agentId: string): Promise<boolean> {
  return userId === "user-1" && agentId === "agent-1";
}
export const startChat: PlannerExecutors["startChat"] = async (request) => {
  chats.push(request);
  return { threadId: "thread-" + chats.length };
};
export const runWorkflow: PlannerExecutors["runWorkflow"] = async () => ({ workflowRunId: "wfrun-1" });
export const listWorkflows: PlannerCatalog["workflows"] = async () => [];
export const getAgent: PlannerCatalog["agent"] = async () => ({ name: "Ada" });
`;

/** The README's Usage code blocks, by the file path each one starts with (`// app/…/route.ts`). */
async function usageFiles(): Promise<Map<string, string>> {
  const readme = await readFile(join(REPO, "README.md"), "utf8");
  const start = readme.indexOf("\n## Usage\n");
  expect(start).toBeGreaterThan(-1);
  const end = readme.indexOf("\n## ", start + 1);
  const section = readme.slice(start, end === -1 ? undefined : end);
  const files = new Map<string, string>();
  for (const [, code] of section.matchAll(/```ts\n([\s\S]*?)```/g)) {
    const path = /^\/\/ (\S+)/.exec(code!)?.[1];
    expect(path, `a Usage block must start with its file path:\n${code}`).toBeDefined();
    files.set(path!, code!);
  }
  return files;
}

let root: string;
let files: Map<string, string>;
let sandbox: ComposioSandbox;
let server: http.Server;
let origin: string;
let routes: Array<{ prefix: string; handlers: Record<string, (req: Request) => Promise<Response>> }> = [];
const savedEnv = new Map(ENV_KEYS.map((key) => [key, process.env[key]]));

/** Writes the README's files (and the host stub) into the scratch host, imports resolving like an installed package. */
async function writeHost() {
  root = await mkdtemp(join(tmpdir(), "readme-host-"));
  await mkdir(join(root, "node_modules"), { recursive: true });
  await symlink(REPO, join(root, "node_modules", "agent-planner"), "dir");
  for (const [path, code] of [...files, ["lib/host.ts", HOST_STUB] as const]) {
    const target = join(root, path);
    await mkdir(dirname(target), { recursive: true });
    // Next's `@/` alias for the project root.
    await writeFile(target, code.replaceAll('from "@/', `from "${root}/`));
  }
}

function importHost<T>(path: string): Promise<T> {
  return import(/* @vite-ignore */ join(root, path));
}

function listen(): Promise<void> {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", origin);
      const handler = routes.find((route) => url.pathname.startsWith(route.prefix))?.handlers[req.method ?? "GET"];
      const request = new Request(url, {
        method: req.method,
        headers: Object.entries(req.headers).flatMap(([key, value]) => (typeof value === "string" ? [[key, value] as [string, string]] : [])),
        ...(req.method === "GET" || req.method === "HEAD" ? {} : { body: Buffer.concat(chunks) }),
      });
      void (handler ? handler(request) : Promise.resolve(new Response("not found", { status: 404 }))).then(async (response) => {
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(Buffer.from(await response.arrayBuffer()));
      });
    });
  });
  return new Promise((done) =>
    server.listen(0, "127.0.0.1", () => {
      origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      done();
    }),
  );
}

async function call(method: "GET" | "POST", path: string, input: unknown): Promise<{ status: number; data: unknown }> {
  const json = JSON.stringify({ json: input });
  const res =
    method === "GET"
      ? await fetch(`${origin}/api/planner/${path}?input=${encodeURIComponent(json)}`, { headers: { "x-user": "user-1" } })
      : await fetch(`${origin}/api/planner/${path}`, { method: "POST", headers: { "content-type": "application/json", "x-user": "user-1" }, body: json });
  const body = (await res.json()) as { result?: { data: { json: unknown } }; error?: unknown };
  return { status: res.status, data: body.result?.data.json ?? body.error };
}

const globalForPlanner = globalThis as typeof globalThis & { agentPlanner?: Planner };

async function dropPlanner() {
  const planner = globalForPlanner.agentPlanner;
  delete globalForPlanner.agentPlanner;
  if (!planner) return;
  await planner.stop();
  await planner.deps.store.close();
}

beforeAll(async () => {
  files = await usageFiles();
  await writeHost();
  await listen();
  sandbox = await startComposioSandbox({
    apiKey: API_KEY,
    seed: { "user-1": [{ toolkit: "gmail", id: "ca_readmegmail001" }] },
    webhook: { url: `${origin}/api/workforce/triggers/webhook`, secret: SECRET },
    retryDelaysMs: [5, 5],
  });
});

afterAll(async () => {
  await dropPlanner();
  for (const [key, value] of savedEnv) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  await sandbox?.close();
  await new Promise<void>((done) => server.close(() => done()));
  await rm(root, { recursive: true, force: true });
});

describe("README Usage", () => {
  it("shows every file of the host wiring", () => {
    expect([...files.keys()]).toEqual([
      "lib/planner.ts",
      "instrumentation.ts",
      "app/api/planner/[trpc]/route.ts",
      "app/api/workforce/triggers/webhook/route.ts",
      "app/api/inngest/route.ts",
    ]);
  });

  it("runs a job and a trigger end to end in a node:http host wired as written (in-process, with Composio)", async () => {
    for (const key of ENV_KEYS) delete process.env[key];
    Object.assign(process.env, {
      NEXT_RUNTIME: "nodejs",
      PLANNER_DATA_DIR: join(root, ".data/planner"),
      COMPOSIO_API_KEY: API_KEY,
      COMPOSIO_WEBHOOK_SECRET: SECRET,
      COMPOSIO_BASE_URL: sandbox.url,
    });
    const { register } = await importHost<{ register: () => Promise<void> }>("instrumentation.ts");
    await register();
    const { planner } = await importHost<{ planner: Planner }>("lib/planner.ts");
    const { chats } = await importHost<{ chats: StartChatRequest[] }>("lib/host.ts");
    expect(planner.mode).toBe("in-process");
    routes = [
      { prefix: "/api/planner/", handlers: await importHost("app/api/planner/[trpc]/route.ts") },
      { prefix: "/api/workforce/triggers/webhook", handlers: await importHost("app/api/workforce/triggers/webhook/route.ts") },
    ];

    const created = await call("POST", "jobs.create", {
      agentId: "agent-1",
      name: "Digest",
      schedule: { cron: "0 9 * * 1", timezone: "Europe/Paris" },
      action: { type: "chat", template: "Digest for {agentName}" },
    });
    expect(created.status).toBe(200);
    const jobId = (created.data as { id: string }).id;
    const ran = await call("POST", "jobs.runNow", { agentId: "agent-1", jobId });
    expect(ran.status).toBe(200);
    await planner.idle();
    expect(chats.map((chat) => [chat.agentId, chat.message, chat.source.cause])).toEqual([["agent-1", "Digest for Ada", "manual"]]);
    const runs = await call("GET", "jobs.runs", { agentId: "agent-1", jobId });
    expect((runs.data as { items: Array<{ status: string }> }).items.map((run) => run.status)).toEqual(["succeeded"]);

    const trigger = await call("POST", "triggers.create", {
      agentId: "agent-1",
      name: "Inbox",
      source: { toolkit: "gmail", triggerSlug: "GMAIL_NEW_GMAIL_MESSAGE", connectedAccountId: "ca_readmegmail001", config: {} },
      action: { type: "chat", template: "New mail: {emailSubject}" },
    });
    expect(trigger.status).toBe(200);
    const delivery = await sandbox.emit((trigger.data as { composioTriggerId: string }).composioTriggerId, { subject: "Hello", sender: "a@example.com" });
    expect(delivery).toMatchObject({ delivered: true, status: 200 });
    await planner.idle();
    expect(chats.map((chat) => chat.message)).toEqual(["Digest for Ada", "New mail: Hello"]);
  });

  it("builds the Inngest wiring as written when the Inngest keys are set", async () => {
    await dropPlanner();
    vi.resetModules();
    for (const key of ENV_KEYS) delete process.env[key];
    Object.assign(process.env, {
      NEXT_RUNTIME: "nodejs",
      PLANNER_DATA_DIR: join(root, ".data/inngest"),
      INNGEST_SIGNING_KEY: `signkey-test-${"5f2b".repeat(16)}`,
      INNGEST_EVENT_KEY: "readme-event-key",
      INNGEST_SERVE_ORIGIN: origin,
    });
    const { register } = await importHost<{ register: () => Promise<void> }>("instrumentation.ts");
    await register();
    const { planner } = await importHost<{ planner: Planner }>("lib/planner.ts");
    expect(planner.mode).toBe("inngest");
    const inngestRoute = await importHost<Record<string, unknown>>("app/api/inngest/route.ts");
    expect(Object.keys(inngestRoute).sort()).toEqual(["GET", "POST", "PUT"]);
    await planner.idle();
  });
});

import { mkdtemp, readFile, rm, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { demoConfigFromEnv, describeModes } from "../../demo/lib/config";
import { createDemoHost, workflowOutput } from "../../demo/lib/host";
import type { RunSource } from "../../src/server/options";

const source: RunSource = { kind: "job", id: "job_1", runId: "run_1", cause: "manual" };
const fixedRandom = (n: number) => "x".repeat(n);

describe("demo environment → planner options", () => {
  it("runs everything embedded without configuration", () => {
    const config = demoConfigFromEnv({}, "/repo", fixedRandom);
    expect(config.port).toBe(3000);
    expect(config.dataDir).toBe("/repo/.planner-data");
    expect(config.webhookUrl).toBe("http://localhost:3000/api/workforce/triggers/webhook");
    expect(config.inngest).toBeNull();
    expect(config.composio).toEqual({ kind: "sandbox", apiKey: `sandbox_${"x".repeat(12)}`, webhookSecret: `whsec_${"x".repeat(24)}` });
  });

  it("picks a random sandbox key and secret per process", () => {
    const a = demoConfigFromEnv({}, "/repo");
    const b = demoConfigFromEnv({}, "/repo");
    expect(a.composio.webhookSecret).not.toBe(b.composio.webhookSecret);
    expect(a.composio.webhookSecret.length).toBeGreaterThan(20);
  });

  it("maps PORT, PLANNER_DATA_DIR, Composio and Inngest variables", () => {
    const config = demoConfigFromEnv(
      {
        PORT: "4321",
        PLANNER_DATA_DIR: "data/here",
        COMPOSIO_API_KEY: "ck_live",
        COMPOSIO_WEBHOOK_SECRET: "whsec_live",
        COMPOSIO_BASE_URL: "https://composio.example",
        INNGEST_SIGNING_KEY: "signkey-prod-1",
        INNGEST_EVENT_KEY: "evt-key",
        INNGEST_SERVE_ORIGIN: "https://app.example.com",
      },
      "/repo",
    );
    expect(config.port).toBe(4321);
    expect(config.dataDir).toBe("/repo/data/here");
    expect(config.webhookUrl).toBe("http://localhost:4321/api/workforce/triggers/webhook");
    expect(config.composio).toEqual({ kind: "composio", apiKey: "ck_live", webhookSecret: "whsec_live", baseURL: "https://composio.example" });
    expect(config.inngest).toEqual({ signingKey: "signkey-prod-1", eventKey: "evt-key", serveOrigin: "https://app.example.com" });
    const banner = describeModes(config).join("\n");
    expect(banner).toContain("Inngest");
    expect(banner).toContain("Composio API");
    expect(banner).not.toContain("whsec_live");
    expect(banner).not.toContain("ck_live");
    expect(banner).not.toContain("signkey-prod-1");
  });

  it("keeps an absolute data dir and ignores blank values", () => {
    const config = demoConfigFromEnv({ PLANNER_DATA_DIR: "/var/planner", INNGEST_SIGNING_KEY: "  ", APP_ORIGIN: " ", PORT: "" }, "/repo", fixedRandom);
    expect(config.dataDir).toBe("/var/planner");
    expect(config.inngest).toBeNull();
    expect(config.port).toBe(3000);
    expect(describeModes(config).join("\n")).toContain("in-process");
  });

  it("refuses half a Composio configuration and a bad port with a sentence", () => {
    expect(() => demoConfigFromEnv({ COMPOSIO_API_KEY: "ck" }, "/repo")).toThrow(/go together/);
    expect(() => demoConfigFromEnv({ PORT: "http" }, "/repo")).toThrow(/PORT must be a port number/);
    expect(() => demoConfigFromEnv({ INNGEST_SIGNING_KEY: "signkey-prod-1" }, "/repo")).toThrow(/INNGEST_SERVE_ORIGIN/);
    // APP_ORIGIN, the demo's earlier name, is still read when Inngest's own variable is unset.
    expect(demoConfigFromEnv({ INNGEST_SIGNING_KEY: "signkey-prod-1", APP_ORIGIN: "https://old.example.com" }, "/repo").inngest?.serveOrigin).toBe("https://old.example.com");
    expect(
      demoConfigFromEnv({ INNGEST_SIGNING_KEY: "signkey-prod-1", APP_ORIGIN: "https://old.example.com", INNGEST_SERVE_ORIGIN: "https://new.example.com" }, "/repo").inngest?.serveOrigin,
    ).toBe("https://new.example.com");
  });
});

const signal = new AbortController().signal;

describe("demo executors", () => {
  let dir: string;
  let n = 0;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "demo-host-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const host = () => createDemoHost({ dataDir: dir, randomId: () => String(++n), clock: () => new Date("2026-11-30T09:00:00Z") });

  it("startChat writes a thread once per idempotency key", async () => {
    const demo = host();
    const request = { agentId: "a", message: "Good morning", title: "Morning check", source, signal, idempotencyKey: "run_1" };
    const first = await demo.executors.startChat(request);
    const again = await demo.executors.startChat(request);
    expect(again).toEqual(first);
    expect(first.url).toBe(`/?tab=chats#${first.threadId}`);
    const threads = await demo.listThreads("a");
    expect(threads).toHaveLength(1);
    expect(threads[0]).toMatchObject({ id: first.threadId, title: "Morning check", messages: [{ text: "Good morning", source }], createdAt: "2026-11-30T09:00:00.000Z" });
    // A second instance over the same files (a restarted server) still recognises the key.
    expect(await host().executors.startChat(request)).toEqual(first);
    const file = JSON.parse(await readFile(join(dir, "host", "threads.json"), "utf8")) as { items: unknown[] };
    expect(file.items).toHaveLength(1);
  });

  it("concurrent retries of one run still make one thread; a thread key reuses the thread", async () => {
    const demo = host();
    const request = { agentId: "a", message: "Hi", title: "T", source, signal, idempotencyKey: "run_2" };
    const results = await Promise.all([demo.executors.startChat(request), demo.executors.startChat(request), demo.executors.startChat(request)]);
    expect(new Set(results.map((r) => r.threadId)).size).toBe(1);
    const keyed = { agentId: "a", message: "One", title: "Inbox", threadKey: "inbox", source, signal, idempotencyKey: "run_3" };
    const one = await demo.executors.startChat(keyed);
    const two = await demo.executors.startChat({ ...keyed, message: "Two", idempotencyKey: "run_4" });
    expect(two.threadId).toBe(one.threadId);
    const thread = (await demo.listThreads()).find((t) => t.id === one.threadId);
    expect(thread?.messages.map((m) => m.text)).toEqual(["One", "Two"]);
  });

  it("runWorkflow records the input and a small output once per idempotency key", async () => {
    const demo = host();
    const request = { agentId: "a", workflowId: "qualify-lead", input: { name: "Ada", email: "ada@example.com" }, source, signal, idempotencyKey: "run_5" };
    const first = await demo.executors.runWorkflow(request);
    expect(await demo.executors.runWorkflow(request)).toEqual(first);
    expect(first.url).toBe(`/?tab=workflow-runs#${first.workflowRunId}`);
    expect("output" in first ? first.output : undefined).toEqual(workflowOutput("qualify-lead", request.input));
    const runs = await demo.listWorkflowRuns("a");
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ workflowId: "qualify-lead", input: request.input, status: "succeeded", idempotencyKey: "run_5" });
  });

  it("lists newest first and never overwrites a file it cannot read", async () => {
    let t = 0;
    const demo = createDemoHost({ dataDir: dir, clock: () => new Date(Date.UTC(2026, 10, 30, 9, t++)) });
    await demo.executors.runWorkflow({ agentId: "a", workflowId: "analyze-email", input: { subject: "Interview" }, source, signal, idempotencyKey: "r1" });
    await demo.executors.runWorkflow({ agentId: "a", workflowId: "analyze-email", input: { subject: "Hello" }, source, signal, idempotencyKey: "r2" });
    expect((await demo.listWorkflowRuns()).map((r) => r.idempotencyKey)).toEqual(["r2", "r1"]);

    await mkdir(join(dir, "host"), { recursive: true });
    await writeFile(join(dir, "host", "threads.json"), "{ not json");
    await expect(demo.executors.startChat({ agentId: "a", message: "m", title: "t", source, signal, idempotencyKey: "k" })).rejects.toThrow();
    expect(await readFile(join(dir, "host", "threads.json"), "utf8")).toBe("{ not json");
  });
});

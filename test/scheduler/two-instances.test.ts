import { spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import { resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { ComposioGateway } from "../../src/server/composio";
import { createComposioWebhookRoute } from "../../src/server/next/composio-webhook-route";
import { postgresStore } from "../../src/server/store/postgres/postgres-store";
import type { StoreChange } from "../../src/server/store/port";
import { nextRuns } from "../../src/shared/cron";
import { testPlanner } from "../helpers/planner";
import { POSTGRES_URL, adminClient, dropSchema, postgresAvailable, uniqueSchema } from "../helpers/postgres";
import { gmailDelivery, gmailTrigger } from "../helpers/triggers";

const INSTANCE = resolve(import.meta.dirname, "./instance.ts");
const available = await postgresAvailable();
const admin = available ? adminClient() : null;
const schemas: string[] = [];
afterAll(async () => {
  for (const schema of schemas) await dropSchema(admin!, schema);
  await admin?.end({ timeout: 2 });
});

/**
 * Starts one planner instance process; `ready` resolves once it has loaded (and waits for its start instant),
 * `start(at)` starts its simulated clock at real instant `at`, and `done` answers the idempotency keys of its calls.
 */
function startInstance(args: string[]): { ready: Promise<void>; start(at: number): void; done: Promise<string[]> } {
  const child = spawn(process.execPath, ["--import", "tsx", INSTANCE, ...args], { stdio: ["pipe", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  let onReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
    if (stdout.includes("ready\n")) onReady();
  });
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<string[]>((resolve, fail) => {
    child.on("error", fail);
    child.on("exit", (code) => {
      const lines = stdout.split("\n");
      if (code !== 0 || !lines.includes("done")) fail(new Error(`instance exited with ${code}: ${stderr}`));
      else resolve(lines.filter((line) => line.startsWith("call ")).map((line) => line.slice(5)));
    });
  });
  return { ready: Promise.race([ready, done.then(() => undefined)]), start: (at) => child.stdin.end(`${at}\n`), done };
}

describe.skipIf(!available)("two planner instances sharing PostgreSQL", () => {
  it("run each of 500 jobs' occurrences exactly once, each instance with its own in-process scheduler", async () => {
    const schema = uniqueSchema("two");
    schemas.push(schema);
    const simStart = "2026-03-29T00:00:00.000Z";
    const simEnd = Date.parse("2026-03-29T02:00:00.000Z");
    // 50 jobs on each of 10 agents, every minute of the hour taken by some, in two timezones (Paris springs
    // forward at 01:00Z in this period).
    const store = postgresStore({ connectionString: POSTGRES_URL, schema, max: 4 });
    const t = testPlanner({ store, canAccessAgent: () => true, limits: { maxJobsPerAgent: 100 } }, "2026-03-28T23:50:00.000Z");
    const jobs: Array<{ id: string; cron: string; timezone: string; createdAt: string }> = [];
    for (let i = 0; i < 500; i++) {
      const schedule = { cron: `${(i * 7) % 60} * * * *`, timezone: i % 2 === 0 ? "UTC" : "Europe/Paris" };
      const job = await t.caller().jobs.create({ agentId: `agent-${i % 10}`, name: `Job ${i}`, schedule, action: { type: "chat", template: "Tick {scheduledFor}" } });
      jobs.push({ id: job.id, ...schedule, createdAt: "2026-03-28T23:50:00.000Z" });
    }
    await store.close();

    // Two processes on one simulated clock (2 simulated hours in about 24 s), racing for every occurrence.
    const speed = 300;

    // 30 simulated minutes (6 s of real time) past the end: an occurrence at the very end still runs on a loaded machine.
    const simStop = new Date(simEnd + 30 * 60_000).toISOString();
    // Both clocks start together once both processes have loaded, however long that took on a loaded machine.
    const args = [schema, simStart, "stdin", String(speed), simStop];
    const first = startInstance(args);
    const second = startInstance(args);
    await Promise.all([first.ready, second.ready]);
    const realStart = Date.now() + 500;
    first.start(realStart);
    second.start(realStart);
    const [a, b] = await Promise.all([first.done, second.done]);

    const expected = jobs.flatMap((job) =>
      nextRuns(job.cron, job.timezone, { from: new Date(job.createdAt), count: 10 })
        .filter((at) => at.getTime() <= simEnd)
        .map((at) => `${job.id}@${at.toISOString()}`),
    );
    expect(expected.length).toBeGreaterThanOrEqual(1000);
    const calls = [...a, ...b];
    // No occurrence ran twice, on one instance or across both.
    expect(new Set(calls).size).toBe(calls.length);
    const inPeriod = calls.filter((key) => Date.parse(key.split("@")[1]!) <= simEnd);
    expect(inPeriod.toSorted()).toEqual(expected.toSorted());
    expect(a.length).toBeGreaterThan(0);
    expect(b.length).toBeGreaterThan(0);
    // And the store agrees: one succeeded run per occurrence (up to 5 minutes past the end: later ones may still be
    // running when the instances stop).
    const settled = calls.filter((key) => Date.parse(key.split("@")[1]!) <= simEnd + 5 * 60_000);
    const [row] = await admin!.unsafe(
      `SELECT count(*)::int AS runs, count(DISTINCT run_id)::int AS ids FROM "${schema}".rt_runs
       WHERE data::json->>'status' = 'succeeded' AND (data::json->>'scheduledFor')::timestamptz <= to_timestamp(${(simEnd + 5 * 60_000) / 1000})`,
    );
    expect(row).toMatchObject({ runs: settled.length, ids: settled.length });
  }, 180_000);

  it("show a webhook delivered to instance A as a live change to a subscriber on instance B", async () => {
    const schema = uniqueSchema("hook");
    schemas.push(schema);
    const now = "2026-11-30T09:00:00.000Z";
    const secret = "whsec_two_instances";
    const gateway = { webhookSecret: secret } as unknown as ComposioGateway;
    const storeA = postgresStore({ connectionString: POSTGRES_URL, schema, max: 4 });
    const storeB = postgresStore({ connectionString: POSTGRES_URL, schema, max: 4 });
    try {
      const a = testPlanner({ store: storeA, composio: gateway }, now);
      await storeA.update("agent-1", (p) => ({ ...p, triggers: [gmailTrigger(now)] }));
      // B subscribes as its live route does (store.subscribe), once its listener is up.
      await storeB.version("agent-1");
      const seen: StoreChange[] = [];
      storeB.subscribe("agent-1", (change) => seen.push(change));

      const { POST } = createComposioWebhookRoute({ planner: a.planner });
      const body = JSON.stringify(gmailDelivery);
      const timestamp = Date.parse(now) / 1000;
      const signature = `v1,${createHmac("sha256", secret).update(`msg_two.${timestamp}.${body}`).digest("base64")}`;
      const res = await POST(
        new Request("http://instance-a/api/workforce/triggers/webhook", {
          method: "POST",
          headers: { "content-type": "application/json", "webhook-id": "msg_two", "webhook-timestamp": String(timestamp), "webhook-signature": signature },
          body,
        }),
      );
      expect(res.status).toBe(200);
      const answer = (await res.json()) as { status: string; runId: string };
      expect(answer.status).toBe("dispatched");

      await expect.poll(() => seen.some((change) => change.kind === "run" && change.run.id === answer.runId), { timeout: 5000 }).toBe(true);
      const run = seen.find((change) => change.kind === "run" && change.run.id === answer.runId);
      expect(run).toMatchObject({ kind: "run", run: { owner: { kind: "trigger", id: "trg_inbox0000001" }, cause: "event" } });
      expect(seen.every((change, i) => i === 0 || change.version > seen[i - 1]!.version)).toBe(true);
      expect((await storeB.getTrigger("agent-1", "trg_inbox0000001"))?.state.firedCount).toBe(1);
    } finally {
      await Promise.all([storeA.close(), storeB.close()]);
    }
  }, 30_000);
});

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TRPCError } from "@trpc/server";
import { afterAll, describe, expect, it } from "vitest";
import type { Run } from "../../src/shared/schemas";
import { csvCell } from "../../src/server/features/runs/export";
import { fileStore, memoryStore, type PlannerStore } from "../../src/server/store";
import { postgresStore } from "../../src/server/store/postgres/postgres-store";
import { recordingExecutors } from "../engine/harness";
import { testPlanner } from "../helpers/planner";
import { POSTGRES_URL, adminClient, dropSchema, uniqueSchema } from "../helpers/postgres";

const AGENT = "agent-1";
const job = (name: string) => ({ agentId: AGENT, name, schedule: { cron: "0 9 * * *", timezone: "UTC" }, action: { type: "chat" as const, template: `Hello from ${name}` } });
/** Run n was queued n hours after this instant. */
const BASE = Date.parse("2026-11-01T00:00:00.000Z");
const hour = (n: number) => new Date(BASE + n * 3_600_000).toISOString();

type Make = () => Promise<{ store: PlannerStore; cleanup: () => Promise<void> }>;
const stores: Array<[string, Make]> = [
  ["memory", () => Promise.resolve({ store: memoryStore(), cleanup: () => Promise.resolve() })],
  [
    "SQLite",
    async () => {
      const dir = await mkdtemp(join(tmpdir(), "planner-search-"));
      return { store: fileStore({ dir }), cleanup: () => rm(dir, { recursive: true, force: true }) };
    },
  ],
];
if (process.env.PLANNER_TEST_POSTGRES_URL) {
  stores.push([
    "PostgreSQL",
    () => {
      const schema = uniqueSchema("search");
      return Promise.resolve({ store: postgresStore({ connectionString: POSTGRES_URL, schema, max: 2 }), cleanup: async () => {
          const admin = adminClient();
          await dropSchema(admin, schema);
          await admin.end();
        },
      });
    },
  ]);
}

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

/**
 * "Morning digest" has 24 runs (every fourth failed with a timeout, the newest two run now), "Invoice watcher" 6
 * (one with a hostile error); the newest run is still running.
 */
async function seeded(make: Make) {
  const { store, cleanup } = await make();
  cleanups.push(async () => {
    await store.close();
    await cleanup();
  });
  const exec = recordingExecutors();
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  const executors = {
    ...exec.executors,
    async startChat(request: Parameters<typeof exec.executors.startChat>[0]) {
      await held;
      return exec.executors.startChat(request);
    },
  };
  const t = testPlanner({ store, executors }, "2026-11-03T00:00:00.000Z");
  const digest = await t.caller().jobs.create(job("Morning digest"));
  const invoices = await t.caller().jobs.create(job("Invoice watcher"));
  const runs: Run[] = [];
  for (let n = 1; n <= 30; n++) {
    const owner = n <= 24 ? digest.id : invoices.id;
    const failed = n % 4 === 0;
    const run: Run = {
      id: `run_search${String(n).padStart(3, "0")}`,
      agentId: AGENT,
      owner: { kind: "job", id: owner },
      cause: n === 23 || n === 24 ? "manual" : n === 25 ? "replay" : "schedule",
      createdAt: hour(n),
      ...(n === 23 || n === 24 ? {} : { scheduledFor: hour(n) }),
      startedAt: hour(n),
      ...(n === 30 ? {} : { finishedAt: new Date(Date.parse(hour(n)) + 1500).toISOString() }),
      status: n === 30 ? "running" : failed ? "failed" : "succeeded",
      attempts: failed ? 3 : 1,
      renderedMessage: n === 26 ? '=HYPERLINK("http://evil.example","click"), then\n"quoted"' : `Summary ${n} for the team`,
      ...(failed ? { error: n === 28 ? "-2+3 failed: 100% of (.*) [a-z]_x" : `Timed out after 30 s (run ${n})` } : {}),
      userId: "user-1",
    };
    await store.appendRun(run);
    runs.push(run);
  }
  return { ...t, digest, invoices, runs, release: () => release() };
}

function page(ids: number[]) {
  return ids.map((n) => `run_search${String(n).padStart(3, "0")}`);
}

describe.each(stores)("runs.search, runs.export and runs.replayMany on the %s store", (_name, make) => {
  it("pages all runs on the server with the total, newest first", async () => {
    const { caller } = await seeded(make);
    const first = await caller().runs.search({ agentId: AGENT, limit: 10 });
    expect(first.total).toBe(30);
    expect(first.items.map((run) => run.id)).toEqual(page([30, 29, 28, 27, 26, 25, 24, 23, 22, 21]));
    expect(first.items[0]).toMatchObject({ ownerName: "Invoice watcher", ownerDeleted: false, durationMs: null });
    expect(first.items[0]).not.toHaveProperty("event");
    const third = await caller().runs.search({ agentId: AGENT, limit: 10, offset: 20 });
    expect(third).toMatchObject({ total: 30, offset: 20, limit: 10 });
    expect(third.items.map((run) => run.id)).toEqual(page([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]));
    expect((await caller().runs.search({ agentId: AGENT, offset: 30 })).items).toEqual([]);
  });

  it("searches the owner's name, the message and the error, case-insensitively, with status, kind and date filters", async () => {
    const { caller, digest } = await seeded(make);
    const ids = async (input: Record<string, unknown>) => {
      const result = await caller().runs.search({ agentId: AGENT, limit: 100, ...input });
      return { total: result.total, ids: result.items.map((run) => run.id) };
    };
    expect((await ids({ text: "invoice WATCHER" })).total).toBe(6);
    expect((await ids({ text: "summary 12 " })).ids).toEqual(page([12]));
    expect((await ids({ text: "timed out" })).total).toBe(6);
    expect((await ids({ text: "timed out", status: ["failed"], owner: { kind: "job", id: digest.id } })).total).toBe(6);
    expect((await ids({ status: ["running", "started", "queued"] })).ids).toEqual(page([30]));
    expect((await ids({ kind: ["manual"] })).ids).toEqual(page([24, 23]));
    expect((await ids({ kind: ["replay", "manual"] })).ids).toEqual(page([25, 24, 23]));
    expect((await ids({ kind: ["event", "test"] })).total).toBe(0);
    expect((await ids({ from: hour(10), to: hour(13) })).ids).toEqual(page([12, 11, 10]));
    expect((await ids({ text: "digest", status: ["failed"], from: hour(1), to: hour(9) })).ids).toEqual(page([8, 4]));
  });

  it("treats hostile search text as plain characters and refuses text too long with a sentence", async () => {
    const { caller } = await seeded(make);
    const count = async (text: string) => (await caller().runs.search({ agentId: AGENT, text })).total;
    expect(await count("(.*)")).toBe(1);
    expect(await count("[a-z]_x")).toBe(1);
    expect(await count("100%")).toBe(1);
    expect(await count("%")).toBe(1);
    expect(await count(".*")).toBe(1);
    expect(await count("\\")).toBe(0);
    expect(await count("' OR 1=1 --")).toBe(0);
    expect(await count("   ")).toBe(30);
    expect(await count("é".repeat(200))).toBe(0);
    const tooLong = await caller()
      .runs.search({ agentId: AGENT, text: "x".repeat(201) })
      .catch((error: unknown) => error);
    expect(tooLong).toBeInstanceOf(TRPCError);
    expect((tooLong as TRPCError).code).toBe("BAD_REQUEST");
    expect((tooLong as TRPCError).message).toContain("Search with at most 200 characters.");
    await expect(caller().runs.search({ agentId: AGENT, limit: 101 })).rejects.toThrow(/at most 100 runs/);
    await expect(caller().runs.search({ agentId: AGENT, from: hour(5), to: hour(2) })).rejects.toThrow(/before its end/);
    await expect(caller().runs.search({ agentId: AGENT, kind: ["cron"] } as never)).rejects.toBeInstanceOf(TRPCError);
    await expect(caller("user-2").runs.search({ agentId: AGENT })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("exports every matching run as CSV with quotes, line breaks and formulas neutralised, and as JSON", async () => {
    const { caller } = await seeded(make);
    const csv = await caller().runs.export({ agentId: AGENT, format: "csv", text: "invoice" });
    expect(csv).toMatchObject({ format: "csv", mimeType: "text/csv;charset=utf-8", count: 6, total: 6, truncated: false, filename: expect.stringMatching(/^runs-2026-11-03-00-00\.csv$/) as string });
    const lines = csv.content.split("\r\n");
    expect(lines[0]).toBe("Run id,Name,Owner kind,Kind,Status,Created,Started,Finished,Duration (ms),Attempts,User,Message or input,Error,Link");
    expect(lines[1]).toBe(`run_search030,Invoice watcher,job,Scheduled,running,${hour(30)},${hour(30)},,,1,user-1,Summary 30 for the team,,`);
    expect(csv.content).toContain(`run_search028,Invoice watcher,job,Scheduled,failed,${hour(28)},${hour(28)},${new Date(Date.parse(hour(28)) + 1500).toISOString()},1500,3,user-1,Summary 28 for the team,'-2+3 failed: 100% of (.*) [a-z]_x,`);
    // The hostile message: a formula becomes text, quotes are doubled, the line break stays inside one quoted cell.
    expect(csv.content).toContain(`,"'=HYPERLINK(""http://evil.example"",""click""), then\n""quoted""",`);
    expect(csv.content.endsWith("\r\n")).toBe(true);
    expect(lines.filter((line) => line.startsWith("run_search"))).toHaveLength(6);

    const json = await caller().runs.export({ agentId: AGENT, format: "json", status: ["failed"] });
    expect(json).toMatchObject({ format: "json", mimeType: "application/json", count: 7, total: 7 });
    const parsed = JSON.parse(json.content) as Array<{ id: string; error: string; ownerName: string }>;
    expect(parsed.map((run) => run.id)).toEqual(page([28, 24, 20, 16, 12, 8, 4]));
    expect(parsed[0]).toMatchObject({ ownerName: "Invoice watcher", error: "-2+3 failed: 100% of (.*) [a-z]_x" });
  });

  it("replays several failed runs, answering per run: one replay per job at a time, a deleted job's run refused", async () => {
    const { caller, invoices, store, planner, release } = await seeded(make);
    await planner.start();
    const { results } = await caller().runs.replayMany({ agentId: AGENT, runIds: page([28, 24, 20, 30, 404].map((n) => n)) });
    expect(results[0]).toMatchObject({ runId: "run_search028", ok: true, replayRunId: expect.stringMatching(/^run_/) as string });
    expect(results[1]).toMatchObject({ runId: "run_search024", ok: true });
    expect(results[2]).toEqual({ runId: "run_search020", ok: false, message: expect.stringMatching(/^A replay is already (queued|running)\. Wait for it to finish, then replay again\.$/) as string });
    expect(results[3]).toEqual({ runId: "run_search030", ok: false, message: "This run has not ended yet. Replay it once it has." });
    expect(results[4]).toEqual({ runId: "run_search404", ok: false, message: "No such run: it may have left the history." });
    const replays = await caller().runs.search({ agentId: AGENT, kind: ["replay"], limit: 100 });
    expect(replays.total).toBe(3);

    await caller().jobs.delete({ agentId: AGENT, jobId: invoices.id });
    // Deleting a job removes its finished runs (its history goes with it), so a replay of one is refused.
    expect(await store.getRun(AGENT, "run_search027")).toBeNull();
    const after = await caller().runs.replayMany({ agentId: AGENT, runIds: ["run_search027"] });
    expect(after.results[0]).toEqual({ runId: "run_search027", ok: false, message: "No such run: it may have left the history." });
    await expect(caller().runs.replayMany({ agentId: AGENT, runIds: [] })).rejects.toThrow(/at least one run/);
    await expect(caller().runs.replayMany({ agentId: AGENT, runIds: Array.from({ length: 101 }, (_, n) => `run_${n}`) })).rejects.toThrow(/at most 100/);
    release();
    await planner.idle();
    await planner.stop();
  });
});

describe("csvCell", () => {
  it("quotes commas, quotes and line breaks, and keeps formula-like text as text", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("one\r\ntwo")).toBe('"one\r\ntwo"');
    expect(csvCell("=1+1")).toBe("'=1+1");
    expect(csvCell("+49 30")).toBe("'+49 30");
    expect(csvCell("-x")).toBe("'-x");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\tcmd")).toBe("'\tcmd");
    expect(csvCell('=cmd|" /C calc"!A0')).toBe(`"'=cmd|"" /C calc""!A0"`);
    expect(csvCell(-5)).toBe("-5");
    expect(csvCell(null)).toBe("");
  });
});

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { describeRuntimeContract } from "../../src/testing";
import { memoryRuntime } from "../../src/server/store/memory/memory-runtime";
import { sqliteRuntime } from "../../src/server/store/sqlite/sqlite-runtime";
import { emptyWrite } from "../../src/server/store/core/runtime-backend";

describeRuntimeContract("memoryRuntime", () => Promise.resolve({ runtime: memoryRuntime(), cleanup: () => Promise.resolve() }));

describeRuntimeContract("sqliteRuntime", async () => {
  const dir = await mkdtemp(join(tmpdir(), "planner-sqlite-"));
  return { runtime: sqliteRuntime({ path: join(dir, "planner.db") }), cleanup: () => rm(dir, { recursive: true, force: true }) };
});

describe("sqliteRuntime", () => {
  it("keeps nothing of a transaction whose work throws, and answers the next one", async () => {
    const dir = await mkdtemp(join(tmpdir(), "planner-sqlite-"));
    const runtime = sqliteRuntime({ path: join(dir, "planner.db") });
    try {
      const failure = new Error("decided against it");
      await expect(
        runtime.transaction("agent-1", async (tx) => {
          const write = emptyWrite();
          write.due.set("job_1", 1000);
          await tx.commit(write);
          throw failure;
        }),
      ).rejects.toBe(failure);
      expect(await runtime.head("agent-1")).toEqual({ version: 0, configRevision: "" });
      expect(await runtime.dueEntries(2000, 10)).toEqual([]);
      await runtime.transaction("agent-1", async (tx) => {
        const write = emptyWrite();
        write.due.set("job_1", 1000);
        write.configRevision = "n:1";
        return tx.commit(write);
      });
      expect(await runtime.head("agent-1")).toEqual({ version: 1, configRevision: "n:1" });
      expect(await runtime.dueEntries(2000, 10)).toEqual([{ agentId: "agent-1", jobId: "job_1", at: 1000 }]);
    } finally {
      await runtime.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("refuses a database written by a newer version, naming it, and changes nothing", async () => {
    const dir = await mkdtemp(join(tmpdir(), "planner-sqlite-"));
    const path = join(dir, "planner.db");
    try {
      const first = sqliteRuntime({ path });
      await first.head("agent-1");
      await first.close();
      const { default: Database } = (await import("libsql")) as unknown as { default: new (path: string) => { exec(sql: string): void; close(): void } };
      const db = new Database(path);
      db.exec("UPDATE planner_meta SET value = '99' WHERE key = 'schema'");
      db.close();
      const second = sqliteRuntime({ path });
      await expect(second.head("agent-1")).rejects.toThrow(`The planner database ${path} was written by a newer version of agent-planner (schema 99`);
      await second.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("two stores on one SQLite file (as two processes would be)", () => {
  it("tells a subscriber of one store about a change made through the other", async () => {
    const { fileStore } = await import("../../src/server/store/file-store");
    const { makeJob, withJobs } = await import("../../src/testing");
    const dir = await mkdtemp(join(tmpdir(), "planner-watch-"));
    const a = fileStore({ dir });
    const b = fileStore({ dir });
    try {
      await a.update("agent-1", () => withJobs(makeJob(1)));
      const heard: number[] = [];
      const unsubscribe = b.subscribe("agent-1", (change) => heard.push(change.version));
      await a.update("agent-1", () => withJobs(makeJob(1), makeJob(2)));
      await expect.poll(() => heard.length, { timeout: 5000 }).toBeGreaterThan(0);
      expect(heard.at(-1)).toBe(await a.version("agent-1"));
      expect((await b.get("agent-1")).jobs).toHaveLength(2);
      unsubscribe();
    } finally {
      await a.close();
      await b.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

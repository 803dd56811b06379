/**
 * The file store (JSON agent files + SQLite) on a real, small tmpfs: a full disk and a read-only remount come from
 * the kernel, not from a mock. Mounting needs root (CI runs as root); elsewhere the tests are skipped, saying why.
 */
import { execFileSync } from "node:child_process";
import { mkdir, open, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { mountTmpfs, unmountTmpfs } from "../helpers/tmpfs";
import { fileStore } from "../../src/server/store/file-store";
import { isStorageFault } from "../../src/server/store/faults";
import type { Run } from "../../src/shared/schemas";
import { makeJob, makeRun, withJobs } from "./contract-fixtures";

const SIZE = 4 * 1024 * 1024;

const tmpfs = mountTmpfs(SIZE, "planner-store-full-");
afterAll(() => {
  if (tmpfs.dir) unmountTmpfs(tmpfs.dir);
});

/** Fills the file system with one file until write(2) fails (ENOSPC), leaving `spare` bytes when given. */
async function fill(path: string): Promise<void> {
  const handle = await open(path, "w");
  const chunk = Buffer.alloc(64 * 1024, 7);
  try {
    for (;;) await handle.write(chunk);
  } catch {
    // full
  } finally {
    await handle.close().catch(() => undefined);
  }
}

const owner = { kind: "job" as const, id: "job_000001" };
const bigRun = (n: number): Run => makeRun("agent-1", owner, n, { renderedMessage: "m".repeat(8 * 1024) });

describe.skipIf(!tmpfs.dir)(`fileStore on a full or read-only disk${tmpfs.reason ? ` (skipped: ${tmpfs.reason})` : ""}`, () => {
  it("refuses writes with a disk-full fault once the disk is full, keeps every acknowledged one, and goes on when space is freed", async () => {
    const dir = join(tmpfs.dir!, "full");
    const store = fileStore({ dir });
    try {
    await store.update("agent-1", () => withJobs(makeJob(1)));
    await fill(join(tmpfs.dir!, "filler"));
    const acknowledged: string[] = [];
    const refused: unknown[] = [];
    for (let n = 1; n <= 200 && refused.length < 5; n++) {
      const run = bigRun(n);
      try {
        await store.appendRun(run);
        acknowledged.push(run.id);
      } catch (error) {
        refused.push(error);
      }
    }
    expect(refused.length).toBeGreaterThan(0);
    for (const error of refused) expect(isStorageFault(error) && error.kind, String(error)).toBe("disk-full");
    expect((refused[0] as Error).message).toMatch(/storage is full: nothing was saved/);
    // A config write is refused the same way, and the agent file is left as it was.
    const before = await store.get("agent-1");
    await expect(store.update("agent-1", () => withJobs(...Array.from({ length: 60 }, (_, i) => makeJob(i + 1, { description: "x".repeat(500) }))))).rejects.toSatisfy(
      (error: unknown) => isStorageFault(error) && error.kind === "disk-full",
    );
    expect(await store.get("agent-1")).toEqual(before);
    // Every acknowledged run is on disk: a second store (another process would) reads it.
    const other = fileStore({ dir });
    for (const id of acknowledged) expect(await other.getRun("agent-1", id), id).not.toBeNull();
    await other.close();
    // Space comes back: the same store writes again, no restart.
    await rm(join(tmpfs.dir!, "filler"));
    await store.appendRun(bigRun(999));
    expect(await store.getRun("agent-1", bigRun(999).id)).not.toBeNull();
    await store.update("agent-1", () => withJobs(makeJob(1), makeJob(2)));
    expect((await store.get("agent-1")).jobs).toHaveLength(2);
    } finally {
      await rm(join(tmpfs.dir!, "filler"), { force: true });
      await store.close();
    }
  }, 60_000);

  it("refuses writes with a read-only fault on a read-only file system and recovers when it is writable again", async () => {
    // A tmpfs of its own: Linux refuses a read-only remount while files on it are open for writing.
    const own = mountTmpfs(SIZE, "planner-store-ro-");
    if (!own.dir) throw new Error(own.reason ?? "no tmpfs");
    const mount = own.dir;
    const dir = join(mount, "data");
    try {
      await mkdir(join(dir, "agents"), { recursive: true });
      const { state: _state, ...job } = makeJob(1);
      await writeFile(join(dir, "agents", "agent-1.json"), JSON.stringify({ name: "Ada", planner: { jobs: [job], triggers: [] } }));
      execFileSync("mount", ["-o", "remount,ro", mount]);
      const store = fileStore({ dir });
      try {
        const error = await store.appendRun(makeRun("agent-1", owner, 2)).catch((e: unknown) => e);
        expect(isStorageFault(error) && error.kind, String(error)).toBe("read-only");
        expect((error as Error).message).toMatch(/read-only: nothing was saved/);
        expect((error as Error).message).not.toMatch(/try again/i);
        await expect(store.update("agent-1", () => withJobs(makeJob(1), makeJob(2)))).rejects.toSatisfy(
          (e: unknown) => isStorageFault(e) && e.kind === "read-only",
        );
      } finally {
        execFileSync("mount", ["-o", "remount,rw", mount]);
      }
      // Writable again: the same store goes on, with the agent file as it was.
      await store.appendRun(makeRun("agent-1", owner, 3));
      expect(await store.getRun("agent-1", makeRun("agent-1", owner, 3).id)).not.toBeNull();
      expect(await store.getRun("agent-1", makeRun("agent-1", owner, 2).id)).toBeNull();
      await store.update("agent-1", () => withJobs(makeJob(1), makeJob(2)));
      expect((await store.get("agent-1")).jobs).toHaveLength(2);
      await store.close();
    } finally {
      unmountTmpfs(mount);
    }
  }, 60_000);
});

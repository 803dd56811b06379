import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm, utimes, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LockLostError, LockTimeoutError, acquireLock } from "../../src/server/store/lock";

describe("acquireLock", () => {
  let dir: string;
  let path: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "planner-lock-"));
    path = join(dir, "locks", "thing.lock");
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  function writeOwner(owner: object) {
    return writeFile(path, JSON.stringify({ started: 0, token: "someone-else", at: new Date().toISOString(), ...owner }));
  }

  it("lets one holder in at a time and records who holds it", async () => {
    const first = await acquireLock(path, { staleMs: 10_000 });
    expect(JSON.parse(await readFile(path, "utf8"))).toMatchObject({ pid: process.pid, host: hostname() });
    const order: string[] = [];
    const second = acquireLock(path, { staleMs: 10_000 }).then((lock) => {
      order.push("second acquired");
      return lock;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    order.push("first released");
    await first.release();
    await (await second).release();
    expect(order).toEqual(["first released", "second acquired"]);
  });

  it("breaks at once a lock whose process on this host is gone", async () => {
    const dead = spawnSync(process.execPath, ["-e", ""]).pid;
    await (await acquireLock(path, { staleMs: 10_000 })).release();
    await writeOwner({ pid: dead, host: hostname() });
    const started = Date.now();
    await (await acquireLock(path, { staleMs: 60_000, timeoutMs: 5_000 })).release();
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("breaks a lock from another host only once it has not been refreshed for staleMs", async () => {
    await (await acquireLock(path, { staleMs: 10_000 })).release();
    await writeOwner({ pid: 1, host: "elsewhere" });
    const started = Date.now();
    await (await acquireLock(path, { staleMs: 300, timeoutMs: 5_000 })).release();
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);

    await writeOwner({ pid: 1, host: "elsewhere" });
    const old = new Date(Date.now() - 60_000);
    await utimes(path, old, old);
    const again = Date.now();
    await (await acquireLock(path, { staleMs: 10_000 })).release();
    expect(Date.now() - again).toBeLessThan(1000);
  });

  it("keeps a held lock fresh, so a live holder is never broken, and times out waiters with the holder named", async () => {
    const held = await acquireLock(path, { staleMs: 300 });
    await expect(acquireLock(path, { staleMs: 300, timeoutMs: 900 })).rejects.toThrow(
      new LockTimeoutError(path, `Timed out waiting for the lock ${path}, held by process ${process.pid} on ${hostname()}.`),
    );
    await held.assertHeld();
    await held.release();
  });

  it("reports a lock taken over by another process before anything is written", async () => {
    const held = await acquireLock(path, { staleMs: 10_000 });
    // What a takeover looks like on disk: the lock broken (moved away) and a new lock file linked in its place.
    await rm(path);
    await writeOwner({ pid: process.pid, host: hostname() });
    await expect(held.assertHeld()).rejects.toBeInstanceOf(LockLostError);
    await held.release();
    expect(JSON.parse(await readFile(path, "utf8"))).toMatchObject({ token: "someone-else" });
  });
});

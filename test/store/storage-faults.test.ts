import { execFileSync } from "node:child_process";
import { chmod, mkdir, mkdtemp, open, readFile, readdir, rm, stat, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { mountTmpfs, unmountTmpfs } from "../helpers/tmpfs";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeAll, writeFileAtomic } from "../../src/server/store/config/atomic-write";
import { isStorageFault, type StorageFaultError, type StorageFaultKind } from "../../src/server/store/faults";
import { createJsonlLog } from "../../src/server/store/legacy/jsonl-log";
import { createRuntimeLog, type RuntimeLog } from "../../src/server/store/legacy/runtime-log";

const SIZE = 2 * 1024 * 1024;

const tmpfs = mountTmpfs(SIZE);

afterAll(() => {
  if (tmpfs.dir) unmountTmpfs(tmpfs.dir);
});

async function expectFault(promise: Promise<unknown>, kind: StorageFaultKind): Promise<StorageFaultError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error, `expected a ${kind} StorageFaultError`).not.toBeNull();
  expect(isStorageFault(error)).toBe(true);
  expect((error as StorageFaultError).kind).toBe(kind);
  return error as StorageFaultError;
}

describe("writeAll: a short write is continued, never taken for the whole", () => {
  it("calls write(2) again for the rest of the buffer", async () => {
    const stored: number[] = [];
    const calls: Array<[offset: number, length: number, position: number | null]> = [];
    const handle = {
      write: (buffer: Uint8Array, offset: number, length: number, position: number | null) => {
        calls.push([offset, length, position]);
        const n = Math.min(length, 3);
        stored.push(...buffer.subarray(offset, offset + n));
        return Promise.resolve({ bytesWritten: n, buffer });
      },
    };
    await writeAll(handle as never, new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]), 100);
    expect(stored).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(calls).toEqual([
      [0, 8, 100],
      [3, 5, 103],
      [6, 2, 106],
    ]);
  });

  it("answers an I/O fault when write(2) stores nothing and reports nothing", async () => {
    const handle = { write: (buffer: Uint8Array) => Promise.resolve({ bytesWritten: 0, buffer }) };
    await expectFault(writeAll(handle as never, new Uint8Array(4)), "io");
  });
});

describe.skipIf(!tmpfs.dir)(`on a real 2 MiB tmpfs${tmpfs.reason ? ` (skipped: ${tmpfs.reason})` : ""}`, () => {
  let root: string;
  let filler: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpfs.dir!, "case-"));
    filler = join(tmpfs.dir!, "filler.bin");
  });
  afterEach(async () => {
    execFileSync("mount", ["-o", "remount,rw", tmpfs.dir!], { stdio: "pipe" });
    await rm(filler, { force: true });
    await rm(root, { recursive: true, force: true });
  });

  /** Fills the file system to the last byte, then frees `spare` bytes (whole pages) for the test to write into. */
  async function fill(spare = 0): Promise<void> {
    const handle = await open(filler, "w");
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    try {
      for (;;) {
        try {
          await handle.write(chunk);
        } catch (error) {
          if ((error as { code?: string }).code === "ENOSPC") break;
          throw error;
        }
      }
    } finally {
      await handle.close();
    }
    if (spare > 0) await truncate(filler, Math.max(0, (await stat(filler)).size - spare));
  }

  /** A change of about 3 KiB (delivery ids), so that a few pages hold only a few of them. */
  function bigChange(v: number) {
    return { v, change: { deliveries: Array.from({ length: 24 }, (_, i): [string, number] => [`delivery-${v}-${i}-${"x".repeat(100)}`, 1_000 + v]) } };
  }

  function runtimeLog(name = "agent-1"): RuntimeLog {
    return createRuntimeLog(join(root, "state", `${name}.jsonl`), { runs: join(root, `${name}.runs.json`), meta: join(root, `${name}.meta.json`) });
  }

  async function freshVersion(): Promise<{ version: number; deliveries: number }> {
    const reader = runtimeLog();
    await reader.sync();
    return { version: reader.version(), deliveries: reader.runtime.deliveries.size };
  }

  it("a full disk: every append is stored whole and readable, or refused as disk-full; freeing space is enough to go on", async () => {
    await mkdir(join(root, "state"));
    const log = runtimeLog();
    await log.sync();
    await log.adopt();
    // Two pages left: the first appends fit, one is cut short by the kernel (a short write), the rest find no room.
    await fill(8192);

    const stored: number[] = [];
    const refused: number[] = [];
    for (let v = 1; v <= 8; v++) {
      try {
        await log.sync();
        await log.append([bigChange(v)]);
        stored.push(v);
      } catch (error) {
        expect(isStorageFault(error)).toBe(true);
        expect((error as StorageFaultError).kind).toBe("disk-full");
        expect((error as StorageFaultError).status).toBe(507);
        refused.push(v);
      }
    }
    expect(stored.length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);
    // Nothing of a refused append is left behind: the file ends with the last stored line.
    const text = await readFile(join(root, "state", "agent-1.jsonl"), "utf8");
    expect(text.endsWith("\n")).toBe(true);
    // The header, adopt's seed line, then one line per stored append.
    expect(text.trimEnd().split("\n")).toHaveLength(2 + stored.length);
    // A fresh reader (another process) sees exactly the acknowledged changes.
    expect(await freshVersion()).toEqual({ version: stored.at(-1), deliveries: 24 * stored.length });

    // The cause goes away: the same log object (no new store, no restart) appends again.
    await rm(filler);
    await log.sync();
    await log.append([bigChange(100)]);
    await log.append([bigChange(101), bigChange(102)]);
    expect(await freshVersion()).toEqual({ version: 102, deliveries: 24 * (stored.length + 3) });
  });

  it("a full disk: several lines in one append are all stored or none is", async () => {
    await mkdir(join(root, "state"));
    const log = runtimeLog();
    await log.sync();
    await log.adopt();
    await fill(4096);
    const before = await readFile(join(root, "state", "agent-1.jsonl"), "utf8");
    // Four lines of 3 KiB do not fit in one page: some whole lines would reach the file before ENOSPC.
    await expectFault(log.append([bigChange(1), bigChange(2), bigChange(3), bigChange(4)]), "disk-full");
    expect(await readFile(join(root, "state", "agent-1.jsonl"), "utf8")).toBe(before);
    expect(await freshVersion()).toEqual({ version: 0, deliveries: 0 });
  });

  it("a full disk: an atomic file write is refused, the old content and no temp file stay", async () => {
    const target = join(root, "agent-1.json");
    await writeFile(target, '{"planner":{}}\n');
    await fill();
    const fault = await expectFault(writeFileAtomic(target, JSON.stringify({ planner: { jobs: "x".repeat(100_000) } })), "disk-full");
    expect(fault.message).toBe("The planner's storage is full: nothing was saved. Free some disk space; the planner resumes by itself.");
    expect(fault.detail).toContain(target);
    expect(await readFile(target, "utf8")).toBe('{"planner":{}}\n');
    expect(await readdir(root)).toEqual(["agent-1.json"]);
    await rm(filler);
    await writeFileAtomic(target, '{"planner":{"jobs":[]}}\n');
    expect(await readFile(target, "utf8")).toBe('{"planner":{"jobs":[]}}\n');
  });

  it("a read-only remount: writes are refused as read-only (no 'try again'), reads go on, a rw remount is enough", async () => {
    await mkdir(join(root, "state"));
    const log = runtimeLog();
    await log.sync();
    await log.adopt();
    await log.append([bigChange(1)]);
    const target = join(root, "agent-1.json");
    await writeFile(target, "{}\n");

    execFileSync("mount", ["-o", "remount,ro", tmpfs.dir!], { stdio: "pipe" });
    const appended = await expectFault(log.append([bigChange(2)]), "read-only");
    expect(appended.status).toBe(503);
    expect(appended.message).toBe("The planner's storage is read-only: nothing was saved. Make the data folder writable (it is mounted read-only).");
    expect(appended.message).not.toMatch(/try again/i);
    await expectFault(writeFileAtomic(target, "{\"planner\":{}}\n"), "read-only");
    // Reading needs no write: a fresh reader still sees what was stored.
    expect(await freshVersion()).toEqual({ version: 1, deliveries: 24 });

    execFileSync("mount", ["-o", "remount,rw", tmpfs.dir!], { stdio: "pipe" });
    await log.sync();
    await log.append([bigChange(2)]);
    await writeFileAtomic(target, '{"planner":{}}\n');
    expect(await freshVersion()).toEqual({ version: 2, deliveries: 48 });
  });

  it("a jsonl append of a log read before the disk filled leaves a readable file", async () => {
    const path = join(root, "log.jsonl");
    const log = createJsonlLog(path, "test@1");
    await log.replace([]);
    await log.sync(
      () => undefined,
      () => undefined,
    );
    await fill(4096);
    const values = Array.from({ length: 10 }, (_, i) => ({ i, pad: "y".repeat(1000) }));
    await expectFault(log.append(values, true), "disk-full");
    const reader = createJsonlLog(path, "test@1");
    const seen: unknown[] = [];
    expect(
      await reader.sync(
        (value) => seen.push(value),
        () => undefined,
      ),
    ).toBe(true);
    expect(seen).toEqual([]);
  });
});

// Root ignores permission bits (CAP_DAC_OVERRIDE), so a chmod 500 folder only refuses writes to other users: this
// check runs where the tests do not run as root, and the EACCES → permission mapping is covered in faults.test.ts.
describe.skipIf(process.getuid?.() === 0 || process.platform === "win32")("a folder without write permission (not as root)", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "planner-perm-"));
  });
  afterEach(async () => {
    await chmod(dir, 0o700);
    await rm(dir, { recursive: true, force: true });
  });

  it("refuses the write as a permission fault", async () => {
    await chmod(dir, 0o500);
    const fault = await expectFault(writeFileAtomic(join(dir, "a.json"), "{}"), "permission");
    expect(fault.message).toMatch(/permission denied/);
  });
});

import { appendFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LogCorruptError, createJsonlLog } from "../../src/server/store/legacy/jsonl-log";

describe("createJsonlLog", () => {
  let dir: string;
  let path: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "planner-log-"));
    path = join(dir, "log.jsonl");
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  /** A reader that records what it was told. */
  function reader() {
    const log = createJsonlLog(path, "test@1");
    const events: unknown[] = [];
    return {
      log,
      events,
      sync: () => log.sync((value) => events.push(value), () => events.push("reset")),
    };
  }

  it("answers false for a missing file and reads a replaced file from the start", async () => {
    const a = reader();
    expect(await a.sync()).toBe(false);
    await a.log.replace([{ n: 1 }, { n: 2 }]);
    const b = reader();
    expect(await b.sync()).toBe(true);
    expect(b.events).toEqual(["reset", { n: 1 }, { n: 2 }]);
  });

  it("lets another reader catch up with only the lines appended since its last read", async () => {
    const writer = reader();
    await writer.log.replace([{ n: 1 }]);
    const other = reader();
    await other.sync();
    await writer.sync();
    await writer.log.append([{ n: 2 }, { n: 3 }], false);
    await other.sync();
    expect(other.events).toEqual(["reset", { n: 1 }, { n: 2 }, { n: 3 }]);
    expect(other.log.lineCount()).toBe(3);

    await writer.log.replace([{ n: 9 }]);
    await other.sync();
    expect(other.events.slice(4)).toEqual(["reset", { n: 9 }]);
  });

  it("notices a replacement of exactly the size it had read (a reader that only looked at the size would not)", async () => {
    const writer = reader();
    await writer.log.replace([{ n: 1 }]);
    const other = reader();
    await other.sync();
    for (const n of [2, 3, 4]) {
      const before = (await readFile(path)).length;
      await writer.log.replace([{ n }]);
      expect((await readFile(path)).length).toBe(before);
      await other.sync();
      expect(other.events.slice(-2)).toEqual(["reset", { n }]);
    }
  });

  it("ignores a torn last line and cuts it off before the next append", async () => {
    const writer = reader();
    await writer.log.replace([{ n: 1 }]);
    // A writer killed in the middle of an append leaves half a line.
    await appendFile(path, '{"n": 2, "half');
    const other = reader();
    await other.sync();
    expect(other.events).toEqual(["reset", { n: 1 }]);
    await other.log.append([{ n: 3 }], true);
    expect((await readFile(path, "utf8")).split("\n").slice(1)).toEqual(['{"n":1}', '{"n":3}', ""]);
    const fresh = reader();
    await fresh.sync();
    expect(fresh.events).toEqual(["reset", { n: 1 }, { n: 3 }]);
  });

  it("throws LogCorruptError for a line that is not JSON or a file without the header", async () => {
    const writer = reader();
    await writer.log.replace([{ n: 1 }]);
    await appendFile(path, "not json\n");
    await expect(reader().sync()).rejects.toBeInstanceOf(LogCorruptError);
    await writeFile(path, '{"format":"other@1"}\n');
    await expect(reader().sync()).rejects.toThrow(`${path} does not start with a "test@1" header.`);
  });
});

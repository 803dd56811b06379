import { randomUUID } from "node:crypto";
import { open, stat, truncate } from "node:fs/promises";
import type { FileHandle } from "node:fs/promises";
import { asStorageFault, isCode, writeAll, writeFileAtomic } from "../config/atomic-write";

/** A line of a log is not JSON, or the log does not start with the expected header. */
export class LogCorruptError extends Error {
  override readonly name = "LogCorruptError";
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * An append-only JSON-lines file shared by processes: appends cost O(line) instead of rewriting the file, and
 * readers catch up by reading only the bytes appended since their last read. `replace` compacts it atomically.
 *
 * The first line is a header with a random generation, so a reader notices that the file was replaced even if
 * the new file happens to reuse the old inode number. Appends and replaces must happen under one lock held by
 * the caller; reads need no lock (they only consume complete lines, so a concurrent append is never half-read).
 */
export interface JsonlLog {
  /**
   * Applies the lines appended since the last call. When the file was replaced (or on the first call) `reset` is
   * called first and every line is applied. Answers `false` when the file does not exist.
   * Throws {@link LogCorruptError} for a bad header or a line that is not JSON.
   */
  sync(apply: (value: unknown) => void, reset: () => void): Promise<boolean>;
  /**
   * Appends values (caller holds the lock and has just called `sync`). `durable` fsyncs before returning. All or
   * nothing: when a write or the fsync fails, the file is cut back to where it was (no line of a failed append is
   * left for a reader to take as stored) and the error propagates, a `StorageFaultError` for a full disk, a
   * read-only or unwritable folder. The next append simply tries again.
   */
  append(values: unknown[], durable: boolean): Promise<void>;
  /** Atomically replaces the whole file with a fresh header and `values` (caller holds the lock). */
  replace(values: unknown[]): Promise<void>;
  /** Complete lines in the file after the header, as of the last `sync`/`append`/`replace`. */
  lineCount(): number;
}

interface Position {
  ino: bigint;
  dev: bigint;
  /** The file's creation time in ns (0 where the file system does not record it): with `ino`, one file generation. */
  birth: bigint;
  header: string;
  /** Byte offset just after the last complete line read. */
  offset: number;
  lines: number;
  /** Bytes after the last complete line: a line being appended now, or one torn by a crashed writer. */
  torn: boolean;
}

export function createJsonlLog(path: string, format: string): JsonlLog {
  let position: Position | null = null;

  function parseLine(line: string, lineNumber: number): unknown {
    try {
      return JSON.parse(line);
    } catch (error) {
      throw new LogCorruptError(path, `Line ${lineNumber} of ${path} is not JSON: ${(error as Error).message}`);
    }
  }

  async function readRange(handle: FileHandle, start: number, end: number): Promise<Buffer> {
    const buffer = Buffer.alloc(end - start);
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, start + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return buffer.subarray(0, filled);
  }

  async function sameGeneration(handle: FileHandle, current: Position): Promise<boolean> {
    const bytes = await readRange(handle, 0, Buffer.byteLength(current.header));
    return bytes.toString("utf8") === current.header;
  }

  return {
    async sync(apply, reset) {
      // Nothing appended since the last read (the common case): one stat, no open. A replaced file is a new inode,
      // and even a reused inode number has a new creation time.
      if (position && position.birth !== 0n && !position.torn) {
        const known = position;
        const stats = await stat(path, { bigint: true }).catch((error: unknown) => {
          if (isCode(error, "ENOENT")) return null;
          throw error;
        });
        if (!stats) {
          position = null;
          return false;
        }
        if (stats.ino === known.ino && stats.dev === known.dev && stats.birthtimeNs === known.birth && stats.size === BigInt(known.offset)) return true;
      }
      let handle: FileHandle;
      try {
        handle = await open(path, "r");
      } catch (error) {
        if (!isCode(error, "ENOENT")) throw error;
        position = null;
        return false;
      }
      try {
        const stats = await handle.stat({ bigint: true });
        const size = Number(stats.size);
        let current = position;
        let start = 0;
        let bytes: Buffer | null = null;
        if (current && current.ino === stats.ino && current.dev === stats.dev && size >= current.offset) {
          if (current.birth !== 0n && current.birth === stats.birthtimeNs) {
            bytes = await readRange(handle, current.offset, size);
            start = current.offset;
          } else {
            // No creation time to tell generations apart: read the new bytes while checking the header.
            const [same, appended] = await Promise.all([sameGeneration(handle, current), readRange(handle, current.offset, size)]);
            if (same) [start, bytes] = [current.offset, appended];
          }
        }
        if (!bytes) {
          reset();
          current = null;
          bytes = await readRange(handle, 0, size);
        }
        const end = bytes.lastIndexOf(10) + 1;
        const lines = bytes.subarray(0, end).toString("utf8").split("\n").slice(0, -1);
        if (!current) {
          const header = lines.shift();
          if (header === undefined || (parseLine(header, 1) as { format?: unknown } | null)?.format !== format) {
            throw new LogCorruptError(path, `${path} does not start with a "${format}" header.`);
          }
          current = { ino: stats.ino, dev: stats.dev, birth: stats.birthtimeNs, header: `${header}\n`, offset: 0, lines: 0, torn: false };
        }
        const values = lines.map((line, i) => parseLine(line, current.lines + i + 2));
        for (const value of values) apply(value);
        position = { ...current, offset: start + end, lines: current.lines + values.length, torn: end < bytes.length };
        return true;
      } finally {
        await handle.close();
      }
    },

    async append(values, durable) {
      if (!position) throw new Error(`${path} must be read before it is appended to.`);
      const known = position;
      const bytes = Buffer.from(values.map((value) => `${JSON.stringify(value)}\n`).join(""), "utf8");
      try {
        // Under the lock nobody else is appending, so bytes after the last full line were torn by a crashed
        // writer (or left by an append that failed and could not be cut back).
        if (known.torn) await truncate(path, known.offset);
        const handle = await open(path, "a");
        try {
          try {
            await writeAll(handle, bytes, undefined, `appending to ${path}`);
            if (durable) await handle.datasync();
          } catch (error) {
            // A short write leaves whole lines of this append before the failure: cut them off, else the next
            // reader would take them as stored. If even that fails, the tail is cut before the next append.
            await handle.truncate(known.offset).catch(() => {
              position = { ...known, torn: true };
            });
            throw error;
          }
        } finally {
          await handle.close();
        }
      } catch (error) {
        throw asStorageFault(error, `appending to ${path}`);
      }
      position = {
        ...known,
        offset: known.offset + bytes.byteLength,
        lines: known.lines + values.length,
        torn: false,
      };
    },

    async replace(values) {
      const header = `${JSON.stringify({ format, generation: randomUUID() })}\n`;
      const body = values.map((value) => `${JSON.stringify(value)}\n`).join("");
      try {
        await writeFileAtomic(path, header + body);
        const handle = await open(path, "r");
        try {
          const stats = await handle.stat({ bigint: true });
          position = { ino: stats.ino, dev: stats.dev, birth: stats.birthtimeNs, header, offset: Number(stats.size), lines: values.length, torn: false };
        } finally {
          await handle.close();
        }
      } catch (error) {
        throw asStorageFault(error, `rewriting ${path}`);
      }
    },

    lineCount: () => position?.lines ?? 0,
  };
}

import { randomUUID } from "node:crypto";
import { fstatSync } from "node:fs";
import { mkdir, open, rename, rm, stat } from "node:fs/promises";
import type { FileHandle } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { StorageFaultError, storageFaultOf } from "../faults";

/** Options of {@link writeFileAtomic}. */
export interface AtomicWriteOptions {
  /**
   * Runs while the temp file is written and synced, and must resolve before the rename; a rejection aborts the
   * write with nothing changed. For a last check that the writer still holds its lock, overlapped with the I/O.
   */
  beforeCommit?: (() => Promise<void>) | undefined;
}

/** A temp file written and synced next to its target by {@link prepareAtomicWrite}; nothing is visible yet. */
export interface PreparedWrite {
  /** The stored file's identity (`null` when it could not be read); it keeps it when renamed. */
  written: WrittenFile | null;
  /** Renames the temp file over the target (removing it if that fails). Sync the directory after for durability. */
  rename(): Promise<void>;
  /** Removes the temp file: the write is abandoned. */
  discard(): Promise<void>;
}

/**
 * Replaces `path` with `data` so that readers and crashes only ever see the old or the new content: write a temp
 * file in the same directory, fsync it, rename it over the target, fsync the directory (so the rename itself
 * survives a power cut). The target's permission bits are kept. A full disk, a read-only or unwritable folder
 * rejects with a {@link StorageFaultError} and leaves the target as it was.
 *
 * @example
 * await writeFileAtomic("/data/agents/a.json", JSON.stringify(config, null, 2));
 */
export async function writeFileAtomic(path: string, data: string, options: AtomicWriteOptions = {}): Promise<WrittenFile | null> {
  const prepared = await prepareAtomicWrite(path, data, options);
  await prepared.rename();
  await syncDirectory(dirname(path));
  return prepared.written;
}

/** What identifies the bytes a write stored (the temp file's inode, size and modification time, once synced). */
export interface WrittenFile {
  ino: number;
  size: number;
  mtimeMs: number;
}

/**
 * `error` as a {@link StorageFaultError} when it is one (ENOSPC, EDQUOT, EROFS, EACCES, EPERM, EIO), else as it
 * is: what the file store's writers throw, so that the routes can answer 507 / 503.
 */
export function asStorageFault(error: unknown, detail: string): unknown {
  return storageFaultOf(error, detail) ?? error;
}

/**
 * Writes all of `bytes` at the handle's position (or at `position`): write(2) may store only part of a buffer
 * (a nearly full disk, a signal), so it is called again for the rest until everything is written or it fails.
 * A write that stores nothing at all and reports no error is an I/O fault, never a silent loss.
 */
export async function writeAll(handle: Pick<FileHandle, "write">, bytes: Uint8Array, position?: number, detail = "writing a file"): Promise<void> {
  let written = 0;
  while (written < bytes.byteLength) {
    const { bytesWritten } = await handle.write(bytes, written, bytes.byteLength - written, position === undefined ? null : position + written);
    if (!(bytesWritten > 0)) throw new StorageFaultError("io", `${detail}: write(2) stored nothing of the last ${bytes.byteLength - written} bytes`);
    written += bytesWritten;
  }
}

/**
 * The first half of {@link writeFileAtomic}, for callers that write several files and order their renames: the
 * temp file is written and synced (after `beforeCommit` resolved), then `rename()` and `syncDirectory` finish.
 */
export async function prepareAtomicWrite(path: string, data: string, options: AtomicWriteOptions = {}): Promise<PreparedWrite> {
  try {
    return await prepareTemp(path, data, options);
  } catch (error) {
    throw asStorageFault(error, `writing ${path}`);
  }
}

async function prepareTemp(path: string, data: string, options: AtomicWriteOptions): Promise<PreparedWrite> {
  const dir = dirname(path);
  // A leading dot and a random suffix: never a valid agent file name, never shared by two writers.
  const temp = join(dir, `.${basename(path)}.${randomUUID().slice(0, 8)}.tmp`);
  // Each step is a round trip to the fs thread pool, so independent ones overlap: the target's mode is looked up
  // while the temp file is created (and applied with chmod before any data goes in).
  const [mode, handle] = await Promise.all([
    stat(path).then(
      (existing) => existing.mode & 0o777,
      () => undefined,
    ),
    openTemp(temp),
  ]);
  let written: WrittenFile | null = null;
  try {
    try {
      // Both are waited for before either's failure is thrown, so the handle is never closed mid-write.
      const settled = await Promise.allSettled([
        options.beforeCommit?.(),
        (async () => {
          // The temp file is created 0644 less the process's umask: only a target with another mode needs a chmod
          // (the mode a new file gets is learned from the first temp file written).
          let createdMode = createdModes.get(dir);
          if (createdMode === undefined) createdModes.set(dir, (createdMode = (await handle.stat()).mode & 0o777));
          if (mode !== undefined && mode !== createdMode) await handle.chmod(mode);
          await writeAll(handle, Buffer.from(data, "utf8"), 0, `writing ${temp}`);
          // fdatasync flushes the data and the metadata needed to read it back (the size), which is all that
          // must survive; the timestamps fsync would add are not.
          await handle.datasync();
          try {
            const { ino, size, mtimeMs } = fstatSync(handle.fd);
            written = { ino, size, mtimeMs };
          } catch {
            written = null;
          }
        })(),
      ]);
      for (const outcome of settled) if (outcome.status === "rejected") throw outcome.reason;
    } finally {
      await handle.close();
    }
  } catch (error) {
    // On a read-only or unwritable folder removing the temp file fails too; the first error is the one to tell.
    await rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
  return {
    written,
    async rename() {
      try {
        await rename(temp, path);
      } catch (error) {
        await rm(temp, { force: true }).catch(() => undefined);
        throw asStorageFault(error, `renaming ${temp} to ${path}`);
      }
    },
    discard: () => rm(temp, { force: true }),
  };
}

/**
 * The mode `openTemp` creates files with in each folder (0644 less the umask, or what a folder's default ACL makes of
 * it), once a temp file there showed it.
 */
const createdModes = new Map<string, number>();

/**
 * Creates the temp file; when its directory is gone (someone removed the data folder while the store runs),
 * recreates the directory once and tries again, so the write still lands where readers look.
 */
async function openTemp(temp: string) {
  try {
    return await open(temp, "wx", 0o644);
  } catch (error) {
    if (!isCode(error, "ENOENT")) throw error;
    await mkdir(dirname(temp), { recursive: true });
    return open(temp, "wx", 0o644);
  }
}

/**
 * fsyncs a directory so a rename or create in it is durable. Not supported everywhere (Windows): then a no-op.
 * Any other failure (EIO, ENOSPC) propagates, as a {@link StorageFaultError} when it is one.
 */
export async function syncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, "r");
    await handle.sync();
  } catch (error) {
    if (!isCode(error, "EISDIR", "EINVAL", "EPERM", "EACCES", "ENOTSUP")) throw asStorageFault(error, `syncing the folder ${dir}`);
  } finally {
    await handle?.close();
  }
}

/** Whether `error` is a Node system error with one of `codes`. */
export function isCode(error: unknown, ...codes: string[]): boolean {
  if (typeof error !== "object" || error === null || !("code" in error)) return false;
  return typeof error.code === "string" && codes.includes(error.code);
}

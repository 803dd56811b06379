import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { dirname } from "node:path";
import { link, mkdir, open, rename, rm, stat, unlink, utimes } from "node:fs/promises";
import { isCode } from "./atomic-write";
import { LockTimeoutError } from "./errors";
export { LockTimeoutError };

/** Options of {@link acquireLock}. */
export interface LockOptions {
  /** A lock not refreshed for this long is abandoned (its holder stalled or died on another host). */
  staleMs: number;
  /** How long to wait for a busy lock before failing. Default: three times `staleMs`. */
  timeoutMs?: number | undefined;
}

/** A held lock. The holder refreshes its mtime every `staleMs / 3` until `release()`. */
export interface FileLock {
  /** Throws {@link LockLostError} if another process took the lock over; call it right before committing. */
  assertHeld(): Promise<void>;
  release(): Promise<void>;
}


/** Another process broke this lock (it looked abandoned: this process stalled for longer than `staleMs`). */
export class LockLostError extends Error {
  override readonly name = "LockLostError";
  constructor(readonly path: string) {
    super(`Lost the lock ${path} to another process (this process stalled for too long); nothing was written.`);
  }
}

/** Who holds a lock; written into the lock file. */
interface LockOwner {
  pid: number;
  host: string;
  /** When the holding process started (epoch ms), to tell a reused pid (a restarted container) from the holder. */
  started: number;
  token: string;
  at: string;
}

interface LockState {
  owner: LockOwner | null;
  mtimeMs: number;
}

/**
 * A cross-process lock: a lock file created atomically with its owner inside (write a temp file, `link()` it to
 * the lock path, which fails if the lock exists). A lock is broken when its holder is known to be dead — same
 * host and its pid no longer exists, or the pid is ours but from an earlier process — or when it was not
 * refreshed for `staleMs` (a holder on another host, or one stalled that long). So a SIGKILLed writer blocks
 * others only until the next attempt on the same host, and at most `staleMs` elsewhere.
 *
 * @example
 * const lock = await acquireLock("/data/locks/agent.a.lock", { staleMs: 10_000 });
 * try { … await lock.assertHeld(); await writeFileAtomic(…); } finally { await lock.release(); }
 */
export async function acquireLock(path: string, options: LockOptions): Promise<FileLock> {
  const { staleMs } = options;
  const deadline = Date.now() + (options.timeoutMs ?? staleMs * 3);
  const owner: LockOwner = {
    pid: process.pid,
    host: hostname(),
    started: processStartedAt(),
    token: randomUUID(),
    at: new Date().toISOString(),
  };
  const temp = `${path}.${owner.token.slice(0, 8)}.tmp`;
  const identity = await writeOwner(temp, owner).catch(async (error: unknown) => {
    if (!isCode(error, "ENOENT")) throw error;
    await mkdir(dirname(path), { recursive: true });
    return writeOwner(temp, owner);
  });
  try {
    for (let attempt = 0; ; attempt++) {
      if (await linked(temp, path)) break;
      const state = await readLock(path);
      if (!state) continue;
      if (isAbandoned(state, staleMs)) {
        await breakLock(path, state);
        continue;
      }
      if (Date.now() > deadline) {
        const holder = state.owner ? `process ${state.owner.pid} on ${state.owner.host}` : "an unknown process";
        throw new LockTimeoutError(path, `Timed out waiting for the lock ${path}, held by ${holder}.`);
      }
      await sleep(backoff(attempt));
    }
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  const cleanup = removeFile(temp).catch(() => undefined);
  return heldLock(path, owner.token, identity, staleMs, cleanup);
}

/**
 * The lock file's identity: its inode and creation time. The lock path is a hard link to the temp file written
 * here, so while the lock is ours, `stat(path)` shows the same pair (a reused inode number has a new creation
 * time). `birth` is 0 where the file system does not record creation times; the owner token is read then.
 */
interface FileIdentity {
  ino: bigint;
  dev: bigint;
  birth: bigint;
}

async function writeOwner(temp: string, owner: LockOwner): Promise<FileIdentity> {
  const handle = await open(temp, "wx");
  try {
    await handle.write(JSON.stringify(owner));
    const stats = await handle.stat({ bigint: true });
    return { ino: stats.ino, dev: stats.dev, birth: stats.birthtimeNs };
  } finally {
    await handle.close();
  }
}

async function removeFile(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (error) {
    if (!isCode(error, "ENOENT")) throw error;
  }
}

/** Links `temp` to `path`; `false` when `path` exists (the lock is taken). */
async function linked(temp: string, path: string): Promise<boolean> {
  try {
    await link(temp, path);
    return true;
  } catch (error) {
    if (isCode(error, "EEXIST")) return false;
    throw error;
  }
}

/**
 * Runs `work` while holding the lock at `path`.
 *
 * @example
 * await withLock(lockPath, { staleMs: 10_000 }, async (lock) => { …; await lock.assertHeld(); … });
 */
export async function withLock<T>(path: string, options: LockOptions, work: (lock: FileLock) => Promise<T>): Promise<T> {
  const lock = await acquireLock(path, options);
  try {
    return await work(lock);
  } finally {
    await lock.release();
  }
}

function heldLock(path: string, token: string, identity: FileIdentity, staleMs: number, cleanup: Promise<void>): FileLock {
  let lost = false;
  const heartbeat = setInterval(
    () => {
      const now = new Date();
      utimes(path, now, now).catch(() => {
        lost = true;
      });
    },
    Math.max(50, Math.floor(staleMs / 3)),
  );
  // A held lock must not keep the process alive on its own.
  heartbeat.unref();

  async function stillOurs() {
    if (lost) return false;
    if (identity.birth !== 0n) {
      const stats = await stat(path, { bigint: true }).catch((error: unknown) => {
        if (isCode(error, "ENOENT")) return null;
        throw error;
      });
      return stats !== null && stats.ino === identity.ino && stats.dev === identity.dev && stats.birthtimeNs === identity.birth;
    }
    const state = await readLock(path);
    return state?.owner?.token === token;
  }

  return {
    async assertHeld() {
      if (!(await stillOurs())) throw new LockLostError(path);
    },
    async release() {
      clearInterval(heartbeat);
      const [, ours] = await Promise.all([cleanup, stillOurs()]);
      if (ours) await removeFile(path);
    },
  };
}

async function readLock(path: string): Promise<LockState | null> {
  let handle;
  try {
    handle = await open(path, "r");
    const [stats, text] = await Promise.all([handle.stat(), handle.readFile("utf8")]);
    return { owner: parseOwner(text), mtimeMs: stats.mtimeMs };
  } catch (error) {
    if (isCode(error, "ENOENT")) return null;
    throw error;
  } finally {
    await handle?.close();
  }
}

function parseOwner(text: string): LockOwner | null {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== "object" || value === null) return null;
    const owner = value as Partial<LockOwner>;
    return typeof owner.pid === "number" && typeof owner.host === "string" && typeof owner.token === "string"
      ? { pid: owner.pid, host: owner.host, started: Number(owner.started), token: owner.token, at: String(owner.at) }
      : null;
  } catch {
    return null;
  }
}

function isAbandoned(state: LockState, staleMs: number): boolean {
  if (Date.now() - state.mtimeMs > staleMs) return true;
  const owner = state.owner;
  if (!owner || owner.host !== hostname()) return false;
  // Our own pid from another process start: a restarted container reused the pid of the crashed holder.
  if (owner.pid === process.pid) return Math.abs(owner.started - processStartedAt()) > 5_000;
  return !isProcessAlive(owner.pid);
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return !isCode(error, "ESRCH");
  }
}

/**
 * Removes an abandoned lock. The rename makes breaking atomic: of several processes breaking the same lock, one
 * moves it away, the others find nothing. If what was moved is not the lock judged abandoned (it was replaced by
 * a live one in between), it is put back.
 */
async function breakLock(path: string, abandoned: LockState): Promise<void> {
  const grave = `${path}.${randomUUID().slice(0, 8)}.stale`;
  try {
    await rename(path, grave);
  } catch (error) {
    if (isCode(error, "ENOENT")) return;
    throw error;
  }
  try {
    const moved = await readLock(grave);
    if (moved?.owner?.token !== abandoned.owner?.token || moved?.mtimeMs !== abandoned.mtimeMs) {
      await link(grave, path).catch(() => undefined);
    }
  } finally {
    await rm(grave, { force: true });
  }
}

function processStartedAt(): number {
  return Math.round(Date.now() - process.uptime() * 1000);
}

function backoff(attempt: number): number {
  const base = Math.min(20, 1 + attempt * 2);
  return base / 2 + Math.random() * (base / 2);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

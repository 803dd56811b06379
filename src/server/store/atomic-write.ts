import { randomUUID } from "node:crypto";
import { open, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/**
 * Replaces `path` with `data` so that readers and crashes only ever see the old or the new content: write a temp
 * file in the same directory, fsync it, rename it over the target, fsync the directory (so the rename itself
 * survives a power cut). The target's permission bits are kept.
 *
 * @example
 * await writeFileAtomic("/data/agents/a.json", JSON.stringify(config, null, 2));
 */
export async function writeFileAtomic(path: string, data: string): Promise<void> {
  const dir = dirname(path);
  // A leading dot and a random suffix: never a valid agent file name, never shared by two writers.
  const temp = join(dir, `.${basename(path)}.${randomUUID().slice(0, 8)}.tmp`);
  const mode = await stat(path).then(
    (existing) => existing.mode & 0o777,
    () => undefined,
  );
  const handle = await open(temp, "wx", mode ?? 0o644);
  try {
    try {
      if (mode !== undefined) await handle.chmod(mode);
      await handle.writeFile(data, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(dir);
}

/** fsyncs a directory so a rename or create in it is durable. Not supported everywhere (Windows): then a no-op. */
export async function syncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, "r");
    await handle.sync();
  } catch (error) {
    if (!isCode(error, "EISDIR", "EINVAL", "EPERM", "EACCES", "ENOTSUP")) throw error;
  } finally {
    await handle?.close();
  }
}

/** Whether `error` is a Node system error with one of `codes`. */
export function isCode(error: unknown, ...codes: string[]): boolean {
  if (typeof error !== "object" || error === null || !("code" in error)) return false;
  return typeof error.code === "string" && codes.includes(error.code);
}

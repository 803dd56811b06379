import { execFileSync } from "node:child_process";
import { mkdtempSync, rmdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A mounted tmpfs, or why there is none. */
export type Tmpfs = { dir: string; reason: null } | { dir: null; reason: string };

/**
 * A real tmpfs of `bytes`, so that ENOSPC, short writes and EROFS come from the kernel and not from a mock.
 * Mounting needs root (CI runs as root); elsewhere the caller skips its tests with `reason` in their title.
 */
export function mountTmpfs(bytes: number, prefix = "planner-full-"): Tmpfs {
  if (process.platform !== "linux") return { dir: null, reason: "tmpfs needs Linux" };
  if (process.getuid?.() !== 0) return { dir: null, reason: "mounting a tmpfs needs root" };
  const dir = mkdtempSync(join(tmpdir(), prefix));
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", `size=${bytes}`, "tmpfs", dir], { stdio: "pipe" });
    return { dir, reason: null };
  } catch (error) {
    rmdirSync(dir);
    const text = error instanceof Error ? error.message.split("\n")[0] : String(error);
    return { dir: null, reason: `mount -t tmpfs failed (${text})` };
  }
}

/** Unmounts (lazily when busy) and removes the mount point. */
export function unmountTmpfs(dir: string): void {
  try {
    execFileSync("umount", [dir], { stdio: "pipe" });
  } catch {
    execFileSync("umount", ["-l", dir], { stdio: "pipe" });
  }
  rmdirSync(dir);
}

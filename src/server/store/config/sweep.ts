import { readdir, rm, stat } from "node:fs/promises";
import { join } from "node:path";

/** Temp files of `writeFileAtomic` (`.<name>.<8 hex>.tmp`) and of the lock (`<name>.lock.<8 hex>.tmp|stale`). */
const ORPHAN = /^(\.[^/]+\.[0-9a-f]{8}\.tmp|[^/]+\.lock\.[0-9a-f]{8}\.(tmp|stale))$/;

/**
 * Removes temp files that a crashed process left behind in `dirs`. Only names this store creates are touched, and
 * only when older than `olderThanMs` (a live writer's temp file exists for milliseconds). Best effort: a file
 * that cannot be removed is left for next time.
 *
 * @example
 * await sweepOrphans([agentsDir, locksDir], 60_000);
 */
export async function sweepOrphans(dirs: string[], olderThanMs: number): Promise<void> {
  const cutoff = Date.now() - olderThanMs;
  await Promise.all(
    dirs.map(async (dir) => {
      const names = await readdir(dir).catch(() => []);
      for (const name of names) {
        if (!ORPHAN.test(name)) continue;
        const path = join(dir, name);
        const stats = await stat(path).catch(() => null);
        if (stats && stats.mtimeMs < cutoff) await rm(path, { force: true }).catch(() => undefined);
      }
    }),
  );
}

import { readFileSync } from "node:fs";
import { resolve } from "node:path";

/** The mount a path lives on, from /proc/self/mounts (Linux); `null` where that cannot be read. */
export interface Mount {
  /** Where it is mounted, e.g. "/" or "/dev/shm". */
  mountPoint: string;
  /** The file system type, e.g. "ext4", "tmpfs", "overlay". */
  type: string;
}

/** File system types that keep their data in memory, where fsync costs next to nothing. */
const MEMORY_TYPES = new Set(["tmpfs", "ramfs"]);

export function mountOf(path: string): Mount | null {
  let table: string;
  try {
    table = readFileSync("/proc/self/mounts", "utf8");
  } catch {
    return null;
  }
  const target = resolve(path);
  let best: Mount | null = null;
  for (const line of table.split("\n")) {
    const [, rawMountPoint, type] = line.split(" ");
    if (!rawMountPoint || !type) continue;
    // Spaces and other specials are octal-escaped in the table.
    const mountPoint = rawMountPoint.replace(/\\([0-7]{3})/g, (_, code: string) => String.fromCharCode(parseInt(code, 8)));
    const inside = mountPoint === "/" || target === mountPoint || target.startsWith(`${mountPoint}/`);
    // The longest match is the mount the path is on; a later line for the same point shadows an earlier one.
    if (inside && (!best || mountPoint.length >= best.mountPoint.length)) best = { mountPoint, type };
  }
  return best;
}

/** "ext4 on /" or "tmpfs on /dev/shm, in memory", for a line of output. */
export function describeMount(path: string): string {
  const mount = mountOf(path);
  if (!mount) return "file system unknown";
  return `${mount.type} on ${mount.mountPoint}${MEMORY_TYPES.has(mount.type) ? ", in memory" : ""}`;
}

export function isMemoryFilesystem(path: string): boolean {
  const mount = mountOf(path);
  return mount !== null && MEMORY_TYPES.has(mount.type);
}

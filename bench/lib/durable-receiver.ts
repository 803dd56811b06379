import { open, type FileHandle } from "node:fs/promises";
import { dirname } from "node:path";
import { verifyComposioWebhook } from "../../src/server/composio";

/**
 * An append-only file whose appends are answered once they are on disk, with group commit: the lines appended
 * while a write + `fdatasync` is in flight are written together by the next one, so concurrent appends share one
 * sync (the first append of an idle log starts its own at once). Both calls run on libuv's thread pool, never on
 * the event loop.
 */
export interface GroupCommitLog {
  /** Resolves once `line` (which should end with "\n") is written and synced. */
  append(line: string): Promise<void>;
  /** Syncs done so far and lines they carried: lines ÷ syncs is the mean group size. */
  stats(): { syncs: number; lines: number };
  close(): Promise<void>;
}

export async function openGroupCommitLog(path: string): Promise<GroupCommitLog> {
  const handle: FileHandle = await open(path, "a");
  // The file's folder entry must be durable too, once: sync the folder after creating the file.
  const folder = await open(dirname(path), "r");
  await folder.sync().finally(() => folder.close());

  interface Waiter {
    resolve(): void;
    reject(error: unknown): void;
  }
  let pending: Buffer[] = [];
  let waiters: Waiter[] = [];
  let flushing = false;
  let syncs = 0;
  let lines = 0;

  async function writeAll(buffer: Buffer) {
    let offset = 0;
    while (offset < buffer.length) {
      const { bytesWritten } = await handle.write(buffer, offset, buffer.length - offset);
      offset += bytesWritten;
    }
  }

  async function flush() {
    flushing = true;
    while (pending.length > 0) {
      const buffers = pending;
      const group = waiters;
      pending = [];
      waiters = [];
      try {
        await writeAll(buffers.length === 1 ? buffers[0]! : Buffer.concat(buffers));
        await handle.datasync();
        syncs++;
        lines += group.length;
        for (const waiter of group) waiter.resolve();
      } catch (error) {
        for (const waiter of group) waiter.reject(error);
      }
    }
    flushing = false;
  }

  return {
    append(line) {
      return new Promise<void>((resolve, reject) => {
        pending.push(Buffer.from(line, "utf8"));
        waiters.push({ resolve, reject });
        if (!flushing) void flush();
      });
    },
    stats: () => ({ syncs, lines }),
    close: () => handle.close(),
  };
}

/**
 * The least a durable webhook receiver does, as a fetch-API handler: the signature headers checked, the body read
 * and verified with the package's own `verifyComposioWebhook` (same tolerance as the route's default), the
 * delivery (its id and raw body, one line) appended to a group-committed log, and 200 once that line is on disk.
 * No parsing, no dedupe, no run: the bound the planner's route is compared with.
 */
export function durableReceiver(options: { secret: string; log: GroupCommitLog; toleranceSec?: number }): (req: Request) => Promise<Response> {
  const { secret, log } = options;
  const toleranceSec = options.toleranceSec ?? 300;
  const answer = (status: number, body: Record<string, unknown>) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  return async (req) => {
    const id = req.headers.get("webhook-id");
    const timestamp = req.headers.get("webhook-timestamp");
    const signature = req.headers.get("webhook-signature");
    if (!id || !timestamp || !signature) return answer(401, { error: "Missing webhook signature headers." });
    const rawBody = await req.text();
    const verified = verifyComposioWebhook({ id, timestamp, signatureHeader: signature, rawBody, secret, now: Date.now(), toleranceSec });
    if (!verified.ok) return answer(401, { error: "Invalid webhook signature." });
    // One line per delivery: a body holding line breaks is written as a JSON string instead.
    await log.append(`${id}\t${rawBody.includes("\n") ? JSON.stringify(rawBody) : rawBody}\n`);
    return answer(200, { status: "received" });
  };
}

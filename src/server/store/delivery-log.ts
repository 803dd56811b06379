import { z } from "zod";
import { StoreCorruptError } from "./errors";
import { LogCorruptError, createJsonlLog } from "./jsonl-log";
import type { KeyedMutex } from "./keyed-mutex";
import { type LockOptions, withLock } from "./lock";
import type { DeliveryRecord } from "./port";

/**
 * Webhook delivery ids seen recently, in `<dir>/deliveries.jsonl`: one fsynced line per new id (a dedupe record
 * must survive a crash), compacted to the ids still inside the dedupe window once expired lines dominate.
 * Checked and appended under a cross-process lock, so two processes never both see an id as new.
 */
export interface DeliveryLog {
  record(deliveryId: string, nowMs: number, ttlMs: number): Promise<DeliveryRecord>;
}

export interface DeliveryLogOptions {
  path: string;
  lockPath: string;
  lock: LockOptions;
  mutex: KeyedMutex;
}

const FORMAT = "agent-planner/deliveries@1";
const MUTEX_KEY = ":deliveries";
const Line = z.object({ id: z.string(), at: z.number() });

export function createDeliveryLog(options: DeliveryLogOptions): DeliveryLog {
  const log = createJsonlLog(options.path, FORMAT);
  let seen = new Map<string, number>();
  // Counting live ids is O(ids), so it is done again only after the log grew by a quarter.
  let nextCompactionCheck = 1000;

  async function sync() {
    try {
      const exists = await log.sync(
        (value) => {
          const line = Line.safeParse(value);
          if (!line.success) {
            throw new LogCorruptError(options.path, `${options.path} has a line that is not a delivery record.`);
          }
          seen.set(line.data.id, line.data.at);
        },
        () => {
          seen = new Map();
        },
      );
      if (!exists) await log.replace([]);
    } catch (error) {
      if (!(error instanceof LogCorruptError)) throw error;
      const message = `Cannot read webhook deliveries ${options.path}: ${error.message} — fix or remove the file; it was not changed.`;
      throw new StoreCorruptError(options.path, message, { cause: error });
    }
  }

  return {
    record(deliveryId, nowMs, ttlMs) {
      return options.mutex.run(MUTEX_KEY, () =>
        withLock(options.lockPath, options.lock, async (): Promise<DeliveryRecord> => {
          await sync();
          const seenAt = seen.get(deliveryId);
          if (seenAt !== undefined && seenAt > nowMs - ttlMs) {
            return { firstSeen: false, firstSeenAt: new Date(seenAt).toISOString() };
          }
          await log.append([{ id: deliveryId, at: nowMs }], true);
          seen.set(deliveryId, nowMs);
          if (log.lineCount() >= nextCompactionCheck) {
            const kept = [...seen].filter(([, at]) => at > nowMs - ttlMs);
            if (log.lineCount() > 2 * kept.length) {
              await log.replace(kept.map(([id, at]) => ({ id, at })));
              seen = new Map(kept);
            }
            nextCompactionCheck = Math.max(1000, Math.ceil(log.lineCount() * 1.25));
          }
          return { firstSeen: true };
        }),
      );
    },
  };
}

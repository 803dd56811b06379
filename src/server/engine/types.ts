import type { JobRunRequest, TriggerRunRequest } from "../../shared/events";

/**
 * Where due runs go: the in-process queue, or Inngest events. Dispatch must be idempotent per run id
 * (the queue dedupes through the store, Inngest dedupes event ids for 24 h).
 */
export interface Dispatcher {
  dispatchJob(request: JobRunRequest): Promise<void>;
  dispatchTrigger(request: TriggerRunRequest): Promise<void>;
}

/** The misfire grace of the `skip` policy: occurrences this recent still run. */
export const MISFIRE_GRACE_MS = 2 * 60_000;
/** The most occurrences the `runAll` policy dispatches in one catch-up. */
export const RUN_ALL_CAP = 10;
/** Consecutive failures after which a job or trigger pauses itself. */
export const AUTO_PAUSE_AFTER = 5;

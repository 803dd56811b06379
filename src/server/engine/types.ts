import type { JobRunRequest, TriggerEventData, TriggerRunRequest } from "../../shared/events";
import type { Run } from "../../shared/schemas";
import type { AppendRunUnlessActiveOptions } from "../store/port";

/**
 * Where due runs go: the in-process queue, or Inngest events. Dispatch must be idempotent per run id
 * (the queue dedupes through the store, Inngest dedupes event ids for 24 h).
 */
export interface Dispatcher {
  dispatchJob(request: JobRunRequest): Promise<void>;
  dispatchTrigger(request: TriggerRunRequest): Promise<void>;
  /**
   * Executes a trigger run that is already stored as queued with its event (a webhook delivery's, stored in one
   * step with the delivery's dedupe record). Idempotent per run id: a run already queued here, started or finished
   * is not executed again. `event` is the whole event when the caller still has it (a run keeps it only up to
   * `limits.maxQueuedEventBytes`).
   */
  dispatchStored(run: Run, event?: TriggerEventData): Promise<void>;
}

/** A run someone asked for: "run now" of a job or "test" of a trigger. */
export type ManualRunRequest = { kind: "job"; request: JobRunRequest } | { kind: "trigger"; request: TriggerRunRequest };

export interface ManualDispatchOptions {
  /**
   * Refuse the run while another run of the same job or trigger is active, checked and recorded in one store step
   * (`PlannerStore.appendRunUnlessActive`). Without it the run is dispatched like a scheduled one.
   */
  exclusive?: AppendRunUnlessActiveOptions | undefined;
}

/** `dispatched: false` (exclusive dispatch only): nothing was stored or sent; `activeRun` is the run in the way. */
export type ManualDispatchResult = { dispatched: true } | { dispatched: false; activeRun: Run };

/**
 * Where manual runs go. Unlike the tick's dispatch, a manual run is refused with `NotStartedError` when the driver
 * would not start it (an in-process scheduler that is not started), so a click never leaves a run queued for ever.
 */
export interface ManualDispatcher {
  dispatchManual(run: ManualRunRequest, options?: ManualDispatchOptions): Promise<ManualDispatchResult>;
}

/** Default of `limits.misfireGraceMs`: under the `skip` misfire policy, occurrences this recent still run. */
export const MISFIRE_GRACE_MS = 2 * 60_000;
/** Default of `limits.runAllMaxRuns`: the most occurrences the `runAll` policy dispatches in one catch-up. */
export const RUN_ALL_CAP = 10;
/** Default of `limits.autoPauseAfter`: consecutive failures after which a job or trigger pauses itself. */
export const AUTO_PAUSE_AFTER = 5;

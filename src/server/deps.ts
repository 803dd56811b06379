import type { ComposioGateway } from "./composio/types";
import type { Dispatcher, ManualDispatcher } from "./engine/types";
import type { PlannerCatalog, PlannerExecutors, PlannerLimits, PlannerLogger, PlannerOptions, PlannerUser } from "./options";
import type { PlannerStore } from "./store/port";

// Types only: the engine, scheduler, Inngest functions and routes depend on these, and `planner.ts` builds them,
// so no module has to import `planner.ts` back (which would close an import circle).

/** The dependencies every procedure and engine step uses, resolved once by `createPlanner`. */
export interface PlannerDeps {
  store: PlannerStore;
  auth: PlannerOptions["auth"];
  canAccessAgent: PlannerOptions["canAccessAgent"];
  executors: PlannerExecutors | undefined;
  catalog: PlannerCatalog | undefined;
  composio: ComposioGateway | undefined;
  inngest: PlannerOptions["inngest"];
  clock: () => Date;
  logger: PlannerLogger;
  limits: PlannerLimits;
  /** Whether API answers may carry internal messages and stacks (`PlannerOptions.debug`). */
  debug: boolean;
  /** Where runs go: the in-process queue, or Inngest events. */
  dispatcher: Dispatcher;
  /** Where "run now" and "test" go: refused while the in-process driver is not running; optionally one at a time. */
  manualDispatcher: ManualDispatcher;
  /** Tells the scheduler that a job's next run may have moved (create, edit, resume). */
  scheduleChanged: () => void;
}

export interface Planner {
  readonly deps: PlannerDeps;
  /** "inngest" when runs go through Inngest, "in-process" otherwise. */
  readonly mode: "inngest" | "in-process";
  /** Resolves the calling user from a request with the host's `auth`. */
  authenticate(req: Request): Promise<PlannerUser | null>;
  /**
   * Starts the in-process scheduler: recovers runs a previous process left queued or running, catches up on
   * occurrences missed while the server was down (each job's misfire policy), then keeps a timer at the next due
   * run. Until it is called nothing runs on schedule, and "run now" / "test" answer `PRECONDITION_FAILED`.
   * Call it once per server process at start: in Next.js from `register()` in `instrumentation.ts`, guarded by
   * `process.env.NEXT_RUNTIME === "nodejs"`. Idempotent; resolves once the catch-up has been dispatched.
   * A no-op in Inngest mode, where the `planner-tick` function drives the engine.
   *
   * @example
   * ```ts
   * // instrumentation.ts
   * export async function register() {
   *   if (process.env.NEXT_RUNTIME === "nodejs") {
   *     const { planner } = await import("./lib/planner");
   *     await planner.start();
   *   }
   * }
   * ```
   */
  start(): Promise<void>;
  /**
   * Stops the in-process scheduler: disarms the timer, starts no more runs and resolves once the runs in progress
   * have finished. Runs still waiting stay `queued` in the store for the next `start()` (in any process sharing
   * it). Afterwards "run now" and "test" answer `PRECONDITION_FAILED` until `start()` is called again. A no-op in
   * Inngest mode.
   */
  stop(): Promise<void>;
  /**
   * Resolves when this process has no run queued or running and no tick in progress: what a host's tests await
   * after "run now" before looking at the executors. Runs dispatched ahead of their instant (the scheduler's
   * `lookaheadMs`) wait on a timer and do not count. Resolves at once in Inngest mode, where runs execute in
   * Inngest's functions, not here.
   *
   * @example
   * ```ts
   * await caller.jobs.runNow({ agentId, jobId });
   * await planner.idle();
   * expect(chats).toHaveLength(1);
   * ```
   */
  idle(): Promise<void>;
}


import type { RunControls } from "./engine/run-control";
import type { ComposioGateway } from "./composio/types";
import type { Dispatcher, ManualDispatcher } from "./engine/types";
import type { PlannerCatalog, PlannerExecutors, PlannerLimits, PlannerLogger, PlannerOptions, PlannerUser, RunCompletion } from "./options";
import type { PlannerStore } from "./store/port";
import type { Run } from "../shared/schemas";
import type { Watcher } from "./watch/types";

// Types (and the default logger, which imports nothing): the engine, scheduler, Inngest functions and routes
// depend on these, and `planner.ts` builds them, so no module has to import `planner.ts` back (which would close
// an import circle).

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
  /** `PlannerOptions.locale`: job messages' dates and times; undefined for the default (English, 24-hour). */
  locale: string | undefined;
  /** Whether API answers may carry internal messages and stacks (`PlannerOptions.debug`). */
  debug: boolean;
  /** Where runs go: the in-process queue, or Inngest events. */
  dispatcher: Dispatcher;
  /** Where "run now" and "test" go: refused while the in-process driver is not running; optionally one at a time. */
  manualDispatcher: ManualDispatcher;
  /** Tells the scheduler that a job's next run may have moved (create, edit, resume). */
  scheduleChanged: () => void;
  /** Stops a run executing in this process (cancel); `false` when it does not execute here. */
  stopRunHere: (runId: string, by?: string) => boolean;
  /**
   * Stops a run whose executor runs elsewhere (Inngest: sends the cancel event); `null` when the driver cannot (the
   * in-process driver: another process notices the cancel at its lease renewal).
   */
  stopRunRemotely: (runId: string, agentId: string) => Promise<void> | null;
  /**
   * The runs Inngest's functions are executing in this process (their executors' signals): a cancel and
   * `planner.stop()` reach them here. The in-process scheduler keeps its own.
   */
  runControls: RunControls;
  /** Notifications (`onRunFailed` … `onRecovered`, `notifyWebhook`): checks agents for episodes to open or close. */
  watch?: Watcher | undefined;
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
  /**
   * Reports the end of a run whose executor answered `{ status: "started", … }`: `succeeded` (with an optional
   * workflow `output` and `url`) or `failed` (with its `error`). Idempotent: a second report, or a report after the
   * run ended otherwise (cancelled, `limits.completionTimeoutMs`), changes nothing and answers the run as it is.
   * Pass the run's `agentId` when you have it (the executor got it), or the run is looked up in every agent.
   *
   * @example
   * ```ts
   * // the chat ended (the host's own event)
   * await planner.completeRun(source.runId, { status: "failed", error: "The model gateway answered 502.", agentId });
   * ```
   */
  completeRun(runId: string, completion: RunCompletion): Promise<Run>;
}

type LogLevel = keyof PlannerLogger;
const LOG_LEVELS: readonly LogLevel[] = ["debug", "info", "warn", "error"];

export interface ConsoleLoggerOptions {
  /** The least severe level written; the ones below it are dropped (default `"warn"`). `"silent"` writes nothing. */
  level?: LogLevel | "silent" | undefined;
}

/** One field value as log text: plain tokens as they are, other text quoted, the rest as JSON. Never throws. */
function formatValue(value: unknown): string {
  try {
    if (typeof value === "string") return /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value);
    if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint" || value === null) return String(value);
    if (value instanceof Error) return JSON.stringify(value.message);
    // `undefined` for a function or a symbol, whatever the declared type says.
    const json: string | undefined = JSON.stringify(value);
    if (json !== undefined) return json;
    return typeof value === "symbol" ? value.toString() : `[${typeof value}]`;
  } catch {
    return "[unreadable]";
  }
}

/**
 * `text key=value …` on one line (a field named `stack` on the lines below), so that an error id
 * (`errorId=err_…`) is one search away in any log viewer.
 */
export function formatLogLine(text: string, fields: Record<string, unknown> | undefined): string {
  let line = text;
  let stack: string | undefined;
  try {
    for (const [key, value] of Object.entries(fields ?? {})) {
      if (value === undefined) continue;
      if (key === "stack" && typeof value === "string") stack = value;
      else line += ` ${key}=${formatValue(value)}`;
    }
  } catch {
    line += " [fields unreadable]";
  }
  return stack ? `${line}\n${stack}` : line;
}

/**
 * A `PlannerLogger` that writes to the console, one line per record with its fields (`errorId=err_…` for an
 * internal error's answer, `runId`, `agentId`, …): warnings to `console.warn`, errors to `console.error`,
 * and, from a lower `level`, info and debug to `console.info` / `console.debug`. The planner's default when
 * `createPlanner` is given no `logger`, at level `"warn"`.
 *
 * @example
 * ```ts
 * createPlanner({ …, logger: consoleLogger({ level: "info" }) }); // also "scheduler started" and the like
 * ```
 */
export function consoleLogger(options: ConsoleLoggerOptions = {}): PlannerLogger {
  const level = options.level ?? "warn";
  const index = LOG_LEVELS.indexOf(level as LogLevel);
  const least = level === "silent" ? LOG_LEVELS.length : index === -1 ? LOG_LEVELS.indexOf("warn") : index;
  const at =
    (name: LogLevel) =>
    (text: string, fields?: Record<string, unknown>): void => {
      if (LOG_LEVELS.indexOf(name) < least) return;
      try {
        console[name](formatLogLine(String(text), fields));
      } catch {
        // A logger never breaks the call that logs.
      }
    };
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}

import type { PlannerLimits, PlannerLogger, PlannerOptions } from "./options";
import { createRunControls } from "./engine/run-control";
import { completeRun } from "./features/runs/requests";
import { consoleLogger, type Planner, type PlannerDeps } from "./deps";
import { PlannerConfigError } from "./errors";
import { AUTO_PAUSE_AFTER, MISFIRE_GRACE_MS, RUN_ALL_CAP, type Dispatcher, type ManualDispatcher } from "./engine/types";
import { inngestDispatcher, inngestManualDispatcher } from "./inngest/dispatcher";
import { requireInngestClient, runCancelledEvent } from "./inngest/wire";
import { createInProcessScheduler } from "./scheduler";
import type { PlannerStore } from "./store/port";
import { createPlannerWatcher } from "./watch";

export type { Planner, PlannerDeps };
export { PlannerConfigError };

export const DEFAULT_LIMITS: PlannerLimits = {
  minIntervalMinutes: 1,
  maxJobsPerAgent: 100,
  maxTriggersPerAgent: 100,
  runHistory: 50,
  maxRenderedMessageBytes: 32 * 1024,
  maxStoredInputBytes: 32 * 1024,
  maxQueuedEventBytes: 256 * 1024,
  misfireGraceMs: MISFIRE_GRACE_MS,
  runAllMaxRuns: RUN_ALL_CAP,
  autoPauseAfter: AUTO_PAUSE_AFTER,
  executorTimeoutMs: 2 * 60_000,
  completionTimeoutMs: 30 * 60_000,
};

/**
 * Bounds of the limits that have them: the size limits must leave room for a readable preview, and a
 * history or catch-up too large to hold in memory is a typo rather than a wish.
 */
/**
 * The most jobs and triggers an agent may be allowed: the panel, the dialogs and the live stream are measured at
 * these (bench/panel.ts), and a list never grows past them, so the lists need no paging.
 */
export const MAX_JOBS_PER_AGENT_BOUND = 500;
export const MAX_TRIGGERS_PER_AGENT_BOUND = 200;

const LIMIT_RANGES: Partial<Record<keyof PlannerLimits, { min: number; max: number; unit: string }>> = {
  maxJobsPerAgent: { min: 1, max: MAX_JOBS_PER_AGENT_BOUND, unit: "jobs" },
  maxTriggersPerAgent: { min: 1, max: MAX_TRIGGERS_PER_AGENT_BOUND, unit: "triggers" },
  runHistory: { min: 1, max: 10_000, unit: "runs" },
  maxRenderedMessageBytes: { min: 1024, max: 16 * 1024 * 1024, unit: "bytes" },
  maxStoredInputBytes: { min: 1024, max: 16 * 1024 * 1024, unit: "bytes" },
  maxQueuedEventBytes: { min: 1024, max: 16 * 1024 * 1024, unit: "bytes" },
  misfireGraceMs: { min: 1, max: 24 * 60 * 60_000, unit: "milliseconds" },
  runAllMaxRuns: { min: 1, max: 1000, unit: "runs" },
  autoPauseAfter: { min: 1, max: 1000, unit: "failed runs" },
  executorTimeoutMs: { min: 1, max: 24 * 60 * 60_000, unit: "milliseconds" },
};

interface Driver {
  dispatcher: Dispatcher;
  manualDispatcher: ManualDispatcher;
  start(): Promise<void>;
  stop(): Promise<void>;
  idle(): Promise<void>;
  wake(): void;
  cancel(runId: string, by?: string): boolean;
  /** Stops a run executing elsewhere (Inngest: the cancel event). */
  cancelRemote?: ((runId: string, agentId: string) => Promise<void>) | undefined;
}


/** Warnings and errors to the console (an internal error under its `errorId`); debug and info only with a host logger. */
const defaultLogger: PlannerLogger = consoleLogger();

function requireFunction(value: unknown, name: string, hint: string): void {
  if (typeof value !== "function") throw new PlannerConfigError(`createPlanner: \`${name}\` is required (${hint}).`);
}

/** `options.locale`, checked: a locale Intl cannot read would fail every job run, so createPlanner says so instead. */
function plannerLocale(locale: unknown): string | undefined {
  if (locale === undefined) return undefined;
  try {
    if (typeof locale !== "string" || locale === "") throw new RangeError("not a string");
    return Intl.getCanonicalLocales(locale)[0] ?? locale;
  } catch {
    throw new PlannerConfigError(`createPlanner: \`locale\` must be a BCP 47 locale such as "en-US" or "de-DE", got ${JSON.stringify(locale)}.`);
  }
}

function positiveInteger(limits: Partial<PlannerLimits>, key: keyof PlannerLimits): number {
  const value = limits[key] ?? DEFAULT_LIMITS[key];
  if (!Number.isInteger(value) || value < 1) {
    throw new PlannerConfigError(`createPlanner: \`limits.${key}\` must be a positive whole number, got ${String(value)}.`);
  }
  const range = LIMIT_RANGES[key];
  if (range && (value < range.min || value > range.max)) {
    throw new PlannerConfigError(
      `createPlanner: \`limits.${key}\` must be from ${range.min.toLocaleString("en-US")} to ${range.max.toLocaleString("en-US")} ${range.unit}, got ${String(value)}.`,
    );
  }
  return value;
}

function checkStore(store: unknown): asserts store is PlannerStore {
  const methods = [
    "get",
    "update",
    "getJob",
    "getTrigger",
    "dueJobs",
    "claimOccurrence",
    "startRun",
    "finishRun",
    "countDelivery",
    "setConnectionError",
    "appendRun",
    "appendRunUnlessActive",
    "updateRun",
    "listRuns",
    "subscribe",
  ] as const;
  if (typeof store !== "object" || store === null) {
    throw new PlannerConfigError("createPlanner: `store` is required (a PlannerStore such as fileStore({ dir }) or memoryStore()).");
  }
  const missing = methods.filter((m) => typeof (store as Record<string, unknown>)[m] !== "function");
  if (missing.length > 0) {
    throw new PlannerConfigError(`createPlanner: \`store\` is not a PlannerStore (missing ${missing.join(", ")}).`);
  }
}

/**
 * Creates the planner: the one object the route factories, the engine and the scheduler share.
 * Options are checked now, so a configuration mistake fails at server start with a clear message.
 *
 * @example
 * ```ts
 * export const planner = createPlanner({
 *   store: fileStore({ dir: ".data/agents" }),
 *   auth: async (req) => getSession(req),
 *   canAccessAgent: async (userId, agentId) => ownsAgent(userId, agentId),
 *   executors: { startChat, runWorkflow },
 *   catalog: { workflows: listWorkflows, agent: getAgent },
 * });
 * ```
 */
export function createPlanner(options: PlannerOptions): Planner {
  if (typeof options !== "object" || options === null) throw new PlannerConfigError("createPlanner: options are required.");
  checkStore(options.store);
  requireFunction(options.auth, "auth", "an async (req) => ({ userId }) | null that identifies the caller");
  requireFunction(options.canAccessAgent, "canAccessAgent", "an async (userId, agentId) => boolean");
  if (options.executors !== undefined) {
    const executors = options.executors as unknown as Record<string, unknown>;
    requireFunction(executors.startChat, "executors.startChat", "async ({ agentId, message, … }) => ({ threadId })");
    requireFunction(executors.runWorkflow, "executors.runWorkflow", "async ({ agentId, workflowId, input, … }) => ({ workflowRunId })");
  }
  if (options.catalog !== undefined) {
    const catalog = options.catalog as unknown as Record<string, unknown>;
    requireFunction(catalog.workflows, "catalog.workflows", "async (agentId) => [{ id, name }]");
    requireFunction(catalog.agent, "catalog.agent", "async (agentId) => ({ name })");
  }
  if (options.clock !== undefined) requireFunction(options.clock, "clock", "() => Date");
  if (options.inngest !== undefined) {
    if (typeof options.inngest !== "object" || options.inngest === null) throw new PlannerConfigError("createPlanner: `inngest` must be { client } with an Inngest client.");
    requireInngestClient(options.inngest.client, "createPlanner");
  }
  const limitsInput = options.limits ?? {};
  if (typeof limitsInput !== "object" || limitsInput === null) throw new PlannerConfigError("createPlanner: `limits` must be an object, e.g. { runHistory: 20 }.");
  const unknownLimit = Object.keys(limitsInput).find((key) => !Object.prototype.hasOwnProperty.call(DEFAULT_LIMITS, key));
  if (unknownLimit !== undefined) {
    throw new PlannerConfigError(`createPlanner: \`limits.${unknownLimit}\` is not a planner limit (known: ${Object.keys(DEFAULT_LIMITS).join(", ")}).`);
  }
  const limits: PlannerLimits = {
    minIntervalMinutes: positiveInteger(limitsInput, "minIntervalMinutes"),
    maxJobsPerAgent: positiveInteger(limitsInput, "maxJobsPerAgent"),
    maxTriggersPerAgent: positiveInteger(limitsInput, "maxTriggersPerAgent"),
    runHistory: positiveInteger(limitsInput, "runHistory"),
    maxRenderedMessageBytes: positiveInteger(limitsInput, "maxRenderedMessageBytes"),
    maxStoredInputBytes: positiveInteger(limitsInput, "maxStoredInputBytes"),
    maxQueuedEventBytes: positiveInteger(limitsInput, "maxQueuedEventBytes"),
    misfireGraceMs: positiveInteger(limitsInput, "misfireGraceMs"),
    runAllMaxRuns: positiveInteger(limitsInput, "runAllMaxRuns"),
    autoPauseAfter: positiveInteger(limitsInput, "autoPauseAfter"),
    executorTimeoutMs: positiveInteger(limitsInput, "executorTimeoutMs"),
    completionTimeoutMs: positiveInteger(limitsInput, "completionTimeoutMs"),
  };
  // The driver needs the deps and the deps need the driver's dispatcher: forward to it once it exists.
  let driver: Driver | null = null;
  const activeDriver = (): Driver => {
    if (!driver) throw new Error("The planner is still being created.");
    return driver;
  };
  const runControls = createRunControls();
  const deps: PlannerDeps = {
    runControls,
    dispatcher: {
      dispatchJob: (request) => activeDriver().dispatcher.dispatchJob(request),
      dispatchTrigger: (request) => activeDriver().dispatcher.dispatchTrigger(request),
      dispatchStored: (run, event) => activeDriver().dispatcher.dispatchStored(run, event),
    },
    manualDispatcher: {
      dispatchManual: (run, dispatchOptions) => activeDriver().manualDispatcher.dispatchManual(run, dispatchOptions),
    },
    scheduleChanged: () => driver?.wake(),
    stopRunHere: (runId, by) => driver?.cancel(runId, by) ?? false,
    stopRunRemotely: (runId, agentId) => driver?.cancelRemote?.(runId, agentId) ?? null,
    store: options.store,
    auth: options.auth,
    canAccessAgent: options.canAccessAgent,
    executors: options.executors,
    catalog: options.catalog,
    composio: options.composio,
    inngest: options.inngest,
    clock: options.clock ?? (() => new Date()),
    logger: options.logger ?? defaultLogger,
    limits,
    locale: plannerLocale(options.locale),
    debug: options.debug === true,
  };
  deps.watch = createPlannerWatcher(deps, options);
  const inngest = options.inngest;
  driver = inngest
    ? {
        dispatcher: inngestDispatcher(inngest.client, deps),
        manualDispatcher: inngestManualDispatcher(inngest.client, deps),
        start: () => Promise.resolve(),
        // Executors running here get their signal (their answers are still awaited and returned to Inngest).
        stop: () => {
          runControls.stopAll("stopping");
          return Promise.resolve();
        },
        idle: () => Promise.resolve(),
        wake() {},
        // Inngest runs execute in Inngest's functions. A cancel fires the signal of an executor running in this
        // process, and (answering `false`) still goes on to send the cancel event, which stops the run's function
        // between steps, and to record the run cancelled.
        cancel: (runId: string, by?: string) => {
          runControls.stop(runId, "cancelled", by);
          return false;
        },
        cancelRemote: (runId: string, agentId: string) => inngest.client.send(runCancelledEvent({ runId, agentId })).then(() => undefined),
      }
    : createInProcessScheduler(deps, options.scheduler);
  const running = driver;
  return {
    deps,
    mode: inngest ? "inngest" : "in-process",
    async authenticate(req) {
      return (await deps.auth(req)) ?? null;
    },
    start: () => running.start(),
    stop: () => running.stop(),
    idle: () => running.idle(),
    completeRun: (runId, completion) => completeRun(deps, runId, completion),
  };
}

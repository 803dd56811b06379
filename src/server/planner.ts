import type { PlannerCatalog, PlannerExecutors, PlannerLimits, PlannerLogger, PlannerOptions, PlannerUser } from "./options";
import type { ComposioGateway } from "./composio";
import type { Dispatcher } from "./engine/types";
import { requireInngestClient } from "./inngest/client";
import { inngestDispatcher } from "./inngest/dispatcher";
import { createInProcessScheduler } from "./scheduler";
import type { PlannerStore } from "./store/port";

export const DEFAULT_LIMITS: PlannerLimits = {
  minIntervalMinutes: 1,
  maxJobsPerAgent: 100,
  maxTriggersPerAgent: 100,
  runHistory: 50,
};

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
  /** Where runs go: the in-process queue, or Inngest events. */
  dispatcher: Dispatcher;
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
   * Starts the in-process scheduler (catch-up included). Idempotent; a no-op in Inngest mode, where the
   * `planner-tick` function drives the engine. Call it once at server start, e.g. from `instrumentation.ts`.
   */
  start(): Promise<void>;
  /** Stops the in-process scheduler and waits for runs in progress. */
  stop(): Promise<void>;
}

interface Driver {
  dispatcher: Dispatcher;
  start(): Promise<void>;
  stop(): Promise<void>;
  wake(): void;
}

/** Thrown by `createPlanner` and the route factories when the host's configuration is wrong. */
export class PlannerConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PlannerConfigError";
  }
}

const silentLogger: PlannerLogger = { debug() {}, info() {}, warn() {}, error() {} };

function requireFunction(value: unknown, name: string, hint: string): void {
  if (typeof value !== "function") throw new PlannerConfigError(`createPlanner: \`${name}\` is required (${hint}).`);
}

function positiveInteger(limits: Partial<PlannerLimits>, key: keyof PlannerLimits): number {
  const value = limits[key] ?? DEFAULT_LIMITS[key];
  if (!Number.isInteger(value) || value < 1) {
    throw new PlannerConfigError(`createPlanner: \`limits.${key}\` must be a positive whole number, got ${String(value)}.`);
  }
  return value;
}

function checkStore(store: unknown): asserts store is PlannerStore {
  const methods = ["get", "update", "dueJobs", "appendRun", "updateRun", "listRuns", "subscribe"] as const;
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
  const limits: PlannerLimits = {
    minIntervalMinutes: positiveInteger(limitsInput, "minIntervalMinutes"),
    maxJobsPerAgent: positiveInteger(limitsInput, "maxJobsPerAgent"),
    maxTriggersPerAgent: positiveInteger(limitsInput, "maxTriggersPerAgent"),
    runHistory: positiveInteger(limitsInput, "runHistory"),
  };
  // The driver needs the deps and the deps need the driver's dispatcher: forward to it once it exists.
  let driver: Driver | null = null;
  const activeDriver = (): Driver => {
    if (!driver) throw new Error("The planner is still being created.");
    return driver;
  };
  const deps: PlannerDeps = {
    dispatcher: {
      dispatchJob: (request) => activeDriver().dispatcher.dispatchJob(request),
      dispatchTrigger: (request) => activeDriver().dispatcher.dispatchTrigger(request),
    },
    scheduleChanged: () => driver?.wake(),
    store: options.store,
    auth: options.auth,
    canAccessAgent: options.canAccessAgent,
    executors: options.executors,
    catalog: options.catalog,
    composio: options.composio,
    inngest: options.inngest,
    clock: options.clock ?? (() => new Date()),
    logger: options.logger ?? silentLogger,
    limits,
  };
  const inngest = options.inngest;
  driver = inngest
    ? { dispatcher: inngestDispatcher(inngest.client, deps), start: () => Promise.resolve(), stop: () => Promise.resolve(), wake() {} }
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
  };
}

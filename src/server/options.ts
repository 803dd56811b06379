import type { JsonObject, JsonValue, RunCause } from "../shared/schemas";
import type { ComposioGateway } from "./composio/types";
import type { InProcessSchedulerOptions } from "./scheduler/options";
import type { PlannerStore } from "./store/port";
import type { PlannerNotificationOptions } from "./watch/types";

/** Who is calling, as the host's `auth` resolves it from the request. */
export interface PlannerUser {
  userId: string;
  /** The user's display name, when the host has one: history names the user by it ("Skipped by Ada", "Ada changed the schedule"); the user id when absent. */
  name?: string | undefined;
}

/** What started a run, passed to executors so the host can link threads and runs back to it. */
export interface RunSource {
  kind: "job" | "trigger";
  id: string;
  runId: string;
  cause: RunCause;
}

export interface StartChatRequest {
  agentId: string;
  /** The user the run acts for: the last editor of its job or trigger (absent for items saved before 0.2). */
  userId?: string | undefined;
  message: string;
  title: string;
  /** Set when the action reuses a thread: the same key means the same thread. */
  threadKey?: string | undefined;
  source: RunSource;
  /** The run id: the host must not start a second chat for a key it has seen. */
  idempotencyKey: string;
  /**
   * Fires when the call should stop: the run was cancelled, the attempt timed out (`limits.executorTimeoutMs`) or
   * the planner is stopping. Pass it on to the model call or `fetch`; an answer after it fired is ignored.
   */
  signal: AbortSignal;
}

export interface RunWorkflowRequest {
  agentId: string;
  /** The user the run acts for (see `StartChatRequest.userId`). */
  userId?: string | undefined;
  workflowId: string;
  input: JsonValue;
  source: RunSource;
  idempotencyKey: string;
  /** See `StartChatRequest.signal`. */
  signal: AbortSignal;
}

/**
 * What an executor answers: done (the chat or workflow ran; today's shape), or `status: "started"` — it was
 * accepted and the host reports its end with `planner.completeRun(runId, …)`.
 */
export type StartChatAnswer = { threadId: string; url?: string | undefined; status?: "done" | undefined } | { status: "started"; threadId: string; url?: string | undefined };
export type RunWorkflowAnswer =
  | { workflowRunId: string; output?: JsonValue | undefined; url?: string | undefined; status?: "done" | undefined }
  | { status: "started"; workflowRunId: string; url?: string | undefined };

/**
 * The host's side of a run: start a chat thread, run a workflow. Throw `PermanentError` for a failure retrying
 * cannot fix ("Missing connection for gmail"): the run fails at once with its message.
 */
export interface PlannerExecutors {
  startChat(request: StartChatRequest): Promise<StartChatAnswer>;
  runWorkflow(request: RunWorkflowRequest): Promise<RunWorkflowAnswer>;
}

export interface WorkflowInfo {
  id: string;
  name: string;
  description?: string | undefined;
  /** JSON Schema of the workflow's input, when the host knows it. */
  inputSchema?: JsonObject | undefined;
}

/** The host's catalog of agents and workflows. */
export interface PlannerCatalog {
  workflows(agentId: string): Promise<WorkflowInfo[]>;
  agent(agentId: string): Promise<{ name: string; role?: string | undefined } | null>;
}

export interface PlannerLimits {
  /** Smallest allowed gap between two runs of a job, in minutes (default 1). */
  minIntervalMinutes: number;
  /** Default 100, at most 500 (`createPlanner` refuses more). */
  maxJobsPerAgent: number;
  /** Default 100, at most 200 (`createPlanner` refuses more). */
  maxTriggersPerAgent: number;
  /**
   * Finished runs kept per job or trigger (default 50). Passed to the store on every run write
   * (`RunWriteOptions.historyLimit`), so it applies to `memoryStore`, `fileStore` and a host's own adapter alike.
   */
  runHistory: number;
  /**
   * The largest chat message a template may render to, in bytes of UTF-8 (default 32,768). A longer message is
   * cut at this size (never inside a character), ends with "…", and the run gets a warning; the executor receives
   * the cut message. The same bound applies to each rendered `fields` input value and to a thread key.
   */
  maxRenderedMessageBytes: number;
  /**
   * The largest workflow input kept on a run, in bytes of serialised JSON (default 32,768). The executor still
   * receives the whole input (bounded upstream: the route's body limit, the webhook's 1 MiB, the rendered value
   * cap); a larger one is stored as `{ truncated: true, bytes, preview }` and the run gets a warning.
   */
  maxStoredInputBytes: number;
  /**
   * The largest event kept on a queued trigger run, in bytes of serialised JSON (default 262,144). The event is
   * kept only until the run starts, so a restart can still run it; a larger one is not kept (the run gets a
   * warning), and if the process stops before such a run starts, the run fails instead of running.
   */
  maxQueuedEventBytes: number;
  /**
   * How late an occurrence may still start under the `skip` misfire policy, in milliseconds (default 120,000):
   * after an outage, occurrences older than this are recorded as missed.
   */
  misfireGraceMs: number;
  /** The most missed occurrences the `runAll` misfire policy runs in one catch-up, the latest ones (default 10). */
  runAllMaxRuns: number;
  /** Failed runs in a row after which a job or trigger pauses itself, with the last error as reason (default 5). */
  autoPauseAfter: number;
  /**
   * How long one executor call (`startChat` / `runWorkflow`) may take, in milliseconds (default 120,000). A call
   * still pending then counts as a failed attempt ("did not answer within …") and is retried like any other
   * failure; with the same `idempotencyKey`, so a late answer to the first call cannot start a second chat. The
   * executors should return once the chat or workflow has started, not when it ends. In-process, every attempt
   * together must fit in the scheduler's `staleRunMs` (15 minutes by default), or a run still retrying would be
   * taken for abandoned: `createPlanner` refuses a configuration where it does not.
   */
  executorTimeoutMs: number;
  /**
   * How long a run the executor accepted with `status: "started"` may wait for the host's
   * `planner.completeRun(runId, …)`, in milliseconds (default 1,800,000: 30 minutes). Without a report by then the
   * run fails with that reason.
   */
  completionTimeoutMs: number;
}

/** What the host reports at the end of a started run (`planner.completeRun`). */
export interface RunCompletion {
  status: "succeeded" | "failed";
  /** Why it failed (shown on the run). */
  error?: string | undefined;
  /** A workflow's result, kept on the run (bounded like an input). */
  output?: JsonValue | undefined;
  /** A link to the chat or workflow run, when it changed since it started. */
  url?: string | undefined;
  /** The run's agent, when the host knows it: saves looking the run up in every agent. */
  agentId?: string | undefined;
}

export interface PlannerLogger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/**
 * The part of an Inngest client the planner itself uses, so that `agent-planner/server` needs no types from
 * `inngest` (an optional peer). An `Inngest` instance from the `inngest` package is one.
 */
export interface PlannerInngestClient {
  readonly id: string;
  send(payload: { name: string; data: object; id?: string }): Promise<unknown>;
}

/** See `PlannerNotificationOptions` for `onRunFailed`, `onAutoPaused`, `onConnectionBroken`, `onOverdue`, `onRecovered` and `notifyWebhook`. */
export interface PlannerOptions extends PlannerNotificationOptions {
  /** Where jobs, triggers and runs live: `fileStore({ dir })`, `memoryStore()` or the host's adapter. */
  store: PlannerStore;
  /** Resolves the signed-in user from a request; `null` means "not signed in" (401). */
  auth: (req: Request) => Promise<PlannerUser | null> | PlannerUser | null;
  /** Whether `userId` may see and change `agentId`'s planner (otherwise 403). */
  canAccessAgent: (userId: string, agentId: string) => Promise<boolean> | boolean;
  /** How runs reach the host. Required to run anything; the API works without them. */
  executors?: PlannerExecutors | undefined;
  catalog?: PlannerCatalog | undefined;
  /** A `ComposioGateway`; without it trigger features answer "Composio is not configured". */
  composio?: ComposioGateway | undefined;
  /**
   * `{ client }` to run on Inngest (a client from `createInngestClient` in `agent-planner/inngest`, or your own
   * `new Inngest({ id })`); without it the in-process scheduler runs jobs and the `inngest` package is never loaded.
   */
  inngest?: { client: PlannerInngestClient } | undefined;
  /** Tuning of the in-process scheduler (concurrency, retries, stale-run timeout); ignored with Inngest. */
  scheduler?: InProcessSchedulerOptions | undefined;
  clock?: (() => Date) | undefined;
  logger?: PlannerLogger | undefined;
  /**
   * `true` puts internal error messages and stack traces into API answers, for local development only.
   * Default `false`: an internal error answers a generic sentence with an error id (`err_…`), and the real
   * cause is logged under that id; no answer carries a stack or a file path, whatever `NODE_ENV` says.
   */
  debug?: boolean | undefined;
  /** Limits and engine policy; each one left out takes its value from `DEFAULT_LIMITS` (see `PlannerLimits`). */
  limits?: Partial<PlannerLimits> | undefined;
  /**
   * The BCP 47 locale job messages are written in: `{date}`, `{time}`, `{dateTime}` and `{dayOfWeek}` at run time,
   * and the same values in the template editor's preview (which always shows what a run sends). Set it to your users'
   * locale ("en-US" gives "9:00 AM", "de-DE" "09:00"). Without it: English dates and a 24-hour `{time}` ("09:00").
   */
  locale?: string | undefined;
}

import { boundTimeline, isSafeResultUrl, type JsonValue, type Run, type RunResult, type RunStep, type RunTimelineEntry, type SkipReason } from "../../shared/schemas";
import { ExecutorResultError, ExecutorTimeoutError, isInstance, isPermanentError, NotConfiguredError, PermanentError } from "../errors";
import { workflowInputProblem, workflowInputSchema } from "./input-check";
import type { PlannerDeps } from "../deps";
import type { AppendRunUnlessActiveOptions, FinishRunOptions, RunEnding, RunWriteOptions } from "../store/port";
import type { ExecutorCall, ExecutorOutcome } from "./actions";
import { boundError, boundWarnings, queuedEvent, storedInput } from "./bounds";
import type { RunSubject } from "./subjects";
import { attemptSignal, type RunControl } from "./run-control";
import { storageFaultOf } from "../store/faults";

/**
 * `execute`: the run is recorded as running and `call` is what to send. `exclusive` is set when the owner's
 * overlap policy is "skip": no other run of it may start for an occurrence that came due before this one started.
 */
export type StartResult = { kind: "done"; run: Run } | { kind: "execute"; run: Run; call: ExecutorCall; exclusive: boolean };

/**
 * An error as text to store on a run (bounded, see `MAX_ERROR_BYTES`). Whatever an executor throws — an Error, a
 * string, `undefined`, an object with a throwing getter, a revoked Proxy — this returns a sentence and never throws.
 */
export function errorMessage(error: unknown): string {
  let message: string;
  try {
    message = describeThrown(error);
  } catch {
    message = "The executor threw a value that could not be read.";
  }
  return boundError(message.trim() === "" ? "Unknown error (the executor threw an empty message)." : message);
}

function describeThrown(error: unknown): string {
  if (typeof error === "string") return error;
  if (error instanceof Error) {
    const { message, name } = error;
    if (typeof message === "string" && message.trim() !== "") return message;
    return typeof name === "string" && name !== "" && name !== "Error" ? name : "";
  }
  if (error === undefined || error === null) return `Unknown error (the executor threw ${String(error)}).`;
  if (typeof error === "object") {
    const message = (error as { message?: unknown }).message;
    if (typeof message === "string" && message.trim() !== "") return message;
    return "Unknown error (the executor threw an object that is not an Error).";
  }
  if (typeof error === "function" || typeof error === "symbol") return `Unknown error (the executor threw a ${typeof error}).`;
  if (typeof error === "number" || typeof error === "boolean" || typeof error === "bigint") return `Unknown error (the executor threw ${typeof error} ${String(error)}).`;
  return "Unknown error.";
}

/** What every run write passes to the store: the planner's history limit reaches any adapter this way. */
export function runWriteOptions(deps: Pick<PlannerDeps, "limits">): RunWriteOptions {
  return { historyLimit: deps.limits.runHistory };
}

function baseRun(subject: RunSubject, now: Date): Run {
  return {
    id: subject.runId,
    agentId: subject.agentId,
    owner: { kind: subject.kind, id: subject.id },
    cause: subject.cause,
    createdAt: now.toISOString(),
    ...(subject.scheduledFor ? { scheduledFor: subject.scheduledFor } : {}),
    ...(subject.eventId ? { eventId: subject.eventId } : {}),
    ...(subject.scheduleRevision ? { scheduleRevision: subject.scheduleRevision } : {}),
    ...(subject.replayOf ? { replayOf: subject.replayOf } : {}),
    status: "queued",
    attempts: 0,
    ...(subject.warnings.length > 0 ? { warnings: boundWarnings(subject.warnings) } : {}),
  };
}

/** A run as queued: the event of a trigger run is kept when it is not too large (`limits.maxQueuedEventBytes`). */
export function queuedRun(deps: Pick<PlannerDeps, "clock" | "limits">, subject: RunSubject): Run {
  const run = baseRun(subject, deps.clock());
  run.timeline =
    subject.cause === "event"
      ? [step(deps, "received", { detail: "Verified webhook delivery" }), step(deps, "matched", { detail: "The trigger's filters passed" }), step(deps, "queued")]
      : [step(deps, "queued")];
  if (!subject.event) return run;
  const kept = queuedEvent(subject.event, deps.limits.maxQueuedEventBytes);
  if (kept.event) run.event = kept.event;
  if (kept.warning) run.warnings = boundWarnings([...subject.warnings, kept.warning]);
  return run;
}

/**
 * Stores the run as queued, unless a run with this id exists already. The in-process dispatcher calls it so
 * a queued run is visible (and survives a restart); `inserted: false` means this is a duplicate dispatch.
 */
export async function enqueueRun(deps: PlannerDeps, subject: RunSubject): Promise<{ inserted: boolean; run: Run }> {
  return deps.store.appendRun(queuedRun(deps, subject), runWriteOptions(deps));
}

/**
 * Stores the run as queued only when no other run of its job or trigger is active (see
 * `PlannerStore.appendRunUnlessActive`): the check and the insert are one store step, so of many concurrent "run
 * now" clicks exactly one is stored. `inserted: false` comes with the run in the way.
 */
export async function enqueueRunUnlessActive(deps: PlannerDeps, subject: RunSubject, options: AppendRunUnlessActiveOptions): Promise<{ inserted: boolean; run: Run }> {
  return deps.store.appendRunUnlessActive(queuedRun(deps, subject), { ...runWriteOptions(deps), ...options });
}

async function skip(deps: PlannerDeps, subject: RunSubject, reason: SkipReason, userId?: string): Promise<Run> {
  const now = deps.clock().toISOString();
  const skipped: Run = {
    ...baseRun(subject, deps.clock()),
    status: "skipped",
    skipReason: reason,
    finishedAt: now,
    ...(userId ? { userId } : {}),
    ...(reason === "noAccess" ? { error: `The run acts for ${userId ?? "its last editor"}, who can no longer access this agent. Someone with access can edit and save it to run it as themselves.` } : {}),
  };
  return (await deps.store.startRun(skipped, { overlap: "allow", ...runWriteOptions(deps) })).run;
}

/** Who holds a run while it executes, and for how long a lease lasts before it must be renewed. */
export interface RunLeaseOptions {
  holder: string;
  ms: number;
}

/** A lease held from now for `lease.ms`. */
export function leaseUntil(deps: PlannerDeps, lease: RunLeaseOptions): { holder: string; expiresAt: string } {
  return { holder: lease.holder, expiresAt: new Date(deps.clock().getTime() + lease.ms).toISOString() };
}

/**
 * First half of a run: loads the current job or trigger, skips with a recorded reason when it was deleted,
 * paused or rescheduled since dispatch or when the overlap policy says so, otherwise renders the action and
 * records the run as running. A run id that already started or finished is a duplicate: returned as is.
 *
 * Overlap "skip" skips a run when another run of its job was already executing when this one came due (its
 * `scheduledFor`). A run that started later (an earlier occurrence caught up after an outage) is no overlap:
 * occurrences that were all due before either started are meant to run one after another, which the driver
 * arranges (the in-process worker holds them back while `exclusive` runs execute, see `StartResult`).
 */
export async function startRun(deps: PlannerDeps, subject: RunSubject, options: { lease?: RunLeaseOptions | undefined } = {}): Promise<StartResult> {
  const owner = await subject.load(deps.store);
  const reason = subject.skipReason(owner);
  if (reason || !owner) return { kind: "done", run: await skip(deps, subject, reason ?? "deleted") };
  // The run acts for the last editor of its job or trigger, who must still have access to the agent.
  const userId = owner.updatedBy ?? owner.createdBy;
  if (userId !== undefined && !(await deps.canAccessAgent(userId, subject.agentId))) {
    return { kind: "done", run: await skip(deps, subject, "noAccess", userId) };
  }

  const agentName = (await deps.catalog?.agent(subject.agentId))?.name ?? subject.agentId;
  const call = subject.buildCall(owner, agentName, deps.limits, deps.locale);
  // A trigger's input comes from an event: one that cannot give the workflow its required fields fails the run
  // with a sentence (callExecutor refuses it) instead of calling the workflow with holes.
  if (call.type === "workflow" && subject.kind === "trigger") {
    const problem = workflowInputProblem(owner.action, call, await workflowInputSchema(deps.catalog, subject.agentId, call.workflowId));
    if (problem) call.inputProblem = problem;
  }
  const warnings = [...subject.warnings, ...call.warnings];
  let stored: Pick<Run, "renderedMessage" | "input">;
  if (call.type === "chat") stored = { renderedMessage: call.message };
  else {
    const bounded = storedInput(call.input, deps.limits.maxStoredInputBytes);
    stored = { input: bounded.input };
    if (bounded.warning) warnings.push(bounded.warning);
  }
  const startedAt = deps.clock().toISOString();
  const run: Run = {
    ...baseRun(subject, deps.clock()),
    status: "running",
    startedAt,
    ...stored,
    ...(warnings.length > 0 ? { warnings: boundWarnings(warnings) } : {}),
    ...(options.lease ? { lease: leaseUntil(deps, options.lease) } : {}),
    ...(userId !== undefined ? { userId } : {}),
    timeline: [step(deps, "started"), step(deps, "rendered"), step(deps, "executorCalled", { attempt: 1 })],
  };
  const exclusive = subject.blocksOnOverlap(owner);
  // The overlap check and the start are one store step: of two workers only one starts an exclusive run.
  const started = await deps.store.startRun(run, {
    overlap: exclusive ? "skip" : "allow",
    dueAt: subject.scheduledFor ?? startedAt,
    ...runWriteOptions(deps),
  });
  return started.started ? { kind: "execute", run: started.run, call, exclusive } : { kind: "done", run: started.run };
}

/** A timeline entry at the planner's clock. */
export function step(deps: Pick<PlannerDeps, "clock">, name: RunStep, extra: { attempt?: number | undefined; detail?: string | undefined } = {}): RunTimelineEntry {
  return {
    at: deps.clock().toISOString(),
    step: name,
    ...(extra.attempt !== undefined ? { attempt: extra.attempt } : {}),
    ...(extra.detail !== undefined ? { detail: boundError(extra.detail).slice(0, 1000) } : {}),
  };
}

/** What an executor answered: done (today's shape), or started — the host reports the end with `completeRun`. */
export type ExecutorAnswer = { kind: "done"; result: ExecutorOutcome } | { kind: "started"; result: ExecutorOutcome };

/**
 * Calls the host's executor once, for at most `limits.executorTimeoutMs`, with an `AbortSignal` that fires on that
 * timeout and whenever `signal` does (cancel, `planner.stop()`). Throws what the executor throws, an
 * `ExecutorTimeoutError` when it does not answer in time, a `RunStoppedError` when the run was stopped, and an
 * `ExecutorResultError` when its answer is not `{ threadId }` / `{ workflowRunId }` (optionally with
 * `status: "started"`, an http(s) or path `url`, and a workflow's `output`).
 */
export async function callExecutor(deps: PlannerDeps, run: Run, call: ExecutorCall, signal: AbortSignal = new AbortController().signal): Promise<ExecutorAnswer> {
  if (call.type === "workflow" && call.inputProblem) throw new PermanentError(call.inputProblem);
  const executors = deps.executors;
  if (!executors) throw new NotConfiguredError("No executors are configured: the host must pass executors to createPlanner to run jobs.");
  const source = { kind: run.owner.kind, id: run.owner.id, runId: run.id, cause: run.cause };
  const name = call.type === "chat" ? "startChat" : "runWorkflow";
  const ms = deps.limits.executorTimeoutMs;
  const timeoutError = () => new ExecutorTimeoutError(`${name} did not answer within ${formatMs(ms)} (limits.executorTimeoutMs), so this attempt counts as failed.`);
  const attempt = attemptSignal(signal, ms, timeoutError);
  const user = run.userId ? { userId: run.userId } : {};
  try {
    if (call.type === "chat") {
      const request = {
        agentId: run.agentId,
        ...user,
        message: call.message,
        title: call.title,
        ...(call.threadKey ? { threadKey: call.threadKey } : {}),
        source,
        idempotencyKey: run.id,
        signal: attempt.signal,
      };
      const result = await untilGivenUp(attempt.giveUp, () => executors.startChat(request));
      return readAnswer(deps, run, "startChat", "threadId", result);
    }
    const request = { agentId: run.agentId, ...user, workflowId: call.workflowId, input: call.input, source, idempotencyKey: run.id, signal: attempt.signal };
    const result = await untilGivenUp(attempt.giveUp, () => executors.runWorkflow(request));
    return readAnswer(deps, run, "runWorkflow", "workflowRunId", result);
  } finally {
    attempt.dispose();
  }
}

/**
 * `call()`'s answer, or `giveUp`'s reason once it fires (a cancel, a timeout; the executor may go on, and its answer
 * is then ignored).
 */
async function untilGivenUp<T>(giveUp: AbortSignal, call: () => Promise<T> | T): Promise<T> {
  if (giveUp.aborted) throw giveUp.reason as Error;
  let onAbort: () => void = () => {};
  const abandoned = new Promise<never>((_, reject) => {
    onAbort = () => reject(giveUp.reason as Error);
    giveUp.addEventListener("abort", onAbort, { once: true });
  });
  try {
    // A non-promise answer, a thenable and a synchronous throw all end up here as one promise.
    return await Promise.race([Promise.resolve().then(call), abandoned]);
  } finally {
    giveUp.removeEventListener("abort", onAbort);
  }
}

export function formatMs(ms: number): string {
  if (ms % 60_000 === 0) return `${(ms / 60_000).toLocaleString("en-US")} min`;
  return ms % 1000 === 0 ? `${(ms / 1000).toLocaleString("en-US")} s` : `${ms.toLocaleString("en-US")} ms`;
}

const MAX_RESULT_ID_LENGTH = 1024;

/** What kind of value an executor answered with, for an error message (never the value itself: it may be huge). */
function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return value === "" ? "an empty string" : "a string";
  if (typeof value === "object") return "an object";
  return typeof value === "undefined" ? "undefined" : `a ${typeof value}`;
}

/** An executor's answer checked field by field; anything else is an `ExecutorResultError` that names what was wrong. */
function readAnswer(deps: PlannerDeps, run: Run, name: string, idKey: "threadId" | "workflowRunId", result: unknown): ExecutorAnswer {
  const expected = `it must return { ${idKey}: string, url?: string }`;
  if (typeof result !== "object" || result === null || Array.isArray(result)) throw new ExecutorResultError(`${name} returned ${kindOf(result)}; ${expected}.`);
  let id: unknown;
  let url: unknown;
  let status: unknown;
  let output: unknown;
  try {
    const record = result as Record<string, unknown>;
    id = record[idKey];
    url = record.url;
    status = record.status;
    output = idKey === "workflowRunId" ? record.output : undefined;
  } catch {
    throw new ExecutorResultError(`${name} returned an object whose fields could not be read; ${expected}.`);
  }
  if (typeof id !== "string" || id.trim() === "") throw new ExecutorResultError(`${name} returned ${idKey} as ${kindOf(id)}; ${expected}.`);
  if (id.length > MAX_RESULT_ID_LENGTH) throw new ExecutorResultError(`${name} returned a ${idKey} of ${id.length.toLocaleString("en-US")} characters; at most ${MAX_RESULT_ID_LENGTH} are kept.`);
  if (status !== undefined && status !== "started" && status !== "done") {
    throw new ExecutorResultError(`${name} returned status ${typeof status === "string" ? JSON.stringify(status.slice(0, 40)) : kindOf(status)}; it must be "started" (the host reports the end with completeRun) or left out.`);
  }
  const outcome: ExecutorOutcome = idKey === "threadId" ? { threadId: id } : { workflowRunId: id };
  if (url !== undefined && url !== null && url !== "") {
    if (isSafeLink(url)) outcome.url = url;
    // The chat or workflow did start: keep the run a success, without a link the UI could not safely open.
    else deps.logger.warn(`planner: ${name} returned a url that is not an http(s) URL or a path; the run keeps no link`, { runId: run.id, url: kindOf(url) });
  }
  if (output !== undefined) {
    const kept = keptOutput(deps, output);
    if (kept !== undefined) outcome.output = kept;
    else deps.logger.warn(`planner: ${name} returned an output that is not JSON; the run keeps none`, { runId: run.id });
  }
  return status === "started" ? { kind: "started", result: outcome } : { kind: "done", result: outcome };
}

/** A workflow's output as kept on the run: JSON only, bounded like an input; `undefined` when it is not JSON. */
export function keptOutput(deps: PlannerDeps, output: unknown): JsonValue | undefined {
  let json: JsonValue;
  try {
    const text = JSON.stringify(output);
    if (text === undefined) return undefined;
    json = JSON.parse(text) as JsonValue;
  } catch {
    return undefined;
  }
  return storedInput(json, deps.limits.maxStoredInputBytes).input;
}

/** A link the run history may render: a path on the host (`/chat/…`) or an http(s) URL, of a sane length. */
export function isSafeLink(url: unknown): url is string {
  return isSafeResultUrl(url);
}

/**
 * What a run driver rethrows for an executor failure (Inngest serialises it and retries): the executor's Error as
 * it is, anything else (a string, `undefined`, a revoked Proxy) as an Error with `errorMessage`'s text.
 */
export function asError(error: unknown): Error {
  if (isInstance(error, Error)) {
    try {
      if (typeof error.message === "string") return error;
    } catch {
      // a throwing `message` getter: replaced below
    }
  }
  return new Error(errorMessage(error));
}

/** Whether asking the executor again cannot help: no executors, a broken answer, or the executor said so. */
export function isFinalFailure(error: unknown): boolean {
  return isInstance(error, NotConfiguredError) || isInstance(error, ExecutorResultError) || isPermanentError(error);
}

/** Records a failed attempt that will be retried. */
export async function recordAttempt(deps: PlannerDeps, run: Run, attempts: number, error: unknown): Promise<void> {
  const entry = step(deps, "attemptFailed", { attempt: attempts, detail: errorMessage(error) });
  await deps.store.updateRun(
    run.agentId,
    run.id,
    (current) => ({ ...current, attempts, error: errorMessage(error), timeline: appendTimeline(current, [entry]) }),
    runWriteOptions(deps),
  );
}

/** The run's timeline with `entries` added, bounded (see `boundTimeline`). */
export function appendTimeline(run: Run, entries: RunTimelineEntry[]): RunTimelineEntry[] {
  return boundTimeline([...(run.timeline ?? []), ...entries]);
}

export type RunOutcome =
  | { ok: true; result: ExecutorOutcome; attempts: number }
  | { ok: false; error: unknown; attempts: number; interrupted?: boolean | undefined; reportedByHost?: boolean | undefined }
  | { ok: false; cancelled: true; attempts: number; by?: string | undefined; error?: string | undefined };

/**
 * Second half of a run: records success or the final failure on the run and on its job or trigger
 * (`lastRun`, `consecutiveFailures`), and pauses the owner after `limits.autoPauseAfter` failures in a row. Test runs leave the
 * owner's state alone; cancelled and interrupted runs leave its failure count alone.
 */
export async function finishRun(deps: PlannerDeps, run: Run, outcome: RunOutcome): Promise<Run> {
  return (await finishRunIf(deps, run, outcome)).run;
}

/** `finishRun`, only while the run is as `onlyIf` says; `finished` tells whether this call finished it. */
export async function finishRunIf(deps: PlannerDeps, run: Run, outcome: RunOutcome, onlyIf?: FinishRunOptions["onlyIf"]): Promise<{ finished: boolean; run: Run }> {
  const finishedAt = deps.clock().toISOString();
  let ending: RunEnding;
  if (outcome.ok) ending = { status: "succeeded", finishedAt, attempts: outcome.attempts, result: outcome.result, timeline: [step(deps, "completed", { attempt: outcome.attempts })] };
  else if ("cancelled" in outcome) {
    ending = {
      status: "cancelled",
      finishedAt,
      attempts: outcome.attempts,
      ...(outcome.by ? { cancelledBy: outcome.by } : {}),
      ...(outcome.error ? { error: outcome.error } : {}),
      timeline: [step(deps, "cancelled", outcome.by ? { detail: `by ${outcome.by}` } : {})],
    };
  } else {
    const error = errorMessage(outcome.error);
    ending = { status: "failed", finishedAt, attempts: outcome.attempts, error, timeline: [step(deps, "failed", { attempt: "reportedByHost" in outcome && outcome.reportedByHost ? undefined : outcome.attempts || undefined, detail: error })] };
  }
  const pauseAfter = deps.limits.autoPauseAfter;
  const reason = `Paused after ${pauseAfter} failed run${pauseAfter === 1 ? "" : "s"}: ${ending.status === "failed" ? ending.error : "unknown error"}`;
  // The run, its owner's state and an automatic pause in one store step.
  const finished = await deps.store.finishRun(run.agentId, run.id, ending, {
    updateOwner: run.cause !== "test",
    autoPause: { after: pauseAfter, reason },
    ...(onlyIf ? { onlyIf } : {}),
    ...(!outcome.ok && "interrupted" in outcome && outcome.interrupted ? { interrupted: true } : {}),
    ...runWriteOptions(deps),
  });
  // Notifications (once per episode) in the background: a slow or throwing callback never holds up a run.
  if (finished?.finished && run.cause !== "test") void deps.watch?.agent(run.agentId);
  return finished ?? { finished: false, run };
}

/** Sentence of a run whose answer the store could not take (the executor is never asked again for it). */
export function notRecordedMessage(cause: unknown): string {
  const fault = storageFaultOf(cause);
  return `The executor answered, but the result could not be recorded (${fault ? fault.message : errorMessage(cause)}). The executor was not called again.`;
}

/** Pauses between tries of writing a run's ending when the store fails (1 s, 2 s, 4 s, 8 s, 16 s). */
const RECORD_PAUSES_MS = [1_000, 2_000, 4_000, 8_000, 16_000];
/** Pause between later tries of writing "the result could not be recorded" while the store stays down. */
const RECORD_RETRY_MS = 30_000;

/**
 * Writes a run's ending as a store write that is retried, never by calling the executor again: a storage fault
 * (disk full, database down) is tried again with growing pauses; when the ending still cannot be written (or the
 * store refuses it), the run ends failed with "the result could not be recorded", tried until the store takes it
 * or `keepTrying()` says to give up (the planner stops: the run then stays running and is taken over later).
 */
export async function recordEnding(
  deps: PlannerDeps,
  run: Run,
  outcome: RunOutcome,
  options: { sleep: (ms: number) => Promise<void>; keepTrying: () => boolean; onlyIf?: FinishRunOptions["onlyIf"] },
): Promise<Run> {
  let lastError: unknown;
  for (let i = 0; i <= RECORD_PAUSES_MS.length; i++) {
    try {
      return (await finishRunIf(deps, run, outcome, options.onlyIf)).run;
    } catch (error) {
      lastError = error;
      deps.logger.warn("planner: could not record a run's outcome; trying again", { runId: run.id, error: errorMessage(error) });
      // Only a storage fault may go away by itself; anything else (the store refused the ending) will not.
      if (!storageFaultOf(error) || i === RECORD_PAUSES_MS.length || !options.keepTrying()) break;
      await options.sleep(RECORD_PAUSES_MS[i]!);
    }
  }
  const failure: RunOutcome = { ok: false, error: new Error(notRecordedMessage(lastError)), attempts: run.attempts + 1, interrupted: true };
  for (;;) {
    try {
      return (await finishRunIf(deps, run, failure, options.onlyIf)).run;
    } catch (error) {
      deps.logger.error("planner: could not record that a run's result was lost; trying again", { runId: run.id, error: errorMessage(error) });
      if (!options.keepTrying()) return run;
      await options.sleep(RECORD_RETRY_MS);
    }
  }
}

/**
 * A run the executor accepted and whose end the host reports later: stored as `started` with its thread or workflow
 * run, waiting for `planner.completeRun` until `limits.completionTimeoutMs`.
 */
export async function markStarted(deps: PlannerDeps, run: Run, result: ExecutorOutcome, attempts: number): Promise<Run> {
  const completeBy = new Date(deps.clock().getTime() + deps.limits.completionTimeoutMs).toISOString();
  const entry = step(deps, "accepted", { attempt: attempts });
  const updated = await deps.store.updateRun(
    run.agentId,
    run.id,
    (current) => {
      if (current.status !== "running") return current;
      const { lease: _lease, error: _error, ...rest } = current;
      return { ...rest, status: "started", attempts, result, completeBy, timeline: appendTimeline(current, [entry]) };
    },
    runWriteOptions(deps),
  );
  return updated ?? run;
}

export interface RetryOptions {
  /** Total attempts, default 3. */
  maxAttempts?: number | undefined;
  /** Delay before attempt n+1 (n = attempts so far); default 1 s, 4 s, 16 s… */
  backoffMs?: ((attempt: number) => number) | undefined;
  sleep?: ((ms: number) => Promise<void>) | undefined;
  /** Told once the run is recorded as running, or was found done or skipped, before the executor is called. */
  onStart?: ((started: StartResult) => void) | undefined;
  /** The run's control (cancel, stop); without one the run cannot be stopped from outside. */
  control?: ((runId: string) => RunControl) | undefined;
  /** The lease a run is started with (the worker that executes it). */
  lease?: RunLeaseOptions | undefined;
  /** Holds the run's lease while it executes; returns the function that lets it go. */
  holdLease?: ((run: Run, control: RunControl) => () => void) | undefined;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** `sleep(ms)` that ends early when `signal` fires. */
function sleepUnless(sleep: (ms: number) => Promise<void>, ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const done = () => {
      signal.removeEventListener("abort", done);
      resolve();
    };
    signal.addEventListener("abort", done, { once: true });
    void sleep(ms).then(done, done);
  });
}

/**
 * A whole run in one call, with retries and backoff: what the in-process worker does for each request.
 * Never throws for executor failures (they are recorded on the run); returns the final run.
 */
export async function executeRun(deps: PlannerDeps, subject: RunSubject, options: RetryOptions = {}): Promise<Run> {
  const started = await startLeased(deps, subject, options);
  options.onStart?.(started);
  if (started.kind === "done") return started.run;
  return driveRun(deps, started.run, started.call, 1, options);
}

/** `startRun` with the worker's lease, for `executeRun`. */
async function startLeased(deps: PlannerDeps, subject: RunSubject, options: RetryOptions): Promise<StartResult> {
  return startRun(deps, subject, options.lease ? { lease: options.lease } : {});
}

/**
 * Calls the executor for a run this worker holds (recorded as running), from attempt `firstAttempt` on, and
 * records what happened: succeeded, started (the host reports the end), failed (a final failure, or every attempt
 * failed), or cancelled. A run stopped because the planner stops is left running for the next start to take over;
 * one another worker took over is left alone.
 */
export async function driveRun(deps: PlannerDeps, run: Run, call: ExecutorCall, firstAttempt: number, options: RetryOptions = {}): Promise<Run> {
  const maxAttempts = Math.max(options.maxAttempts ?? 3, firstAttempt);
  const backoff = options.backoffMs ?? ((n: number) => 1000 * 4 ** (n - 1));
  const sleep = options.sleep ?? defaultSleep;
  const control = options.control?.(run.id) ?? standaloneControl();
  const release = options.holdLease?.(run, control) ?? (() => {});
  const keepTrying = () => !control.stopping() && control.reason() !== "lost";
  try {
    let lastError: unknown;
    let attempt = firstAttempt;
    for (; attempt <= maxAttempts && !control.signal.aborted; attempt++) {
      try {
        const answer = await callExecutor(deps, run, call, control.signal);
        if (answer.kind === "started") return await markStartedRetrying(deps, run, answer.result, attempt, sleep, keepTrying);
        return await recordEnding(deps, run, { ok: true, result: answer.result, attempts: attempt }, { sleep, keepTrying });
      } catch (error) {
        // Stopped (cancel, the planner stopping): whatever the executor threw on its signal is not a failure.
        if (control.signal.aborted) break;
        lastError = error;
        if (isFinalFailure(error) || attempt === maxAttempts) {
          return await recordEnding(deps, run, { ok: false, error, attempts: attempt }, { sleep, keepTrying });
        }
        deps.logger.warn("planner run attempt failed; retrying", { runId: run.id, attempt, error: errorMessage(error) });
        await recordAttempt(deps, run, attempt, error).catch((recordError: unknown) =>
          deps.logger.warn("planner: could not record a failed attempt", { runId: run.id, error: errorMessage(recordError) }),
        );
        await sleepUnless(sleep, backoff(attempt), control.signal);
      }
    }
    const reason = control.reason();
    if (reason === "cancelled") {
      return await recordEnding(deps, run, { ok: false, cancelled: true, attempts: Math.min(attempt, maxAttempts), by: control.cancelledBy() }, { sleep, keepTrying: () => !control.stopping() });
    }
    if (reason === "stopping" || reason === "lost") return run;
    return await recordEnding(deps, run, { ok: false, error: lastError, attempts: maxAttempts }, { sleep, keepTrying });
  } finally {
    release();
  }
}

/** `markStarted` as a store write that is retried like an ending (the executor is not asked again). */
async function markStartedRetrying(deps: PlannerDeps, run: Run, result: ExecutorOutcome, attempts: number, sleep: (ms: number) => Promise<void>, keepTrying: () => boolean): Promise<Run> {
  for (let i = 0; ; i++) {
    try {
      return await markStarted(deps, run, result, attempts);
    } catch (error) {
      if (!storageFaultOf(error) || i >= RECORD_PAUSES_MS.length || !keepTrying()) {
        return recordEnding(deps, run, { ok: false, error: new Error(notRecordedMessage(error)), attempts, interrupted: true }, { sleep, keepTrying });
      }
      await sleep(RECORD_PAUSES_MS[i]!);
    }
  }
}

/**
 * A started run the host never reported the end of, once `completeBy` (`limits.completionTimeoutMs` after it
 * started) has passed: failed with that reason. `false` when it is not due yet or it ended meanwhile.
 */
export async function failIfUncompleted(deps: PlannerDeps, run: Run, now: number = deps.clock().getTime()): Promise<boolean> {
  if (run.status !== "started" || !run.completeBy || Date.parse(run.completeBy) > now) return false;
  const message = `The host did not report the end of this run within ${formatMs(deps.limits.completionTimeoutMs)} (limits.completionTimeoutMs), so it counts as failed.`;
  return (await finishRunIf(deps, run, { ok: false, error: new Error(message), attempts: run.attempts }, { status: "started" })).finished;
}

function standaloneControl(): RunControl {
  const abort = new AbortController();
  return { signal: abort.signal, reason: () => null, cancelledBy: () => undefined, stopping: () => false, stop: () => undefined };
}

export type { RunResult };

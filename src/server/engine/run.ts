import type { Run, SkipReason } from "../../shared/schemas";
import { ExecutorResultError, ExecutorTimeoutError, isInstance, NotConfiguredError } from "../errors";
import type { PlannerDeps } from "../deps";
import type { AppendRunUnlessActiveOptions, FinishRunOptions, RunEnding, RunWriteOptions } from "../store/port";
import type { ExecutorCall, ExecutorOutcome } from "./actions";
import { boundError, boundWarnings, queuedEvent, storedInput } from "./bounds";
import type { RunSubject } from "./subjects";

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
export function runWriteOptions(deps: PlannerDeps): RunWriteOptions {
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
    status: "queued",
    attempts: 0,
    ...(subject.warnings.length > 0 ? { warnings: boundWarnings(subject.warnings) } : {}),
  };
}

/** A run as queued: the event of a trigger run is kept when it is not too large (`limits.maxQueuedEventBytes`). */
export function queuedRun(deps: PlannerDeps, subject: RunSubject): Run {
  const run = baseRun(subject, deps.clock());
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

async function skip(deps: PlannerDeps, subject: RunSubject, reason: SkipReason): Promise<Run> {
  const now = deps.clock().toISOString();
  const skipped: Run = { ...baseRun(subject, deps.clock()), status: "skipped", skipReason: reason, finishedAt: now };
  return (await deps.store.startRun(skipped, { overlap: "allow", ...runWriteOptions(deps) })).run;
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
export async function startRun(deps: PlannerDeps, subject: RunSubject): Promise<StartResult> {
  const owner = await subject.load(deps.store);
  const reason = subject.skipReason(owner);
  if (reason || !owner) return { kind: "done", run: await skip(deps, subject, reason ?? "deleted") };

  const agentName = (await deps.catalog?.agent(subject.agentId))?.name ?? subject.agentId;
  const call = subject.buildCall(owner, agentName, deps.limits);
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

/**
 * Calls the host's executor once, for at most `limits.executorTimeoutMs`. Throws what the executor throws, an
 * `ExecutorTimeoutError` when it does not answer in time, and an `ExecutorResultError` when its answer is not
 * `{ threadId }` / `{ workflowRunId }` (with an optional http(s) or path `url`).
 */
export async function callExecutor(deps: PlannerDeps, run: Run, call: ExecutorCall): Promise<ExecutorOutcome> {
  const executors = deps.executors;
  if (!executors) throw new NotConfiguredError("No executors are configured: the host must pass executors to createPlanner to run jobs.");
  const source = { kind: run.owner.kind, id: run.owner.id, runId: run.id, cause: run.cause };
  if (call.type === "chat") {
    const request = {
      agentId: run.agentId,
      message: call.message,
      title: call.title,
      ...(call.threadKey ? { threadKey: call.threadKey } : {}),
      source,
      idempotencyKey: run.id,
    };
    const result = await withTimeout("startChat", deps.limits.executorTimeoutMs, () => executors.startChat(request));
    return readOutcome(deps, run, "startChat", "threadId", result);
  }
  const request = { agentId: run.agentId, workflowId: call.workflowId, input: call.input, source, idempotencyKey: run.id };
  const result = await withTimeout("runWorkflow", deps.limits.executorTimeoutMs, () => executors.runWorkflow(request));
  return readOutcome(deps, run, "runWorkflow", "workflowRunId", result);
}

/** `call()`'s answer, or an `ExecutorTimeoutError` once `ms` have passed (the call itself cannot be cancelled). */
async function withTimeout<T>(name: string, ms: number, call: () => Promise<T> | T): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new ExecutorTimeoutError(`${name} did not answer within ${formatMs(ms)} (limits.executorTimeoutMs), so this attempt counts as failed.`));
    }, ms);
  });
  try {
    // A non-promise answer, a thenable and a synchronous throw all end up here as one promise.
    return await Promise.race([Promise.resolve().then(call), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${(ms / 1000).toLocaleString("en-US")} s` : `${ms.toLocaleString("en-US")} ms`;
}

const MAX_RESULT_ID_LENGTH = 1024;
const MAX_RESULT_URL_LENGTH = 2048;

/** What kind of value an executor answered with, for an error message (never the value itself: it may be huge). */
function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return value === "" ? "an empty string" : "a string";
  if (typeof value === "object") return "an object";
  return typeof value === "undefined" ? "undefined" : `a ${typeof value}`;
}

/** An executor's answer checked field by field; anything else is an `ExecutorResultError` that names what was wrong. */
function readOutcome(deps: PlannerDeps, run: Run, name: string, idKey: "threadId" | "workflowRunId", result: unknown): ExecutorOutcome {
  const expected = `it must return { ${idKey}: string, url?: string }`;
  if (typeof result !== "object" || result === null || Array.isArray(result)) throw new ExecutorResultError(`${name} returned ${kindOf(result)}; ${expected}.`);
  let id: unknown;
  let url: unknown;
  try {
    id = (result as Record<string, unknown>)[idKey];
    url = (result as Record<string, unknown>).url;
  } catch {
    throw new ExecutorResultError(`${name} returned an object whose fields could not be read; ${expected}.`);
  }
  if (typeof id !== "string" || id.trim() === "") throw new ExecutorResultError(`${name} returned ${idKey} as ${kindOf(id)}; ${expected}.`);
  if (id.length > MAX_RESULT_ID_LENGTH) throw new ExecutorResultError(`${name} returned a ${idKey} of ${id.length.toLocaleString("en-US")} characters; at most ${MAX_RESULT_ID_LENGTH} are kept.`);
  const outcome: ExecutorOutcome = idKey === "threadId" ? { threadId: id } : { workflowRunId: id };
  if (url === undefined || url === null || url === "") return outcome;
  if (isSafeLink(url)) outcome.url = url;
  // The chat or workflow did start: keep the run a success, without a link the UI could not safely open.
  else deps.logger.warn(`planner: ${name} returned a url that is not an http(s) URL or a path; the run keeps no link`, { runId: run.id, url: kindOf(url) });
  return outcome;
}

/** A link the run history may render: a path on the host (`/chat/…`) or an http(s) URL, of a sane length. */
function isSafeLink(url: unknown): url is string {
  if (typeof url !== "string" || url.length > MAX_RESULT_URL_LENGTH) return false;
  if (url.startsWith("/")) return !url.startsWith("//") && !url.startsWith("/\\");
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:";
  } catch {
    return false;
  }
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

/** Records a failed attempt that will be retried. */
export async function recordAttempt(deps: PlannerDeps, run: Run, attempts: number, error: unknown): Promise<void> {
  await deps.store.updateRun(run.agentId, run.id, (current) => ({ ...current, attempts, error: errorMessage(error) }), runWriteOptions(deps));
}

export type RunOutcome = { ok: true; result: ExecutorOutcome; attempts: number } | { ok: false; error: unknown; attempts: number };

/**
 * Second half of a run: records success or the final failure on the run and on its job or trigger
 * (`lastRun`, `consecutiveFailures`), and pauses the owner after `limits.autoPauseAfter` failures in a row. Test runs leave the
 * owner's state alone.
 */
export async function finishRun(deps: PlannerDeps, run: Run, outcome: RunOutcome): Promise<Run> {
  return (await finishRunIf(deps, run, outcome)).run;
}

/** `finishRun`, only while the run is as `onlyIf` says; `finished` tells whether this call finished it. */
export async function finishRunIf(deps: PlannerDeps, run: Run, outcome: RunOutcome, onlyIf?: FinishRunOptions["onlyIf"]): Promise<{ finished: boolean; run: Run }> {
  const finishedAt = deps.clock().toISOString();
  const ending: RunEnding = outcome.ok
    ? { status: "succeeded", finishedAt, attempts: outcome.attempts, result: outcome.result }
    : { status: "failed", finishedAt, attempts: outcome.attempts, error: errorMessage(outcome.error) };
  const pauseAfter = deps.limits.autoPauseAfter;
  const reason = `Paused after ${pauseAfter} failed run${pauseAfter === 1 ? "" : "s"}: ${ending.status === "failed" ? ending.error : "unknown error"}`;
  // The run, its owner's state and an automatic pause in one store step.
  const finished = await deps.store.finishRun(run.agentId, run.id, ending, {
    updateOwner: run.cause !== "test",
    autoPause: { after: pauseAfter, reason },
    ...(onlyIf ? { onlyIf } : {}),
    ...runWriteOptions(deps),
  });
  return finished ?? { finished: false, run };
}

export interface RetryOptions {
  /** Total attempts, default 3. */
  maxAttempts?: number | undefined;
  /** Delay before attempt n+1 (n = attempts so far); default 1 s, 4 s, 16 s… */
  backoffMs?: ((attempt: number) => number) | undefined;
  sleep?: ((ms: number) => Promise<void>) | undefined;
  /** Told once the run is recorded as running, or was found done or skipped, before the executor is called. */
  onStart?: ((started: StartResult) => void) | undefined;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A whole run in one call, with retries and backoff: what the in-process worker does for each request.
 * Never throws for executor failures (they are recorded on the run); returns the final run.
 */
export async function executeRun(deps: PlannerDeps, subject: RunSubject, options: RetryOptions = {}): Promise<Run> {
  const maxAttempts = options.maxAttempts ?? 3;
  const backoff = options.backoffMs ?? ((n: number) => 1000 * 4 ** (n - 1));
  const sleep = options.sleep ?? defaultSleep;
  const started = await startRun(deps, subject);
  options.onStart?.(started);
  if (started.kind === "done") return started.run;
  let lastError: unknown;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    try {
      const result = await callExecutor(deps, started.run, started.call);
      return await finishRun(deps, started.run, { ok: true, result, attempts: attempt });
    } catch (error) {
      lastError = error;
      // Missing executors and a broken answer do not get better by asking again.
      if (isInstance(error, NotConfiguredError) || isInstance(error, ExecutorResultError) || attempt === maxAttempts) {
        return finishRun(deps, started.run, { ok: false, error, attempts: attempt });
      }
      deps.logger.warn("planner run attempt failed; retrying", { runId: started.run.id, attempt, error: errorMessage(error) });
      await recordAttempt(deps, started.run, attempt, error);
      await sleep(backoff(attempt));
    }
  }
  return finishRun(deps, started.run, { ok: false, error: lastError, attempts: maxAttempts });
}

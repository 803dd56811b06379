import type { Run, SkipReason } from "../../shared/schemas";
import { NotConfiguredError } from "../errors";
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

/** An error as text to store on a run (bounded, see `MAX_ERROR_BYTES`). */
export function errorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : typeof error === "string" ? error : "Unknown error";
  return boundError(message || "Unknown error");
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
function queuedRun(deps: PlannerDeps, subject: RunSubject): Run {
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

/** Calls the host's executor once. Throws what the executor throws. */
export async function callExecutor(deps: PlannerDeps, run: Run, call: ExecutorCall): Promise<ExecutorOutcome> {
  if (!deps.executors) throw new NotConfiguredError("No executors are configured: the host must pass executors to createPlanner to run jobs.");
  const source = { kind: run.owner.kind, id: run.owner.id, runId: run.id, cause: run.cause };
  if (call.type === "chat") {
    const result = await deps.executors.startChat({
      agentId: run.agentId,
      message: call.message,
      title: call.title,
      ...(call.threadKey ? { threadKey: call.threadKey } : {}),
      source,
      idempotencyKey: run.id,
    });
    return { threadId: result.threadId, ...(result.url ? { url: result.url } : {}) };
  }
  const result = await deps.executors.runWorkflow({ agentId: run.agentId, workflowId: call.workflowId, input: call.input, source, idempotencyKey: run.id });
  return { workflowRunId: result.workflowRunId, ...(result.url ? { url: result.url } : {}) };
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
      if (error instanceof NotConfiguredError || attempt === maxAttempts) {
        return finishRun(deps, started.run, { ok: false, error, attempts: attempt });
      }
      deps.logger.warn("planner run attempt failed; retrying", { runId: started.run.id, attempt, error: errorMessage(error) });
      await recordAttempt(deps, started.run, attempt, error);
      await sleep(backoff(attempt));
    }
  }
  return finishRun(deps, started.run, { ok: false, error: lastError, attempts: maxAttempts });
}

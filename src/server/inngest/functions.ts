import { NonRetriableError, type GetStepTools, type Inngest, type InngestFunction } from "inngest";
import { JobRunRequest, TriggerRunRequest } from "../../shared/events";
import type { Run, RunStatus } from "../../shared/schemas";
import { asError, callExecutor, enqueueRun, errorMessage, failIfUncompleted, finishRun, finishRunIf, isFinalFailure, markStarted, recordAttempt, startRun } from "../engine/run";
import type { RunControl } from "../engine/run-control";
import { jobSubject, triggerSubject, type RunSubject } from "../engine/subjects";
import { tick } from "../engine/tick";
import { syncComposio } from "../features/triggers/sync";
import type { Planner, PlannerDeps } from "../deps";
import { PlannerConfigError } from "../errors";
import { requireInngestClient } from "./wire";
import { inngestDispatcher } from "./dispatcher";
import { jobDue, runCancelled, triggerFired } from "./events";

/** Retries of a run's steps after the first attempt (Inngest's default, made explicit): 4 executor attempts. */
export const RUN_RETRIES = 3;

const TERMINAL: ReadonlySet<RunStatus> = new Set(["succeeded", "failed", "skipped", "cancelled", "started"]);

/** What a run function returns: visible as the run's output in the Inngest dashboard. */
export interface RunFunctionOutput {
  runId: string;
  status: RunStatus;
}

/**
 * The planner's Inngest functions, built from `planner.deps.inngest.client`:
 *
 * - `planner-tick` (cron, every minute): finds due jobs and sends one `planner/job.due` per occurrence.
 * - `planner-run-job` (`planner/job.due`): start → execute (retried by Inngest) → finish; `onFailure`
 *   records the final failure on the run and the job.
 * - `planner-run-trigger` (`planner/trigger.fired`): the same for a trigger's event.
 *
 * `createInngestRoute({ planner })` serves them; call this yourself only to serve them next to your own
 * functions.
 *
 * @example
 * ```ts
 * // app/api/inngest/route.ts, with functions of your own
 * export const { GET, POST, PUT } = serve({ client: inngest, functions: [...createPlannerFunctions(planner), myFn] });
 * ```
 */
export function createPlannerFunctions(planner: Planner): InngestFunction.Any[] {
  const deps = planner?.deps;
  if (!deps) throw new PlannerConfigError("createPlannerFunctions: `planner` is required (the result of createPlanner).");
  // The check is the SDK's own (`Symbol.toStringTag`), so the client is an `Inngest` instance.
  const client = requireInngestClient(deps.inngest?.client, "createPlannerFunctions") as Inngest.Any;
  return [createTickFunction(client, deps), createRunJobFunction(client, deps), createRunTriggerFunction(client, deps)];
}

function createTickFunction(client: Inngest.Any, deps: PlannerDeps) {
  const dispatcher = inngestDispatcher(client, deps);
  return client.createFunction(
    {
      id: "planner-tick",
      name: "Planner: dispatch due jobs",
      triggers: [{ cron: "* * * * *" }],
      // One tick at a time, and a tick that finds one still running is dropped rather than queued: the
      // next minute's tick catches up (misfire policy), whereas queued ticks pile up when a tick is slow.
      singleton: { mode: "skip" },
      // A failed tick is not worth retrying: the next one, a minute later, does the same work.
      retries: 0,
    },
    async ({ step }) => {
      // One step, with client.send inside: the engine interleaves "dispatch" and "advance nextRunAt" per job,
      // so both must live in the same step (steps cannot nest). A retried step repeats dispatches, which the
      // event ids absorb; it never loses one, because dispatch comes before advance.
      const ticked = await step.run("dispatch-due-jobs", () => tick(deps, dispatcher, deps.clock()));
      // Then Composio is brought in step with our triggers (late creates confirmed, failed deletes retried).
      if (deps.composio) await step.run("sync-composio", () => syncComposio(deps));
      // Episodes to notify (overdue jobs, broken connections): once a minute with the tick.
      const watch = deps.watch;
      if (watch?.enabled) await step.run("watch-episodes", () => watch.all());
      return ticked;
    },
  );
}

function createRunJobFunction(client: Inngest.Any, deps: PlannerDeps) {
  return client.createFunction(
    {
      id: "planner-run-job",
      name: "Planner: run a job",
      triggers: [jobDue],
      retries: RUN_RETRIES,
      // runs.cancel: Inngest stops the function between steps (the run is recorded cancelled by the procedure).
      cancelOn: [{ event: runCancelled, if: "async.data.runId == event.data.runId" }],
      onFailure: ({ event, error, step }) => recordFailure(deps, step, "planner-run-job", error, () => {
        const request = JobRunRequest.safeParse(event.data.event.data);
        return request.success ? jobSubject(request.data) : null;
      }),
    },
    async ({ event, step, attempt }) => runSteps(deps, step, attempt, jobSubject(event.data)),
  );
}

function createRunTriggerFunction(client: Inngest.Any, deps: PlannerDeps) {
  return client.createFunction(
    {
      id: "planner-run-trigger",
      name: "Planner: run a trigger",
      triggers: [triggerFired],
      retries: RUN_RETRIES,
      cancelOn: [{ event: runCancelled, if: "async.data.runId == event.data.runId" }],
      onFailure: ({ event, error, step }) => recordFailure(deps, step, "planner-run-trigger", error, () => {
        const request = TriggerRunRequest.safeParse(event.data.event.data);
        return request.success ? triggerSubject(request.data) : null;
      }),
    },
    async ({ event, step, attempt }) => runSteps(deps, step, attempt, triggerSubject(event.data)),
  );
}

/** onFailure of both run functions: records the final failure, unless the event itself was invalid. */
async function recordFailure(deps: PlannerDeps, step: RunStepTools, functionId: string, error: unknown, subjectOf: () => RunSubject | null): Promise<void> {
  const subject = subjectOf();
  if (!subject) {
    deps.logger.error(`${functionId} failed for an invalid event; nothing to record`, { error: errorMessage(error) });
    return;
  }
  await step.run("record-failure", () => recordFinalFailure(deps, subject, error));
}

type RunStepTools = GetStepTools<Inngest.Any>;

/**
 * start → execute → finish, each a memoized step. Step outputs are replayed from JSON on later requests;
 * a `Run` and an executor call are plain JSON, and the SDK's `Jsonify` typing checks that they survive it.
 */
async function runSteps(deps: PlannerDeps, step: RunStepTools, attempt: number, subject: RunSubject): Promise<RunFunctionOutput> {
  // Jitter: a job run never starts before its due time (a durable sleep; a time already past wakes at once). It
  // depends on the event only, so every replay of the function takes the same steps.
  if (subject.notBefore) await step.sleepUntil("jitter", subject.notBefore);
  const started = await step.run("start", () => startRun(deps, subject));
  const run: Run = started.run;
  if (started.kind === "done") return { runId: run.id, status: run.status };

  const executed = await step.run("execute", async () => {
    // The executor's signal: fired by runs.cancel (here, or noticed in the store when it was made on another
    // instance), by `planner.stop()`, and by the executor timeout.
    const control = deps.runControls.register(run.id);
    const watch = watchForCancel(deps, run, control);
    try {
      return { answer: await callExecutor(deps, run, started.call, control.signal), attempts: attempt + 1 };
    } catch (error) {
      // Whatever the executor threw on its signal after a cancel is not a failure: the run ends cancelled.
      if (control.reason() === "cancelled") return { cancelled: true as const, by: control.cancelledBy() ?? null, attempts: attempt + 1 };
      await noteFailedAttempt(deps, run, attempt + 1, error);
      // No executors, a broken answer or a PermanentError: asking again cannot help.
      if (isFinalFailure(error)) throw new NonRetriableError(errorMessage(error), { cause: error });
      throw asError(error);
    } finally {
      clearInterval(watch);
      deps.runControls.release(run.id);
    }
  });

  if ("cancelled" in executed) {
    const cancelled = await step.run("finish", async () => {
      const outcome = { ok: false as const, cancelled: true as const, attempts: executed.attempts, by: executed.by ?? undefined };
      return (await finishRunIf(deps, run, outcome, { status: "running" })).run;
    });
    return { runId: cancelled.id, status: cancelled.status };
  }

  // Its own step: a store that fails here is retried by Inngest as this step, never by calling the executor again.
  const finished = await step.run("finish", () =>
    executed.answer.kind === "started"
      ? markStarted(deps, run, executed.answer.result, executed.attempts)
      : finishRun(deps, run, { ok: true, result: executed.answer.result, attempts: executed.attempts }),
  );
  if (finished.status === "started" && finished.completeBy) {
    // The host reports the end with planner.completeRun; without a report by `completeBy` the run fails. A durable
    // sleep (no polling, nothing held): a run completed earlier is left as it ended.
    await step.sleepUntil("await-completion", finished.completeBy);
    const ended = await step.run("completion-timeout", async () => {
      const current = await deps.store.getRun(finished.agentId, finished.id);
      if (current) await failIfUncompleted(deps, current);
      return (await deps.store.getRun(finished.agentId, finished.id)) ?? finished;
    });
    return { runId: ended.id, status: ended.status };
  }
  return { runId: finished.id, status: finished.status };
}

/** How often an executing run looks for a cancel made on another instance (it is seen here at once otherwise). */
export const CANCEL_CHECK_MS = 10_000;

/** Fires the run's signal when its cancel was recorded elsewhere (another instance answered runs.cancel). */
function watchForCancel(deps: PlannerDeps, run: Run, control: RunControl): ReturnType<typeof setInterval> {
  const timer = setInterval(() => {
    deps.store.getRun(run.agentId, run.id).then(
      (current) => {
        if (current?.cancelRequestedAt || current?.status === "cancelled") control.stop("cancelled", current.cancelledBy);
      },
      (error: unknown) => deps.logger.warn("planner: could not check a running run for a cancel", { runId: run.id, error: errorMessage(error) }),
    );
  }, CANCEL_CHECK_MS);
  timer.unref?.();
  return timer;
}

/**
 * Shows the failed attempt on the run while Inngest retries (the final failure is recorded by onFailure).
 * Best effort: the executor's error, not a store hiccup, is what Inngest must see and retry on.
 */
async function noteFailedAttempt(deps: PlannerDeps, run: Run, attempts: number, error: unknown): Promise<void> {
  try {
    await recordAttempt(deps, run, attempts, error);
  } catch (storeError) {
    deps.logger.warn("planner: could not record a failed attempt", { runId: run.id, attempts, error: errorMessage(storeError) });
  }
}

/**
 * Records a run's final failure once Inngest has given up on it (retries exhausted, or a non-retriable
 * error). A run that already finished is left alone; a run that never started is recorded as failed, so
 * the failure still counts towards the owner's auto-pause.
 */
async function recordFinalFailure(deps: PlannerDeps, subject: RunSubject, error: unknown): Promise<RunFunctionOutput> {
  const { run } = await enqueueRun(deps, subject);
  if (TERMINAL.has(run.status)) return { runId: run.id, status: run.status };
  const failed = await finishRun(deps, run, { ok: false, error, attempts: run.attempts });
  return { runId: failed.id, status: failed.status };
}

import type { Run } from "../../../shared/schemas";
import type { RunCompletion } from "../../options";
import type { PlannerDeps } from "../../deps";
import { NotFoundError } from "../../errors";
import { appendTimeline, errorMessage, finishRunIf, isSafeLink, keptOutput, runWriteOptions, step } from "../../engine/run";

/** Finds a run by id: in `agentId` when given, otherwise in every agent that has runs. */
export async function findRun(deps: PlannerDeps, runId: string, agentId?: string): Promise<Run | null> {
  if (agentId) return deps.store.getRun(agentId, runId);
  for (const agent of await deps.store.agentsWithRuns()) {
    const run = await deps.store.getRun(agent, runId);
    if (run) return run;
  }
  return null;
}

/**
 * The end of a started run, reported by the host. Idempotent: a run that already ended (a second report, the
 * completion timeout, a cancel) is answered as it is, and nothing changes.
 */
export async function completeRun(deps: PlannerDeps, runId: string, completion: RunCompletion): Promise<Run> {
  if (typeof runId !== "string" || runId === "") throw new NotFoundError("completeRun needs the run id the executor was called with (its idempotencyKey).");
  const status = completion?.status;
  if (status !== "succeeded" && status !== "failed") throw new TypeError('completeRun: `status` must be "succeeded" or "failed".');
  const run = await findRun(deps, runId, completion.agentId);
  if (!run) throw new NotFoundError(`No run ${runId} to complete: it was never started, or its history was dropped.`);
  if (run.status !== "started" && run.status !== "running") return run;
  const result = {
    ...(isSafeLink(completion.url) ? { url: completion.url } : {}),
    ...(completion.output !== undefined ? { output: keptOutput(deps, completion.output) } : {}),
  };
  const attempts = Math.max(run.attempts, 1);
  const outcome =
    status === "succeeded"
      ? { ok: true as const, result: { ...run.result, ...result }, attempts }
      : { ok: false as const, error: new Error(typeof completion.error === "string" && completion.error.trim() !== "" ? completion.error : "The host reported that the run failed."), attempts, reportedByHost: true };
  const done = await finishRunIf(deps, run, outcome, { status: run.status });
  return done.run;
}

/** Why a run cannot be cancelled, or null. */
function notCancellable(run: Run): string | null {
  if (run.status === "queued" || run.status === "running" || run.status === "started") return null;
  return `The run has already ended (${run.status}); there is nothing to cancel.`;
}

/**
 * Cancels a queued, running or started run. A queued or started run ends `cancelled` at once; a running one is
 * marked, and its worker stops the executor's call (its signal fires) and records it cancelled — at once when it
 * executes in this process (`stopHere`), at its next lease renewal otherwise.
 */
export async function cancelRun(deps: PlannerDeps, agentId: string, runId: string, by: string | undefined, stopHere: (runId: string, by?: string) => boolean): Promise<Run> {
  const run = await deps.store.getRun(agentId, runId);
  if (!run) throw new NotFoundError("No such run: it may have ended and left the history.");
  const refused = notCancellable(run);
  if (refused) return run;
  if (run.status === "queued" || run.status === "started") {
    const done = await finishRunIf(deps, run, { ok: false, cancelled: true, attempts: run.attempts, by }, { status: run.status });
    if (done.finished) return done.run;
    // It moved on meanwhile (a worker started it): cancel it as running.
    return cancelRun(deps, agentId, runId, by, stopHere);
  }
  const at = deps.clock().toISOString();
  const marked = await deps.store.updateRun(
    agentId,
    runId,
    (current) =>
      current.status === "running" && !current.cancelRequestedAt
        ? {
            ...current,
            cancelRequestedAt: at,
            ...(by ? { cancelledBy: by } : {}),
            timeline: appendTimeline(current, [step(deps, "cancelRequested", by ? { detail: `by ${by}` } : {})]),
          }
        : current,
    runWriteOptions(deps),
  );
  try {
    if (stopHere(runId, by)) return marked ?? run;
  } catch (error) {
    deps.logger.warn("planner: could not stop a cancelled run here", { runId, error: errorMessage(error) });
  }
  const remote = deps.stopRunRemotely(runId, agentId);
  if (remote) {
    // Inngest stops the run's function between steps and never finishes it: it ends cancelled here, now.
    await remote;
    const done = await finishRunIf(deps, marked ?? run, { ok: false, cancelled: true, attempts: run.attempts, by }, { status: "running" });
    return done.run;
  }
  return marked ?? run;
}

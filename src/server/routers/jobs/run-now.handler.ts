import type { JobRef } from "../../../shared/schemas";
import type { PlannerContext } from "../../context";
import { TooManyRequestsError } from "../../errors";
import { newId } from "../../ids";
import { findJob } from "../../jobs/view";

/** A queued run older than this no longer blocks "run now". */
export const STALE_QUEUED_MS = 10 * 60_000;

/**
 * Runs the job once, now, with cause "manual". The schedule is untouched (`nextRunAt` does not move).
 * With the overlap policy "skip", a second click while a run is queued or running is refused.
 */
export async function runJobNowHandler({ ctx, input }: { ctx: PlannerContext; input: JobRef }): Promise<{ runId: string }> {
  const { store, clock, dispatcher } = ctx.deps;
  const [planner, active] = await Promise.all([store.get(input.agentId), store.activeRuns(input.agentId)]);
  const job = findJob(planner, input.jobId);
  const now = clock().getTime();
  const busy = active.find(
    (run) =>
      run.owner.kind === "job" &&
      run.owner.id === job.id &&
      // A run queued long ago that never started (a driver that lost it) must not block "run now" for ever.
      (run.status === "running" || now - Date.parse(run.createdAt) < STALE_QUEUED_MS),
  );
  if (busy && job.policy.overlap === "skip") {
    throw new TooManyRequestsError(`This job is already ${busy.status === "queued" ? "queued" : "running"}. Wait for that run to finish, then try again.`);
  }
  const runId = newId("run");
  await dispatcher.dispatchJob({
    runId,
    agentId: input.agentId,
    jobId: job.id,
    cause: "manual",
    scheduledFor: clock().toISOString(),
    scheduleRevision: job.state.scheduleRevision,
  });
  return { runId };
}

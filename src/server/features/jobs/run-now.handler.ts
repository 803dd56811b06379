import type { JobRef } from "../../../shared/schemas";
import type { JobsContext } from "./context";
import { refuseWhileActive } from "../../engine/exclusive";
import { newId } from "../../ids";
import { findJob } from "./view";

/** A queued run older than this no longer blocks "run now". */
export const STALE_QUEUED_MS = 10 * 60_000;

/**
 * Runs the job once, now, with cause "manual". The schedule is untouched (`nextRunAt` does not move).
 * With the overlap policy "skip", a click while a run of the job is queued or running is refused
 * (`TOO_MANY_REQUESTS`); the check and the queued record are one store step, so of many concurrent clicks exactly
 * one run starts. A planner whose in-process driver is not running answers `PRECONDITION_FAILED` and stores nothing.
 */
export async function runJobNowHandler({ ctx, input }: { ctx: JobsContext; input: JobRef }): Promise<{ runId: string }> {
  const { store, clock, manualDispatcher } = ctx.deps;
  const job = findJob(await store.get(input.agentId), input.jobId);
  const runId = newId("run");
  const request = {
    runId,
    agentId: input.agentId,
    jobId: job.id,
    cause: "manual" as const,
    scheduledFor: clock().toISOString(),
    scheduleRevision: job.state.scheduleRevision,
  };
  // A run queued long ago that never started (a driver that lost it) must not block "run now" for ever.
  const exclusive = job.policy.overlap === "skip" ? { staleQueuedMs: STALE_QUEUED_MS } : undefined;
  const result = await manualDispatcher.dispatchManual({ kind: "job", request }, { exclusive });
  refuseWhileActive(result, (state) => `This job is already ${state}. Wait for that run to finish, then try again.`);
  return { runId };
}

import { occurrencesBetween } from "../../shared/cron";
import type { JobRunRequest } from "../../shared/events";
import type { Run } from "../../shared/schemas";
import { finishRunIf, jobSubject, triggerSubject, type RunSubject } from "../engine";
import { jitteredStart } from "../engine/time-window";
import type { PlannerDeps } from "../deps";

/** The error a run gets when it was left running by a process that stopped. */
export const INTERRUPTED_MESSAGE = "The run was interrupted (the server stopped while it was running).";
/** The error a queued trigger run gets when it cannot be rebuilt after a restart (stored before events were kept). */
export const LOST_EVENT_MESSAGE =
  "The run was still queued when the server stopped, and its event is not kept with the run, so it could not be run.";

/**
 * Queued and running runs of every agent that has runs (`store.agentsWithRuns`), plus `alsoAgents` (those
 * this process dispatched to).
 */
export async function findActiveRuns(deps: PlannerDeps, alsoAgents: Iterable<string>): Promise<Run[]> {
  const agents = new Set(alsoAgents);
  for (const agentId of await deps.store.agentsWithRuns()) agents.add(agentId);
  const runs: Run[] = [];
  for (const agentId of agents) {
    try {
      runs.push(...(await deps.store.activeRuns(agentId)));
    } catch (error) {
      deps.logger.error("planner scheduler: could not read the runs of an agent", { agentId, error: String(error) });
    }
  }
  return runs;
}

function isOccurrence(schedule: { cron: string; timezone: string }, iso: string): boolean {
  const at = new Date(iso);
  return occurrencesBetween(schedule.cron, schedule.timezone, new Date(at.getTime() - 1), at, 1).occurrences.length === 1;
}

/**
 * The subject to run a queued run with after a restart, or `null` when it cannot be rebuilt (a trigger run
 * stored without its event).
 *
 * Job runs carry the schedule revision they were dispatched for; for older runs without it, a scheduled run
 * whose instant is no longer an occurrence of the job's schedule is treated as rescheduled.
 */
export async function rebuildSubject(deps: PlannerDeps, run: Run): Promise<RunSubject | null> {
  if (run.owner.kind === "trigger") {
    if (!run.event || (run.cause !== "event" && run.cause !== "test" && run.cause !== "replay")) return null;
    return triggerSubject({
      runId: run.id,
      agentId: run.agentId,
      triggerId: run.owner.id,
      cause: run.cause,
      event: run.event,
      ...(run.replayOf ? { replayOf: run.replayOf } : {}),
    });
  }
  if (!run.scheduledFor || (run.cause !== "schedule" && run.cause !== "manual" && run.cause !== "replay")) return null;
  const job = await deps.store.getJob(run.agentId, run.owner.id);
  const request: JobRunRequest = {
    runId: run.id,
    agentId: run.agentId,
    jobId: run.owner.id,
    cause: run.cause,
    scheduledFor: run.scheduledFor,
    scheduleRevision: run.scheduleRevision ?? job?.state.scheduleRevision ?? 1,
    // A jittered occurrence still waits for its due time after a restart (the offset is derived from the job and the
    // occurrence, so it is the same one).
    ...(job && run.cause === "schedule" ? jitteredStart(job, new Date(run.scheduledFor)) : {}),
  };
  // The queued run already carries its warnings (missed occurrences); keep them.
  const subject: RunSubject = { ...jobSubject(request), warnings: run.warnings ?? [] };
  if (job && run.cause === "schedule" && run.scheduleRevision === undefined && !isOccurrence(job.schedule, run.scheduledFor)) {
    return { ...subject, skipReason: () => "rescheduled" };
  }
  return subject;
}

/**
 * Fails a run that can no longer complete, through the engine's `finishRun` so the job's or trigger's state
 * (`lastRun`, `consecutiveFailures`) is updated in the same store step. The store finishes it only while it is
 * still as `onlyIf` says (status, and started at or before the cut-off), so when two schedulers sweep at once,
 * or a worker just picked the run up, it is failed (and counted) at most once.
 */
export async function failAbandoned(deps: PlannerDeps, run: Run, message: string, onlyIf: { status: "queued" | "running"; startedAtOrBefore?: string | undefined }): Promise<boolean> {
  const attempts = run.status === "running" ? run.attempts + 1 : run.attempts;
  return (await finishRunIf(deps, run, { ok: false, error: new Error(message), attempts }, onlyIf)).finished;
}

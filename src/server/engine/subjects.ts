import type { JobRunRequest, TriggerRunRequest } from "../../shared/events";
import type { Job, Run, SkipReason, Trigger } from "../../shared/schemas";
import type { PlannerStore } from "../store/port";
import { eventVariables, jobVariables } from "../../shared/variables";
import { buildCall, type BuildCallLimits, type ExecutorCall } from "./actions";

/**
 * What differs between running a job and running a trigger; the run lifecycle in `run.ts` is shared.
 */
export interface RunSubject {
  kind: "job" | "trigger";
  id: string;
  agentId: string;
  runId: string;
  cause: Run["cause"];
  scheduledFor?: string | undefined;
  /** Job runs delayed by jitter: the run does not start before this instant. */
  notBefore?: string | undefined;
  eventId?: string | undefined;
  /** Warnings known before the run starts (missed occurrences). */
  warnings: string[];
  /** Job runs: the schedule revision dispatched for. */
  scheduleRevision?: number | undefined;
  /** A replay's original run. */
  replayOf?: string | undefined;
  /** Trigger runs: the event, kept on the queued run so a restart can rebuild the request. */
  event?: TriggerRunRequest["event"] | undefined;
  /** Reads the job or trigger as stored now (one store read for the whole decision), `null` when it is gone. */
  load(store: PlannerStore): Promise<Job | Trigger | null>;
  /** Why the run must not execute given its owner as loaded (`null`: deleted), or null. */
  skipReason(owner: Job | Trigger | null): SkipReason | null;
  /** Whether a run already in progress for this owner blocks this one. */
  blocksOnOverlap(owner: Job | Trigger): boolean;
  /** `locale`: the planner's, for a job's dates and times (`PlannerOptions.locale`). */
  buildCall(owner: Job | Trigger, agentName: string, limits: BuildCallLimits, locale?: string): ExecutorCall;
}

export function jobSubject(request: JobRunRequest): RunSubject {
  const missed = request.missedOccurrences ?? 0;
  return {
    kind: "job",
    id: request.jobId,
    agentId: request.agentId,
    runId: request.runId,
    cause: request.cause,
    scheduledFor: request.scheduledFor,
    scheduleRevision: request.scheduleRevision,
    ...(request.notBefore ? { notBefore: request.notBefore } : {}),
    ...(request.replayOf ? { replayOf: request.replayOf } : {}),
    warnings: missed > 0 ? [`${missed} earlier run${missed === 1 ? " was" : "s were"} missed while the scheduler was not running; this run replaces ${missed === 1 ? "it" : "them"}.`] : [],
    load: (store) => store.getJob(request.agentId, request.jobId),
    skipReason(owner) {
      const job = owner as Job | null;
      if (!job) return "deleted";
      // "Run now" and a replay are explicit requests: they run even while the schedule is paused or was just edited.
      if (request.cause === "manual" || request.cause === "replay") return null;
      if (!job.enabled) return "paused";
      if (job.state.scheduleRevision !== request.scheduleRevision) return "rescheduled";
      return null;
    },
    blocksOnOverlap(owner) {
      return (owner as Job).policy.overlap !== "allow";
    },
    buildCall(owner, agentName, limits, locale) {
      const job = owner as Job;
      const variables = jobVariables({ job, agent: { name: agentName }, scheduledFor: new Date(request.scheduledFor), locale });
      return buildCall(job.action, variables, job.name, {}, `job:${job.id}`, limits);
    },
  };
}

export function triggerSubject(request: TriggerRunRequest): RunSubject {
  return {
    kind: "trigger",
    id: request.triggerId,
    agentId: request.agentId,
    runId: request.runId,
    cause: request.cause,
    eventId: request.event.id,
    event: request.event,
    ...(request.replayOf ? { replayOf: request.replayOf } : {}),
    // Set when the event data had to be escaped on the way in (renamed keys).
    warnings: [...(request.event.warnings ?? [])],
    load: (store) => store.getTrigger(request.agentId, request.triggerId),
    skipReason(owner) {
      const trigger = owner as Trigger | null;
      if (!trigger) return "deleted";
      if (request.cause === "test" || request.cause === "replay") return null;
      if (!trigger.enabled) return "paused";
      return null;
    },
    blocksOnOverlap() {
      // Every event deserves its own run; overlap control is for schedules.
      return false;
    },
    buildCall(owner, agentName, limits) {
      const trigger = owner as Trigger;
      const variables = eventVariables({ trigger, event: request.event, agent: { name: agentName } });
      return buildCall(trigger.action, variables, trigger.name, request.event.data, `trigger:${trigger.id}`, limits);
    },
  };
}

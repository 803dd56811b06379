import { z } from "zod";
import { AgentId, IsoDateTime, JobId, JsonObject, RunId, TriggerId } from "./schemas/common";

/** Event names, `domain/noun.verb`. */
export const PLANNER_EVENTS = {
  jobDue: "planner/job.due",
  triggerFired: "planner/trigger.fired",
  runCancelled: "planner/run.cancelled",
} as const;

/** A run someone cancelled: on Inngest, its run function is cancelled by this event (`cancelOn`). */
export const RunCancelRequest = z.object({ runId: RunId, agentId: AgentId });
export type RunCancelRequest = z.infer<typeof RunCancelRequest>;

/** A request to run one occurrence of a job (or a manual run). The run id makes it idempotent. */
export const JobRunRequest = z.object({
  runId: RunId,
  agentId: AgentId,
  jobId: JobId,
  cause: z.enum(["schedule", "manual", "replay"]),
  /** A replay's original run. */
  replayOf: RunId.optional(),
  /** The occurrence this run is for (scheduled runs), or when "run now" was pressed. */
  scheduledFor: IsoDateTime,
  /** The job's `state.scheduleRevision` at dispatch; a different one at run time means "rescheduled". */
  scheduleRevision: z.int().positive(),
  /** Set on the one run dispatched for several missed occurrences (misfire policy `runOnce`). */
  missedOccurrences: z.int().nonnegative().optional(),
  /** Jitter: the run starts no earlier than this (its occurrence plus the job's jitter offset). */
  notBefore: IsoDateTime.optional(),
});
export type JobRunRequest = z.infer<typeof JobRunRequest>;

export const TriggerEventData = z.object({
  id: z.string().min(1).max(200),
  type: z.string().min(1).max(200),
  source: z.string().min(1).max(100),
  time: IsoDateTime,
  data: JsonObject,
  /** What was changed in `data` when it arrived (renamed keys), copied onto the run as warnings. */
  warnings: z.array(z.string().max(1000)).max(10).optional(),
});
export type TriggerEventData = z.infer<typeof TriggerEventData>;

/** A request to run a trigger's action for one event (or a test payload). */
export const TriggerRunRequest = z.object({
  runId: RunId,
  agentId: AgentId,
  triggerId: TriggerId,
  cause: z.enum(["event", "test", "replay"]),
  event: TriggerEventData,
  /** A replay's original run. */
  replayOf: RunId.optional(),
});
export type TriggerRunRequest = z.infer<typeof TriggerRunRequest>;

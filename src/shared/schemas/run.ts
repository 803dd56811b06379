import { z } from "zod";
import { AgentId, IsoDateTime, JsonObject, JsonValue, RunId } from "./common";

export const RunCause = z.enum(["schedule", "manual", "event", "test"]);
export type RunCause = z.infer<typeof RunCause>;

export const RunStatus = z.enum(["queued", "running", "succeeded", "failed", "skipped"]);
export type RunStatus = z.infer<typeof RunStatus>;

/** Why a run did not execute. */
export const SkipReason = z.enum(["missed", "overlap", "deleted", "paused", "rescheduled"]);
export type SkipReason = z.infer<typeof SkipReason>;

export const RunOwner = z.object({ kind: z.enum(["job", "trigger"]), id: z.string().min(1) });
export type RunOwner = z.infer<typeof RunOwner>;

export const RunResult = z.object({
  threadId: z.string().optional(),
  workflowRunId: z.string().optional(),
  url: z.string().optional(),
});
export type RunResult = z.infer<typeof RunResult>;

export const Run = z.object({
  id: RunId,
  agentId: AgentId,
  owner: RunOwner,
  cause: RunCause,
  /** When the run was queued. */
  createdAt: IsoDateTime,
  scheduledFor: IsoDateTime.optional(),
  eventId: z.string().optional(),
  status: RunStatus,
  skipReason: SkipReason.optional(),
  startedAt: IsoDateTime.optional(),
  finishedAt: IsoDateTime.optional(),
  attempts: z.int().nonnegative(),
  error: z.string().optional(),
  renderedMessage: z.string().optional(),
  input: JsonValue.optional(),
  result: RunResult.optional(),
  warnings: z.array(z.string()).optional(),
  /** The job's schedule revision the run was dispatched for (job runs). */
  scheduleRevision: z.int().positive().optional(),
  /**
   * The event a queued trigger run is for, kept only until the run starts so a restart can still run it.
   */
  event: z
    .object({ id: z.string(), type: z.string(), source: z.string(), time: IsoDateTime, data: JsonObject, warnings: z.array(z.string()).optional() })
    .optional(),
});
export type Run = z.infer<typeof Run>;

/** The last run, kept on the job or trigger so lists need not read run history. */
export const RunSummary = z.object({
  runId: RunId,
  cause: RunCause,
  status: RunStatus,
  /** When it finished, or started, or was queued — the latest known instant. */
  at: IsoDateTime,
  error: z.string().optional(),
  skipReason: SkipReason.optional(),
});
export type RunSummary = z.infer<typeof RunSummary>;

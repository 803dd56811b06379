import { z } from "zod";
import { AgentId, IsoDateTime, JsonObject, JsonValue, RunId } from "./common";

export const RunCause = z.enum(["schedule", "manual", "event", "test", "replay"]);
export type RunCause = z.infer<typeof RunCause>;

/**
 * `started`: the executor accepted the run and the host reports its end later (`planner.completeRun`);
 * `cancelled`: someone cancelled it (`runs.cancel`).
 */
export const RunStatus = z.enum(["queued", "running", "started", "succeeded", "failed", "skipped", "cancelled"]);
export type RunStatus = z.infer<typeof RunStatus>;

/** Statuses of a run still in progress. */
export const ACTIVE_RUN_STATUSES = ["queued", "running", "started"] as const satisfies readonly RunStatus[];

/** One step of a run's life, for the run details' timeline. */
export const RunStep = z.enum([
  "received",
  "matched",
  "queued",
  "rendered",
  "started",
  "executorCalled",
  "attemptFailed",
  "accepted",
  "completed",
  "failed",
  "skipped",
  "cancelRequested",
  "cancelled",
  "takenOver",
  "resultNotRecorded",
]);
export type RunStep = z.infer<typeof RunStep>;

export const RunTimelineEntry = z.object({
  at: IsoDateTime,
  step: RunStep,
  attempt: z.int().positive().optional(),
  detail: z.string().max(1000).optional(),
});
export type RunTimelineEntry = z.infer<typeof RunTimelineEntry>;

/** The most timeline entries a run keeps (the first ones and the latest ones). */
export const MAX_TIMELINE_ENTRIES = 40;

/** A timeline of at most MAX_TIMELINE_ENTRIES: the first ten entries and the latest ones. */
export function boundTimeline(entries: RunTimelineEntry[]): RunTimelineEntry[] {
  if (entries.length <= MAX_TIMELINE_ENTRIES) return entries;
  return [...entries.slice(0, 10), ...entries.slice(entries.length - (MAX_TIMELINE_ENTRIES - 10))];
}

/** Why a run did not execute. */
export const SkipReason = z.enum([
  "missed", "overlap", "deleted", "paused", "rescheduled", "noAccess",
  // bend: skipped or moved by hand, or the job was snoozed (the run's warnings say who)
  "skipped", "moved", "snoozed",
]);
export type SkipReason = z.infer<typeof SkipReason>;

export const RunOwner = z.object({ kind: z.enum(["job", "trigger"]), id: z.string().min(1) });
export type RunOwner = z.infer<typeof RunOwner>;

/** The longest result link a run keeps. */
export const MAX_RESULT_URL_LENGTH = 2048;

/**
 * Whether a result link (the chat or workflow run the host reports) may be rendered as a link: an http(s) URL or
 * a path on the host (`/chat/…`, not `//other.host`), of a sane length. `javascript:`, `data:` and the like are
 * refused here, in the schema, and checked again by the UI before it renders a link.
 */
export function isSafeResultUrl(url: unknown): url is string {
  if (typeof url !== "string" || url.length === 0 || url.length > MAX_RESULT_URL_LENGTH) return false;
  for (const char of url) {
    const code = char.codePointAt(0) ?? 0;
    if (code <= 0x20 || code === 0x7f || /\s/u.test(char)) return false;
  }
  if (url.startsWith("/")) return !url.startsWith("//") && !url.startsWith("/\\");
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:";
  } catch {
    return false;
  }
}

/** A result link: http(s) or a path on the host. */
export const ResultUrl = z.string().refine(isSafeResultUrl, { error: "A result link must be an http(s) URL or a path on this site." });

export const RunResult = z.object({
  threadId: z.string().optional(),
  workflowRunId: z.string().optional(),
  url: ResultUrl.optional(),
  /** What a workflow answered (bounded like a run's input). */
  output: JsonValue.optional(),
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
  /** The user the run acts for: the last editor of its job or trigger. */
  userId: z.string().min(1).max(200).optional(),
  /** A replay's original run. */
  replayOf: RunId.optional(),
  /**
   * The worker executing a running run: its process and until when it holds the run (renewed while it works). A
   * run whose lease expired is taken over by another worker.
   */
  lease: z.object({ holder: z.string().min(1).max(200), expiresAt: IsoDateTime }).optional(),
  /** How often the run was taken over from a worker that stopped. */
  takeovers: z.int().nonnegative().optional(),
  /** A started run fails unless the host reports its end by then (`limits.completionTimeoutMs`). */
  completeBy: IsoDateTime.optional(),
  /** When someone asked to cancel it (the worker stops the executor's call). */
  cancelRequestedAt: IsoDateTime.optional(),
  /** Who cancelled it. */
  cancelledBy: z.string().max(200).optional(),
  timeline: z.array(RunTimelineEntry).max(MAX_TIMELINE_ENTRIES).optional(),
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

import { z } from "zod";
import { AgentId, IsoDateTime, JobId, Name, RunId, TriggerId } from "./common";
import { composioName } from "./composio-name";
import { MAX_JSON_BYTES, safeJsonObject } from "./json";
import { RunStatus } from "./run";
import { RelativeDelay, TimeWindowShape } from "./time-window";

/** Every planner procedure names the agent it acts on. */
export const AgentInput = z.object({ agentId: AgentId });
export type AgentInput = z.infer<typeof AgentInput>;

export const JobRef = z.object({ agentId: AgentId, jobId: JobId });
export type JobRef = z.infer<typeof JobRef>;

export const PauseJobInput = JobRef.extend({
  reason: z.string().trim().max(500, { error: "The reason must be at most 500 characters." }).optional(),
});
export type PauseJobInput = z.infer<typeof PauseJobInput>;

export const RunsCursor = z.string().max(500, { error: "This page cursor is not valid." });

const RunsLimit = z.int().min(1, { error: "Ask for at least 1 run." }).max(100, { error: "Ask for at most 100 runs at a time." });

/** Only runs with this status, or with one of these statuses. */
export const RunStatusFilter = z.union(
  [RunStatus, z.array(RunStatus).min(1, { error: "Choose at least one status." }).max(RunStatus.options.length)],
  { error: `Filter by a run status (${RunStatus.options.join(", ")}) or a list of them.` },
);
export type RunStatusFilter = z.infer<typeof RunStatusFilter>;

/** The statuses a filter names, as a list (`undefined`: no filter). */
export function runStatusList(filter: RunStatusFilter | undefined): RunStatus[] | undefined {
  if (filter === undefined) return undefined;
  return typeof filter === "string" ? [filter] : [...new Set(filter)];
}

export const JobRunsInput = JobRef.extend({
  cursor: RunsCursor.nullish(),
  limit: RunsLimit.optional(),
  status: RunStatusFilter.optional(),
});
export type JobRunsInput = z.infer<typeof JobRunsInput>;

export const SchedulePreviewInput = z.object({
  cron: z.string({ error: "Enter a cron expression." }).max(200, { error: "The cron expression must be at most 200 characters." }),
  timezone: z.string({ error: "Choose a timezone." }).max(100, { error: "The timezone must be at most 100 characters." }),
  count: z.int().min(1, { error: "Ask for at least 1 run." }).max(20, { error: "Ask for at most 20 runs." }).default(5),
  /** Preview from this instant instead of now: a `Date` (superjson sends it as one) or an ISO UTC string. */
  from: z.union([z.date(), IsoDateTime], { error: "Preview from a valid date, or a UTC date-time like 2026-11-28T09:00:00Z." }).optional(),
  /** The schedule's time fields (one-time, start, end, run limit, jitter) and a one-time job's delay. */
  ...TimeWindowShape,
  in: RelativeDelay.optional(),
  /** A saved job: its id picks the jitter offsets, so the preview shows when each run really starts. */
  jobId: JobId.optional(),
});
export type SchedulePreviewInput = z.infer<typeof SchedulePreviewInput>;

export const VariablesInput = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("job"),
    agentId: AgentId,
    /** A saved job: its name, schedule and own variables shape the samples. */
    jobId: JobId.optional(),
    /** The form's current values while editing, over the saved job's. */
    name: Name.optional(),
    schedule: z.object({ cron: z.string().max(200), timezone: z.string().max(100) }).optional(),
  }),
  z.object({
    kind: z.literal("trigger"),
    agentId: AgentId,
    triggerSlug: composioName({ required: "Choose an event.", invalid: "This is not an event name" }, 200),
    /** The trigger's name in the form, for the `triggerName` sample. */
    name: Name.optional(),
  }),
]);
export type VariablesInput = z.infer<typeof VariablesInput>;

export const LiveInput = z.object({
  agentId: AgentId,
  /** Set by the SSE client on reconnect; the server then sends a resync change first. */
  lastEventId: z.string().max(100).nullish(),
});
export type LiveInput = z.infer<typeof LiveInput>;

export const TriggerRef = z.object({ agentId: AgentId, triggerId: TriggerId });
export type TriggerRef = z.infer<typeof TriggerRef>;

export const PauseTriggerInput = TriggerRef.extend({
  reason: z.string().trim().max(500, { error: "The reason must be at most 500 characters." }).optional(),
});
export type PauseTriggerInput = z.infer<typeof PauseTriggerInput>;

export const TriggerRunsInput = TriggerRef.extend({
  cursor: RunsCursor.nullish(),
  limit: RunsLimit.optional(),
  status: RunStatusFilter.optional(),
});
export type TriggerRunsInput = z.infer<typeof TriggerRunsInput>;

/** `overview`: the summary strip and the needs-attention banner of one agent. */
export const OverviewInput = AgentInput;
export type OverviewInput = z.infer<typeof OverviewInput>;

/** `activity.list`: the agent's runs across all its jobs and triggers, newest first. */
export const ActivityListInput = AgentInput.extend({
  cursor: RunsCursor.nullish(),
  limit: RunsLimit.optional(),
  status: RunStatusFilter.optional(),
  /** Only runs of jobs, or only runs of triggers. */
  kind: z.enum(["job", "trigger"], { error: 'The kind must be "job" or "trigger".' }).optional(),
});
export type ActivityListInput = z.infer<typeof ActivityListInput>;

export const TestTriggerInput = TriggerRef.extend({
  /** The event payload to test with; a sample built from the trigger type's payload schema when omitted. */
  payload: safeJsonObject({ label: "The test payload", maxBytes: MAX_JSON_BYTES }).optional(),
});
export type TestTriggerInput = z.infer<typeof TestTriggerInput>;

const Slug = composioName({ required: "Choose an app.", invalid: "This is not an app name" }, 200);

export const TriggerTypesInput = z.object({
  toolkit: Slug,
  cursor: z.string().max(500).nullish(),
  limit: z.int().min(1).max(100).optional(),
});
export type TriggerTypesInput = z.infer<typeof TriggerTypesInput>;

export const TriggerTypeInput = z.object({ slug: composioName({ required: "Choose an event.", invalid: "This is not an event name" }, 200) });
export type TriggerTypeInput = z.infer<typeof TriggerTypeInput>;

export const ConnectedAccountsInput = z.object({ toolkit: Slug });
export type ConnectedAccountsInput = z.infer<typeof ConnectedAccountsInput>;

/** A run of an agent: `runs.cancel`, `runs.replay`. */
export const RunRef = z.object({ agentId: AgentId, runId: RunId });
export type RunRef = z.infer<typeof RunRef>;

import { z } from "zod";
import { AgentId, IsoDateTime, JobId, JsonObject, TriggerId } from "./common";

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

export const JobRunsInput = JobRef.extend({
  cursor: RunsCursor.nullish(),
  limit: z.int().min(1, { error: "Ask for at least 1 run." }).max(100, { error: "Ask for at most 100 runs at a time." }).optional(),
});
export type JobRunsInput = z.infer<typeof JobRunsInput>;

export const SchedulePreviewInput = z.object({
  cron: z.string({ error: "Enter a cron expression." }).max(200, { error: "The cron expression must be at most 200 characters." }),
  timezone: z.string({ error: "Choose a timezone." }).max(100, { error: "The timezone must be at most 100 characters." }),
  count: z.int().min(1, { error: "Ask for at least 1 run." }).max(20, { error: "Ask for at most 20 runs." }).default(5),
  /** Preview from this instant instead of now. */
  from: IsoDateTime.optional(),
});
export type SchedulePreviewInput = z.infer<typeof SchedulePreviewInput>;

export const VariablesInput = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("job"), agentId: AgentId, jobId: JobId.optional() }),
  z.object({ kind: z.literal("trigger"), agentId: AgentId, triggerSlug: z.string().trim().min(1, { error: "Choose an event." }).max(200) }),
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
  limit: z.int().min(1, { error: "Ask for at least 1 run." }).max(100, { error: "Ask for at most 100 runs at a time." }).optional(),
});
export type TriggerRunsInput = z.infer<typeof TriggerRunsInput>;

export const TestTriggerInput = TriggerRef.extend({
  /** The event payload to test with; a sample built from the trigger type's payload schema when omitted. */
  payload: JsonObject.optional(),
});
export type TestTriggerInput = z.infer<typeof TestTriggerInput>;

const Slug = z.string().trim().min(1, { error: "Choose an app." }).max(200);

export const TriggerTypesInput = z.object({
  toolkit: Slug,
  cursor: z.string().max(500).nullish(),
  limit: z.int().min(1).max(100).optional(),
});
export type TriggerTypesInput = z.infer<typeof TriggerTypesInput>;

export const TriggerTypeInput = z.object({ slug: z.string().trim().min(1, { error: "Choose an event." }).max(200) });
export type TriggerTypeInput = z.infer<typeof TriggerTypeInput>;

export const ConnectedAccountsInput = z.object({ toolkit: Slug });
export type ConnectedAccountsInput = z.infer<typeof ConnectedAccountsInput>;

import { z } from "zod";
import { Action } from "./action";
import { AgentId, Description, IsoDateTime, JsonObject, Name, TriggerId } from "./common";
import { Filters } from "./filters";
import { RunSummary } from "./run";

export const TriggerSource = z.object({
  toolkit: z.string({ error: "Choose an app." }).trim().min(1, { error: "Choose an app." }).max(100),
  triggerSlug: z.string({ error: "Choose an event." }).trim().min(1, { error: "Choose an event." }).max(200),
  connectedAccountId: z.string().trim().min(1, { error: "Choose a connected account." }).max(200).optional(),
  config: JsonObject.default({}),
});
export type TriggerSource = z.infer<typeof TriggerSource>;

export const TriggerState = z.object({
  lastFiredAt: IsoDateTime.optional(),
  lastRun: RunSummary.optional(),
  firedCount: z.int().nonnegative().default(0),
  filteredCount: z.int().nonnegative().default(0),
  duplicateCount: z.int().nonnegative().default(0),
  consecutiveFailures: z.int().nonnegative().default(0),
  pausedReason: z.string().optional(),
  /** Set when Composio reports the trigger disabled or its connected account expired. */
  connectionError: z.string().optional(),
});
export type TriggerState = z.infer<typeof TriggerState>;

export const Trigger = z.object({
  id: TriggerId,
  name: Name,
  description: Description.optional(),
  source: TriggerSource,
  filters: Filters.optional(),
  action: Action,
  enabled: z.boolean(),
  revision: z.int().positive(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  composioTriggerId: z.string().optional(),
  state: TriggerState,
});
export type Trigger = z.infer<typeof Trigger>;

/** The user-editable fields of a trigger, as a form holds them. */
export const TriggerFields = z.object({
  name: Name,
  description: Description.optional(),
  source: TriggerSource,
  filters: Filters.optional(),
  action: Action,
  enabled: z.boolean().optional(),
});
export type TriggerFields = z.infer<typeof TriggerFields>;

export const CreateTriggerInput = TriggerFields.extend({ agentId: AgentId });
export type CreateTriggerInput = z.infer<typeof CreateTriggerInput>;

export const UpdateTriggerInput = TriggerFields.partial().extend({
  agentId: AgentId,
  triggerId: TriggerId,
  expectedRevision: z.int({ error: "The revision you edited is required." }).positive(),
});
export type UpdateTriggerInput = z.infer<typeof UpdateTriggerInput>;

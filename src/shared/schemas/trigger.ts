import { z } from "zod";
import { Action } from "./action";
import { AgentId, Description, IsoDateTime, Name, TriggerId } from "./common";
import { composioName } from "./composio-name";
import { Filters } from "./filters";
import { MAX_JSON_BYTES, safeJsonObject } from "./json";
import { RunSummary } from "./run";

export const TriggerSource = z.object({
  toolkit: composioName({ required: "Choose an app.", invalid: "This is not an app name" }, 100),
  triggerSlug: composioName({ required: "Choose an event.", invalid: "This is not an event name" }, 200),
  connectedAccountId: composioName({ required: "Choose a connected account.", invalid: "This is not a connected account id" }, 200).optional(),
  config: safeJsonObject({ label: "The trigger configuration", maxBytes: MAX_JSON_BYTES }).default({}),
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
  /** Who created it (a user id). */
  createdBy: z.string().min(1).max(200).optional(),
  /** Who last changed it: the user its runs act for. */
  updatedBy: z.string().min(1).max(200).optional(),
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

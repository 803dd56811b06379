import { z } from "zod";
import { Action } from "./action";
import { PausedBy } from "./bulk";
import { AgentId, Description, IsoDateTime, Name, TriggerId } from "./common";
import { composioName } from "./composio-name";
import { Filters } from "./filters";
import { MAX_JSON_BYTES, safeJsonObject } from "./json";
import { RunSummary } from "./run";
import { WatchEpisode } from "./watch-state";

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
  /** When the latest deliveries the filters left out arrived, newest first (at most MAX_RECENT_FILTERED): "2 filtered" today. */
  recentFiltered: z.array(IsoDateTime).max(50).optional(),
  duplicateCount: z.int().nonnegative().default(0),
  consecutiveFailures: z.int().nonnegative().default(0),
  pausedReason: z.string().optional(),
  /** Set while the trigger is paused by the agent's "Pause all": "Resume all" resumes exactly the triggers marked so. */
  pausedBy: PausedBy.optional(),
  /** Set when Composio reports the trigger disabled or its connected account expired. */
  connectionError: z.string().optional(),
  /** The open notification episode (`onRunFailed` … `onRecovered`), kept so each fires once per episode. */
  watch: WatchEpisode.optional(),
});
export type TriggerState = z.infer<typeof TriggerState>;

/** Filtered deliveries a trigger remembers the time of (its card counts today's). */
export const MAX_RECENT_FILTERED = 50;

/** A Composio instance id (what `composioTriggerId` holds). */
const ComposioInstanceId = z.string().min(1).max(200);

/**
 * Set while Composio is not known to agree with a trigger: its instance's create answered too late or not at all
 * (`create`: the instance for `source` is still to be made — an upsert, so asking again finds one made late), or
 * instances of its earlier sources are still to be deleted (`orphans`). The planner retries in the background.
 */
export const TriggerSync = z.object({
  create: z.boolean(),
  orphans: z.array(ComposioInstanceId).max(20),
  since: IsoDateTime,
  attempts: z.int().nonnegative(),
  nextAttemptAt: IsoDateTime,
  lastError: z.string().max(500).optional(),
});
export type TriggerSync = z.infer<typeof TriggerSync>;

/**
 * A Composio instance of a deleted trigger still to delete: its delete failed (`composioTriggerId`), or its create
 * was never confirmed (`unconfirmed`: the instance, if Composio made it late, is found by asking again as that user
 * — an upsert — and then deleted). The background sync retries until Composio agrees.
 */
export const ComposioOrphan = z.object({
  composioTriggerId: ComposioInstanceId.optional(),
  unconfirmed: z.object({ triggerId: TriggerId, userId: z.string().min(1).max(200), source: TriggerSource }).optional(),
  since: IsoDateTime,
  attempts: z.int().nonnegative(),
  nextAttemptAt: IsoDateTime,
  lastError: z.string().max(500).optional(),
});
export type ComposioOrphan = z.infer<typeof ComposioOrphan>;

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
  /** Present while the planner is bringing Composio in step with this trigger ("syncing with Composio"). */
  sync: TriggerSync.optional(),
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

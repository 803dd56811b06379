import { z } from "zod";
import { AgentId, IsoDateTime, JobId, TriggerId } from "./common";
import { RunOwner } from "./run";

/** The longest value an edit log keeps of one field (longer ones are cut and end with "…"). */
export const MAX_EDIT_VALUE_LENGTH = 500;
/** Changed fields one entry keeps at most. */
export const MAX_EDIT_CHANGES = 30;
/** Entries kept per job or trigger (the oldest beyond it are dropped). */
export const EDIT_LOG_LIMIT = 100;
/** Entries kept per agent, of every job and trigger together (deleted ones included). */
export const AGENT_EDIT_LOG_LIMIT = 2000;

/** What an edit did to its job or trigger. */
export const EditAction = z.enum(["created", "updated", "paused", "resumed", "deleted"]);
export type EditAction = z.infer<typeof EditAction>;

/** Who made an edit: the user id, and the display name when the host's `auth` gave one. */
export const EditActor = z.object({ userId: z.string().min(1).max(500), name: z.string().min(1).max(200).optional() });
export type EditActor = z.infer<typeof EditActor>;

const EditValue = z.string().max(MAX_EDIT_VALUE_LENGTH + 1);

/**
 * One changed field: its path (`name`, `schedule.cron`, `action.template`, `filters`, `enabled`, …), the value
 * before and after as text (strings as they are, anything else as JSON; cut at {@link MAX_EDIT_VALUE_LENGTH}).
 * A field that was absent before (or is absent after) has no `before` (or `after`).
 */
export const EditChange = z.object({
  field: z.string().min(1).max(200),
  before: EditValue.optional(),
  after: EditValue.optional(),
});
export type EditChange = z.infer<typeof EditChange>;

/** One entry of a job's or trigger's edit log. */
export const EditEntry = z.object({
  agentId: AgentId,
  owner: RunOwner,
  /** The job's or trigger's name when it was edited (a deleted one keeps it). */
  ownerName: z.string().max(MAX_EDIT_VALUE_LENGTH + 1),
  at: IsoDateTime,
  actor: EditActor,
  action: EditAction,
  changes: z.array(EditChange).max(MAX_EDIT_CHANGES),
});
export type EditEntry = z.infer<typeof EditEntry>;

/** `history.edits`: the edit log of one job or trigger, newest first, cursor-paged. */
export const EditsInput = z.object({
  agentId: AgentId,
  owner: z.discriminatedUnion("kind", [z.object({ kind: z.literal("job"), id: JobId }), z.object({ kind: z.literal("trigger"), id: TriggerId })], {
    error: "Say whose edit log: { kind: \"job\" | \"trigger\", id }.",
  }),
  cursor: z.string().regex(/^[0-9]{1,15}$/, { error: "This is not a page of the edit log." }).nullish(),
  limit: z.int().min(1, { error: "Ask for at least 1 entry." }).max(100, { error: "Ask for at most 100 entries." }).optional(),
});
export type EditsInput = z.infer<typeof EditsInput>;

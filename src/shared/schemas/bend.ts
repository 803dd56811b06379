import { z } from "zod";
import { AgentId, IsoDateTime, JobId } from "./common";

/** The most pending overrides (skips and moves) a job keeps; past ones are pruned when a new one is written. */
export const MAX_JOB_OVERRIDES = 20;
/** How far a moved run may be from the occurrence it replaces. */
export const MAX_MOVE_MS = 30 * 24 * 60 * 60_000;
/** How far ahead a job may be snoozed. */
export const MAX_SNOOZE_MS = 366 * 24 * 60 * 60_000;

const UserId = z.string().min(1).max(200);
const UserName = z.string().min(1).max(200);

/**
 * One occurrence someone bent: `skip` does not run it, `move` runs it once at `to` instead. Tied to the schedule
 * revision it was made for: an edited schedule leaves it without effect.
 */
export const JobOverride = z.object({
  occurrence: IsoDateTime,
  action: z.enum(["skip", "move"]),
  to: IsoDateTime.optional(),
  /** Who bent it (a user id) and the name the host's `auth` gave, when it gave one. */
  by: UserId,
  byName: UserName.optional(),
  at: IsoDateTime,
  scheduleRevision: z.int().positive(),
});
export type JobOverride = z.infer<typeof JobOverride>;

/** The job does not run until `until`: occurrences before it are skipped (and recorded). */
export const JobSnooze = z.object({ until: IsoDateTime, by: UserId, byName: UserName.optional(), at: IsoDateTime });
export type JobSnooze = z.infer<typeof JobSnooze>;

const Occurrence = IsoDateTime;

export const SkipOccurrenceInput = z.object({ agentId: AgentId, jobId: JobId, occurrence: Occurrence });
export type SkipOccurrenceInput = z.infer<typeof SkipOccurrenceInput>;

export const MoveOccurrenceInput = z.object({ agentId: AgentId, jobId: JobId, occurrence: Occurrence, to: IsoDateTime });
export type MoveOccurrenceInput = z.infer<typeof MoveOccurrenceInput>;

export const ClearOverrideInput = z.object({ agentId: AgentId, jobId: JobId, occurrence: Occurrence });
export type ClearOverrideInput = z.infer<typeof ClearOverrideInput>;

/** `until: null` ends the snooze. */
export const SnoozeJobInput = z.object({ agentId: AgentId, jobId: JobId, until: IsoDateTime.nullable() });
export type SnoozeJobInput = z.infer<typeof SnoozeJobInput>;

export const JobNextRunsInput = z.object({
  agentId: AgentId,
  jobId: JobId,
  count: z.int().min(1, { error: "Ask for at least 1 run." }).max(20, { error: "Ask for at most 20 runs." }).optional(),
});
export type JobNextRunsInput = z.infer<typeof JobNextRunsInput>;

/** What to do with the occurrences a paused job missed: run the latest once now, or skip them all (recorded). */
export const MissedOnResume = z.enum(["runOnce", "skip"]);
export type MissedOnResume = z.infer<typeof MissedOnResume>;

export const ResumeJobInput = z.object({ agentId: AgentId, jobId: JobId, missed: MissedOnResume.optional() });
export type ResumeJobInput = z.infer<typeof ResumeJobInput>;

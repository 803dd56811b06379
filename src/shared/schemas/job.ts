import { z } from "zod";
import { Action } from "./action";
import { JobOverride, JobSnooze, MAX_JOB_OVERRIDES } from "./bend";
import { PausedBy } from "./bulk";
import { AgentId, Description, IsoDateTime, JobId, Name } from "./common";
import { MAX_JSON_BYTES, findJsonProblem, safeRecord } from "./json";
import { RunSummary } from "./run";
import { Schedule, ScheduleFields } from "./schedule";
import { WatchEpisode } from "./watch-state";

/** Variables every job template can use; a job's own variables may not reuse these names. */
export const JOB_BUILTIN_VARIABLES = [
  "date",
  "time",
  "dateTime",
  "dayOfWeek",
  "timeOfDay",
  "timezone",
  "scheduledFor",
  "jobName",
  "agentName",
] as const;

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const JobVariables = safeRecord(
  z
    .record(
      z.string().regex(VARIABLE_NAME, { error: "A variable name must start with a letter or _ and contain only letters, digits and _." }).max(64),
      z.string().max(2000, { error: "A variable value must be at most 2,000 characters." }),
    )
    .superRefine((variables, ctx) => {
      const names = Object.keys(variables);
      if (names.length > 50) ctx.addIssue({ code: "custom", message: "At most 50 variables." });
      for (const name of names) {
        if ((JOB_BUILTIN_VARIABLES as readonly string[]).includes(name)) {
          ctx.addIssue({ code: "custom", path: [name], message: `"${name}" is a built-in variable; choose another name.` });
        }
      }
      const tooLarge = findJsonProblem(variables, { maxBytes: MAX_JSON_BYTES }, "The variable list");
      if (tooLarge) ctx.addIssue({ code: "custom", message: tooLarge.message });
    }),
);
export type JobVariables = z.infer<typeof JobVariables>;

export const MisfirePolicy = z.enum(["runOnce", "skip", "runAll"]);
export type MisfirePolicy = z.infer<typeof MisfirePolicy>;
export const OverlapPolicy = z.enum(["skip", "allow"]);
export type OverlapPolicy = z.infer<typeof OverlapPolicy>;

export const JobPolicy = z.object({
  /** What to do with occurrences missed while the scheduler was down. */
  misfire: MisfirePolicy.default("runOnce"),
  /** Whether a run may start while the previous one is still running. */
  overlap: OverlapPolicy.default("skip"),
});
export type JobPolicy = z.infer<typeof JobPolicy>;

export const JobState = z.object({
  nextRunAt: IsoDateTime.optional(),
  lastRunAt: IsoDateTime.optional(),
  lastRun: RunSummary.optional(),
  consecutiveFailures: z.int().nonnegative().default(0),
  pausedReason: z.string().optional(),
  /** Set while the job is paused by the agent's "Pause all": "Resume all" resumes exactly the jobs marked so. */
  pausedBy: PausedBy.optional(),
  /**
   * Grows when the schedule (cron or timezone) changes; a run dispatched for an older schedule revision
   * is skipped as "rescheduled".
   */
  scheduleRevision: z.int().positive().default(1),
  /** Occurrences skipped or moved by hand (see `JobOverride`), at most `MAX_JOB_OVERRIDES`. */
  overrides: z.array(JobOverride).max(MAX_JOB_OVERRIDES).optional(),
  /** Set while the job is snoozed: occurrences before `snooze.until` are skipped. */
  snooze: JobSnooze.optional(),
  /** When the job was paused (its missed occurrences are counted from here on resume). */
  pausedAt: IsoDateTime.optional(),
  /** The open notification episode (`onRunFailed` … `onRecovered`), kept so each fires once per episode. */
  watch: WatchEpisode.optional(),
});
export type JobState = z.infer<typeof JobState>;

export const Job = z.object({
  id: JobId,
  name: Name,
  description: Description.optional(),
  schedule: ScheduleFields,
  action: Action,
  variables: JobVariables.optional(),
  policy: JobPolicy,
  enabled: z.boolean(),
  revision: z.int().positive(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  /** Who created it (a user id). */
  createdBy: z.string().min(1).max(200).optional(),
  /** Who last changed it: the user its runs act for. */
  updatedBy: z.string().min(1).max(200).optional(),
  state: JobState,
});
export type Job = z.infer<typeof Job>;

/** The user-editable fields of a job, as a form holds them. */
export const JobFields = z.object({
  name: Name,
  description: Description.optional(),
  schedule: Schedule,
  action: Action,
  variables: JobVariables.optional(),
  policy: JobPolicy.optional(),
  enabled: z.boolean().optional(),
});
export type JobFields = z.infer<typeof JobFields>;

export const CreateJobInput = JobFields.extend({ agentId: AgentId });
export type CreateJobInput = z.infer<typeof CreateJobInput>;

export const UpdateJobInput = JobFields.partial().extend({
  agentId: AgentId,
  jobId: JobId,
  /** The `revision` the editor loaded; a newer stored revision means someone else saved first. */
  expectedRevision: z.int({ error: "The revision you edited is required." }).positive(),
});
export type UpdateJobInput = z.infer<typeof UpdateJobInput>;

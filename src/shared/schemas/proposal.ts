import { z } from "zod";
import { Action } from "./action";
import { AgentId, Description, ID_PREFIXES, IsoDateTime, JobId, Name } from "./common";
import { JobFields, JobPolicy, JobVariables } from "./job";
import { ScheduleFields } from "./schedule";

/** `prp_…`: a job the agent proposed, waiting for a person to approve or reject it. */
export const ProposalId = z
  .string({ error: "A proposal id is required." })
  .regex(new RegExp(`^${ID_PREFIXES.proposal}[A-Za-z0-9_-]{6,64}$`), { error: `This is not a valid proposal id (it should start with "${ID_PREFIXES.proposal}").` });
export type ProposalId = z.infer<typeof ProposalId>;

/** The most pending proposals an agent keeps; an agent proposing more is told to wait for answers. */
export const MAX_PROPOSALS_PER_AGENT = 20;

/** Who the agent was talking to: a user id as the host knows it. */
const UserId = z.string().min(1).max(200);
/** The host's chat (thread) id the proposal came from. */
const ChatId = z.string().trim().min(1).max(200, { error: "A chat id must be at most 200 characters." });
const Reason = z.string().trim().max(500, { error: "The reason must be at most 500 characters." });

/** The job a proposal creates when approved, as it was proposed (the fields of `jobs.create` but `enabled`). */
export const ProposedJobFields = JobFields.omit({ enabled: true });
export type ProposedJobFields = z.infer<typeof ProposedJobFields>;

/** The stored shape of a proposed job: like `Job`, its schedule is not re-validated against tz data on every read. */
const StoredProposedJob = z.object({
  name: Name,
  description: Description.optional(),
  schedule: ScheduleFields,
  action: Action,
  variables: JobVariables.optional(),
  policy: JobPolicy.optional(),
});

/**
 * A job the agent proposed (through `plannerTools`), kept apart from the agent's jobs until a person approves it:
 * the engine never sees it, so it cannot run. Approving creates the job (acting for `userId`, or for the approver
 * when they edited it first); rejecting drops it.
 *
 * `kind: "reminder"` is a one-time reminder at `runAt`. Until the schedule has one-time runs, approving one creates a
 * job whose cron names that date and time (minute, hour, day, month), so it would come back a year later: the job
 * is created with a description saying so, and the host (or the person) deletes it after it ran.
 */
export const Proposal = z.object({
  id: ProposalId,
  kind: z.enum(["job", "reminder"]),
  job: StoredProposedJob,
  /** A reminder's moment (ISO UTC). */
  runAt: IsoDateTime.optional(),
  /** Why the agent proposes it, in its own words. */
  reason: Reason.optional(),
  proposedBy: z.literal("agent"),
  /** The user the agent was talking to: the job acts for this user once approved as proposed. */
  userId: UserId,
  chatId: ChatId.optional(),
  createdAt: IsoDateTime,
});
export type Proposal = z.infer<typeof Proposal>;

/** `proposals.create`: what `plannerTools`' propose tools send (as the user the agent talks to). */
export const CreateProposalInput = z.object({
  agentId: AgentId,
  kind: z.enum(["job", "reminder"]).default("job"),
  job: ProposedJobFields,
  runAt: IsoDateTime.optional(),
  reason: Reason.optional(),
  chatId: ChatId.optional(),
}).refine((input) => input.kind !== "reminder" || input.runAt !== undefined, { path: ["runAt"], error: "A reminder needs the time it comes (runAt)." });
export type CreateProposalInput = z.infer<typeof CreateProposalInput>;

export const ProposalRef = z.object({ agentId: AgentId, proposalId: ProposalId });
export type ProposalRef = z.infer<typeof ProposalRef>;

/** `proposals.approve`: with `job`, the fields as the approver edited them (the job dialog's "Approve"). */
export const ApproveProposalInput = ProposalRef.extend({ job: ProposedJobFields.optional() });
export type ApproveProposalInput = z.infer<typeof ApproveProposalInput>;

export const RejectProposalInput = ProposalRef;
export type RejectProposalInput = z.infer<typeof RejectProposalInput>;

// The tools' inputs: flat, described fields, because a model fills them in from their JSON Schemas.

const IanaZone = z.string().trim().min(1).max(100).describe('An IANA timezone, e.g. "Europe/Paris". Default: UTC.');

export const ListJobsToolInput = z.object({});
export type ListJobsToolInput = z.infer<typeof ListJobsToolInput>;

export const ProposeJobToolInput = z
  .object({
    name: Name.describe("A short name for the job, unique for this agent, e.g. \"Weekly digest\"."),
    description: Description.optional().describe("One sentence on what the job is for."),
    cron: z
      .string()
      .trim()
      .min(1, { error: "Give the schedule as a cron expression." })
      .max(200)
      .describe('When it runs: a 5-field cron expression (minute hour day-of-month month day-of-week), e.g. "0 9 * * 1" for every Monday at 9:00.'),
    timezone: IanaZone.optional(),
    prompt: z
      .string()
      .max(10_000)
      .optional()
      .describe("The message the agent receives at each run (a template: {date}, {time}, {dayOfWeek}, {jobName} are filled in). Give this or workflowId."),
    workflowId: z.string().trim().min(1).max(200).optional().describe("Run this workflow of the agent instead of a chat. Give this or prompt."),
    workflowInput: z.record(z.string(), z.unknown()).optional().describe("The workflow's input, a JSON object."),
    reason: Reason.optional().describe("Why you propose it, shown to the person who approves it."),
  })
  .superRefine((input, ctx) => {
    const hasPrompt = input.prompt !== undefined && input.prompt.trim() !== "";
    if (hasPrompt === (input.workflowId !== undefined)) ctx.addIssue({ code: "custom", path: ["prompt"], message: "Give either prompt or workflowId, not both." });
  });
export type ProposeJobToolInput = z.infer<typeof ProposeJobToolInput>;

export const ProposeReminderToolInput = z
  .object({
    message: z
      .string()
      .trim()
      .min(1, { error: "Write what the reminder should say." })
      .max(2000)
      .describe("What the reminder says in the chat when it comes, e.g. \"Call the dentist\"."),
    inMinutes: z.int().min(1).max(366 * 24 * 60).optional().describe("Remind this many minutes from now (2 hours: 120). Give this or at."),
    at: z.iso
      .datetime({ offset: true, error: "Give at as an ISO date-time, e.g. 2026-12-24T09:00:00+01:00." })
      .optional()
      .describe("Remind at this moment, an ISO date-time with its offset, e.g. 2026-12-24T09:00:00+01:00. Give this or inMinutes."),
    timezone: IanaZone.optional(),
  })
  .superRefine((input, ctx) => {
    if ((input.inMinutes === undefined) === (input.at === undefined)) ctx.addIssue({ code: "custom", path: ["at"], message: "Give either inMinutes or at." });
  });
export type ProposeReminderToolInput = z.infer<typeof ProposeReminderToolInput>;

export const PauseJobToolInput = z.object({
  jobId: JobId.describe("The job's id, from listJobs."),
  reason: z.string().trim().max(500).optional().describe("Why it is paused, shown on its card."),
});
export type PauseJobToolInput = z.infer<typeof PauseJobToolInput>;

export const RunJobNowToolInput = z.object({ jobId: JobId.describe("The job's id, from listJobs.") });
export type RunJobNowToolInput = z.infer<typeof RunJobNowToolInput>;

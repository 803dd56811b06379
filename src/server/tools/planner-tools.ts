import { z } from "zod";
import { PlannerConfigError } from "../errors";
import { createPlannerCaller } from "../caller";
import type { Planner } from "../deps";
import type { JobView } from "../features/jobs/view";
import type { ProposalView } from "../features/proposals/view";
import { reminderCron, reminderName } from "../features/proposals/reminder";
import {
  ListJobsToolInput,
  PauseJobToolInput,
  ProposeJobToolInput,
  ProposeReminderToolInput,
  RunJobNowToolInput,
  type Action,
} from "../../shared/schemas";
import { invalidInput, refusal, type PlannerToolFailure } from "./results";

export interface PlannerToolsOptions {
  /** The result of `createPlanner`. */
  planner: Planner;
  /** The agent whose planner the tools act on. */
  agentId: string;
  /** The signed-in user the agent is talking to: every call is checked as theirs (`canAccessAgent`), like the API's. */
  userId: string;
  /** The current chat's id: a proposed reminder comes back in this chat (its thread key ends with `:<chatId>`). */
  chatId?: string | undefined;
  /** The zone schedules and reminders are read in when the model gives none (IANA). Default `"UTC"`. */
  timezone?: string | undefined;
}

/** A tool's answer: `{ ok: true, … }`, or `{ ok: false, code, error }` when the planner refused (a sentence to pass on). */
export type PlannerToolResult<T> = ({ ok: true } & T) | PlannerToolFailure;

/**
 * One tool in the Vercel AI SDK's `tool()` shape (`description`, a zod `inputSchema`, `execute`), plus its input as
 * a plain JSON Schema for other runtimes. `execute` validates its input itself, so a runtime that does not can call it.
 */
export interface PlannerTool<Input, Output> {
  description: string;
  inputSchema: z.ZodType<Input>;
  /** The input as JSON Schema (draft 2020-12), for runtimes that take one (Mastra, OpenAI, Anthropic, MCP). */
  jsonSchema: Record<string, unknown>;
  execute: (input: Input, options?: unknown) => Promise<PlannerToolResult<Output>>;
}

type JobSummary = Pick<JobView, "id" | "name" | "status" | "enabled" | "scheduleSentence"> & {
  timezone: string;
  nextRunAt: string | null;
  action: Action["type"];
};
type ProposalSummary = Pick<ProposalView, "id" | "kind" | "scheduleSentence" | "nextRuns" | "renderedPrompt" | "userId"> & { name: string; status: "pending" };

export interface PlannerTools {
  listJobs: PlannerTool<ListJobsToolInput, { jobs: JobSummary[]; proposals: ProposalSummary[] }>;
  proposeJob: PlannerTool<ProposeJobToolInput, { proposal: ProposalSummary; message: string }>;
  proposeReminder: PlannerTool<ProposeReminderToolInput, { proposal: ProposalSummary; message: string }>;
  pauseJob: PlannerTool<PauseJobToolInput, { job: JobSummary; message: string }>;
  runJobNow: PlannerTool<RunJobNowToolInput, { runId: string; message: string }>;
}

export type PlannerToolName = keyof PlannerTools;
export const PLANNER_TOOL_NAMES = ["listJobs", "proposeJob", "proposeReminder", "pauseJob", "runJobNow"] as const satisfies readonly PlannerToolName[];

const DESCRIPTIONS: Record<PlannerToolName, string> = {
  listJobs: "List this agent's scheduled jobs (id, name, status, schedule, next run) and the jobs proposed but not yet approved.",
  proposeJob:
    "Propose a recurring scheduled job (a cron schedule and the message you will receive at each run, or a workflow). It is NOT created: a person approves, edits or rejects it in the Planner tab, and it never runs before approval.",
  proposeReminder:
    "Propose a one-time reminder in this chat, in some minutes (inMinutes) or at a moment (at). A person approves it in the Planner tab before it can come.",
  pauseJob: "Pause one of this agent's scheduled jobs (by id, from listJobs). It stops running until someone resumes it.",
  runJobNow: "Run one of this agent's scheduled jobs once, now (by id, from listJobs). Its schedule does not change.",
};

const INPUTS = {
  listJobs: ListJobsToolInput,
  proposeJob: ProposeJobToolInput,
  proposeReminder: ProposeReminderToolInput,
  pauseJob: PauseJobToolInput,
  runJobNow: RunJobNowToolInput,
} as const;

/**
 * Each tool's description and input JSON Schema, without a planner: for a runtime that registers tools by schema
 * (and calls `plannerTools(...)[name].execute` with the model's arguments).
 */
export function plannerToolJsonSchemas(): Record<PlannerToolName, { description: string; inputSchema: Record<string, unknown> }> {
  return Object.fromEntries(PLANNER_TOOL_NAMES.map((name) => [name, { description: DESCRIPTIONS[name], inputSchema: toJsonSchema(INPUTS[name]) }])) as Record<
    PlannerToolName,
    { description: string; inputSchema: Record<string, unknown> }
  >;
}

function toJsonSchema(schema: z.ZodType): Record<string, unknown> {
  // "input": optional fields with defaults stay optional, which is what a model should be told.
  return z.toJSONSchema(schema, { io: "input", unrepresentable: "any" });
}

function jobSummary(job: JobView): JobSummary {
  return {
    id: job.id,
    name: job.name,
    status: job.status,
    enabled: job.enabled,
    scheduleSentence: job.scheduleSentence,
    timezone: job.schedule.timezone,
    nextRunAt: job.state.nextRunAt ?? null,
    action: job.action.type,
  };
}

function proposalSummary(proposal: ProposalView): ProposalSummary {
  const { id, kind, scheduleSentence, nextRuns, renderedPrompt, userId } = proposal;
  return { id, kind, name: proposal.job.name, status: "pending", scheduleSentence, nextRuns, renderedPrompt, userId };
}

const PENDING_MESSAGE = "It is waiting for approval in the Planner tab and will not run before someone approves it.";

/**
 * Tool definitions for the host's agent runtime, acting on one agent's planner as one user. Register the result as
 * is with the Vercel AI SDK (each tool has its `tool()` shape: `description`, a zod `inputSchema`, `execute`); other
 * runtimes take each tool's `jsonSchema` (or {@link plannerToolJsonSchemas}) and call `execute`.
 *
 * Proposals are never jobs until a person approves them (Approve, Edit, Reject on the pending card); pausing and
 * running now act at once. Every call goes through the planner's API as `userId`, with the same access checks, and
 * answers `{ ok: false, code, error }` with a sentence when the planner refuses.
 *
 * @example
 * ```ts
 * import { streamText } from "ai";
 * import { plannerTools } from "agent-planner/tools";
 *
 * const result = streamText({ model, messages, tools: plannerTools({ planner, agentId, userId, chatId }) });
 * ```
 */
export function plannerTools(options: PlannerToolsOptions): PlannerTools {
  const { planner, agentId, userId, chatId } = options ?? ({} as PlannerToolsOptions);
  if (!planner?.deps) throw new PlannerConfigError("plannerTools: `planner` is required (the result of createPlanner).");
  if (typeof agentId !== "string" || agentId === "") throw new PlannerConfigError("plannerTools: `agentId` is required.");
  const caller = createPlannerCaller(planner, { userId });
  const timezone = options.timezone ?? "UTC";

  function define<Name extends PlannerToolName>(name: Name, run: (input: z.infer<(typeof INPUTS)[Name]>) => Promise<unknown>): PlannerTools[Name] {
    const schema = INPUTS[name];
    return {
      description: DESCRIPTIONS[name],
      inputSchema: schema,
      jsonSchema: toJsonSchema(schema),
      async execute(input: unknown) {
        const parsed = schema.safeParse(input ?? {});
        if (!parsed.success) return invalidInput(parsed.error);
        try {
          return await run(parsed.data as z.infer<(typeof INPUTS)[Name]>);
        } catch (error) {
          return refusal(error);
        }
      },
    } as unknown as PlannerTools[Name];
  }

  async function propose(input: Parameters<typeof caller.proposals.create>[0]) {
    const proposal = proposalSummary(await caller.proposals.create(input));
    return { ok: true as const, proposal, message: `Proposed "${proposal.name}". ${PENDING_MESSAGE}` };
  }

  return {
    listJobs: define("listJobs", async () => {
      const [jobs, proposals] = await Promise.all([caller.jobs.list({ agentId }), caller.proposals.list({ agentId })]);
      return { ok: true, jobs: jobs.map(jobSummary), proposals: proposals.map(proposalSummary) };
    }),
    proposeJob: define("proposeJob", (input) => {
      const action: Action = input.workflowId
        ? { type: "workflow", workflowId: input.workflowId, input: { mode: "static", value: (input.workflowInput ?? {}) as Record<string, never> } }
        : { type: "chat", template: input.prompt ?? "" };
      return propose({
        agentId,
        kind: "job",
        job: {
          name: input.name,
          ...(input.description ? { description: input.description } : {}),
          schedule: { cron: input.cron, timezone: input.timezone ?? timezone },
          action,
        },
        ...(input.reason ? { reason: input.reason } : {}),
        ...(chatId ? { chatId } : {}),
      });
    }),
    proposeReminder: define("proposeReminder", (input) => {
      const zone = input.timezone ?? timezone;
      const runAt = input.at ? new Date(input.at) : new Date(planner.deps.clock().getTime() + (input.inMinutes ?? 0) * 60_000);
      // Whole minutes: the schedule's resolution. "In 2 hours" at 10:00:40 comes at 12:00.
      runAt.setUTCSeconds(0, 0);
      const when = runAt.toISOString();
      return propose({
        agentId,
        kind: "reminder",
        runAt: when,
        job: {
          name: reminderName(input.message),
          description: `A one-time reminder for ${when}.`,
          // A one-time schedule: it runs at `when` and then is done. The cron names the same minute, for hosts and
          // views that read only the cron.
          schedule: { kind: "once", at: when, cron: reminderCron(when, zone), timezone: zone },
          action: { type: "chat", template: input.message, ...(chatId ? { thread: { keyPath: "chatId" } } : {}) },
          ...(chatId ? { variables: { chatId } } : {}),
        },
        ...(chatId ? { chatId } : {}),
      });
    }),
    pauseJob: define("pauseJob", async (input) => {
      const job = await caller.jobs.pause({ agentId, jobId: input.jobId, ...(input.reason ? { reason: input.reason } : {}) });
      return { ok: true, job: jobSummary(job), message: `Paused "${job.name}".` };
    }),
    runJobNow: define("runJobNow", async (input) => {
      const { runId } = await caller.jobs.runNow({ agentId, jobId: input.jobId });
      return { ok: true, runId, message: "The job is running now; its result shows in its run history." };
    }),
  };
}

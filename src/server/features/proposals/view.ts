import { describeSchedule, nextRuns } from "../../../shared/cron";
import type { PlannerConfig, Proposal } from "../../../shared/schemas";
import { renderTemplate } from "../../../shared/template";
import { jobVariables } from "../../../shared/variables";
import { NotFoundError } from "../../errors";

/** How many upcoming runs a proposal card shows. */
export const PROPOSAL_NEXT_RUNS = 3;

/** A proposal as the API returns it: what the pending card shows beside the stored proposal. */
export type ProposalView = Proposal & {
  /** The schedule in English words (a card says common schedules in the viewer's locale, see `scheduleSentence`). */
  scheduleSentence: string;
  /** The next runs once approved (ISO UTC): a reminder's one moment, or the schedule's next few. */
  nextRuns: string[];
  /** The first run's message, rendered as a run would render it; `null` for a workflow. */
  renderedPrompt: string | null;
};

/** The view of one proposal at `now`; `agentName` fills `{agentName}` in the rendered prompt. */
export function toProposalView(proposal: Proposal, now: Date, agentName: string, locale: string | undefined): ProposalView {
  const { schedule, action } = proposal.job;
  const runs = proposal.kind === "reminder" && proposal.runAt ? [proposal.runAt] : safeNextRuns(schedule, now);
  let renderedPrompt: string | null = null;
  if (action.type === "chat") {
    const scheduledFor = new Date(runs[0] ?? now.toISOString());
    try {
      renderedPrompt = renderTemplate(action.template, jobVariables({ job: proposal.job, agent: { name: agentName }, scheduledFor, locale })).text;
    } catch {
      // A zone that tz data no longer knows: show the template as written rather than fail the whole list.
      renderedPrompt = action.template;
    }
  }
  return { ...proposal, scheduleSentence: describeSchedule(schedule.cron), nextRuns: runs, renderedPrompt };
}

function safeNextRuns(schedule: { cron: string; timezone: string }, now: Date): string[] {
  try {
    return nextRuns(schedule.cron, schedule.timezone, { from: now, count: PROPOSAL_NEXT_RUNS }).map((at) => at.toISOString());
  } catch {
    return [];
  }
}

export function findProposal(planner: PlannerConfig, proposalId: string): Proposal {
  const proposal = planner.proposals?.find((p) => p.id === proposalId);
  if (!proposal) throw new NotFoundError("This proposal is no longer pending: it was approved or rejected already.");
  return proposal;
}

/** The planner without one proposal (the list is dropped when it empties). */
export function withoutProposal(planner: PlannerConfig, proposalId: string): PlannerConfig {
  const proposals = (planner.proposals ?? []).filter((p) => p.id !== proposalId);
  const { proposals: _dropped, ...rest } = planner;
  return proposals.length ? { ...rest, proposals } : rest;
}

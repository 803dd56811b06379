import { nextRunAfter } from "../../../shared/cron";
import { MAX_PROPOSALS_PER_AGENT, type CreateProposalInput, type Proposal } from "../../../shared/schemas";
import { InvalidInputError } from "../../errors";
import { newId } from "../../ids";
import { assertSchedule } from "../jobs/schedule";
import { assertUniqueName } from "../names";
import type { ProposalsContext } from "./context";
import { agentNameOf } from "./agent-name";
import { findProposal, toProposalView, type ProposalView } from "./view";

/**
 * Stores a job the agent proposes, pending approval, as the signed-in user (the one the agent talks to). It is
 * checked as `jobs.create` would check it (schedule, limits, a name no job has), so the agent learns at once what
 * approval would refuse; it is never scheduled.
 */
export async function createProposalHandler({ ctx, input }: { ctx: ProposalsContext; input: CreateProposalInput }): Promise<ProposalView> {
  const { store, clock, limits } = ctx.deps;
  assertSchedule(input.job.schedule, limits);
  const now = clock();
  if (input.kind === "reminder" && input.runAt && Date.parse(input.runAt) <= now.getTime()) {
    throw new InvalidInputError("A reminder must come later than now.");
  }
  if (input.kind === "job" && !nextRunAfter(input.job.schedule, now)) throw new InvalidInputError("This schedule never runs again.");
  const proposal: Proposal = {
    id: newId("proposal"),
    kind: input.kind,
    job: input.job,
    ...(input.runAt ? { runAt: input.runAt } : {}),
    ...(input.reason ? { reason: input.reason } : {}),
    proposedBy: "agent",
    userId: ctx.user.userId,
    ...(input.chatId ? { chatId: input.chatId } : {}),
    createdAt: now.toISOString(),
  };
  const planner = await store.update(input.agentId, (current) => {
    const pending = current.proposals ?? [];
    if (pending.length >= MAX_PROPOSALS_PER_AGENT) {
      throw new InvalidInputError(`This agent already has ${pending.length} proposals waiting for an answer. Approve or reject some first.`);
    }
    assertUniqueName("job", proposal.job.name, current.jobs);
    return { ...current, proposals: [...pending, proposal] };
  });
  return toProposalView(findProposal(planner, proposal.id), now, await agentNameOf(ctx, input.agentId), ctx.deps.locale);
}

import { nextRunAfter } from "../../../shared/cron";
import type { ApproveProposalInput, Job, RejectProposalInput } from "../../../shared/schemas";
import { ForbiddenError, InvalidInputError } from "../../errors";
import { newId } from "../../ids";
import { assertSchedule } from "../jobs/schedule";
import { findJob, toJobView, type JobView } from "../jobs/view";
import { assertUniqueName } from "../names";
import type { ProposalsContext } from "./context";
import { findProposal, withoutProposal } from "./view";

/**
 * Turns a pending proposal into an enabled job, in one store step (of two approvals of one proposal, one wins and
 * the other answers `NOT_FOUND`). The approver's access was checked by the procedure. As proposed, the job acts for
 * the user the agent was talking to, whose access is checked again here; edited first (`input.job`), it acts for the
 * approver, like any edit. Each run checks its user's access once more (see `startRun`).
 */
export async function approveProposalHandler({ ctx, input }: { ctx: ProposalsContext; input: ApproveProposalInput }): Promise<JobView> {
  const { store, clock, limits, canAccessAgent } = ctx.deps;
  const now = clock();
  const pending = findProposal(await store.get(input.agentId), input.proposalId);
  const actingFor = input.job ? ctx.user.userId : pending.userId;
  if (actingFor !== ctx.user.userId && !(await canAccessAgent(actingFor, input.agentId))) {
    throw new ForbiddenError(`The user this job would act for (${actingFor}) no longer has access to this agent. Edit it to approve it as yours, or reject it.`);
  }
  const fields = input.job ?? pending.job;
  assertSchedule(fields.schedule, limits);
  if (!input.job && pending.kind === "reminder" && pending.runAt && Date.parse(pending.runAt) <= now.getTime()) {
    throw new InvalidInputError("This reminder's time has passed. Edit it to choose another time, or reject it.");
  }
  const nextRunAt = nextRunAfter(fields.schedule, now);
  const job: Job = {
    id: newId("job"),
    name: fields.name,
    ...(fields.description ? { description: fields.description } : {}),
    schedule: fields.schedule,
    action: fields.action,
    ...(fields.variables ? { variables: fields.variables } : {}),
    policy: fields.policy ?? { misfire: "runOnce", overlap: "skip" },
    enabled: true,
    revision: 1,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    createdBy: pending.userId,
    updatedBy: actingFor,
    state: { consecutiveFailures: 0, scheduleRevision: 1, ...(nextRunAt ? { nextRunAt } : {}) },
  };
  const planner = await store.update(input.agentId, (current) => {
    // Read again inside the step: another approval or a rejection may have come first.
    findProposal(current, input.proposalId);
    if (current.jobs.length >= limits.maxJobsPerAgent) {
      throw new InvalidInputError(`This agent already has ${current.jobs.length} scheduled jobs, the most allowed is ${limits.maxJobsPerAgent}. Delete one to approve this.`);
    }
    assertUniqueName("job", job.name, current.jobs);
    const rest = withoutProposal(current, input.proposalId);
    return { ...rest, jobs: [...rest.jobs, job] };
  });
  ctx.deps.scheduleChanged();
  return toJobView(findJob(planner, job.id), []);
}

/** Drops a pending proposal: nothing is created. */
export async function rejectProposalHandler({ ctx, input }: { ctx: ProposalsContext; input: RejectProposalInput }): Promise<{ rejected: true }> {
  await ctx.deps.store.update(input.agentId, (current) => {
    findProposal(current, input.proposalId);
    return withoutProposal(current, input.proposalId);
  });
  return { rejected: true };
}

import { AgentInput, ApproveProposalInput, CreateProposalInput, RejectProposalInput } from "../../../shared/schemas";
import { agentProcedure, router } from "../../trpc";
import { approveProposalHandler, rejectProposalHandler } from "./approve.handler";
import { agentNameOf } from "./agent-name";
import { createProposalHandler } from "./create.handler";
import { toProposalView } from "./view";

/** Jobs the agent proposed (through `plannerTools`), pending a person's Approve, Edit or Reject. */
export const proposalsRouter = router({
  list: agentProcedure.input(AgentInput).query(async ({ ctx, input }) => {
    const planner = await ctx.deps.store.get(input.agentId);
    const proposals = planner.proposals ?? [];
    if (proposals.length === 0) return [];
    const now = ctx.deps.clock();
    const agentName = await agentNameOf(ctx, input.agentId);
    return proposals.map((proposal) => toProposalView(proposal, now, agentName, ctx.deps.locale));
  }),
  create: agentProcedure.input(CreateProposalInput).mutation(createProposalHandler),
  approve: agentProcedure.input(ApproveProposalInput).mutation(approveProposalHandler),
  reject: agentProcedure.input(RejectProposalInput).mutation(rejectProposalHandler),
});

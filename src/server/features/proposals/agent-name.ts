import type { ProposalsContext } from "./context";

/** The agent's display name for `{agentName}`: the catalog's, else its id (as a run renders it). */
export async function agentNameOf(ctx: ProposalsContext, agentId: string): Promise<string> {
  try {
    return (await ctx.deps.catalog?.agent(agentId))?.name ?? agentId;
  } catch {
    return agentId;
  }
}

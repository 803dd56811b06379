import type { BulkAction, BulkApplyInput, BulkItem } from "../../../shared/schemas";
import { createCallerFactory, router } from "../../trpc";
import { jobsRouter } from "../jobs/router";
import { triggersRouter } from "../triggers/router";
import type { BulkContext } from "./context";
import { eachItem, failureOf, summarize, type BulkResult } from "./results";

/** Items acted on at once: Composio calls overlap a little, store writes stay serialised per agent anyway. */
export const BULK_CONCURRENCY = 4;

const createItemCaller = createCallerFactory(router({ jobs: jobsRouter, triggers: triggersRouter }));
type ItemCaller = ReturnType<typeof createItemCaller>;

/** One item through the procedure a click on its card would call (a trigger's "run now" is its test run). */
async function act(caller: ItemCaller, agentId: string, action: BulkAction, item: BulkItem): Promise<{ runId?: string }> {
  if (item.kind === "job") {
    const ref = { agentId, jobId: item.id };
    if (action === "pause") await caller.jobs.pause(ref);
    else if (action === "resume") await caller.jobs.resume(ref);
    else if (action === "delete") await caller.jobs.delete(ref);
    else return { runId: (await caller.jobs.runNow(ref)).runId };
    return {};
  }
  const ref = { agentId, triggerId: item.id };
  if (action === "pause") await caller.triggers.pause(ref);
  else if (action === "resume") await caller.triggers.resume(ref);
  else if (action === "delete") await caller.triggers.delete(ref);
  else return { runId: (await caller.triggers.test(ref)).runId };
  return {};
}

/**
 * Acts on each item through the same procedure as its card (its rules: Composio first for triggers, one manual
 * run at a time, the revision bump) and answers one result per item: a failure stays that item's, the others are
 * applied. The agent's access was checked once for the call, so the items' procedures are answered from that check.
 */
export async function bulkApplyHandler({ ctx, input }: { ctx: BulkContext; input: BulkApplyInput }): Promise<BulkResult> {
  const { user } = ctx;
  const canAccessAgent = ctx.deps.canAccessAgent;
  const deps = {
    ...ctx.deps,
    canAccessAgent: (userId: string, agentId: string) => (userId === user.userId && agentId === input.agentId ? true : canAccessAgent(userId, agentId)),
  };
  const caller = createItemCaller({ deps, user });
  const results = await eachItem(input.items, BULK_CONCURRENCY, async (item) => {
    try {
      return { ...item, ok: true as const, ...(await act(caller, input.agentId, input.action, item)) };
    } catch (error) {
      return failureOf(item, error, ctx.deps.logger);
    }
  });
  return summarize(results);
}

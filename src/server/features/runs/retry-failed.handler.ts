import type { RetryFailedInput } from "../../../shared/schemas";
import type { RunsContext } from "./context";
import { attentionItems, type AttentionItem } from "../../overview/attention";
import { replayRunHandler } from "./replay.handler";

/** What "Retry all failed" did for one item: replayed its failed run, or refused with a sentence. */
export type RetryFailedResult =
  | { kind: AttentionItem["kind"]; id: string; name: string; status: "retried"; runId: string; failedRunId: string }
  | { kind: AttentionItem["kind"]; id: string; name: string; status: "refused"; reason: string; failedRunId?: string | undefined };

export interface RetryFailedAnswer {
  retried: number;
  refused: number;
  results: RetryFailedResult[];
}

/** Why an item without a failed run to replay is not retried, by its cause. */
const NOTHING_TO_RETRY: Record<AttentionItem["cause"], string> = {
  connection: "Its connection is broken: reconnect the app first, then retry.",
  failure: "It has no failed run to retry.",
  timeout: "It has no failed run to retry.",
  invalidConfig: "Its configuration is invalid: edit it first, then run it again.",
  autoPaused: "It has no failed run to retry.",
  noAccess: "Its runs act for a user without access: edit and save it first.",
  overdue: "It has no failed run to retry: use Run now.",
  silent: "It has no failed run to retry: reconnect the app or send a test event.",
};

function errorText(error: unknown): string {
  return typeof error === "object" && error !== null && "message" in error && typeof error.message === "string" ? error.message : String(error);
}

/**
 * "Retry all failed": for each job or trigger that needs attention, replays its latest failed run (one per item,
 * cause `replay`, with the replay rules: one replay at a time per item, a trigger run only with its kept event). A
 * broken connection or an invalid configuration is refused with what to do first, since a replay would fail the same
 * way. One item's refusal does not stop the others; the answer says what happened to each.
 */
export async function retryFailedHandler({ ctx, input }: { ctx: RunsContext; input: RetryFailedInput }): Promise<RetryFailedAnswer> {
  const planner = await ctx.deps.store.get(input.agentId);
  const items = attentionItems(planner, ctx.deps.limits.autoPauseAfter);
  const results: RetryFailedResult[] = [];
  for (const item of items) {
    const base = { kind: item.kind, id: item.id, name: item.name };
    if (!item.failedRunId || item.cause === "connection" || item.cause === "invalidConfig" || item.cause === "noAccess") {
      results.push({ ...base, status: "refused", reason: NOTHING_TO_RETRY[item.cause], ...(item.failedRunId ? { failedRunId: item.failedRunId } : {}) });
      continue;
    }
    try {
      const { runId } = await replayRunHandler({ ctx, input: { agentId: input.agentId, runId: item.failedRunId } });
      results.push({ ...base, status: "retried", runId, failedRunId: item.failedRunId });
    } catch (error) {
      results.push({ ...base, status: "refused", reason: errorText(error), failedRunId: item.failedRunId });
    }
  }
  const retried = results.filter((result) => result.status === "retried").length;
  return { retried, refused: results.length - retried, results };
}

import type { EditsInput } from "../../../shared/schemas";
import type { EditPage } from "../../store/port";
import { findJob } from "../jobs/view";
import { findTrigger } from "../triggers/view";
import type { HistoryContext } from "./context";

/**
 * One job's or trigger's edit log, newest first: who changed what, when, and the value before. A deleted item's log
 * is still answered while it has one; an id that never had a log and does not exist is `NOT_FOUND`.
 */
export async function editsHandler({ ctx, input }: { ctx: HistoryContext; input: EditsInput }): Promise<EditPage> {
  const { store } = ctx.deps;
  const page = await store.listEdits(input.agentId, input.owner, { cursor: input.cursor ?? null, limit: input.limit ?? 20 });
  if (page.items.length === 0 && !input.cursor) {
    const planner = await store.get(input.agentId);
    if (input.owner.kind === "job") findJob(planner, input.owner.id);
    else findTrigger(planner, input.owner.id);
  }
  return page;
}

import { type ActivityListInput, type PlannerConfig, type RunOwner, runStatusList } from "../../../shared/schemas";
import type { ActivityContext } from "./context";
import { type RunView, toRunView } from "../runs/view";

/** One row of the agent's activity: a run with the name of the job or trigger it belongs to. */
export type ActivityRun = RunView & {
  /** The job's or trigger's current name; `null` when it no longer exists. */
  ownerName: string | null;
  /** The job or trigger was deleted after this run (its history is kept until it ages out). */
  ownerDeleted: boolean;
};

export interface ActivityPage {
  items: ActivityRun[];
  /** Pass it back as `cursor` (with the same filters) for older runs; `null` when there are none. */
  nextCursor: string | null;
}

function ownerNames(planner: PlannerConfig): (owner: RunOwner) => string | null {
  const names = new Map<string, string>();
  for (const job of planner.jobs) names.set(`job:${job.id}`, job.name);
  for (const trigger of planner.triggers) names.set(`trigger:${trigger.id}`, trigger.name);
  return (owner) => names.get(`${owner.kind}:${owner.id}`) ?? null;
}

/** The agent's runs across all its jobs and triggers, newest first, cursor-paged, optionally by status and kind. */
export async function listActivityHandler({ ctx, input }: { ctx: ActivityContext; input: ActivityListInput }): Promise<ActivityPage> {
  const { store } = ctx.deps;
  const options = { cursor: input.cursor ?? null, limit: input.limit ?? 20, status: runStatusList(input.status), ownerKind: input.kind };
  // Runs first: a job deleted between the two reads then shows as deleted rather than with a stale name.
  const page = await store.listAgentRuns(input.agentId, options);
  const nameOf = ownerNames(await store.get(input.agentId));
  return {
    // A deleted item's finished runs went with it (the store drops them on the delete); a run of it still in flight
    // then comes marked `ownerDeleted`, and the panel leaves it out.
    items: page.items.map((run) => {
      const ownerName = nameOf(run.owner);
      return { ...toRunView(run), ownerName, ownerDeleted: ownerName === null };
    }),
    nextCursor: page.nextCursor,
  };
}

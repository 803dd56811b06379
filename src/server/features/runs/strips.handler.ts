import type { Run, RunCause, RunOwner, RunStatus } from "../../../shared/schemas";
import type { RunsContext } from "./context";

/** How many runs a card's strip shows. */
export const RUN_STRIP_RUNS = 20;

/** A run as a card's strip and its run-now announcement need it. */
export interface StripRun {
  id: string;
  status: RunStatus;
  cause: RunCause;
  createdAt: string;
  startedAt?: string | undefined;
  finishedAt?: string | undefined;
  error?: string | undefined;
}

/** One job's or trigger's strip: its last runs, newest first. */
export interface RunStrip {
  owner: RunOwner;
  runs: StripRun[];
}

function stripRun(run: Run): StripRun {
  return {
    id: run.id,
    status: run.status,
    cause: run.cause,
    createdAt: run.createdAt,
    ...(run.startedAt ? { startedAt: run.startedAt } : {}),
    ...(run.finishedAt ? { finishedAt: run.finishedAt } : {}),
    ...(run.error ? { error: run.error } : {}),
  };
}

/**
 * The last {@link RUN_STRIP_RUNS} runs of each of the agent's jobs and triggers (in the planner's order), as an
 * array of owners rather than an object keyed by id, so no id can name a prototype key.
 */
export async function runStripsHandler({ ctx, input }: { ctx: RunsContext; input: { agentId: string } }): Promise<RunStrip[]> {
  const planner = await ctx.deps.store.get(input.agentId);
  const owners: RunOwner[] = [...planner.jobs.map((job) => ({ kind: "job" as const, id: job.id })), ...planner.triggers.map((trigger) => ({ kind: "trigger" as const, id: trigger.id }))];
  return Promise.all(
    owners.map(async (owner) => {
      const page = await ctx.deps.store.listRuns(input.agentId, owner, { cursor: null, limit: RUN_STRIP_RUNS });
      return { owner, runs: page.items.map(stripRun) };
    }),
  );
}

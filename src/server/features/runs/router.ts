import { ReplayManyInput, RetryFailedInput, RunExportInput, RunRef, RunSearchInput } from "../../../shared/schemas";
import { cancelRun } from "./requests";
import { toRunView } from "./view";
import { agentProcedure, router } from "../../trpc";
import { replayRunHandler } from "./replay.handler";
import { retryFailedHandler } from "./retry-failed.handler";
import { exportRunsHandler, replayManyHandler, searchRunsHandler } from "./search.handler";
import { runStripsHandler } from "./strips.handler";

export const runsRouter = router({
  /**
   * Cancels a queued, running or started run: a queued or started one ends `cancelled` at once; a running one's
   * executor gets its signal and the run ends `cancelled` when the worker stops it. An ended run is answered as it is.
   */
  cancel: agentProcedure.input(RunRef).mutation(async ({ ctx, input }) => {
    const run = await cancelRun(ctx.deps, input.agentId, input.runId, ctx.user.userId, ctx.deps.stopRunHere);
    return toRunView(run);
  }),
  /** Runs an ended run again with its original event (or occurrence) and the owner's current action: a new run, cause `replay`. */
  replay: agentProcedure.input(RunRef).mutation(replayRunHandler),
  /** "Retry all failed": replays the latest failed run of each item needing attention; answers per item (retried or refused, and why). */
  retryFailed: agentProcedure.input(RetryFailedInput).mutation(retryFailedHandler),
  /**
   * The agent's runs that match text (name, message or input, error, id), statuses, kinds, an owner and a date
   * range, newest first: one page at `offset` and how many match.
   */
  search: agentProcedure.input(RunSearchInput).query(searchRunsHandler),
  /** Every run that matches the same filters (the newest 10,000) as CSV or JSON text the client saves as a file. */
  export: agentProcedure.input(RunExportInput).query(exportRunsHandler),
  /** Replays several ended runs, each with the rules of `replay`, answering per run (a refusal says why). */
  replayMany: agentProcedure.input(ReplayManyInput).mutation(replayManyHandler),
  /**
   * The last 20 runs of every job and trigger of the agent, reduced to what a card's run strip shows: one query for
   * the whole panel instead of one per card.
   */
  strips: agentProcedure.query(runStripsHandler),
});

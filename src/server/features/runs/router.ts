import { RetryFailedInput, RunRef } from "../../../shared/schemas";
import { cancelRun } from "./requests";
import { toRunView } from "./view";
import { agentProcedure, router } from "../../trpc";
import { replayRunHandler } from "./replay.handler";
import { retryFailedHandler } from "./retry-failed.handler";

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
});

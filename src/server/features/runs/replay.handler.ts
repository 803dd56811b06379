import type { RunRef } from "../../../shared/schemas";
import type { RunsContext } from "./context";
import { ConflictError, InvalidInputError, NotFoundError } from "../../errors";
import { refuseWhileActive } from "../../engine/exclusive";
import { newId } from "../../ids";
import type { ManualDispatchResult } from "../../engine/types";
import { STALE_QUEUED_MS } from "../jobs/run-now.handler";

/**
 * One replay of a job or trigger at a time: while one is queued or running another is refused, checked and recorded
 * in one store step, so thirty clicks start one replay. Scheduled, event and test runs do not block a replay.
 */
const ONE_REPLAY_AT_A_TIME = { exclusive: { staleQueuedMs: STALE_QUEUED_MS, causes: ["replay" as const] } };

function refuseIfBusy(result: ManualDispatchResult): void {
  refuseWhileActive(result, (state) => `A replay is already ${state}. Wait for it to finish, then replay again.`);
}

/**
 * A new run of the same job or trigger, cause `replay`, linked to the original (`replayOf`): a trigger run with the
 * original event, a job run for the original occurrence (its date and time variables), each with the owner's current
 * action. Replays run even while the owner is paused, like "run now".
 */
export async function replayRunHandler({ ctx, input }: { ctx: RunsContext; input: RunRef }): Promise<{ runId: string }> {
  const { store, clock, manualDispatcher } = ctx.deps;
  const original = await store.getRun(input.agentId, input.runId);
  if (!original) throw new NotFoundError("No such run: it may have left the history.");
  if (original.status === "queued" || original.status === "running" || original.status === "started") {
    throw new ConflictError("This run has not ended yet. Replay it once it has.");
  }
  const runId = newId("run");
  if (original.owner.kind === "trigger") {
    const trigger = await store.getTrigger(input.agentId, original.owner.id);
    if (!trigger) throw new NotFoundError("The trigger of this run was deleted, so the run cannot be replayed.");
    if (!original.event) {
      throw new InvalidInputError("The original event of this run was not kept (it was larger than limits.maxQueuedEventBytes, or arrived before events were kept), so it cannot be replayed.");
    }
    refuseIfBusy(
      await manualDispatcher.dispatchManual(
        { kind: "trigger", request: { runId, agentId: input.agentId, triggerId: trigger.id, cause: "replay", event: original.event, replayOf: original.id } },
        ONE_REPLAY_AT_A_TIME,
      ),
    );
    return { runId };
  }
  const job = await store.getJob(input.agentId, original.owner.id);
  if (!job) throw new NotFoundError("The job of this run was deleted, so the run cannot be replayed.");
  refuseIfBusy(
    await manualDispatcher.dispatchManual(
      {
        kind: "job",
        request: {
          runId,
          agentId: input.agentId,
          jobId: job.id,
          cause: "replay",
          scheduledFor: original.scheduledFor ?? original.createdAt ?? clock().toISOString(),
          scheduleRevision: job.state.scheduleRevision,
          replayOf: original.id,
        },
      },
      ONE_REPLAY_AT_A_TIME,
    ),
  );
  return { runId };
}

import type { TestTriggerInput } from "../../../shared/schemas";
import { sampleEventData } from "../../../shared/variables";
import type { TriggersContext } from "./context";
import { refuseWhileActive } from "../../engine/exclusive";
import { newId } from "../../ids";
import { STALE_QUEUED_MS } from "../jobs/run-now.handler";
import { requireComposio } from "./composio";
import { findTrigger } from "./view";

/**
 * Runs the trigger's action now with the given payload, or a sample built from the trigger type's payload
 * schema. Recorded in the runs with cause "test"; it works while the trigger is paused and never counts
 * toward its failures. One test at a time per trigger: while a test run is queued or running another is refused
 * (`TOO_MANY_REQUESTS`), checked and recorded in one store step; event runs do not block a test. A planner whose
 * in-process driver is not running answers `PRECONDITION_FAILED` and stores nothing.
 */
export async function testTriggerHandler({ ctx, input }: { ctx: TriggersContext; input: TestTriggerInput }): Promise<{ runId: string }> {
  const gateway = requireComposio(ctx.deps);
  const trigger = findTrigger(await ctx.deps.store.get(input.agentId), input.triggerId);
  const data = input.payload ?? sampleEventData((await gateway.getTriggerType(trigger.source.triggerSlug)).payload);
  const runId = newId("run");
  const request = {
    runId,
    agentId: input.agentId,
    triggerId: trigger.id,
    cause: "test" as const,
    event: { id: `test_${runId}`, type: trigger.source.triggerSlug, source: trigger.source.toolkit, time: ctx.deps.clock().toISOString(), data },
  };
  const result = await ctx.deps.manualDispatcher.dispatchManual(
    { kind: "trigger", request },
    { exclusive: { staleQueuedMs: STALE_QUEUED_MS, causes: ["test"] } },
  );
  refuseWhileActive(result, (state) => `A test of this trigger is already ${state}. Wait for it to finish, then try again.`);
  return { runId };
}

import type { TestTriggerInput } from "../../../shared/schemas";
import { sampleEventData } from "../../../shared/variables";
import type { PlannerContext } from "../../context";
import { newId } from "../../ids";
import { requireComposio } from "../../triggers/composio";
import { findTrigger } from "../../triggers/view";

/**
 * Runs the trigger's action now with the given payload, or a sample built from the trigger type's payload
 * schema. Recorded in the runs with cause "test"; it works while the trigger is paused and never counts
 * toward its failures.
 */
export async function testTriggerHandler({ ctx, input }: { ctx: PlannerContext; input: TestTriggerInput }): Promise<{ runId: string }> {
  const gateway = requireComposio(ctx.deps);
  const trigger = findTrigger(await ctx.deps.store.get(input.agentId), input.triggerId);
  const data = input.payload ?? sampleEventData((await gateway.getTriggerType(trigger.source.triggerSlug)).payload);
  const runId = newId("run");
  await ctx.deps.dispatcher.dispatchTrigger({
    runId,
    agentId: input.agentId,
    triggerId: trigger.id,
    cause: "test",
    event: { id: `test_${runId}`, type: trigger.source.triggerSlug, source: trigger.source.toolkit, time: ctx.deps.clock().toISOString(), data },
  });
  return { runId };
}

import type { PauseTriggerInput, Trigger, TriggerRef } from "../../../shared/schemas";
import type { TriggersContext } from "./context";
import { requireComposio } from "./composio";
import { findTrigger, toTriggerView, type TriggerView } from "./view";

async function setEnabled(ctx: TriggersContext, input: TriggerRef, enabled: boolean, reason?: string): Promise<TriggerView> {
  const { store, clock } = ctx.deps;
  const gateway = requireComposio(ctx.deps);
  const trigger = findTrigger(await store.get(input.agentId), input.triggerId);
  // Composio first: if it refuses, nothing changes here either.
  if (trigger.composioTriggerId && trigger.enabled !== enabled) {
    if (enabled) await gateway.enableTrigger(trigger.composioTriggerId);
    else await gateway.disableTrigger(trigger.composioTriggerId);
  }
  const planner = await store.update(input.agentId, (p) => ({
    ...p,
    triggers: p.triggers.map((t): Trigger => {
      if (t.id !== input.triggerId) return t;
      const state = { ...t.state };
      if (enabled) {
        delete state.pausedReason;
        if (!t.enabled) state.consecutiveFailures = 0;
      } else if (reason) state.pausedReason = reason;
      else delete state.pausedReason;
      const changed = t.enabled !== enabled;
      return { ...t, enabled, revision: changed ? t.revision + 1 : t.revision, updatedAt: clock().toISOString(), state };
    }),
  }));
  return toTriggerView(findTrigger(planner, input.triggerId), await store.activeRuns(input.agentId));
}

/** Stops reacting to events: the Composio instance is disabled, deliveries that still arrive are ignored. */
export function pauseTriggerHandler({ ctx, input }: { ctx: TriggersContext; input: PauseTriggerInput }): Promise<TriggerView> {
  return setEnabled(ctx, input, false, input.reason);
}

export function resumeTriggerHandler({ ctx, input }: { ctx: TriggersContext; input: TriggerRef }): Promise<TriggerView> {
  return setEnabled(ctx, input, true);
}

/**
 * Removes the trigger, then its Composio instance (one already gone at Composio is fine). The store goes
 * first: if Composio cannot be reached, an orphaned instance only delivers events we answer "ignored".
 */
export async function deleteTriggerHandler({ ctx, input }: { ctx: TriggersContext; input: TriggerRef }): Promise<{ deleted: true }> {
  const gateway = requireComposio(ctx.deps);
  let composioTriggerId: string | undefined;
  await ctx.deps.store.update(input.agentId, (p) => {
    composioTriggerId = findTrigger(p, input.triggerId).composioTriggerId;
    return { ...p, triggers: p.triggers.filter((t) => t.id !== input.triggerId) };
  });
  if (composioTriggerId) {
    const id = composioTriggerId;
    await gateway.deleteTrigger(id).catch((error: unknown) => {
      ctx.deps.logger.warn("planner: the trigger was deleted but its Composio instance could not be", { composioTriggerId: id, error: String(error) });
    });
  }
  return { deleted: true };
}

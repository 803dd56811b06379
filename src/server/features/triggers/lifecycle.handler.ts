import type { PausedBy, PauseTriggerInput, Trigger, TriggerRef } from "../../../shared/schemas";
import type { FeatureContext } from "../../context";
import type { TriggersContext } from "./context";
import { addLateCreate, deleteOrRecordOrphan } from "./sync";
import { requireComposio } from "./composio";
import { findTrigger, toTriggerView, type TriggerView } from "./view";

export interface SetEnabledOptions {
  /** Why it was paused (shown on the card). */
  reason?: string | undefined;
  /** Marks a pause made by "Pause all"; any other pause or resume drops the mark. */
  pausedBy?: PausedBy | undefined;
  /** Acts only on a trigger for which this holds, checked before Composio and again in the store step. */
  when?: ((trigger: Trigger) => boolean) | undefined;
}

/** Enables or disables a trigger at Composio, then in the store; returns its view. */
export async function setTriggerEnabled(ctx: FeatureContext<"store" | "clock" | "composio">, input: TriggerRef, enabled: boolean, options: SetEnabledOptions = {}): Promise<TriggerView> {
  const { store, clock } = ctx.deps;
  const gateway = requireComposio(ctx.deps);
  const trigger = findTrigger(await store.get(input.agentId), input.triggerId);
  if (options.when && !options.when(trigger)) return toTriggerView(trigger, await store.activeRuns(input.agentId));
  // Composio first: if it refuses, nothing changes here either.
  if (trigger.composioTriggerId && trigger.enabled !== enabled) {
    if (enabled) await gateway.enableTrigger(trigger.composioTriggerId);
    else await gateway.disableTrigger(trigger.composioTriggerId);
  }
  const planner = await store.update(input.agentId, (p) => ({
    ...p,
    triggers: p.triggers.map((t): Trigger => {
      if (t.id !== input.triggerId) return t;
      // Changed meanwhile (paused or resumed by someone else): theirs stands.
      if (options.when && !options.when(t)) return t;
      const state = { ...t.state };
      if (enabled) {
        delete state.pausedReason;
        if (!t.enabled) state.consecutiveFailures = 0;
      } else if (options.reason) state.pausedReason = options.reason;
      else delete state.pausedReason;
      if (!enabled && options.pausedBy) state.pausedBy = options.pausedBy;
      else delete state.pausedBy;
      const changed = t.enabled !== enabled;
      return { ...t, enabled, revision: changed ? t.revision + 1 : t.revision, updatedAt: clock().toISOString(), state };
    }),
  }));
  return toTriggerView(findTrigger(planner, input.triggerId), await store.activeRuns(input.agentId));
}

/** Stops reacting to events: the Composio instance is disabled, deliveries that still arrive are ignored. */
export function pauseTriggerHandler({ ctx, input }: { ctx: TriggersContext; input: PauseTriggerInput }): Promise<TriggerView> {
  return setTriggerEnabled(ctx, input, false, { reason: input.reason });
}

export function resumeTriggerHandler({ ctx, input }: { ctx: TriggersContext; input: TriggerRef }): Promise<TriggerView> {
  return setTriggerEnabled(ctx, input, true);
}

/**
 * Removes the trigger, then its Composio instance (one already gone at Composio is fine). The store goes
 * first; an instance Composio could not delete is recorded and deleted by the background sync until Composio
 * agrees, so nothing is left polling a user's account for a trigger we no longer have.
 */
export async function deleteTriggerHandler({ ctx, input }: { ctx: TriggersContext; input: TriggerRef }): Promise<{ deleted: true }> {
  requireComposio(ctx.deps);
  let instances: string[] = [];
  await ctx.deps.store.update(input.agentId, (p) => {
    const trigger = findTrigger(p, input.triggerId);
    // Its instance, and any its sync still had to delete (an instance made late for it is found by the sync).
    instances = [...(trigger.composioTriggerId ? [trigger.composioTriggerId] : []), ...(trigger.sync?.orphans ?? [])];
    const rest = { ...p, triggers: p.triggers.filter((t) => t.id !== input.triggerId) };
    // A create still unconfirmed: ask again once, in the background, so a late instance is found and deleted.
    return trigger.sync?.create ? addLateCreate(rest, trigger, ctx.deps.clock()) : rest;
  });
  for (const id of instances) await deleteOrRecordOrphan(ctx.deps, input.agentId, id);
  return { deleted: true };
}

import type { CreateTriggerInput, Trigger } from "../../../shared/schemas";
import type { TriggersContext } from "./context";
import { ConflictError, InvalidInputError } from "../../errors";
import { newId } from "../../ids";
import { assertUniqueName } from "../names";
import { requireComposio } from "./composio";
import { createSourceInstance } from "./source";
import { assertWorkflowInput } from "./workflow-input";
import { pendingCreate } from "./sync";
import { findTrigger, toTriggerView, type TriggerView } from "./view";

type Ctx = TriggersContext;

function assertRoomForTrigger(count: number, max: number): void {
  if (count >= max) throw new InvalidInputError(`This agent already has ${count} triggers, the most allowed is ${max}. Delete one to add another.`);
}

/**
 * Validates the source against Composio's catalog, creates the Composio trigger instance, then stores the
 * trigger. If storing fails the instance is deleted again, so Composio is never left with an orphan. When
 * Composio's answer to the create is lost (a timeout, a 5xx) the instance may exist all the same: the trigger is
 * stored "syncing with Composio" and the background sync asks again (an upsert) until it has the instance.
 */
/** A new trigger whose Composio instance is still to be confirmed: stored with `sync.create`, shown "syncing". */
async function storeSyncing(ctx: Ctx, input: CreateTriggerInput, source: Trigger["source"], error: unknown): Promise<TriggerView> {
  const { store, clock, limits } = ctx.deps;
  const now = clock();
  const trigger: Trigger = {
    ...newTrigger(ctx, input, source, now),
    sync: pendingCreate(now, error),
  };
  const planner = await store.update(input.agentId, (p) => {
    assertRoomForTrigger(p.triggers.length, limits.maxTriggersPerAgent);
    assertUniqueName("trigger", trigger.name, p.triggers);
    return { ...p, triggers: [...p.triggers, trigger] };
  });
  return toTriggerView(findTrigger(planner, trigger.id), []);
}

function newTrigger(ctx: Ctx, input: CreateTriggerInput, source: Trigger["source"], now: Date): Trigger {
  return {
    id: newId("trigger"),
    name: input.name,
    ...(input.description ? { description: input.description } : {}),
    source,
    ...(input.filters ? { filters: input.filters } : {}),
    action: input.action,
    enabled: input.enabled ?? true,
    revision: 1,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    createdBy: ctx.user.userId,
    updatedBy: ctx.user.userId,
    state: { firedCount: 0, filteredCount: 0, duplicateCount: 0, consecutiveFailures: 0 },
  };
}

export async function createTriggerHandler({ ctx, input }: { ctx: Ctx; input: CreateTriggerInput }): Promise<TriggerView> {
  const { store, clock, limits, logger } = ctx.deps;
  const gateway = requireComposio(ctx.deps);
  const current = await store.get(input.agentId);
  assertRoomForTrigger(current.triggers.length, limits.maxTriggersPerAgent);
  assertUniqueName("trigger", input.name, current.triggers);
  await assertWorkflowInput(ctx, gateway, input.agentId, input.action, input.source);
  const instance = await createSourceInstance(gateway, ctx.user.userId, input.source);
  if (instance.kind === "unknown") {
    logger.warn("planner: Composio's answer to a trigger create was lost; the trigger is kept and synced in the background", { error: String(instance.error) });
    return storeSyncing(ctx, input, instance.source, instance.error);
  }
  const composioTriggerId = instance.triggerId;
  // Composio upserts: the same user, event, account and settings give the same instance, which can only route
  // to one of our triggers. That instance is the other trigger's, so it is not deleted here.
  const duplicate = await store.findTriggerByComposioId(composioTriggerId);
  if (duplicate) {
    throw new ConflictError(`"${duplicate.trigger.name}" already listens to this event with the same account and settings. Edit it instead of adding another.`);
  }

  const enabled = input.enabled ?? true;
  const trigger: Trigger = { ...newTrigger(ctx, input, instance.source, clock()), composioTriggerId };
  // Composio upserts: when another of our triggers got the same instance meanwhile, it is not ours to delete.
  let sharedInstance = false;
  try {
    if (!enabled) await gateway.disableTrigger(composioTriggerId);
    const planner = await store.update(input.agentId, (p) => {
      // Checked again inside the atomic update: another create may have landed meanwhile.
      assertRoomForTrigger(p.triggers.length, limits.maxTriggersPerAgent);
      if (p.triggers.some((t) => t.composioTriggerId === composioTriggerId)) {
        sharedInstance = true;
        throw new ConflictError("Another trigger with the same event, account and settings was just added.");
      }
      assertUniqueName("trigger", trigger.name, p.triggers);
      return { ...p, triggers: [...p.triggers, trigger] };
    });
    return toTriggerView(findTrigger(planner, trigger.id), []);
  } catch (error) {
    if (sharedInstance) throw error;
    await gateway.deleteTrigger(composioTriggerId).catch((cleanupError: unknown) => {
      logger.error("planner: could not delete the Composio trigger instance after a failed create", { composioTriggerId, error: String(cleanupError) });
    });
    throw error;
  }
}

import type { Trigger, TriggerSync, UpdateTriggerInput } from "../../../shared/schemas";
import type { TriggersContext } from "./context";
import { ConflictError } from "../../errors";
import { assertUniqueName } from "../names";
import { requireComposio } from "./composio";
import { findTrigger, toTriggerView, type TriggerView } from "./view";
import { addLateCreate, pendingCreate, sameSource, withOrphans } from "./sync";
import { createSourceInstance } from "./source";
import { assertWorkflowInput } from "./workflow-input";

type Ctx = TriggersContext;

const STALE = "Someone else changed this trigger after you opened it. Reload to see their changes, then edit again.";

/**
 * Applies an edit. A new source (app, event, account or settings) gets a new Composio instance, created before
 * the store update and the old one deleted after it; enabling or disabling switches the instance on or off.
 */
export async function updateTriggerHandler({ ctx, input }: { ctx: Ctx; input: UpdateTriggerInput }): Promise<TriggerView> {
  const { store, clock, logger } = ctx.deps;
  const gateway = requireComposio(ctx.deps);
  const before = await store.get(input.agentId);
  const existing = findTrigger(before, input.triggerId);
  if (existing.revision !== input.expectedRevision) throw new ConflictError(STALE);
  if (input.name !== undefined) assertUniqueName("trigger", input.name, before.triggers, existing.id);

  // A changed action or event is checked against the workflow's required inputs; an untouched one keeps saving.
  const nextAction = input.action ?? existing.action;
  const nextSource = input.source ?? existing.source;
  if (JSON.stringify(nextAction) !== JSON.stringify(existing.action) || nextSource.triggerSlug !== existing.source.triggerSlug) {
    await assertWorkflowInput(ctx, gateway, input.agentId, nextAction, nextSource);
  }

  let source = existing.source;
  let composioTriggerId = existing.composioTriggerId;
  let created: string | null = null;
  let pending: TriggerSync | null = null;
  if (input.source && !sameSource(input.source, existing.source)) {
    const instance = await createSourceInstance(gateway, ctx.user.userId, input.source);
    source = instance.source;
    if (instance.kind === "unknown") {
      // Composio's answer was lost: the edit is kept, the new instance is confirmed (and the old one deleted) by the
      // background sync; the trigger shows "syncing with Composio" meanwhile.
      logger.warn("planner: Composio's answer to a trigger edit was lost; the edit is kept and synced in the background", { error: String(instance.error) });
      pending = pendingCreate(clock(), instance.error, existing.composioTriggerId ? [existing.composioTriggerId] : []);
      composioTriggerId = undefined;
    } else if (instance.triggerId !== existing.composioTriggerId) {
      const owner = await store.findTriggerByComposioId(instance.triggerId);
      if (owner) {
        throw new ConflictError(`"${owner.trigger.name}" already listens to this event with the same account and settings.`);
      }
      composioTriggerId = instance.triggerId;
      created = instance.triggerId;
    }
  }
  const enabled = input.enabled ?? existing.enabled;

  let updated: Trigger;
  try {
    if (composioTriggerId && (created || enabled !== existing.enabled)) {
      if (enabled) await gateway.enableTrigger(composioTriggerId);
      else await gateway.disableTrigger(composioTriggerId);
    }
    const planner = await store.update(input.agentId, (p) => {
      const trigger = findTrigger(p, input.triggerId);
      if (trigger.revision !== input.expectedRevision) throw new ConflictError(STALE);
      if (input.name !== undefined) assertUniqueName("trigger", input.name, p.triggers, trigger.id);
      let next: Trigger = {
        ...trigger,
        name: input.name ?? trigger.name,
        source,
        action: input.action ?? trigger.action,
        enabled,
        revision: trigger.revision + 1,
        updatedAt: clock().toISOString(),
        updatedBy: ctx.user.userId,
        ...(composioTriggerId ? { composioTriggerId } : {}),
        state: { ...trigger.state },
      };
      if (pending) {
        delete next.composioTriggerId;
        // What the sync still had to delete stays to delete, with the replaced instance.
        next.sync = { ...pending, orphans: [...new Set([...(trigger.sync?.orphans ?? []), ...pending.orphans])].slice(-20) };
      } else if (created && trigger.sync?.create) {
        // A confirmed new instance settles a create the sync was still waiting for; an instance Composio may have
        // made late for the older source is looked up and deleted by the sync (addLateCreate below).
        const { sync: _settled, ...rest } = next;
        next = trigger.sync.orphans.length > 0 ? { ...rest, sync: { ...trigger.sync, create: false } } : rest;
      }
      if (input.description !== undefined) {
        if (input.description) next.description = input.description;
        else delete next.description;
      }
      if (input.filters !== undefined) next.filters = input.filters;
      // A new instance (or a reconnected account) starts without the old connection problem.
      if (created) delete next.state.connectionError;
      // An enabled trigger carries no "Pause all" mark (an edit that keeps it paused keeps the mark).
      if (enabled) delete next.state.pausedBy;
      if (enabled && !trigger.enabled) {
        delete next.state.pausedReason;
        next.state.consecutiveFailures = 0;
      }
      const saved = { ...p, triggers: p.triggers.map((t) => (t.id === trigger.id ? next : t)) };
      return created && trigger.sync?.create ? addLateCreate(saved, trigger, clock()) : saved;
    });
    updated = findTrigger(planner, input.triggerId);
  } catch (error) {
    if (created) {
      await gateway.deleteTrigger(created).catch((e: unknown) => logger.error("planner: could not delete a new Composio instance after a failed update", { error: String(e) }));
    }
    throw error;
  }
  if (created && existing.composioTriggerId) {
    const replaced = existing.composioTriggerId;
    await gateway.deleteTrigger(replaced).catch(async (e: unknown) => {
      logger.warn("planner: could not delete the replaced Composio instance; retrying in the background", { error: String(e) });
      const planner = await store.update(input.agentId, (p) => ({ ...p, triggers: p.triggers.map((t) => (t.id === updated.id ? withOrphans(t, [replaced], clock(), e) : t)) }));
      updated = findTrigger(planner, input.triggerId);
    });
  }
  return toTriggerView(updated, await store.activeRuns(input.agentId));
}

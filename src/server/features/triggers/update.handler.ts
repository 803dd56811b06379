import type { Trigger, TriggerSource, UpdateTriggerInput } from "../../../shared/schemas";
import type { TriggersContext } from "./context";
import { ConflictError, InvalidInputError } from "../../errors";
import { requireComposio } from "./composio";
import { validateTriggerConfig } from "./config";
import { findTrigger, toTriggerView, type TriggerView } from "./view";

type Ctx = TriggersContext;

function sameSource(a: TriggerSource, b: TriggerSource): boolean {
  return a.toolkit === b.toolkit && a.triggerSlug === b.triggerSlug && a.connectedAccountId === b.connectedAccountId && JSON.stringify(a.config) === JSON.stringify(b.config);
}

const STALE = "Someone else changed this trigger after you opened it. Reload to see their changes, then edit again.";

/**
 * Applies an edit. A new source (app, event, account or settings) gets a new Composio instance, created before
 * the store update and the old one deleted after it; enabling or disabling switches the instance on or off.
 */
export async function updateTriggerHandler({ ctx, input }: { ctx: Ctx; input: UpdateTriggerInput }): Promise<TriggerView> {
  const { store, clock, logger } = ctx.deps;
  const gateway = requireComposio(ctx.deps);
  const existing = findTrigger(await store.get(input.agentId), input.triggerId);
  if (existing.revision !== input.expectedRevision) throw new ConflictError(STALE);

  let source = existing.source;
  let composioTriggerId = existing.composioTriggerId;
  let created: string | null = null;
  if (input.source && !sameSource(input.source, existing.source)) {
    const type = await gateway.getTriggerType(input.source.triggerSlug);
    if (type.toolkit !== input.source.toolkit) {
      throw new InvalidInputError(`${type.name} is an event of ${type.toolkit}, not ${input.source.toolkit}.`, [{ path: "source.triggerSlug", message: "Choose an event of this app." }]);
    }
    const config = validateTriggerConfig(type.config, input.source.config);
    const instance = await gateway.createTrigger({
      userId: ctx.user.userId,
      slug: type.slug,
      ...(input.source.connectedAccountId ? { connectedAccountId: input.source.connectedAccountId } : {}),
      config,
    });
    source = { toolkit: input.source.toolkit, triggerSlug: type.slug, connectedAccountId: instance.connectedAccountId, config };
    if (instance.triggerId !== existing.composioTriggerId) {
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
      const next: Trigger = {
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
      if (input.description !== undefined) {
        if (input.description) next.description = input.description;
        else delete next.description;
      }
      if (input.filters !== undefined) next.filters = input.filters;
      // A new instance (or a reconnected account) starts without the old connection problem.
      if (created) delete next.state.connectionError;
      if (enabled && !trigger.enabled) {
        delete next.state.pausedReason;
        next.state.consecutiveFailures = 0;
      }
      return { ...p, triggers: p.triggers.map((t) => (t.id === trigger.id ? next : t)) };
    });
    updated = findTrigger(planner, input.triggerId);
  } catch (error) {
    if (created) {
      await gateway.deleteTrigger(created).catch((e: unknown) => logger.error("planner: could not delete a new Composio instance after a failed update", { error: String(e) }));
    }
    throw error;
  }
  if (created && existing.composioTriggerId) {
    await gateway.deleteTrigger(existing.composioTriggerId).catch((e: unknown) => logger.warn("planner: could not delete the replaced Composio instance", { error: String(e) }));
  }
  return toTriggerView(updated, await store.activeRuns(input.agentId));
}

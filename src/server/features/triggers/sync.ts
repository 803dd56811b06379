import type { ComposioOrphan, PlannerConfig, Trigger, TriggerSource, TriggerSync } from "../../../shared/schemas";
import type { PlannerDeps } from "../../deps";
import { errorMessage } from "../../engine/run";
import { isPlannerError } from "../../errors";
import { composioOutcomeUnknown } from "../../composio/errors";

/**
 * Keeping Composio in step with our triggers. Composio's side can drift from ours in two ways: a create (an upsert)
 * that answered too late or failed at Composio's end may have made an instance all the same, and a delete that failed
 * leaves an instance polling a user's mailbox for a trigger we no longer have. Both are recorded durably with the
 * trigger (`trigger.sync`) or the agent's planner (`composioOrphans`, for deleted triggers), and retried in the
 * background with growing pauses until Composio agrees. Meanwhile the trigger shows "syncing with Composio".
 */

/** What the background sync uses. */
export type SyncDeps = Pick<PlannerDeps, "store" | "clock" | "logger" | "composio">;

/** Pauses between attempts: 1, 2, 5, 15 minutes, then hourly. */
const PAUSES_MS = [60_000, 2 * 60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000];

function nextAttempt(now: Date, attempts: number): string {
  return new Date(now.getTime() + PAUSES_MS[Math.min(Math.max(attempts - 1, 0), PAUSES_MS.length - 1)]!).toISOString();
}

function shortError(error: unknown): string {
  const text = errorMessage(error);
  return text.length > 500 ? `${text.slice(0, 497)}...` : text;
}

/** A sync record for a trigger whose instance is still to be created (after a create or edit answered too late). */
export function pendingCreate(now: Date, error: unknown, orphans: readonly string[] = []): TriggerSync {
  return { create: true, orphans: [...orphans], since: now.toISOString(), attempts: 1, nextAttemptAt: nextAttempt(now, 1), lastError: shortError(error) };
}

/** Adds instances to delete to a trigger's sync record (a replaced instance whose delete failed). */
export function withOrphans(trigger: Trigger, ids: readonly string[], now: Date, error: unknown): Trigger {
  const sync = trigger.sync ?? { create: false, orphans: [], since: now.toISOString(), attempts: 1, nextAttemptAt: nextAttempt(now, 1) };
  const orphans = [...new Set([...sync.orphans, ...ids])].slice(-20);
  return { ...trigger, sync: { ...sync, orphans, lastError: shortError(error) } };
}

/** The key of a planner-level orphan: its instance id, or the deleted trigger's id while the instance is unknown. */
function orphanKey(orphan: ComposioOrphan): string {
  return orphan.composioTriggerId ?? `unconfirmed:${orphan.unconfirmed?.triggerId ?? ""}`;
}

function addOrphans(planner: PlannerConfig, added: ComposioOrphan[]): PlannerConfig {
  const existing = planner.composioOrphans ?? [];
  const known = new Set(existing.map(orphanKey));
  const fresh = added.filter((o) => !known.has(orphanKey(o)));
  return fresh.length === 0 ? planner : { ...planner, composioOrphans: [...existing, ...fresh].slice(-1000) };
}

/** Records instances of a deleted trigger to delete in the background (its delete failed). */
export function addPlannerOrphans(planner: PlannerConfig, ids: readonly string[], now: Date, error: unknown): PlannerConfig {
  return addOrphans(planner, ids.map((composioTriggerId) => ({ composioTriggerId, since: now.toISOString(), attempts: 1, nextAttemptAt: nextAttempt(now, 1), lastError: shortError(error) })));
}

/**
 * A deleted trigger whose create was never confirmed: Composio may have made its instance late. The sync asks again
 * (an upsert as the same user) and deletes what it finds — unless the instance belongs to another of our triggers.
 */
export function addLateCreate(planner: PlannerConfig, trigger: Trigger, now: Date): PlannerConfig {
  const userId = trigger.updatedBy ?? trigger.createdBy;
  if (!userId) return planner;
  return addOrphans(planner, [
    { unconfirmed: { triggerId: trigger.id, userId, source: trigger.source }, since: now.toISOString(), attempts: 0, nextAttemptAt: now.toISOString(), ...(trigger.sync?.lastError ? { lastError: trigger.sync.lastError } : {}) },
  ]);
}

/** Deletes an instance of a deleted trigger now, or records it for the background sync when Composio does not agree. */
export async function deleteOrRecordOrphan(deps: SyncDeps, agentId: string, composioTriggerId: string): Promise<void> {
  const gateway = deps.composio;
  if (!gateway) return;
  try {
    await gateway.deleteTrigger(composioTriggerId);
  } catch (error) {
    deps.logger.warn("planner: the trigger was deleted but its Composio instance could not be; retrying in the background", { composioTriggerId, error: errorMessage(error) });
    await deps.store.update(agentId, (p) => addPlannerOrphans(p, [composioTriggerId], deps.clock(), error));
  }
}

/** Deletes one planner-level orphan at Composio; an unconfirmed one is first found by asking again (an upsert). */
async function deleteOrphan(deps: SyncDeps, gateway: NonNullable<SyncDeps["composio"]>, orphan: ComposioOrphan): Promise<void> {
  if (orphan.composioTriggerId) return gateway.deleteTrigger(orphan.composioTriggerId);
  const late = orphan.unconfirmed;
  if (!late) return;
  let found: { triggerId: string };
  try {
    found = await gateway.createTrigger({
      userId: late.userId,
      slug: late.source.triggerSlug,
      ...(late.source.connectedAccountId ? { connectedAccountId: late.source.connectedAccountId } : {}),
      config: late.source.config,
    });
  } catch (error) {
    // Refused (the account or the event type is gone): Composio has no instance for it to keep polling.
    if (refused(error)) return;
    throw error;
  }
  // Composio upserts: the same user, event, account and settings may be another of our triggers' instance.
  if (await deps.store.findTriggerByComposioId(found.triggerId)) return;
  await gateway.deleteTrigger(found.triggerId);
}

/** Whether two sources would make the same Composio instance (same app, event, account and settings). */
export function sameSource(a: TriggerSource, b: TriggerSource): boolean {
  return a.toolkit === b.toolkit && a.triggerSlug === b.triggerSlug && a.connectedAccountId === b.connectedAccountId && JSON.stringify(a.config) === JSON.stringify(b.config);
}

/** A failure retrying cannot fix: Composio refused (no account, settings refused, the type is gone). */
function refused(error: unknown): boolean {
  return isPlannerError(error) && !composioOutcomeUnknown(error) && error.code !== "BAD_GATEWAY";
}

export interface SyncReport {
  /** Instances created (late creates confirmed). */
  created: number;
  /** Instances deleted (orphans gone). */
  deleted: number;
  /** Items still waiting for Composio. */
  pending: number;
}

/** Whether an agent's planner has anything for the sync to do. */
export function needsSync(planner: PlannerConfig): boolean {
  return (planner.composioOrphans?.length ?? 0) > 0 || planner.triggers.some((t) => t.sync);
}

/**
 * One pass of the background sync over one agent: every item whose `nextAttemptAt` has come is tried once. Each
 * outcome is written with a store update that looks at the trigger as it is then (an edit or delete made meanwhile
 * wins, and an instance made for a source that is no longer the trigger's is deleted instead).
 */
export async function syncAgent(deps: SyncDeps, agentId: string, report: SyncReport = { created: 0, deleted: 0, pending: 0 }): Promise<SyncReport> {
  const gateway = deps.composio;
  if (!gateway) return report;
  const now = deps.clock();
  const due = (at: string) => Date.parse(at) <= now.getTime();
  const planner = await deps.store.get(agentId);

  for (const orphan of planner.composioOrphans ?? []) {
    if (!due(orphan.nextAttemptAt)) {
      report.pending++;
      continue;
    }
    let failure: unknown = null;
    try {
      await deleteOrphan(deps, gateway, orphan);
      report.deleted++;
    } catch (error) {
      failure = error;
      report.pending++;
    }
    const key = orphanKey(orphan);
    await deps.store.update(agentId, (p) => {
      const rest = (p.composioOrphans ?? []).filter((o) => orphanKey(o) !== key);
      const current = (p.composioOrphans ?? []).find((o) => orphanKey(o) === key);
      if (!current) return p;
      if (failure === null) {
        const { composioOrphans: _gone, ...without } = p;
        return rest.length > 0 ? { ...p, composioOrphans: rest } : without;
      }
      const attempts = current.attempts + 1;
      return { ...p, composioOrphans: [...rest, { ...current, attempts, nextAttemptAt: nextAttempt(deps.clock(), attempts), lastError: shortError(failure) }] };
    });
  }

  for (const trigger of planner.triggers) {
    const sync = trigger.sync;
    if (!sync) continue;
    if (!due(sync.nextAttemptAt)) {
      report.pending++;
      continue;
    }
    const deleted: string[] = [];
    let failure: unknown = null;
    for (const id of sync.orphans) {
      try {
        await gateway.deleteTrigger(id);
        deleted.push(id);
        report.deleted++;
      } catch (error) {
        failure = error;
      }
    }
    let created: { triggerId: string; connectedAccountId: string } | null = null;
    let refusal: string | null = null;
    if (sync.create) {
      try {
        const userId = trigger.updatedBy ?? trigger.createdBy;
        if (!userId) throw new Error("The trigger has no user to create its Composio instance for.");
        created = await gateway.createTrigger({
          userId,
          slug: trigger.source.triggerSlug,
          ...(trigger.source.connectedAccountId ? { connectedAccountId: trigger.source.connectedAccountId } : {}),
          config: trigger.source.config,
        });
        if (!trigger.enabled) await gateway.disableTrigger(created.triggerId);
        report.created++;
      } catch (error) {
        if (created === null && refused(error)) refusal = errorMessage(error);
        else failure = error;
      }
    }
    // The instance just made may belong to another of our triggers (Composio upserts): then it is not ours.
    const owner = created ? await deps.store.findTriggerByComposioId(created.triggerId) : null;
    const leftOver: string[] = [];
    await deps.store.update(agentId, (p) => {
      const current = p.triggers.find((t) => t.id === trigger.id);
      if (!current?.sync) {
        // Deleted (or settled) meanwhile: an instance made for it now is an orphan of the planner.
        if (created && !owner) leftOver.push(created.triggerId);
        return p;
      }
      const orphans = current.sync.orphans.filter((id) => !deleted.includes(id));
      let next: Trigger = { ...current };
      let create = current.sync.create;
      if (created && create) {
        if (owner && owner.trigger.id !== current.id) {
          next.state = { ...next.state, connectionError: `"${owner.trigger.name}" already listens to this event with the same account and settings. Edit this trigger or delete it.` };
          create = false;
        } else if (sameSource(current.source, trigger.source)) {
          next = { ...next, composioTriggerId: created.triggerId, source: { ...current.source, connectedAccountId: created.connectedAccountId } };
          create = false;
        } else {
          // Edited meanwhile to another source: this instance is for the old one, and the new one is still to make.
          orphans.push(created.triggerId);
        }
      }
      if (refusal !== null && create && sameSource(current.source, trigger.source)) {
        next.state = { ...next.state, connectionError: refusal };
        create = false;
      }
      if (!create && orphans.length === 0) {
        delete next.sync;
      } else {
        const attempts = current.sync.attempts + 1;
        const lastError = failure !== null ? shortError(failure) : current.sync.lastError;
        next.sync = { ...current.sync, create, orphans, attempts, nextAttemptAt: nextAttempt(deps.clock(), attempts), ...(lastError ? { lastError } : {}) };
      }
      return { ...p, triggers: p.triggers.map((t) => (t.id === current.id ? next : t)) };
    });
    for (const id of leftOver) await deleteOrRecordOrphan(deps, agentId, id);
    if (failure !== null) report.pending++;
    if (failure !== null) deps.logger.warn("planner: Composio is not in step with a trigger yet; retrying later", { agentId, triggerId: trigger.id, error: errorMessage(failure) });
  }
  return report;
}

/**
 * The background sync over every agent with something to do. Agents are read from the store's config (`agents()`);
 * a pass that fails for one agent goes on with the others.
 */
export async function syncComposio(deps: SyncDeps): Promise<SyncReport> {
  const report: SyncReport = { created: 0, deleted: 0, pending: 0 };
  if (!deps.composio) return report;
  for (const agentId of await deps.store.agents()) {
    try {
      if (needsSync(await deps.store.get(agentId))) await syncAgent(deps, agentId, report);
    } catch (error) {
      deps.logger.warn("planner: could not sync an agent's triggers with Composio", { agentId, error: errorMessage(error) });
    }
  }
  return report;
}

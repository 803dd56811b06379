import type { Trigger } from "../../shared/schemas";
import type { ComposioGateway } from "../composio/types";
import type { PlannerStore } from "../store/port";
import type { AttentionItem } from "./attention";

const HOUR_MS = 60 * 60_000;

/**
 * When a trigger counts as silent. It learns its usual gap from its own recent deliveries (the events that fired a
 * run and those its filters left out): silent once nothing came for `factor` times the median gap of the last
 * `sample` deliveries, and never sooner than `minimumMs`. A polling trigger that never delivered is silent
 * `firstDeliveryMs` after it was created.
 */
export const SILENCE = {
  factor: 3,
  sample: 20,
  /** Gaps are learned from at least this many deliveries. */
  minDeliveries: 3,
  minimumMs: 24 * HOUR_MS,
  firstDeliveryMs: 24 * HOUR_MS,
} as const;

export interface SilentTrigger {
  trigger: Trigger;
  /** The latest delivery; absent when it never delivered. */
  lastEventAt?: string | undefined;
  /** The median gap of its recent deliveries; absent when it never delivered. */
  usualGapMs?: number | undefined;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The trigger's recent delivery instants, newest first: its event runs, its filtered deliveries, its last fire. */
async function deliveryTimes(store: PlannerStore, agentId: string, trigger: Trigger): Promise<number[]> {
  const runs = await store.listRuns(agentId, { kind: "trigger", id: trigger.id }, { limit: 100 });
  const times = new Set<number>();
  for (const run of runs.items) if (run.cause === "event") times.add(Date.parse(run.createdAt));
  for (const at of trigger.state.recentFiltered ?? []) times.add(Date.parse(at));
  if (trigger.state.lastFiredAt) times.add(Date.parse(trigger.state.lastFiredAt));
  return [...times].filter(Number.isFinite).sort((a, b) => b - a).slice(0, SILENCE.sample);
}

const POLL_TYPE_WAIT_MS = 2_000;

/** Whether a trigger's events are polled by Composio (unknown without Composio, or when it cannot answer). */
async function isPolling(composio: ComposioGateway | undefined, slug: string): Promise<boolean> {
  if (!composio) return false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  // The overview must not wait on a slow Composio: unknown after a moment (the type is cached once it answers).
  const unknown = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), POLL_TYPE_WAIT_MS);
  });
  try {
    return await Promise.race([composio.getTriggerType(slug).then((type) => type.type === "poll"), unknown]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/** Whether deliveries at these instants (newest first) have been silent too long at `now`; with the usual gap. */
export function silenceOf(times: readonly number[], now: number): { silent: boolean; usualGapMs: number } | null {
  if (times.length < SILENCE.minDeliveries) return null;
  const gaps = times.slice(1).map((at, index) => times[index]! - at);
  const usualGapMs = median(gaps);
  return { silent: now - times[0]! > Math.max(SILENCE.factor * usualGapMs, SILENCE.minimumMs), usualGapMs };
}

/** Enabled triggers that stopped receiving events (or, polling, never received one). Computed on read. */
export async function findSilentTriggers(store: PlannerStore, agentId: string, triggers: readonly Trigger[], now: Date, composio?: ComposioGateway): Promise<SilentTrigger[]> {
  const found = await Promise.all(
    triggers.map(async (trigger): Promise<SilentTrigger | null> => {
      if (!trigger.enabled || trigger.state.connectionError) return null;
      const times = await deliveryTimes(store, agentId, trigger);
      const silence = silenceOf(times, now.getTime());
      if (silence) return silence.silent ? { trigger, lastEventAt: new Date(times[0]!).toISOString(), usualGapMs: silence.usualGapMs } : null;
      if (times.length > 0 || trigger.state.firedCount + trigger.state.filteredCount > 0) return null;
      if (now.getTime() - Date.parse(trigger.createdAt) < SILENCE.firstDeliveryMs) return null;
      return (await isPolling(composio, trigger.source.triggerSlug)) ? { trigger } : null;
    }),
  );
  return found.filter((entry): entry is SilentTrigger => entry !== null);
}

function duration(ms: number): string {
  const hours = ms / HOUR_MS;
  if (hours < 1) return `${Math.max(1, Math.round(ms / 60_000))} minutes`;
  if (hours < 48) return `${Math.round(hours)} hours`;
  return `${Math.round(hours / 24)} days`;
}

/** The attention item of a silent trigger, with the likely fixes: reconnect the account, send a test, check the filter. */
export function silentItem(entry: SilentTrigger, now: Date): AttentionItem {
  const { trigger, lastEventAt, usualGapMs } = entry;
  const reason =
    lastEventAt && usualGapMs !== undefined
      ? `No events for ${duration(now.getTime() - Date.parse(lastEventAt))}; it usually gets one every ${duration(usualGapMs)}. Reconnect the account, send a test event, or check the filter.`
      : `No events since it was created ${duration(now.getTime() - Date.parse(trigger.createdAt))} ago, and this app is polled. Reconnect the account, send a test event, or check the filter.`;
  return {
    kind: "trigger",
    id: trigger.id,
    name: trigger.name,
    toolkit: trigger.source.toolkit,
    problem: "silent",
    cause: "silent",
    reason,
    action: "reconnect",
    enabled: trigger.enabled,
    ...(lastEventAt ? { lastEventAt } : {}),
    ...(usualGapMs !== undefined ? { usualGapMs } : {}),
    fixes: ["reconnect", "sendTest", "checkFilter"],
    signature: `silent|${lastEventAt ?? trigger.createdAt}`,
  };
}

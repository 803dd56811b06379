"use client";

import type { TriggerItem } from "./types";
import { useItemActions } from "./use-item-actions";

/**
 * Pause, resume, send a test event and delete for one trigger. Pause and resume are optimistic: the list shows
 * the new state at once and goes back if the server refuses. Results are announced in the nearest `Announcer`.
 */
export function useTriggerActions(agentId: string, trigger: TriggerItem) {
  const { run, ...actions } = useItemActions(agentId, { kind: "trigger", item: trigger });
  return { ...actions, sendTest: run };
}

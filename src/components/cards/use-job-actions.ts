"use client";

import type { JobItem } from "./types";
import { useItemActions } from "./use-item-actions";

/**
 * Pause, resume, run now and delete for one job. Pause and resume are optimistic: the list shows the new
 * state at once and goes back if the server refuses. Results are announced in the nearest `Announcer`.
 */
export function useJobActions(agentId: string, job: JobItem) {
  const { run, ...actions } = useItemActions(agentId, { kind: "job", item: job });
  return { ...actions, runNow: run };
}

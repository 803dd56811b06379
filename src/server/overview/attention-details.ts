import type { RunStep } from "../../shared/schemas";
import type { PlannerStore } from "../store/port";
import type { AttentionItem } from "./attention";

/** One step of the failed run's attempts, for the banner's expandable log. */
export interface AttentionLogEntry {
  at: string;
  step: RunStep;
  attempt?: number | undefined;
  detail?: string | undefined;
}

/** An attention item with what its runs tell: the last success, the failed run's attempts and their log. */
export interface DetailedAttentionItem extends AttentionItem {
  /** When its last successful run ended; `null` when none is in its history. */
  lastSuccessAt: string | null;
  /** How many times the failed run was tried. */
  attempts?: number | undefined;
  /** The failed run's attempts with their times (calls, failed attempts, the ending). */
  log?: AttentionLogEntry[] | undefined;
}

/** The steps of a run's timeline that tell its attempts. */
const ATTEMPT_STEPS = new Set<RunStep>(["started", "executorCalled", "attemptFailed", "accepted", "completed", "failed", "cancelled", "takenOver", "resultNotRecorded"]);

/** Items past this many get no run details (the banner shows the first ones; each costs two reads). */
const MAX_DETAILED = 50;

/** Reads, for each item, its last successful run and the failed run's attempts. */
export async function withRunDetails(store: PlannerStore, agentId: string, items: AttentionItem[]): Promise<DetailedAttentionItem[]> {
  return Promise.all(
    items.map(async (item, index): Promise<DetailedAttentionItem> => {
      if (index >= MAX_DETAILED) return { ...item, lastSuccessAt: null };
      const owner = { kind: item.kind, id: item.id };
      const [successes, failedRun] = await Promise.all([
        store.listRuns(agentId, owner, { limit: 1, status: ["succeeded"] }),
        item.failedRunId ? store.getRun(agentId, item.failedRunId) : Promise.resolve(null),
      ]);
      const success = successes.items[0];
      const detailed: DetailedAttentionItem = { ...item, lastSuccessAt: success ? (success.finishedAt ?? success.createdAt) : null };
      if (failedRun) {
        detailed.attempts = failedRun.attempts;
        detailed.log = (failedRun.timeline ?? [])
          .filter((entry) => ATTEMPT_STEPS.has(entry.step))
          .map((entry) => ({ at: entry.at, step: entry.step, ...(entry.attempt ? { attempt: entry.attempt } : {}), ...(entry.detail ? { detail: entry.detail } : {}) }));
      }
      return detailed;
    }),
  );
}

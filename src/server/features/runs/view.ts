import type { Run } from "../../../shared/schemas";
import type { RunPage } from "../../store/port";

/**
 * A run as the API returns it: the stored run without what only the engine needs (the event it keeps for a
 * restart or a replay, up to `limits.maxQueuedEventBytes`, and the worker's lease), plus its duration.
 */
export type RunView = Omit<Run, "event" | "lease"> & {
  /** `finishedAt - startedAt` in milliseconds for a run that started and finished; `null` otherwise. */
  durationMs: number | null;
};

/** A run as history lists it: with its job's or trigger's name. */
export type HistoryRunView = RunView & {
  /** The job's or trigger's current name; `null` when it no longer exists. */
  ownerName: string | null;
  /** The job or trigger was deleted after this run (its history is kept until it ages out). */
  ownerDeleted: boolean;
};

/** A page of runs as the API returns it, newest first; pass `nextCursor` back for the next page (`null`: no more). */
export interface RunPageView {
  items: RunView[];
  nextCursor: string | null;
}

export function runDurationMs(run: Pick<Run, "startedAt" | "finishedAt">): number | null {
  if (!run.startedAt || !run.finishedAt) return null;
  // Clocks of two workers may disagree by a little; a duration is never negative.
  return Math.max(0, Date.parse(run.finishedAt) - Date.parse(run.startedAt));
}

export function toRunView(run: Run): RunView {
  return { ...publicRun(run), durationMs: runDurationMs(run) };
}

/** A run without its kept event and its lease: what lists, details and live changes carry. */
export function publicRun(run: Run): Omit<Run, "event" | "lease"> {
  const { event: _event, lease: _lease, ...rest } = run;
  return rest;
}

export function toRunPageView(page: RunPage): RunPageView {
  return { items: page.items.map(toRunView), nextCursor: page.nextCursor };
}

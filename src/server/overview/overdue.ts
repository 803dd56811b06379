import { jobLatestOccurrenceBetween } from "../engine/time-window";
import type { Job } from "../../shared/schemas";
import type { PlannerStore } from "../store/port";
import type { AttentionItem } from "./attention";

/**
 * How long after an occurrence a job without a run becomes overdue: the misfire grace (`limits.misfireGraceMs`,
 * 2 minutes by default), never less than 2 minutes, so a run that is merely starting is not flagged.
 */
export function overdueGraceMs(misfireGraceMs: number): number {
  return Math.max(misfireGraceMs, 2 * 60_000);
}

/** How far back an occurrence without a run is still looked for (older ones are the timeline's "missed"). */
const LOOKBACK_MS = 24 * 60 * 60_000;

/** An enabled job whose occurrence is past the grace period without a run, and since when. */
export interface OverdueJob {
  job: Job;
  /** The occurrence that has not run. */
  expectedAt: string;
}

function occurrenceRunId(jobId: string, occurrence: Date): string {
  return `${jobId}@${occurrence.toISOString()}`;
}

/**
 * Finds overdue jobs on read, from the stored schedule state and run history only, so it works when no scheduler is
 * running: a job is overdue when its `nextRunAt` is more than the grace period in the past (no scheduler claimed the
 * occurrence), or when its latest occurrence more than the grace period ago (since it was last changed) has no run
 * that started (dispatched but never run, or still queued).
 */
export async function findOverdueJobs(store: PlannerStore, agentId: string, jobs: readonly Job[], now: Date, graceMs: number): Promise<OverdueJob[]> {
  const cutoff = now.getTime() - graceMs;
  const found = await Promise.all(
    jobs.map(async (job): Promise<OverdueJob | null> => {
      if (!job.enabled) return null;
      const due = job.state.nextRunAt;
      if (due && Date.parse(due) <= cutoff) return { job, expectedAt: due };
      const since = Math.max(Date.parse(job.updatedAt), Date.parse(job.createdAt), now.getTime() - LOOKBACK_MS);
      if (since >= cutoff) return null;
      let latest: Date | null;
      try {
        // The job's own occurrences: a one-time run, its start and end dates, its run limit and its jitter (an occurrence
        // counts from its due time, so a run jitter delays is not overdue).
        latest = jobLatestOccurrenceBetween(job, new Date(since), new Date(cutoff));
      } catch {
        return null;
      }
      if (!latest) return null;
      const run = await store.getRun(agentId, occurrenceRunId(job.id, latest));
      if (run && run.status !== "queued") return null;
      return { job, expectedAt: latest.toISOString() };
    }),
  );
  return found.filter((entry): entry is OverdueJob => entry !== null);
}

function minutesAgo(at: string, now: Date): string {
  const minutes = Math.max(1, Math.round((now.getTime() - Date.parse(at)) / 60_000));
  if (minutes < 120) return minutes === 1 ? "1 minute ago" : `${minutes} minutes ago`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} hours ago` : `${Math.round(hours / 24)} days ago`;
}

/** The attention item of an overdue job: run it now; its history tells whether earlier ones ran. */
export function overdueItem(entry: OverdueJob, now: Date): AttentionItem {
  const { job, expectedAt } = entry;
  return {
    kind: "job",
    id: job.id,
    name: job.name,
    problem: "overdue",
    cause: "overdue",
    reason: `It was due ${minutesAgo(expectedAt, now)} and has not run. The scheduler may not be running (planner.start(), or the Inngest route and its cron).`,
    action: "runNow",
    enabled: job.enabled,
    expectedAt,
    signature: `overdue|${expectedAt}`,
  };
}

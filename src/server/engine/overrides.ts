import type { Job, JobOverride, Run, SkipReason } from "../../shared/schemas";
import type { PlannerDeps } from "../deps";
import { runWriteOptions } from "./run";

/**
 * "Bend one run": occurrences skipped or moved by hand and a snoozed job, as the tick applies them. Overrides made
 * for an older schedule revision have no effect (the occurrence they name may not exist any more).
 * @module
 */

/** The overrides that apply to the job's current schedule. */
export function activeOverrides(job: Job): JobOverride[] {
  return (job.state.overrides ?? []).filter((o) => o.scheduleRevision === job.state.scheduleRevision);
}

/** The override of one occurrence, if any. */
export function overrideOf(job: Job, occurrence: Date | string): JobOverride | undefined {
  const ms = typeof occurrence === "string" ? Date.parse(occurrence) : occurrence.getTime();
  return activeOverrides(job).find((o) => Date.parse(o.occurrence) === ms);
}

/** Whether the job is snoozed at `at` (an occurrence before `snooze.until`). */
export function snoozedAt(job: Job, at: Date): boolean {
  return job.state.snooze !== undefined && at.getTime() < Date.parse(job.state.snooze.until);
}

/** Who bent it, as history says it: the name the host's `auth` gave, else the user id. */
function who(entry: { by: string; byName?: string | undefined }): string {
  return entry.byName ?? entry.by;
}

/** The time of a moved run: its override's `to`. */
function movedRunTimes(job: Job, fromExclusive: Date, now: Date): Date[] {
  return activeOverrides(job)
    .filter((o) => o.action === "move" && o.to !== undefined && Date.parse(o.to) > fromExclusive.getTime() && Date.parse(o.to) <= now.getTime())
    .map((o) => new Date(o.to!));
}

export interface BentOccurrences {
  /** What to dispatch: the planned occurrences that were not bent, plus moved runs now due; ascending. */
  dispatch: Date[];
  /** The occurrences not run, as skipped runs (who and why in the warning). */
  skipped: Run[];
}

function skippedRun(agentId: string, job: Job, runId: string, at: Date, reason: SkipReason, warning: string, now: Date): Run {
  return {
    id: runId,
    agentId,
    owner: { kind: "job", id: job.id },
    cause: "schedule",
    createdAt: now.toISOString(),
    scheduledFor: at.toISOString(),
    status: "skipped",
    skipReason: reason,
    finishedAt: now.toISOString(),
    attempts: 0,
    warnings: [warning],
  };
}

/**
 * Applies the job's overrides and snooze to what the misfire policy would dispatch in `(fromExclusive, now]`:
 * a skipped occurrence is recorded as skipped ("Skipped by Ada"), a moved one as skipped at its old time ("Moved to
 * … by Ada") and dispatched at its new time, and while snoozed every occurrence is recorded as skipped (one
 * history row per occurrence, so expected-vs-actual sees each one and why).
 */
export function bendOccurrences(agentId: string, job: Job, planned: Date[], fromExclusive: Date, now: Date, runId: (at: Date) => string): BentOccurrences {
  const dispatch: Date[] = [];
  const skipped: Run[] = [];
  const snooze = job.state.snooze;
  const snoozeWarning = () => `Snoozed until ${snooze!.until} by ${who(snooze!)}.`;
  for (const occurrence of planned) {
    const override = overrideOf(job, occurrence);
    if (override?.action === "skip") skipped.push(skippedRun(agentId, job, runId(occurrence), occurrence, "skipped", `Skipped by ${who(override)}.`, now));
    else if (override?.action === "move") skipped.push(skippedRun(agentId, job, runId(occurrence), occurrence, "moved", `Moved to ${override.to} by ${who(override)}.`, now));
    else if (snoozedAt(job, occurrence)) skipped.push(skippedRun(agentId, job, runId(occurrence), occurrence, "snoozed", snoozeWarning(), now));
    else dispatch.push(occurrence);
  }
  for (const to of movedRunTimes(job, fromExclusive, now)) {
    if (snoozedAt(job, to)) skipped.push(skippedRun(agentId, job, runId(to), to, "snoozed", snoozeWarning(), now));
    else dispatch.push(to);
  }
  dispatch.sort((a, b) => a.getTime() - b.getTime());
  return { dispatch, skipped };
}

/** The job's next due instant: the schedule's next occurrence, or a moved run due before it. */
export function nextDueWithMoves(job: Job, now: Date, scheduleNext: string | undefined): string | undefined {
  let next = scheduleNext === undefined ? Number.POSITIVE_INFINITY : Date.parse(scheduleNext);
  for (const o of activeOverrides(job)) {
    if (o.action !== "move" || o.to === undefined) continue;
    const to = Date.parse(o.to);
    if (to > now.getTime() && to < next) next = to;
  }
  return Number.isFinite(next) ? new Date(next).toISOString() : undefined;
}

/** Stores the skipped runs before the tick claims the occurrence: a crash in between repeats them (same run ids). */
export async function recordBentRuns(deps: PlannerDeps, runs: readonly Run[]): Promise<void> {
  for (const run of runs) await deps.store.appendRun(run, runWriteOptions(deps));
}

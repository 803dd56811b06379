import { InvalidScheduleError } from "../../shared/cron";
import { jitteredStart, jobDueAt, jobLatestOccurrenceBetween, jobNextRunAfter, jobOccurrencesBetween } from "./time-window";
import type { JobRunRequest } from "../../shared/events";
import type { Job, Run } from "../../shared/schemas";
import type { PlannerLimits } from "../options";
import type { PlannerDeps } from "../deps";
import { runWriteOptions } from "./run";
import type { DueJob } from "../store/port";
import type { Dispatcher } from "./types";
import { bendOccurrences, nextDueWithMoves, recordBentRuns } from "./overrides";

export interface TickResult {
  /** Jobs found due. */
  due: number;
  /** Run requests dispatched. */
  dispatched: number;
  /** Occurrences not run because of the misfire policy. */
  missed: number;
}

/** The deterministic id of a job's run for one occurrence: a repeated dispatch is the same run. */
export function occurrenceRunId(jobId: string, occurrence: Date): string {
  return `${jobId}@${occurrence.toISOString()}`;
}

interface Plan {
  dispatch: Date[];
  missed: Date[];
  /** How many occurrences were left out beyond what was enumerated. */
  missedBeyond: boolean;
  /** The first occurrence after `now` when the scan found it (saves computing it again), else `undefined`. */
  after?: Date | null | undefined;
}

const OCCURRENCE_SCAN_CAP = 1000;

/** How many due jobs one tick works on at the same time. */
const TICK_CONCURRENCY = 256;

/** The due jobs with each agent's together (agents in the order they first appear), so their claims batch. */
function byAgent(due: DueJob[]): DueJob[] {
  const groups = new Map<string, DueJob[]>();
  for (const entry of due) {
    const group = groups.get(entry.agentId);
    if (group) group.push(entry);
    else groups.set(entry.agentId, [entry]);
  }
  return [...groups.values()].flat();
}

/**
 * Which of the occurrences in (from, now] to run, per the job's misfire policy; `skip` runs those within
 * `limits.misfireGraceMs`, `runAll` the latest `limits.runAllMaxRuns`.
 */
function planOccurrences(job: Job, fromExclusive: Date, now: Date, limits: PlannerLimits): Plan {
  const { occurrences, truncated, after } = jobOccurrencesBetween(job, fromExclusive, now, OCCURRENCE_SCAN_CAP);
  if (occurrences.length === 0) return { dispatch: [], missed: [], missedBeyond: false, after };
  return { ...planMisfire(job, occurrences, truncated, fromExclusive, now, limits), after };
}

function planMisfire(job: Job, occurrences: Date[], truncated: boolean, fromExclusive: Date, now: Date, limits: PlannerLimits): Plan {
  switch (job.policy.misfire) {
    case "runOnce": {
      const latest = truncated ? jobLatestOccurrenceBetween(job, fromExclusive, now) : occurrences.at(-1);
      const dispatch = latest ? [latest] : [];
      return { dispatch, missed: occurrences.filter((o) => o.getTime() !== latest?.getTime()), missedBeyond: truncated };
    }
    case "skip": {
      const graceStart = now.getTime() - limits.misfireGraceMs;
      const inGrace = (o: Date) => jobDueAt(job, o).getTime() >= graceStart;
      if (truncated) {
        const recent = jobOccurrencesBetween(job, new Date(Math.max(fromExclusive.getTime(), graceStart - 1)), now, OCCURRENCE_SCAN_CAP);
        return { dispatch: recent.occurrences.filter(inGrace), missed: occurrences, missedBeyond: true };
      }
      return { dispatch: occurrences.filter(inGrace), missed: occurrences.filter((o) => !inGrace(o)), missedBeyond: false };
    }
    case "runAll": {
      if (truncated) {
        const latest = jobLatestOccurrenceBetween(job, fromExclusive, now);
        return { dispatch: latest ? [latest] : [], missed: occurrences, missedBeyond: true };
      }
      const dispatch = occurrences.slice(-limits.runAllMaxRuns);
      return { dispatch, missed: occurrences.slice(0, -limits.runAllMaxRuns), missedBeyond: false };
    }
  }
}

function missedWarning(count: number, beyond: boolean, first: Date, last: Date): string {
  const n = beyond ? `${count} or more` : String(count);
  return `${n} earlier run${count === 1 && !beyond ? " was" : "s were"} missed between ${first.toISOString()} and ${last.toISOString()} while the scheduler was not running.`;
}

/**
 * One scheduler tick: finds due jobs, applies each job's misfire policy, dispatches run requests with
 * deterministic ids, then advances `nextRunAt` past `now`. Dispatch happens before the advance, so a
 * crash in between repeats a dispatch (absorbed by the run id) and never loses one.
 */
export async function tick(deps: PlannerDeps, dispatcher: Dispatcher, now: Date, options: { limit?: number | undefined } = {}): Promise<TickResult> {
  const result: TickResult = { due: 0, dispatched: 0, missed: 0 };
  const due = await deps.store.dueJobs(now, options.limit ?? 1000);
  // Several due jobs at once: their claims on one agent then reach the store together and are committed as one
  // write, rather than one write (and one fsync) per job. Bounded, so a dispatcher that sends over the network
  // is not asked for a thousand requests at once. Dispatches still start in the order `dueJobs` gave.
  const work = byAgent(due);
  let next = 0;
  const worker = async () => {
    while (next < work.length) {
      const entry = work[next++]!;
      try {
        const outcome = await tickJob(deps, dispatcher, entry, now);
        if (outcome) {
          result.due += 1;
          result.dispatched += outcome.dispatched;
          result.missed += outcome.missed;
        }
      } catch (error) {
        // One broken job (or agent file) must not stop every other job from running.
        deps.logger.error("planner tick: could not dispatch a due job", { agentId: entry.agentId, jobId: entry.jobId, error: String(error) });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(TICK_CONCURRENCY, work.length) }, worker));
  return result;
}

/**
 * One due job: plans its occurrences from the job `dueJobs` returned (no second read), dispatches them, then
 * claims the occurrence in one store step — advancing `nextRunAt` and recording missed occurrences — only if the
 * job is still as it was found (an edit, a pause or another scheduler's claim meanwhile wins).
 */
async function tickJob(deps: PlannerDeps, dispatcher: Dispatcher, entry: DueJob, now: Date) {
  const { agentId, job } = entry;
  const nextRunAt = job.state.nextRunAt;
  if (!job.enabled || !nextRunAt || Date.parse(nextRunAt) > now.getTime()) return null;
  const expected = { expectedNextRunAt: nextRunAt, expectedScheduleRevision: job.state.scheduleRevision };

  // nextRunAt is itself an occurrence: start the scan just before it.
  const fromExclusive = new Date(Date.parse(nextRunAt) - 1);
  let plan: Plan;
  try {
    plan = planOccurrences(job, fromExclusive, now, deps.limits);
  } catch (error) {
    // A stored schedule that no longer computes (e.g. a timezone the runtime dropped) would fail every tick.
    if (!(error instanceof InvalidScheduleError)) throw error;
    const reason = `Paused: the schedule can no longer be computed (${error.message}). Edit the schedule, then resume.`;
    deps.logger.warn("planner tick: pausing a job whose schedule cannot be computed", { agentId, jobId: job.id, reason });
    await deps.store.claimOccurrence(agentId, job.id, { ...expected, nextRunAt: null, pause: { reason, at: now.toISOString() } }, runWriteOptions(deps));
    return { dispatched: 0, missed: 0 };
  }
  const missedCount = plan.missed.length;
  const bent = bendOccurrences(agentId, job, plan.dispatch, fromExclusive, now, (at) => occurrenceRunId(job.id, at));
  await recordBentRuns(deps, bent.skipped);

  for (const occurrence of bent.dispatch) {
    const request: JobRunRequest = {
      runId: occurrenceRunId(job.id, occurrence),
      agentId,
      jobId: job.id,
      cause: "schedule",
      scheduledFor: occurrence.toISOString(),
      scheduleRevision: job.state.scheduleRevision,
      ...jitteredStart(job, occurrence),
      ...(job.policy.misfire === "runOnce" && missedCount > 0 ? { missedOccurrences: missedCount } : {}),
    };
    await dispatcher.dispatchJob(request);
  }
  const firstMissed = plan.missed[0];
  const lastMissed = plan.missed.at(-1);
  const missedRun =
    job.policy.misfire !== "runOnce" && firstMissed && lastMissed
      ? missedOccurrencesRun(agentId, job, lastMissed, missedWarning(missedCount, plan.missedBeyond, firstMissed, lastMissed), now)
      : undefined;
  const advanced = nextDueWithMoves(job, now, plan.after === undefined ? jobNextRunAfter(job, now) : plan.after?.toISOString());
  await deps.store.claimOccurrence(agentId, job.id, { ...expected, nextRunAt: advanced ?? null, ...(missedRun ? { missedRun } : {}) }, runWriteOptions(deps));
  return { dispatched: bent.dispatch.length, missed: missedCount };
}

/** The missed occurrences as one skipped run (for the latest of them), so history shows the gap. */
function missedOccurrencesRun(agentId: string, job: Job, occurrence: Date, warning: string, now: Date): Run {
  return {
    id: occurrenceRunId(job.id, occurrence),
    agentId,
    owner: { kind: "job", id: job.id },
    cause: "schedule",
    createdAt: now.toISOString(),
    scheduledFor: occurrence.toISOString(),
    status: "skipped",
    skipReason: "missed",
    finishedAt: now.toISOString(),
    attempts: 0,
    warnings: [warning],
  };
}

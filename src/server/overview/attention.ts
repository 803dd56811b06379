import type { Job, PlannerConfig, Trigger } from "../../shared/schemas";

/** What went wrong with a job or trigger. */
export type AttentionProblem = "connectionBroken" | "pausedAfterFailures" | "lastRunFailed" | "noAccess";

/** The recovery a UI offers next to an item: reconnect the app, run the job again, resume it, or look at its runs. */
export type RecoveryAction = "reconnect" | "runNow" | "resume" | "openHistory";

/** A job or trigger that needs the user: one item per job or trigger, for its most serious problem. */
export interface AttentionItem {
  kind: "job" | "trigger";
  id: string;
  name: string;
  problem: AttentionProblem;
  /** A sentence saying what happened (the connection error, the pause reason or the run's error). */
  reason: string;
  action: RecoveryAction;
}

function pausedAfterFailures(owner: Job | Trigger, autoPauseAfter: number): boolean {
  // The engine pauses with a reason once failures reach the limit; a user's pause never adds failures.
  return !owner.enabled && owner.state.pausedReason !== undefined && owner.state.consecutiveFailures >= autoPauseAfter;
}

function lastRunFailed(owner: Job | Trigger): boolean {
  return owner.enabled && owner.state.lastRun?.status === "failed";
}

/** The last run was skipped because the user it acts for lost access to the agent. */
function lostAccess(owner: Job | Trigger): boolean {
  return owner.enabled && owner.state.lastRun?.status === "skipped" && owner.state.lastRun.skipReason === "noAccess";
}

const NO_ACCESS_REASON = "Its runs act for the user who last saved it, who can no longer access this agent. Edit and save it to run it as yourself.";

function failureReason(owner: Job | Trigger): string {
  const error = owner.state.lastRun?.error;
  return error ? `The last run failed: ${error}` : "The last run failed.";
}

/** What needs the user: broken connections first, then pauses after failures, then failed last runs. */
export function attentionItems(planner: PlannerConfig, autoPauseAfter: number): AttentionItem[] {
  const broken: AttentionItem[] = [];
  const paused: AttentionItem[] = [];
  const failed: AttentionItem[] = [];
  for (const job of planner.jobs) {
    const base = { kind: "job" as const, id: job.id, name: job.name };
    if (pausedAfterFailures(job, autoPauseAfter)) {
      paused.push({ ...base, problem: "pausedAfterFailures", reason: job.state.pausedReason ?? "", action: "resume" });
    } else if (lostAccess(job)) {
      failed.push({ ...base, problem: "noAccess", reason: NO_ACCESS_REASON, action: "openHistory" });
    } else if (lastRunFailed(job)) {
      failed.push({ ...base, problem: "lastRunFailed", reason: failureReason(job), action: "runNow" });
    }
  }
  for (const trigger of planner.triggers) {
    const base = { kind: "trigger" as const, id: trigger.id, name: trigger.name };
    if (trigger.state.connectionError) {
      broken.push({ ...base, problem: "connectionBroken", reason: trigger.state.connectionError, action: "reconnect" });
    } else if (pausedAfterFailures(trigger, autoPauseAfter)) {
      paused.push({ ...base, problem: "pausedAfterFailures", reason: trigger.state.pausedReason ?? "", action: "resume" });
    } else if (lostAccess(trigger)) {
      failed.push({ ...base, problem: "noAccess", reason: NO_ACCESS_REASON, action: "openHistory" });
    } else if (lastRunFailed(trigger)) {
      // A trigger cannot be run on demand: its history shows the event and the error.
      failed.push({ ...base, problem: "lastRunFailed", reason: failureReason(trigger), action: "openHistory" });
    }
  }
  return [...broken, ...paused, ...failed];
}

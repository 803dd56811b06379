import type { Job, PlannerConfig, Trigger } from "../../shared/schemas";
import { validateTemplate } from "../../shared/template";
import { jobVariableCatalog } from "../../shared/variables";

/** What went wrong with a job or trigger. */
export type AttentionProblem = "connectionBroken" | "pausedAfterFailures" | "lastRunFailed" | "noAccess" | "invalidConfig" | "overdue" | "silent";

/**
 * The cause the banner counts and recovers by: a lost connection, a failed run, a run that timed out, a configuration
 * that cannot work (a template using an undefined variable, a workflow that no longer exists), an automatic pause after
 * repeated failures, or a user who lost access.
 */
export type AttentionCause = "connection" | "failure" | "timeout" | "invalidConfig" | "autoPaused" | "noAccess" | "overdue" | "silent";

/** The recovery a UI offers next to an item: reconnect the app, run the job again, resume it, edit it, or look at its runs. */
export type RecoveryAction = "reconnect" | "runNow" | "resume" | "openHistory" | "edit" | "sendTest";

/** A job or trigger that needs the user: one item per job or trigger, for its most serious problem. */
export interface AttentionItem {
  kind: "job" | "trigger";
  id: string;
  name: string;
  problem: AttentionProblem;
  cause: AttentionCause;
  /** A sentence saying what happened (the connection error, the pause reason or the run's error). */
  reason: string;
  action: RecoveryAction;
  /** A trigger's app (Composio toolkit slug), for the host's "connect again" link. */
  toolkit?: string | undefined;
  /** Whether the job or trigger is enabled (an auto-paused one is not). */
  enabled: boolean;
  /** When the failing run ended (or was last seen), when known. */
  at?: string | undefined;
  /** The latest failed run: what "Retry now" and "Retry all failed" replay. */
  failedRunId?: string | undefined;
  /** Template variables the job uses that are not defined (invalid config). */
  undefinedVariables?: string[] | undefined;
  /**
   * Changes whenever a new problem appears (another failed run, another connection error, another pause): a UI that
   * lets people ignore an item hides it until this changes.
   */
  signature: string;
  /** Overdue: the occurrence that has not run (ISO UTC). */
  expectedAt?: string | undefined;
  /** Silent: when the trigger last received an event (ISO UTC); absent when it never did. */
  lastEventAt?: string | undefined;
  /** Silent: the usual gap between its events (median of the recent ones), in milliseconds; absent when never delivered. */
  usualGapMs?: number | undefined;
  /** Silent: what to try, most likely first. */
  fixes?: Array<"reconnect" | "sendTest" | "checkFilter"> | undefined;
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

/** A failure that is a timeout: the executor's call or the host's report did not come in time. */
const TIMEOUT = /\b(timed? ?out|timeout|did not report the end|did not answer within|deadline exceeded)\b/i;
/** A failure that says the workflow is gone: the configuration cannot work until it is edited. */
const MISSING_WORKFLOW = /\bworkflow\b.*\b(not found|no such|does not exist|no longer exists|was deleted|unknown)\b|\b(no such|unknown) workflow\b/i;

function failureCause(owner: Job | Trigger): AttentionCause {
  const error = owner.state.lastRun?.error ?? "";
  if (MISSING_WORKFLOW.test(error)) return "invalidConfig";
  return TIMEOUT.test(error) ? "timeout" : "failure";
}

/** The templates of a job's action: the chat message, or each workflow input field. */
function jobTemplates(job: Job): string[] {
  if (job.action.type === "chat") return [job.action.template];
  const mapping = job.action.input;
  return mapping?.mode === "fields" ? Object.values(mapping.fields) : [];
}

/** The variables a job's templates use that are not defined for it (rendered as empty on every run). */
export function undefinedJobVariables(job: Job): string[] {
  const known = jobVariableCatalog(job).map((variable) => variable.name);
  const names = new Set<string>();
  for (const template of jobTemplates(job)) {
    for (const error of validateTemplate(template, known).errors) if (error.kind === "unknown" && error.name) names.add(error.name);
  }
  return [...names];
}

function invalidTemplateReason(names: string[]): string {
  const list = names.map((name) => `{${name}}`).join(", ");
  return names.length === 1
    ? `The template uses ${list}, which is not defined, so it is sent empty. Edit the template.`
    : `The template uses ${list}, which are not defined, so they are sent empty. Edit the template.`;
}

function signatureOf(owner: Job | Trigger, problem: AttentionProblem, extra = ""): string {
  return [problem, owner.state.lastRun?.runId ?? "", owner.state.consecutiveFailures, extra].join("|");
}

function lastRunFields(owner: Job | Trigger): Pick<AttentionItem, "at" | "failedRunId"> {
  const last = owner.state.lastRun;
  return { ...(last ? { at: last.at } : {}), ...(last?.status === "failed" ? { failedRunId: last.runId } : {}) };
}

/**
 * What needs the user: broken connections first, then pauses after failures, then invalid configuration, then failed
 * last runs. A job's template with undefined variables counts once the job has run (its runs send the variable empty).
 */
export function attentionItems(planner: PlannerConfig, autoPauseAfter: number): AttentionItem[] {
  const broken: AttentionItem[] = [];
  const paused: AttentionItem[] = [];
  const invalid: AttentionItem[] = [];
  const failed: AttentionItem[] = [];
  for (const job of planner.jobs) {
    const base = { kind: "job" as const, id: job.id, name: job.name, enabled: job.enabled, ...lastRunFields(job) };
    const undefinedVariables = job.enabled && job.state.lastRun ? undefinedJobVariables(job) : [];
    if (pausedAfterFailures(job, autoPauseAfter)) {
      paused.push({ ...base, problem: "pausedAfterFailures", cause: "autoPaused", reason: job.state.pausedReason ?? "", action: "resume", signature: signatureOf(job, "pausedAfterFailures", job.state.pausedReason) });
    } else if (lostAccess(job)) {
      failed.push({ ...base, problem: "noAccess", cause: "noAccess", reason: NO_ACCESS_REASON, action: "openHistory", signature: signatureOf(job, "noAccess") });
    } else if (undefinedVariables.length > 0) {
      invalid.push({ ...base, problem: "invalidConfig", cause: "invalidConfig", reason: invalidTemplateReason(undefinedVariables), action: "edit", undefinedVariables, signature: signatureOf(job, "invalidConfig", undefinedVariables.join(",")) });
    } else if (lastRunFailed(job)) {
      const cause = failureCause(job);
      failed.push({ ...base, problem: cause === "invalidConfig" ? "invalidConfig" : "lastRunFailed", cause, reason: failureReason(job), action: cause === "invalidConfig" ? "edit" : "runNow", signature: signatureOf(job, "lastRunFailed") });
    }
  }
  for (const trigger of planner.triggers) {
    const base = { kind: "trigger" as const, id: trigger.id, name: trigger.name, toolkit: trigger.source.toolkit, enabled: trigger.enabled, ...lastRunFields(trigger) };
    if (trigger.state.connectionError) {
      broken.push({ ...base, problem: "connectionBroken", cause: "connection", reason: trigger.state.connectionError, action: "reconnect", signature: signatureOf(trigger, "connectionBroken", trigger.state.connectionError) });
    } else if (pausedAfterFailures(trigger, autoPauseAfter)) {
      paused.push({ ...base, problem: "pausedAfterFailures", cause: "autoPaused", reason: trigger.state.pausedReason ?? "", action: "resume", signature: signatureOf(trigger, "pausedAfterFailures", trigger.state.pausedReason) });
    } else if (lostAccess(trigger)) {
      failed.push({ ...base, problem: "noAccess", cause: "noAccess", reason: NO_ACCESS_REASON, action: "openHistory", signature: signatureOf(trigger, "noAccess") });
    } else if (lastRunFailed(trigger)) {
      // A trigger cannot be run on demand: its failed run is replayed with its event, and its history shows the error.
      const cause = failureCause(trigger);
      failed.push({ ...base, problem: cause === "invalidConfig" ? "invalidConfig" : "lastRunFailed", cause, reason: failureReason(trigger), action: cause === "invalidConfig" ? "edit" : "openHistory", signature: signatureOf(trigger, "lastRunFailed") });
    }
  }
  return [...broken, ...paused, ...invalid, ...failed];
}

import type { RunSummary, WatchProblem } from "../../shared/schemas";

/** The job or trigger a notification is about. */
export interface NotificationItem {
  kind: "job" | "trigger";
  id: string;
  name: string;
  /** A trigger's app (Composio toolkit slug). */
  toolkit?: string | undefined;
}

/** Where a person can look: the host's planner page (`notificationLinks`) and the chat or workflow run of the last run. */
export interface NotificationLinks {
  planner?: string | undefined;
  result?: string | undefined;
}

/** What every notification carries. */
interface NotificationBase {
  agentId: string;
  item: NotificationItem;
  /** The item's last run, when it has one. */
  run?: RunSummary | undefined;
  /** When the episode started (its first problem was noticed). */
  since: string;
  /** When this notification was decided. */
  at: string;
  links: NotificationLinks;
}

/**
 * A problem began (once per episode and problem): `runFailed` (a run failed; further failed runs and retries do not
 * notify again), `autoPaused` (paused after `limits.autoPauseAfter` failures), `connectionBroken` (Composio reported
 * the trigger disabled or its account expired), `overdue` (an occurrence is past the grace period without a run).
 */
export interface ProblemNotification extends NotificationBase {
  type: WatchProblem;
  /** A sentence saying what happened (the run's error, the pause reason, the connection error). */
  reason: string;
  /** Overdue: the occurrence that has not run. */
  expectedAt?: string | undefined;
}

/** The episode ended: none of its problems is there any more (a run succeeded, resumed and healthy, reconnected, ran). */
export interface RecoveredNotification extends NotificationBase {
  type: "recovered";
  /** The problems notified during the episode. */
  problems: WatchProblem[];
  reason: string;
}

export type PlannerNotification = ProblemNotification | RecoveredNotification;

type Handler<T> = (notification: T) => void | Promise<void>;

/**
 * Tell someone (email, Slack…) when a job or trigger gets into trouble and when it recovers. Each callback fires once
 * per episode: an episode starts at the first failure, pause, broken connection or overdue occurrence of a job or
 * trigger and ends when none remains, which fires `onRecovered` once. The episode is kept in the store with the job or
 * trigger, so a restart does not fire again and of several instances sharing a store exactly one fires. A callback
 * that throws or takes longer than `notifyTimeoutMs` is logged and never affects a run.
 *
 * @example
 * ```ts
 * createPlanner({
 *   …,
 *   onRunFailed: ({ item, reason, links }) => slack.post(`${item.name} failed: ${reason} ${links.planner ?? ""}`),
 *   onRecovered: ({ item }) => slack.post(`${item.name} is healthy again`),
 *   notifyWebhook: { url: "https://ops.example.com/planner-hook", secret: process.env.PLANNER_HOOK_SECRET! },
 * });
 * ```
 */
export interface PlannerNotificationOptions {
  onRunFailed?: Handler<ProblemNotification> | undefined;
  onAutoPaused?: Handler<ProblemNotification> | undefined;
  onConnectionBroken?: Handler<ProblemNotification> | undefined;
  onOverdue?: Handler<ProblemNotification> | undefined;
  onRecovered?: Handler<RecoveredNotification> | undefined;
  /**
   * POSTs every notification as JSON to `url`, signed with `secret` (HMAC-SHA256): header
   * `x-planner-signature: t=<unix seconds>,v1=<hex HMAC of "<t>.<raw body>">`. Verify it with
   * `verifyNotificationSignature` from `agent-planner/server`.
   */
  notifyWebhook?: { url: string; secret: string } | undefined;
  /** Links put on each notification, e.g. `(agentId) => ({ planner: `https://app.example.com/agents/${agentId}/planner` })`. */
  notificationLinks?: ((agentId: string) => { planner?: string | undefined }) | undefined;
  /** How long one callback or webhook POST may take before it is abandoned and logged (default 10,000 ms). */
  notifyTimeoutMs?: number | undefined;
}

/** Watches agents for notifications: one pass per agent at a time in this process, a pass asked for meanwhile runs after it. */
export interface Watcher {
  /** Whether any callback or webhook listens. */
  readonly enabled: boolean;
  /** Checks one agent now (after a run ended, on an overview read). Never throws. */
  agent(agentId: string): Promise<void>;
  /** Checks every agent (each scheduler tick or sweep, about once a minute). Never throws. */
  all(): Promise<void>;
  /** Resolves once passes and notifications in progress are done. */
  settled(): Promise<void>;
}

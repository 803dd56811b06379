import type { PlannerConfig, Run, Trigger } from "../../../shared/schemas";
import { NotFoundError } from "../../errors";
import type { JobStatus } from "../jobs/view";

export type TriggerStatus = JobStatus;

/** A trigger as the API returns it: the stored trigger plus what the UI derives from it. */
export type TriggerView = Trigger & {
  status: TriggerStatus;
  activeRun: Pick<Run, "id" | "status" | "cause" | "startedAt" | "eventId"> | null;
};

/** paused (not enabled) · running (a run in progress) · error (connection broken or last run failed) · active. */
export function triggerStatus(trigger: Trigger, activeRun: Run | undefined): TriggerStatus {
  if (!trigger.enabled) return "paused";
  if (activeRun) return "running";
  if (trigger.state.connectionError || trigger.state.lastRun?.status === "failed" || trigger.state.consecutiveFailures > 0) return "error";
  return "active";
}

export function toTriggerView(trigger: Trigger, activeRuns: readonly Run[]): TriggerView {
  const active = activeRuns.find((run) => run.owner.kind === "trigger" && run.owner.id === trigger.id);
  return {
    ...trigger,
    status: triggerStatus(trigger, active),
    activeRun: active ? { id: active.id, status: active.status, cause: active.cause, startedAt: active.startedAt, eventId: active.eventId } : null,
  };
}

export function findTrigger(planner: PlannerConfig, triggerId: string): Trigger {
  const trigger = planner.triggers.find((t) => t.id === triggerId);
  if (!trigger) throw new NotFoundError("This trigger no longer exists. It may have been deleted.");
  return trigger;
}

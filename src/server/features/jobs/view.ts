import type { Job, PlannerConfig, Run } from "../../../shared/schemas";
import { NotFoundError } from "../../errors";

export type JobStatus = "active" | "paused" | "error" | "running";

/** A job as the API returns it: the stored job plus what the UI derives from it. */
export type JobView = Job & {
  status: JobStatus;
  /** The queued or running run, if any. */
  activeRun: Pick<Run, "id" | "status" | "cause" | "startedAt" | "scheduledFor"> | null;
};

/** paused (not enabled) · running (a run in progress) · error (last run failed) · active. */
export function jobStatus(job: Job, activeRun: Run | undefined): JobStatus {
  if (!job.enabled) return "paused";
  if (activeRun) return "running";
  if (job.state.lastRun?.status === "failed" || job.state.consecutiveFailures > 0) return "error";
  return "active";
}

export function toJobView(job: Job, activeRuns: readonly Run[]): JobView {
  const active = activeRuns.find((run) => run.owner.kind === "job" && run.owner.id === job.id);
  return {
    ...job,
    status: jobStatus(job, active),
    activeRun: active
      ? { id: active.id, status: active.status, cause: active.cause, startedAt: active.startedAt, scheduledFor: active.scheduledFor }
      : null,
  };
}

export function findJob(planner: PlannerConfig, jobId: string): Job {
  const job = planner.jobs.find((j) => j.id === jobId);
  if (!job) throw new NotFoundError("This job no longer exists. It may have been deleted.");
  return job;
}

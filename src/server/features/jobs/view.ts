import { describeSchedule } from "../../../shared/cron";
import type { Job, PlannerConfig, Run } from "../../../shared/schemas";
import { NotFoundError } from "../../errors";
import { scheduleEnded } from "./time-window";

export type JobStatus = "active" | "paused" | "error" | "running";

/** A job as the API returns it: the stored job plus what the UI derives from it. */
export type JobView = Job & {
  status: JobStatus;
  /**
   * The schedule in English words ("Every 15 minutes", "At 09:00, only on Monday"), written here so the browser
   * needs no cron library: a card says common schedules in the viewer's locale and falls back to this sentence.
   */
  scheduleSentence: string;
  /**
   * The job has no occurrence left: a one-time job that ran, or a schedule past its end date or run limit. It stays
   * enabled (not an error) and never fires again.
   */
  ended: boolean;
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
    scheduleSentence: describeSchedule(job.schedule.cron),
    ended: scheduleEnded(job),
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

import type { Job } from "../../../shared/schemas";
import type { PlannerStore } from "../../store/port";
import { findJob, toJobView, type JobView } from "./view";

/**
 * Replaces one job with `fn(job)` inside an atomic store update and returns its view.
 * `fn` may throw a domain error; then nothing changes.
 */
export async function mutateJob(store: PlannerStore, agentId: string, jobId: string, fn: (job: Job) => Job): Promise<JobView> {
  const planner = await store.update(agentId, (current) => {
    const job = findJob(current, jobId);
    const next = fn(job);
    return next === job ? current : { ...current, jobs: current.jobs.map((j) => (j.id === jobId ? next : j)) };
  });
  return toJobView(findJob(planner, jobId), await store.activeRuns(agentId));
}

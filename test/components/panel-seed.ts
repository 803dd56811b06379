import type { CreateJobInput, Job, Run, RunStatus } from "../../src/shared/schemas";
import { AGENT_ID, type PlannerHarness } from "./harness";

/** A chat job due every day at 9:00 UTC (the viewer's zone in tests). */
export function dailyJob(name: string, extra: Partial<CreateJobInput> = {}): CreateJobInput {
  return { agentId: AGENT_ID, name, schedule: { cron: "0 9 * * *", timezone: "UTC" }, action: { type: "chat", template: `Run ${name} for {date}` }, ...extra };
}

let sequence = 0;

/** Stores a finished run of a job directly (history the engine would have written). */
export async function seedRun(harness: PlannerHarness, jobId: string, status: RunStatus, createdAt: string, extra: Partial<Run> = {}): Promise<Run> {
  sequence += 1;
  const started = new Date(Date.parse(createdAt) + 1000).toISOString();
  const finished = new Date(Date.parse(createdAt) + 3000).toISOString();
  const run: Run = {
    id: `run_seed${String(sequence).padStart(6, "0")}`,
    agentId: AGENT_ID,
    owner: { kind: "job", id: jobId },
    cause: "schedule",
    createdAt,
    scheduledFor: createdAt,
    status,
    startedAt: started,
    finishedAt: finished,
    attempts: status === "failed" ? 3 : 1,
    renderedMessage: `Message ${sequence}`,
    ...(status === "failed" ? { error: "The chat service answered 503." } : { result: { threadId: `t${sequence}`, url: `/chat/t${sequence}` } }),
    ...extra,
  };
  await harness.store.appendRun(run, { historyLimit: 50 });
  return run;
}

/** Sets a job's state as the engine leaves it: after a failed run, or paused after repeated failures. */
export async function markJob(harness: PlannerHarness, jobId: string, how: "failed" | "pausedAfterFailures", run: Run): Promise<void> {
  await harness.store.update(AGENT_ID, (planner) => ({
    ...planner,
    jobs: planner.jobs.map((job): Job => {
      if (job.id !== jobId) return job;
      const lastRun = { runId: run.id, cause: run.cause, status: run.status, at: run.finishedAt ?? run.createdAt, ...(run.error ? { error: run.error } : {}) };
      if (how === "failed") return { ...job, state: { ...job.state, lastRun, consecutiveFailures: 1 } };
      const state = { ...job.state, lastRun, consecutiveFailures: 5, pausedReason: `Paused after 5 failed runs: ${run.error ?? ""}` };
      delete state.nextRunAt;
      return { ...job, enabled: false, state };
    }),
  }));
}

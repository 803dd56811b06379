import type { CreateJobInput, Job } from "../../../shared/schemas";
import type { JobsContext } from "./context";
import { InvalidInputError } from "../../errors";
import { assertUniqueName } from "../names";
import { newId } from "../../ids";
import { nextRunAfter } from "../../../shared/cron";
import { assertSchedule } from "./schedule";
import { assertTimeWindow, resolveSchedule } from "./time-window";
import { findJob, toJobView, type JobView } from "./view";

export async function createJobHandler({ ctx, input }: { ctx: JobsContext; input: CreateJobInput }): Promise<JobView> {
  const { store, clock, limits } = ctx.deps;
  const now = clock();
  const schedule = resolveSchedule(input.schedule, now);
  assertSchedule(schedule, limits);
  assertTimeWindow(schedule, now);
  const id = newId("job");
  const enabled = input.enabled ?? true;
  const job: Job = {
    id,
    name: input.name,
    ...(input.description ? { description: input.description } : {}),
    schedule,
    action: input.action,
    ...(input.variables ? { variables: input.variables } : {}),
    policy: input.policy ?? { misfire: "runOnce", overlap: "skip" },
    enabled,
    revision: 1,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    ...(ctx.user ? { createdBy: ctx.user.userId, updatedBy: ctx.user.userId } : {}),
    state: { consecutiveFailures: 0, scheduleRevision: 1, ...(enabled ? { nextRunAt: nextRunAfter(schedule, now, id) } : {}) },
  };
  const planner = await store.update(input.agentId, (current) => {
    if (current.jobs.length >= limits.maxJobsPerAgent) {
      throw new InvalidInputError(
        `This agent already has ${current.jobs.length} scheduled jobs, the most allowed is ${limits.maxJobsPerAgent}. Delete one to add another.`,
      );
    }
    assertUniqueName("job", job.name, current.jobs);
    return { ...current, jobs: [...current.jobs, job] };
  });
  ctx.deps.scheduleChanged();
  return toJobView(findJob(planner, job.id), []);
}

import { ClearOverrideInput, JobNextRunsInput, MoveOccurrenceInput, ResumeJobInput, SkipOccurrenceInput, SnoozeJobInput } from "../../../shared/schemas";
import { clearOverrideHandler, jobNextRunsHandler, moveOccurrenceHandler, skipOccurrenceHandler, snoozeJobHandler } from "../bend/bend.handler";
import { missedRunsHandler, resumeJobWithChoiceHandler } from "../bend/resume.handler";
import { CreateJobInput, JobRef, JobRunsInput, JobTimelineInput, PauseJobInput, UpdateJobInput, runStatusList } from "../../../shared/schemas";
import { findJob, toJobView } from "./view";
import { toRunPageView } from "../runs/view";
import { agentProcedure, router } from "../../trpc";
import { createJobHandler } from "./create.handler";
import { pauseJobHandler } from "./pause-resume.handler";
import { runJobNowHandler } from "./run-now.handler";
import { updateJobHandler } from "./update.handler";
import { jobTimelineHandler } from "./timeline.handler";

export const jobsRouter = router({
  list: agentProcedure.query(async ({ ctx, input }) => {
    const [planner, active] = await Promise.all([ctx.deps.store.get(input.agentId), ctx.deps.store.activeRuns(input.agentId)]);
    return planner.jobs.map((job) => toJobView(job, active));
  }),

  byId: agentProcedure.input(JobRef).query(async ({ ctx, input }) => {
    const [planner, active] = await Promise.all([ctx.deps.store.get(input.agentId), ctx.deps.store.activeRuns(input.agentId)]);
    return toJobView(findJob(planner, input.jobId), active);
  }),

  create: agentProcedure.input(CreateJobInput).mutation(createJobHandler),
  update: agentProcedure.input(UpdateJobInput).mutation(updateJobHandler),

  delete: agentProcedure.input(JobRef).mutation(async ({ ctx, input }) => {
    await ctx.deps.store.update(input.agentId, (planner) => {
      findJob(planner, input.jobId);
      return { ...planner, jobs: planner.jobs.filter((j) => j.id !== input.jobId) };
    });
    return { deleted: true as const };
  }),

  pause: agentProcedure.input(PauseJobInput).mutation(pauseJobHandler),
  resume: agentProcedure.input(ResumeJobInput).mutation(resumeJobWithChoiceHandler),
  runNow: agentProcedure.input(JobRef).mutation(runJobNowHandler),

  nextRuns: agentProcedure.input(JobNextRunsInput).query(jobNextRunsHandler),
  missedRuns: agentProcedure.input(JobRef).query(missedRunsHandler),
  skipOccurrence: agentProcedure.input(SkipOccurrenceInput).mutation(skipOccurrenceHandler),
  moveOccurrence: agentProcedure.input(MoveOccurrenceInput).mutation(moveOccurrenceHandler),
  clearOverride: agentProcedure.input(ClearOverrideInput).mutation(clearOverrideHandler),
  snooze: agentProcedure.input(SnoozeJobInput).mutation(snoozeJobHandler),
  timeline: agentProcedure.input(JobTimelineInput).query(jobTimelineHandler),

  runs: agentProcedure.input(JobRunsInput).query(async ({ ctx, input }) => {
    findJob(await ctx.deps.store.get(input.agentId), input.jobId);
    const options = { cursor: input.cursor ?? null, limit: input.limit ?? 20, status: runStatusList(input.status) };
    return toRunPageView(await ctx.deps.store.listRuns(input.agentId, { kind: "job", id: input.jobId }, options));
  }),
});

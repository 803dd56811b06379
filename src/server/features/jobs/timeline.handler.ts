import type { JobTimelineInput } from "../../../shared/schemas";
import type { FeatureContext } from "../../context";
import { overdueGraceMs } from "../../overview/overdue";
import { type JobTimeline, jobTimeline } from "../../overview/timeline";
import { findJob } from "./view";

export type { JobTimeline, OccurrenceStatus, TimelineDay, TimelineOccurrence } from "../../overview/timeline";

/** Default span of `jobs.timeline`: the 14-day strip. */
export const TIMELINE_DAYS = 14;

/** Expected vs actual: each occurrence of the job over the last days (and the next day), classified against its runs. */
export async function jobTimelineHandler({ ctx, input }: { ctx: FeatureContext<"store" | "clock" | "limits">; input: JobTimelineInput }): Promise<JobTimeline> {
  const { store, clock, limits } = ctx.deps;
  const job = findJob(await store.get(input.agentId), input.jobId);
  // History is capped per job (limits.runHistory), so every run the job still has fits in one page.
  const runs = await store.searchAgentRuns(input.agentId, { owner: { kind: "job", id: job.id }, limit: 10_000 });
  const finished = runs.items.filter((run) => run.status !== "queued" && run.status !== "running" && run.status !== "started").length;
  return jobTimeline(job, runs.items, { now: clock(), days: input.days ?? TIMELINE_DAYS, graceMs: overdueGraceMs(limits.misfireGraceMs), historyFull: finished >= limits.runHistory });
}

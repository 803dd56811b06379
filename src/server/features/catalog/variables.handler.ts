import { isValidTimezone, validateSchedule } from "../../../shared/cron";
import type { VariablesInput } from "../../../shared/schemas";
import {
  eventVariableCatalog,
  jobVariableCatalog,
  sampleEventVariables,
  sampleJobVariables,
  type SampledVariable,
} from "../../../shared/variables";
import type { CatalogContext } from "./context";
import { nextRunAfter } from "../../../shared/cron";
import { findJob } from "../jobs/view";
import { requireComposio } from "../triggers/composio";

const SAMPLE_JOB_NAME = "My job";
const SAMPLE_TRIGGER_NAME = "My trigger";

/** The agent's name as runs render it (the engine falls back to the id the same way). */
async function agentNameOf(ctx: CatalogContext, agentId: string): Promise<string> {
  return (await ctx.deps.catalog?.agent(agentId))?.name ?? agentId;
}

/**
 * The instant and zone a job's samples show: its next run after now when the schedule is valid, else now in
 * the schedule's zone (or UTC), so a half-typed schedule still previews.
 */
function sampleOccurrence(schedule: { cron: string; timezone: string } | undefined, now: Date) {
  if (schedule && validateSchedule(schedule.cron, schedule.timezone).ok) {
    return { scheduledFor: new Date(nextRunAfter(schedule, now) ?? now), timezone: schedule.timezone };
  }
  const timezone = schedule && isValidTimezone(schedule.timezone) ? schedule.timezone : "UTC";
  return { scheduledFor: now, timezone };
}

/**
 * Variables a template can use, each with a description and a sample value for the editor's live preview. Job
 * samples are the job's next run (from the planner's clock, in its timezone); trigger samples come from a sample
 * event built from the trigger type's payload schema.
 */
export async function variablesHandler({ ctx, input }: { ctx: CatalogContext; input: VariablesInput }): Promise<SampledVariable[]> {
  if (input.kind === "job") {
    const job = input.jobId ? findJob(await ctx.deps.store.get(input.agentId), input.jobId) : undefined;
    const schedule = input.schedule ?? job?.schedule;
    const { scheduledFor, timezone } = sampleOccurrence(schedule, ctx.deps.clock());
    return sampleJobVariables(jobVariableCatalog(job), {
      job: { name: input.name ?? job?.name ?? SAMPLE_JOB_NAME, schedule: { cron: schedule?.cron ?? "", timezone }, variables: job?.variables },
      agent: { name: await agentNameOf(ctx, input.agentId) },
      scheduledFor,
      locale: ctx.deps.locale,
    });
  }
  const type = await requireComposio(ctx.deps).getTriggerType(input.triggerSlug);
  const source = { toolkit: type.toolkit, triggerSlug: type.slug, payloadSchema: type.payload };
  return sampleEventVariables(eventVariableCatalog(source), {
    ...source,
    triggerName: input.name ?? SAMPLE_TRIGGER_NAME,
    agentName: await agentNameOf(ctx, input.agentId),
    eventTime: ctx.deps.clock().toISOString(),
  });
}

import { nextRunAfter } from "../../../shared/cron";
import type { Job, JobState, PlannerConfig, Trigger, TriggerState } from "../../../shared/schemas";
import { type AgentRuntime, type ConfigView, type RuntimeChange, effectiveJob } from "./agent-runtime";
import { isActive } from "./run-history";
import { sameJson } from "./validate";

/** The next run of an enabled job from `now`, or `undefined` when its schedule cannot be computed or never runs. */
function nextRunOf(job: Job, now: Date): string | undefined {
  try {
    return nextRunAfter(job.schedule, now, job.id);
  } catch {
    return undefined;
  }
}

/**
 * The state of a job whose definition is newer than its runtime state (edited outside the planner, or a config
 * write whose runtime write did not land): counters and last run kept, the next run computed again from `now`,
 * a new schedule revision (a run dispatched for the old definition is skipped as rescheduled).
 */
export function reconciledJobState(job: Job, previous: JobState | undefined, now: Date): JobState {
  const { nextRunAt: _next, pausedReason, ...kept } = previous ?? { consecutiveFailures: 0, scheduleRevision: 0 };
  const state: JobState = { ...kept, scheduleRevision: kept.scheduleRevision + 1 };
  if (!job.enabled) return pausedReason === undefined ? state : { ...state, pausedReason };
  // Enabled outside the planner: no longer paused by "Pause all".
  delete state.pausedBy;
  const nextRunAt = nextRunOf(job, now);
  return nextRunAt === undefined ? state : { ...state, nextRunAt };
}

export function reconciledTriggerState(trigger: Trigger, previous: TriggerState | undefined): TriggerState {
  const base: TriggerState = previous ?? { firedCount: 0, filteredCount: 0, duplicateCount: 0, consecutiveFailures: 0 };
  if (!trigger.enabled) return base;
  const { pausedReason: _paused, pausedBy: _pausedBy, ...rest } = base;
  return rest;
}

/**
 * What brings the runtime in line with the definitions: a state for every job and trigger whose runtime state is
 * missing or older than its revision, and the ids of states whose owner is gone.
 */
export function reconcileChange(config: ConfigView, runtime: AgentRuntime, now: Date): { change: RuntimeChange; gone: { jobs: string[]; triggers: string[] } } {
  const jobs: NonNullable<RuntimeChange["jobs"]> = [];
  const triggers: NonNullable<RuntimeChange["triggers"]> = [];
  for (const job of config.planner.jobs) {
    const stamped = runtime.jobs.get(job.id);
    if (!stamped || stamped.rev < job.revision) jobs.push([job.id, { rev: job.revision, state: reconciledJobState(job, stamped?.state, now) }]);
  }
  for (const trigger of config.planner.triggers) {
    const stamped = runtime.triggers.get(trigger.id);
    if (!stamped || stamped.rev < trigger.revision) triggers.push([trigger.id, { rev: trigger.revision, state: reconciledTriggerState(trigger, stamped?.state) }]);
  }
  return { change: { jobs, triggers }, gone: goneOwners(config, runtime) };
}

/**
 * The finished runs of owners the configuration no longer has: a deleted job's or trigger's history goes with it
 * (its confirmation says so). Runs still queued or running stay until they end, and go with the next write.
 */
export function orphanRunDrops(config: ConfigView, runtime: AgentRuntime): string[] {
  const drops: string[] = [];
  for (const owner of runtime.runOwners()) {
    const exists = owner.kind === "job" ? config.jobs.has(owner.id) : config.triggers.has(owner.id);
    if (exists) continue;
    for (const run of runtime.ownerRuns(owner)) if (!isActive(run)) drops.push(run.id);
  }
  return drops;
}

/** Owners with a runtime state that the configuration no longer has (deleted jobs and triggers). */
export function goneOwners(config: ConfigView, runtime: AgentRuntime): { jobs: string[]; triggers: string[] } {
  return {
    jobs: [...runtime.jobs.keys()].filter((id) => !config.jobs.has(id)),
    triggers: [...runtime.triggers.keys()].filter((id) => !config.triggers.has(id)),
  };
}

/**
 * The runtime states a configuration write must store so the effective planner becomes `next`: every owner whose
 * current runtime state is not `next`'s (a new revision always gets its state stamped, since the definition no
 * longer carries one).
 */
export function statesForConfig(next: PlannerConfig, runtime: AgentRuntime): RuntimeChange {
  const jobs: NonNullable<RuntimeChange["jobs"]> = [];
  const triggers: NonNullable<RuntimeChange["triggers"]> = [];
  for (const job of next.jobs) {
    const stamped = runtime.jobs.get(job.id);
    if (!stamped || stamped.rev !== job.revision || !sameJson(stamped.state, job.state)) jobs.push([job.id, { rev: job.revision, state: job.state }]);
  }
  for (const trigger of next.triggers) {
    const stamped = runtime.triggers.get(trigger.id);
    if (!stamped || stamped.rev !== trigger.revision || !sameJson(stamped.state, trigger.state)) {
      triggers.push([trigger.id, { rev: trigger.revision, state: trigger.state }]);
    }
  }
  return { jobs, triggers };
}

/** Due entries (epoch ms) of every job of the agent: enabled jobs with a valid next run. */
export function dueOf(config: ConfigView, runtime: AgentRuntime): Map<string, number | null> {
  const due = new Map<string, number | null>();
  for (const job of config.planner.jobs) due.set(job.id, dueAtOf(effectiveJob(job, runtime)));
  return due;
}

export function dueAtOf(job: Job | undefined): number | null {
  if (!job?.enabled || job.state.nextRunAt === undefined) return null;
  const at = Date.parse(job.state.nextRunAt);
  return Number.isNaN(at) ? null : at;
}

export function composioIdsOf(config: ConfigView): string[] {
  return [...config.byComposioId.keys()];
}


import { z } from "zod";
import { ComposioOrphan, Job, JobState, type PlannerConfig, Proposal, Trigger, TriggerState } from "../../../shared/schemas";

/**
 * A job as people define it: everything but its runtime `state` (next run, last run, counters), which the
 * engine keeps in the runtime store. What a config source stores.
 */
export const JobDefinition = Job.omit({ state: true });
export type JobDefinition = z.infer<typeof JobDefinition>;

/** A trigger as people define it, without its runtime `state`. */
export const TriggerDefinition = Trigger.omit({ state: true });
export type TriggerDefinition = z.infer<typeof TriggerDefinition>;

/**
 * An agent's `planner` section as a config source keeps it: jobs and triggers as defined. Unknown keys (such as
 * the `state` an older version wrote beside each job) are dropped when it is read.
 */
export const PlannerDefinition = z.object({
  jobs: z.array(JobDefinition).default([]),
  triggers: z.array(TriggerDefinition).default([]),
  /** Composio instances of deleted triggers still to delete (see `PlannerConfig.composioOrphans`). */
  composioOrphans: z.array(ComposioOrphan).max(1000).optional(),
  /** Jobs the agent proposed, pending approval (see `PlannerConfig.proposals`). */
  proposals: z.array(Proposal).max(1000).optional(),
});
export type PlannerDefinition = z.infer<typeof PlannerDefinition>;

/** Identifies one stored version of an agent's planner: a counter, a hash, an `updated_at`; compared with `===`. */
export type ConfigRevision = string | number;

/** What `ConfigSource.read` answers. */
export interface StoredPlanner {
  planner: PlannerDefinition;
  revision: ConfigRevision;
}

/** Options of `ConfigSource.write`. */
export interface ConfigWriteOptions {
  /**
   * The revision the write is based on (`null`: the agent had no planner yet). A source whose stored revision
   * differs must refuse the write with `ConflictError` (exported by `agent-planner/server`) and change nothing.
   */
  expectedRevision: ConfigRevision | null;
}

/**
 * Where each agent's `planner` section lives: what people write (jobs and triggers as defined, with revisions).
 * Three methods, so a host can keep it anywhere: its agent config files, its own table, a CMS. The engine's own
 * writes (next runs, runs, deliveries) go to the runtime store, never here; a config write happens only when a
 * person (or an automatic pause) changes a definition.
 *
 * Shipped sources: `jsonAgentFiles({ dir })`, `postgresConfig(...)`, `memoryConfig()`. A source must pass
 * `configSourceContract` from `agent-planner/testing`.
 */
export interface ConfigSource {
  /** The agent's planner and its revision, or `null` when the agent has none. */
  read(agentId: string): Promise<StoredPlanner | null>;
  /**
   * Stores the agent's planner when its stored revision is still `expectedRevision`, atomically, and answers the
   * new revision. A stale revision is refused with `ConflictError` and nothing changes.
   */
  write(agentId: string, planner: PlannerDefinition, options: ConfigWriteOptions): Promise<{ revision: ConfigRevision }>;
  /** Every agent that has a planner (lets the planner reconcile its runtime on start). */
  agents(): Promise<string[]>;
  /**
   * The agent's current revision without the planner (optional): when a source can answer it more cheaply than
   * `read` (a stat, a one-column query), the store reads the planner only when it changed. `null`: no planner.
   */
  revision?(agentId: string): Promise<ConfigRevision | null>;
  /**
   * `revision` of several agents in one call (optional, only with `revision`; without it the core calls
   * `revision` for each, concurrently): a source over a database answers them with one query. An agent without a
   * planner is absent or `null`.
   */
  revisions?(agentIds: string[]): Promise<Map<string, ConfigRevision | null>>;
  /** Releases what the source holds (optional). */
  close?(): Promise<void> | void;
}

/** The definitions of a planner (its states left out), in the form a config source stores. */
export function definitionOf(planner: PlannerConfig): PlannerDefinition {
  return {
    jobs: planner.jobs.map(({ state: _state, ...job }) => job),
    triggers: planner.triggers.map(({ state: _state, ...trigger }) => trigger),
    ...(planner.composioOrphans?.length ? { composioOrphans: planner.composioOrphans } : {}),
    ...(planner.proposals?.length ? { proposals: planner.proposals } : {}),
  };
}

const EMPTY_JOB_STATE: JobState = Object.freeze(JobState.parse({}));
const EMPTY_TRIGGER_STATE: TriggerState = Object.freeze(TriggerState.parse({}));

/** Jobs and triggers with an empty state: what the core overlays runtime states on. */
export function plannerOf(definition: PlannerDefinition): PlannerConfig {
  return {
    jobs: definition.jobs.map((job) => ({ ...job, state: EMPTY_JOB_STATE })),
    triggers: definition.triggers.map((trigger) => ({ ...trigger, state: EMPTY_TRIGGER_STATE })),
    ...(definition.composioOrphans?.length ? { composioOrphans: definition.composioOrphans } : {}),
    ...(definition.proposals?.length ? { proposals: definition.proposals } : {}),
  };
}

/** The text a revision is compared and recorded as (a source may answer numbers or strings). */
export function revisionKey(revision: ConfigRevision | null | undefined): string {
  if (revision === null || revision === undefined) return "";
  return typeof revision === "number" ? `n:${revision}` : `s:${revision}`;
}

/** Whether `error` is a refused stale write, from any copy of this package or a host's own class of that name. */
export function isConflict(error: unknown): boolean {
  try {
    return typeof error === "object" && error !== null && (error as { name?: unknown }).name === "ConflictError";
  } catch {
    return false;
  }
}

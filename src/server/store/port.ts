import type { DeliveryLogEntry, EditEntry, Job, PlannerConfig, Run, RunCause, RunOwner, RunResult, RunStatus, RunTimelineEntry, Trigger } from "../../shared/schemas";

/** A job that is due, with everything the tick needs to decide what to run (it does not read the agent again). */
export interface DueJob {
  agentId: string;
  jobId: string;
  /** The job's `state.nextRunAt` when it was found due (ISO UTC). */
  nextRunAt: string;
  /** The job as stored when it was found due (configuration and runtime state; a copy). */
  job: Job;
}

/** A page of runs, newest first. `nextCursor` is opaque; `null` when there is nothing older. */
export interface RunPage {
  items: Run[];
  nextCursor: string | null;
}

export interface ListRunsOptions {
  cursor?: string | null | undefined;
  /** 1–100, default 20. */
  limit?: number | undefined;
  /** Only runs with one of these statuses (default: every status). Pass the same filter with each page's cursor. */
  status?: readonly RunStatus[] | undefined;
}

/** Options of `PlannerStore.listAgentRuns`. */
export interface ListAgentRunsOptions extends ListRunsOptions {
  /** Only runs of jobs, or only runs of triggers (default: both). */
  ownerKind?: RunOwner["kind"] | undefined;
}

/**
 * What `PlannerStore.searchAgentRuns` looks for; every filter is optional and all of them must match. Text is
 * matched literally and case-insensitively (no wildcards, no patterns).
 */
export interface RunSearchQuery {
  /** Found in the run's rendered message, its workflow input (as JSON), its error or its id (at most 1,000 characters). */
  text?: string | undefined;
  /** Runs of these jobs or triggers match the text too (the caller found the text in their names). */
  textOwners?: readonly RunOwner[] | undefined;
  statuses?: readonly RunStatus[] | undefined;
  causes?: readonly RunCause[] | undefined;
  /** Only runs of this job or trigger. */
  owner?: RunOwner | undefined;
  ownerKind?: RunOwner["kind"] | undefined;
  /** Runs created at or after this instant (ISO UTC). */
  from?: string | undefined;
  /** Runs created before this instant (ISO UTC). */
  to?: string | undefined;
  /** How many matching runs to pass over (default 0). */
  offset?: number | undefined;
  /** 1–10,000, default 20. */
  limit?: number | undefined;
}

/** One page of a search, newest first, and how many runs match in all. */
export interface RunSearchPage {
  items: Run[];
  total: number;
}

/** Options of `PlannerStore.update`. */
export interface UpdateOptions {
  /**
   * The edit-log entries of this change, from the planner before and after it: called inside the update's atomic
   * step, only when the update changes something (again when the update is retried), and stored with the change.
   * Each job or trigger keeps its newest `EDIT_LOG_LIMIT` entries.
   */
  edits?: ((before: PlannerConfig, after: PlannerConfig) => EditEntry[]) | undefined;
}

/** Options of `PlannerStore.listEdits`. */
export interface ListEditsOptions {
  cursor?: string | null | undefined;
  /** 1–100, default 20. */
  limit?: number | undefined;
}

/** A page of a job's or trigger's edit log, newest first. `nextCursor` is opaque; `null` when there is nothing older. */
export interface EditPage {
  items: EditEntry[];
  nextCursor: string | null;
}

/** What changed for an agent; emitted after the change is durable. */
export type StoreChange =
  | { agentId: string; kind: "planner"; version: number }
  | { agentId: string; kind: "run"; version: number; run: Run };

export type StoreListener = (change: StoreChange) => void;

/**
 * Options of the calls that write runs (`appendRun`, `appendRunUnlessActive`, `updateRun`). The planner passes
 * them on every call, so its settings reach any adapter, including one the host wrote.
 */
export interface RunWriteOptions {
  /**
   * Finished runs to keep per job or trigger after this write: the planner's `limits.runHistory`. When it is
   * set, the adapter drops the oldest finished runs of the run's owner beyond it (queued and running runs are
   * never dropped); when it is absent, the adapter's own default applies (50 for the shipped stores).
   */
  historyLimit?: number | undefined;
}

/** Options of `PlannerStore.appendRunUnlessActive`. */
export interface AppendRunUnlessActiveOptions extends RunWriteOptions {
  /** A queued run created this long before the new run no longer counts as active. */
  staleQueuedMs: number;
  /** Only active runs with one of these causes count (default: any cause). */
  causes?: readonly RunCause[] | undefined;
}

/**
 * What `claimOccurrence` does to a due job, in one atomic step, only while the job is still as the tick found it
 * (enabled, same `nextRunAt` and schedule revision).
 */
export interface OccurrenceClaim {
  /** The `state.nextRunAt` the tick found. */
  expectedNextRunAt: string;
  /** The `state.scheduleRevision` the tick found. */
  expectedScheduleRevision: number;
  /** The job's next occurrence after this tick, or `null` when its schedule never runs again. */
  nextRunAt: string | null;
  /** Occurrences the misfire policy did not run, recorded as this skipped run in the same step. */
  missedRun?: Run | undefined;
  /**
   * Pause the job instead of advancing it (its schedule can no longer be computed): `enabled: false`, a new
   * revision, `state.pausedReason` set to this text, no `nextRunAt`.
   */
  pause?: { reason: string; at: string } | undefined;
}

/** Options of `PlannerStore.startRun`. */
export interface StartRunOptions extends RunWriteOptions {
  /**
   * `"skip"`: when another run of the same owner is `running` and started at or before `dueAt`, the run is stored
   * as skipped (`skipReason: "overlap"`) instead. `"allow"`: no check.
   */
  overlap: "skip" | "allow";
  /** When the run came due (its `scheduledFor`, or now); required with `overlap: "skip"`. */
  dueAt?: string | undefined;
}

/**
 * The result of `startRun`: `started` when `run` was stored in place of the queued run (or as a new run); not
 * started when a run with this id already started or finished (`run` is that run) or the overlap check stored it
 * as skipped (`run` is the skipped run).
 */
export type StartRunResult = { started: true; run: Run } | { started: false; run: Run };

/** How a run ended, for `finishRun`. */
export type RunEnding = (
  | { status: "succeeded"; finishedAt: string; attempts: number; result?: RunResult | undefined }
  | { status: "failed"; finishedAt: string; attempts: number; error: string }
  | { status: "cancelled"; finishedAt: string; attempts: number; error?: string | undefined; cancelledBy?: string | undefined }
) & {
  /** Steps to add to the run's timeline (the ending's own included). */
  timeline?: RunTimelineEntry[] | undefined;
};

/** Options of `PlannerStore.finishRun`. */
export interface FinishRunOptions extends RunWriteOptions {
  /**
   * Record the ending on the owner's state too (`lastRun`, `consecutiveFailures`, a job's `lastRunAt`); `false`
   * for test runs, which leave their owner alone.
   */
  updateOwner: boolean;
  /**
   * Pause the owner (`enabled: false`, a new revision, `state.pausedReason: reason`, a job loses `nextRunAt`) when
   * this failure brings its consecutive failures to `after`.
   */
  autoPause?: { after: number; reason: string } | undefined;
  /**
   * Finish the run only while it is in this status and (with `startedAtOrBefore`) started (or, when queued, was
   * created) at or before that instant: how a scheduler fails a run left behind by a stopped process without
   * racing a worker that just picked it up. Otherwise the run is returned unchanged.
   */
  onlyIf?: { status: "queued" | "running" | "started"; startedAtOrBefore?: string | undefined } | undefined;
  /**
   * The run was interrupted (its worker stopped, or its result could not be recorded): its failure does not count
   * toward the owner's consecutive failures or auto-pause.
   */
  interrupted?: boolean | undefined;
}

/** What `countDelivery` counts: a delivery that started a run, or one the trigger's filters left out. */
export interface DeliveryCount {
  /** The webhook delivery id; a repeat within `ttlMs` is counted as a duplicate instead. */
  deliveryId: string;
  outcome: "fired" | "filtered";
  at: Date;
  ttlMs: number;
  /**
   * The queued run a fired delivery starts (with its event): stored in the same atomic step as the dedupe record
   * and the counter, so a delivery is never recorded without its run, nor its run stored twice. Ignored for a
   * repeat or a filtered delivery.
   */
  run?: Run | undefined;
  /**
   * What the trigger's delivery log keeps of this delivery (event type and time, failed conditions, the bounded
   * payload): written in the same atomic step, with the verdict the step decides (`fired`, `filtered`, or
   * `duplicate` for a repeat, which keeps no payload) and `runId` of the run stored. Absent: nothing is logged.
   */
  log?: DeliveryLogDetails | undefined;
}

/** The parts of a delivery log entry the caller supplies to `countDelivery` (the store decides the rest). */
export type DeliveryLogDetails = Omit<DeliveryLogEntry, "deliveryId" | "triggerId" | "receivedAt" | "verdict" | "runId">;

/** Options of `PlannerStore.listDeliveries`. */
export interface ListDeliveriesOptions {
  /** 1–`DELIVERY_LOG_LIMIT` (50), default 50. */
  limit?: number | undefined;
}

/** The result of recording a webhook delivery id (see `recordDelivery`). */
export type DeliveryRecord = { firstSeen: true } | { firstSeen: false; firstSeenAt: string };

/**
 * Where planner data lives. The host can implement it over its own agent config storage; the package ships
 * `memoryStore()` and `fileStore({ dir })`. Every adapter must pass the contract suite in
 * `test/store/contract.ts`.
 *
 * Guarantees every adapter gives:
 * - `update` is atomic and serialised per agent (also across processes for shared storage): the function sees
 *   the latest committed planner, and either its whole result is stored or nothing is. If it throws, nothing
 *   changes and the error propagates unchanged.
 * - Stored data is validated with the shared schemas; unreadable data is an error, never silently reset.
 * - Run history is capped at the `historyLimit` each run write passes (`RunWriteOptions`): that is how the
 *   planner's `limits.runHistory` reaches the adapter, so a host's adapter must honour it rather than a cap of
 *   its own (its own default applies only to calls made without one).
 */
export interface PlannerStore {
  /** The agent's planner; an agent with no planner yet has `{ jobs: [], triggers: [] }`. */
  get(agentId: string): Promise<PlannerConfig>;

  /**
   * Replaces the agent's planner with `fn(current)` atomically and returns what was stored.
   * `fn` may be called more than once by adapters that retry on contention, so keep it pure; it runs inside the
   * agent's write, so it must not call the store for the same agent (that call would wait for this one).
   * A result equal to the current planner is not a change: nothing is written, notified or counted in `version`.
   */
  update(agentId: string, fn: (planner: PlannerConfig) => PlannerConfig | Promise<PlannerConfig>, options?: UpdateOptions): Promise<PlannerConfig>;

  /**
   * The edit log of one job or trigger (see `UpdateOptions.edits`), newest first, cursor-paged. A deleted job or
   * trigger keeps its log (its last entry says "deleted"). Durable adapters keep it across restarts.
   */
  listEdits(agentId: string, owner: RunOwner, options?: ListEditsOptions): Promise<EditPage>;

  /** One job of the agent (configuration and state, a copy), or `null`. Cheaper than `get` for one decision. */
  getJob(agentId: string, jobId: string): Promise<Job | null>;

  /** One trigger of the agent (configuration and state, a copy), or `null`. */
  getTrigger(agentId: string, triggerId: string): Promise<Trigger | null>;

  /** Enabled jobs whose `state.nextRunAt <= now`, earliest first, at most `limit`, each with its job. */
  dueJobs(now: Date, limit: number): Promise<DueJob[]>;

  /**
   * The tick's one write per due job: when the job is still enabled with `expectedNextRunAt` and
   * `expectedScheduleRevision`, sets its `nextRunAt` (or pauses it, see `OccurrenceClaim.pause`) and stores
   * `missedRun`, in one atomic step per agent. `claimed: false` (nothing written) when the job changed meanwhile
   * (edited, paused, deleted, or claimed by another scheduler).
   */
  claimOccurrence(agentId: string, jobId: string, claim: OccurrenceClaim, options?: RunWriteOptions): Promise<{ claimed: boolean }>;

  /**
   * Starts a run: stores `run` (status `running`, or `skipped` for a run the engine decided not to execute) in
   * place of the queued run with its id, keeping the queued run's `createdAt`, or as a new run. A run with this id
   * that is no longer queued is left alone. With `overlap: "skip"` the check for another running run of the owner
   * happens in the same atomic step, so of two workers only one starts an exclusive run. See `StartRunResult`.
   */
  startRun(run: Run, options: StartRunOptions): Promise<StartRunResult>;

  /**
   * Finishes a running (or queued) run and, with `updateOwner`, records the ending on its job or trigger, pausing it
   * after too many failures (`autoPause`), all in one atomic step. `finished: false` with the run as it is when it
   * had already finished or did not match `onlyIf` (the owner is not counted twice); `null` when there is no such run.
   */
  finishRun(agentId: string, runId: string, ending: RunEnding, options: FinishRunOptions): Promise<{ finished: boolean; run: Run } | null>;

  /**
   * Counts a webhook delivery on a trigger's state in one atomic step with its dedupe: the first time `deliveryId`
   * is seen (within `ttlMs`) `firedCount` (and `lastFiredAt`) or `filteredCount` grows; a repeat grows
   * `duplicateCount`. `null` when the trigger does not exist (nothing is recorded). Dedupe survives restarts for
   * durable adapters and does not depend on run history. With `delivery.run`, a first delivery's run is stored in
   * the same step (`run` in the answer; history capped by `options.historyLimit` as in `appendRun`).
   */
  countDelivery(agentId: string, triggerId: string, delivery: DeliveryCount, options?: RunWriteOptions): Promise<{ firstSeen: boolean; run?: Run | undefined } | null>;

  /**
   * Adds one entry to a trigger's delivery log without counting it (a delivery for a paused trigger, or one that
   * could not be read): `false` when the trigger does not exist (nothing is logged). The log keeps the newest
   * `DELIVERY_LOG_LIMIT` entries per trigger and goes with the trigger when it is deleted.
   */
  logDelivery(agentId: string, entry: DeliveryLogEntry): Promise<boolean>;

  /** A trigger's delivery log, newest first (empty for a trigger that does not exist). */
  listDeliveries(agentId: string, triggerId: string, options?: ListDeliveriesOptions): Promise<DeliveryLogEntry[]>;

  /** Sets (or with `null` clears) a trigger's `state.connectionError`; `false` when the trigger does not exist. */
  setConnectionError(agentId: string, triggerId: string, message: string | null): Promise<boolean>;

  /** Earliest `state.nextRunAt` of any enabled job, or `null` (lets a scheduler sleep until then). */
  nextDueAt(): Promise<Date | null>;

  /** The trigger whose `composioTriggerId` is `composioTriggerId`, with its agent, or `null`. */
  findTriggerByComposioId(composioTriggerId: string): Promise<{ agentId: string; trigger: Trigger } | null>;

  /**
   * Every trigger attached to a Composio connected account (for "account expired" events). Rare, so adapters may
   * read every agent that has Composio-linked triggers.
   */
  findTriggersByConnectedAccount(connectedAccountId: string): Promise<Array<{ agentId: string; trigger: Trigger }>>;

  /**
   * Stores a new run. A run whose id is already stored is not replaced: `inserted: false` and the stored run
   * are returned (this is how duplicate dispatches of the same occurrence are absorbed).
   * History is capped per owner at `options.historyLimit` (else the adapter's default, 50 for the shipped
   * stores): the oldest finished runs beyond it are dropped.
   */
  appendRun(run: Run, options?: RunWriteOptions): Promise<{ inserted: boolean; run: Run }>;

  /**
   * Stores a new run only when no other run of the same owner is active: `running`, or `queued` and created less
   * than `staleQueuedMs` before `run.createdAt` (a queued run that old was lost by its driver and must not block
   * for ever). With `causes`, only active runs with one of those causes count. The check and the insert are one
   * atomic step per agent (also across processes for shared storage), so of many concurrent calls for one owner
   * exactly one inserts. Not inserted: `run` is the active run in the way, or the stored run with this id.
   * This is how "run now" and "test" admit one run at a time.
   */
  appendRunUnlessActive(run: Run, options: AppendRunUnlessActiveOptions): Promise<{ inserted: boolean; run: Run }>;

  /**
   * Replaces a stored run with `fn(run)` atomically; `null` when no such run exists. The result must keep the
   * run's id, agent and owner. An unchanged result is not a change (see `update`). A run that finishes may put
   * its owner over `options.historyLimit`: the oldest finished runs beyond it are dropped, as in `appendRun`.
   */
  updateRun(agentId: string, runId: string, fn: (run: Run) => Run, options?: RunWriteOptions): Promise<Run | null>;

  getRun(agentId: string, runId: string): Promise<Run | null>;

  /** Runs of one job or trigger, newest first (by `createdAt`, then id), cursor-paged. */
  listRuns(agentId: string, owner: RunOwner, options?: ListRunsOptions): Promise<RunPage>;

  /**
   * Runs of every job and trigger of an agent, newest first (by `createdAt`, then id), cursor-paged like `listRuns`,
   * including runs whose owner no longer exists (until history drops them).
   */
  listAgentRuns(agentId: string, options?: ListAgentRunsOptions): Promise<RunPage>;

  /**
   * The agent's runs that match `query`, newest first (by `createdAt`, then id), a page at `offset`, with the
   * number of matches: run history's search, filters and export.
   */
  searchAgentRuns(agentId: string, query: RunSearchQuery): Promise<RunSearchPage>;

  /** Runs of an agent that are `queued` or `running` (for overlap checks and live status). */
  activeRuns(agentId: string): Promise<Run[]>;

  /** Every agent that has stored runs: lets a restarted scheduler find queued runs it must recover. */
  agentsWithRuns(): Promise<string[]>;

  /** Every agent with a planner config (the config source's `agents()`): the background Composio sync walks them. */
  agents(): Promise<string[]>;

  /**
   * Records a webhook delivery id for dedupe. The first call for an id answers `firstSeen: true`; later calls
   * within `ttlMs` answer `firstSeen: false`. Survives restarts for durable adapters.
   */
  recordDelivery(deliveryId: string, now: Date, ttlMs: number): Promise<DeliveryRecord>;

  /** Listens to changes of one agent (in this process); returns the unsubscribe function. */
  subscribe(agentId: string, listener: StoreListener): () => void;

  /** A number that grows with every change of this agent (planner or runs); for cheap polling. */
  version(agentId: string): Promise<number>;

  /** Releases timers and file handles. */
  close(): Promise<void>;
}

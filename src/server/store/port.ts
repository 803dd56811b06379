import type { PlannerConfig, Run, RunCause, RunOwner, RunStatus, Trigger } from "../../shared/schemas";

/** A job that is due: enough to load it and decide what to run. */
export interface DueJob {
  agentId: string;
  jobId: string;
  /** The job's `state.nextRunAt` when it was found due (ISO UTC). */
  nextRunAt: string;
}

/** A page of runs, newest first. `nextCursor` is opaque; `null` when there is nothing older. */
export interface RunPage {
  items: Run[];
  nextCursor: string | null;
}

export interface ListRunsOptions {
  cursor?: string | null;
  /** 1–100, default 20. */
  limit?: number;
  /** Only runs with one of these statuses (default: every status). Pass the same filter with each page's cursor. */
  status?: readonly RunStatus[];
}

/** Options of `PlannerStore.listAgentRuns`. */
export interface ListAgentRunsOptions extends ListRunsOptions {
  /** Only runs of jobs, or only runs of triggers (default: both). */
  ownerKind?: RunOwner["kind"];
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
  historyLimit?: number;
}

/** Options of `PlannerStore.appendRunUnlessActive`. */
export interface AppendRunUnlessActiveOptions extends RunWriteOptions {
  /** A queued run created this long before the new run no longer counts as active. */
  staleQueuedMs: number;
  /** Only active runs with one of these causes count (default: any cause). */
  causes?: readonly RunCause[];
}

/** The result of recording a webhook delivery id (see `recordDelivery`). */
export type DeliveryRecord = { firstSeen: true } | { firstSeen: false; firstSeenAt: string };

/**
 * Where planner data lives. The host can implement it over its own agent config storage; the package ships
 * `memoryStore()` and `fileStore({ dir })`. Every adapter must pass the contract suite in
 * `src/server/store/contract.ts`.
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
   * `fn` may be called more than once by adapters that retry on contention, so keep it pure.
   * A result equal to the current planner is not a change: nothing is written, notified or counted in `version`.
   */
  update(agentId: string, fn: (planner: PlannerConfig) => PlannerConfig | Promise<PlannerConfig>): Promise<PlannerConfig>;

  /** Enabled jobs whose `state.nextRunAt <= now`, earliest first, at most `limit`. */
  dueJobs(now: Date, limit: number): Promise<DueJob[]>;

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

  /** Runs of an agent that are `queued` or `running` (for overlap checks and live status). */
  activeRuns(agentId: string): Promise<Run[]>;

  /** Every agent that has stored runs: lets a restarted scheduler find queued runs it must recover. */
  agentsWithRuns(): Promise<string[]>;

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

import { boundTimeline, type DeliveryLogEntry, type Job, type JobState, type PlannerConfig, type Run, type RunOwner, type RunResult, type RunSummary, type Trigger, type TriggerState, MAX_RECENT_FILTERED } from "../../../shared/schemas/index";
import { StoreValidationError } from "../errors";
import type {
  AppendRunUnlessActiveOptions,
  DeliveryCount,
  FinishRunOptions,
  OccurrenceClaim,
  RunEnding,
  StartRunOptions,
  StartRunResult,
} from "../port";
import { activeRunInTheWay, isActive, isExecuting, sortNewestFirst } from "./run-history";
import { checkRunUpdate, sameJson, validateEndingFields } from "./validate";
import { copyData } from "./owned";

/**
 * Runtime state of one job or trigger, stamped with the owner's configuration `revision` it was written for.
 * Configuration edits bump the revision and store the owner's state with the configuration, so a stamp older
 * than the configuration's revision means "the edit is newer": the state stored with the configuration wins.
 */
export interface Stamped<S> {
  rev: number;
  state: S;
}

/**
 * One atomic change of an agent's runtime data (runs, owner states, delivery ids): the file store appends each as
 * one line of the agent's runtime log, so a change is stored whole or not at all. Lists of pairs, not objects
 * keyed by id, so no id can ever be read as a prototype key.
 */
export interface RuntimeChange {
  /** Runs stored or replaced, whole. */
  runs?: Run[] | undefined;
  /** Ids of runs dropped from history. */
  drop?: string[] | undefined;
  jobs?: Array<[jobId: string, stamped: Stamped<JobState>]> | undefined;
  triggers?: Array<[triggerId: string, stamped: Stamped<TriggerState>]> | undefined;
  /** Delivery ids seen, with when they expire (epoch ms). */
  deliveries?: Array<[deliveryId: string, expiresAt: number]> | undefined;
  /** Entries for the triggers' delivery logs (written, not cached: the log is read from the backend). */
  deliveryLog?: DeliveryLogEntry[] | undefined;
}

/** The configuration of an agent as stored (owner states as of the last configuration write), indexed by id. */
export interface ConfigView {
  planner: PlannerConfig;
  jobs: Map<string, Job>;
  triggers: Map<string, Trigger>;
  /** Triggers by their Composio trigger id (the webhook's lookup). */
  byComposioId: Map<string, Trigger>;
}

export function configView(planner: PlannerConfig): ConfigView {
  return {
    planner,
    jobs: new Map(planner.jobs.map((job) => [job.id, job])),
    triggers: new Map(planner.triggers.map((trigger) => [trigger.id, trigger])),
    byComposioId: new Map(planner.triggers.flatMap((trigger) => (trigger.composioTriggerId ? [[trigger.composioTriggerId, trigger]] : []))),
  };
}

/**
 * What one store operation decided: its answer, the runtime change to store (none: nothing changes) and, rarely,
 * a configuration edit that must be stored in the same step (an automatic pause).
 */
export interface Decision<T> {
  result: T;
  change?: RuntimeChange | undefined;
  editConfig?: ((planner: PlannerConfig) => PlannerConfig) | undefined;
}

const ownerKey = (owner: RunOwner) => `${owner.kind}:${owner.id}`;

/**
 * An agent's runtime data in memory: runs by id and by owner (newest first), active run ids, owner states and
 * delivery ids. Both shipped stores keep one per agent; the file store rebuilds it from the agent's runtime log
 * and keeps it current by applying each new line.
 */
export class AgentRuntime {
  readonly runs = new Map<string, Run>();
  readonly jobs = new Map<string, Stamped<JobState>>();
  readonly triggers = new Map<string, Stamped<TriggerState>>();
  readonly deliveries = new Map<string, number>();
  private readonly byOwner = new Map<string, Run[]>();
  /** Per owner: its running runs (the overlap check) and how many of its runs are finished (the history cap). */
  private readonly runningByOwner = new Map<string, Set<Run>>();
  private readonly finishedByOwner = new Map<string, number>();
  private readonly activeIds = new Set<string>();
  private deliveriesPrunedAt = 0;

  /** Forgets everything (before the whole log is read again). */
  clear(): void {
    for (const map of [this.runs, this.jobs, this.triggers, this.deliveries, this.byOwner, this.runningByOwner, this.finishedByOwner]) map.clear();
    this.activeIds.clear();
    this.deliveriesPrunedAt = 0;
  }

  apply(change: RuntimeChange): void {
    for (const run of change.runs ?? []) this.put(run);
    for (const id of change.drop ?? []) this.remove(id);
    for (const [id, stamped] of change.jobs ?? []) this.jobs.set(id, stamped);
    for (const [id, stamped] of change.triggers ?? []) this.triggers.set(id, stamped);
    for (const [id, expiresAt] of change.deliveries ?? []) this.deliveries.set(id, expiresAt);
  }

  private put(run: Run) {
    const previous = this.runs.get(run.id);
    if (previous) this.remove(run.id);
    this.runs.set(run.id, run);
    const key = ownerKey(run.owner);
    let list = this.byOwner.get(key);
    if (!list) this.byOwner.set(key, (list = []));
    list.splice(newestFirstPosition(list, run), 0, run);
    if (isActive(run)) this.activeIds.add(run.id);
    else this.finishedByOwner.set(key, (this.finishedByOwner.get(key) ?? 0) + 1);
    if (isExecuting(run)) {
      let running = this.runningByOwner.get(key);
      if (!running) this.runningByOwner.set(key, (running = new Set()));
      running.add(run);
    }
  }

  private remove(id: string) {
    const run = this.runs.get(id);
    if (!run) return;
    this.runs.delete(id);
    this.activeIds.delete(id);
    const key = ownerKey(run.owner);
    const list = this.byOwner.get(key);
    const at = list?.indexOf(run) ?? -1;
    if (list && at >= 0) list.splice(at, 1);
    if (list?.length === 0) this.byOwner.delete(key);
    if (!isActive(run)) {
      const finished = (this.finishedByOwner.get(key) ?? 1) - 1;
      if (finished > 0) this.finishedByOwner.set(key, finished);
      else this.finishedByOwner.delete(key);
    }
    const running = this.runningByOwner.get(key);
    if (running?.delete(run) && running.size === 0) this.runningByOwner.delete(key);
  }

  /** The owner's running runs (the stored objects). */
  runningRuns(owner: RunOwner): Iterable<Run> {
    return this.runningByOwner.get(ownerKey(owner)) ?? [];
  }

  /** How many of the owner's runs are finished (not queued or running). */
  finishedCount(owner: RunOwner): number {
    return this.finishedByOwner.get(ownerKey(owner)) ?? 0;
  }

  /** Runs of one owner, newest first (the stored objects: copy before handing out). */
  ownerRuns(owner: RunOwner): readonly Run[] {
    return this.byOwner.get(ownerKey(owner)) ?? [];
  }

  /** Every owner that has runs (one of its runs' `owner`). */
  runOwners(): RunOwner[] {
    return [...this.byOwner.values()].flatMap((list) => (list[0] ? [list[0].owner] : []));
  }

  /** Every run, newest first. */
  allRuns(): Run[] {
    return sortNewestFirst([...this.runs.values()]);
  }

  /** Queued and running runs, newest first. */
  activeRuns(): Run[] {
    return sortNewestFirst([...this.activeIds].flatMap((id) => this.runs.get(id) ?? []));
  }

  /**
   * Forgets delivery ids expired at `nowMs` once the map has doubled since the last prune (amortised O(1)); true
   * when it pruned (the backend is then told to prune too).
   */
  pruneDeliveries(nowMs: number): boolean {
    if (this.deliveries.size <= 2 * this.deliveriesPrunedAt + 100) return false;
    for (const [id, expiresAt] of this.deliveries) if (expiresAt <= nowMs) this.deliveries.delete(id);
    this.deliveriesPrunedAt = this.deliveries.size;
    return true;
  }

  /** Everything as one change (what a compacted log holds), keeping only states of owners `config` still has. */
  snapshot(config: ConfigView, nowMs: number): RuntimeChange {
    return {
      runs: [...this.runs.values()],
      jobs: [...this.jobs].filter(([id]) => config.jobs.has(id)),
      triggers: [...this.triggers].filter(([id]) => config.triggers.has(id)),
      deliveries: [...this.deliveries].filter(([, expiresAt]) => expiresAt > nowMs),
    };
  }
}

/** Epoch ms of an ISO time; the usual `toISOString()` form compares as text, so only others are parsed. */
function compareTimes(a: string, b: string): number {
  if (a.length === 24 && b.length === 24 && a.endsWith("Z") && b.endsWith("Z")) return a < b ? -1 : a > b ? 1 : 0;
  return Date.parse(a) - Date.parse(b);
}

function compareNewestFirst(a: Run, b: Run): number {
  const at = compareTimes(b.createdAt, a.createdAt);
  if (at !== 0) return at;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

function newestFirstPosition(list: readonly Run[], run: Run): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (compareNewestFirst(list[mid]!, run) <= 0) low = mid + 1;
    else high = mid;
  }
  return low;
}

// --- the effective planner: configuration with the newest runtime state -------------------------------------

export function effectiveJob(job: Job, runtime: AgentRuntime): Job {
  const stamped = runtime.jobs.get(job.id);
  return stamped && stamped.rev >= job.revision ? { ...job, state: stamped.state } : job;
}

export function effectiveTrigger(trigger: Trigger, runtime: AgentRuntime): Trigger {
  const stamped = runtime.triggers.get(trigger.id);
  return stamped && stamped.rev >= trigger.revision ? { ...trigger, state: stamped.state } : trigger;
}

/**
 * The due-index updates for the jobs a runtime change touched (after it was applied): each job's next run when it
 * is enabled and has one, else `undefined`. Lets a claim re-index one job rather than the whole agent.
 */
export function dueUpdatesOf(change: RuntimeChange, config: ConfigView, runtime: AgentRuntime): Array<[jobId: string, nextRunAt: string | undefined]> {
  return (change.jobs ?? []).map(([jobId]) => {
    const job = config.jobs.get(jobId);
    const effective = job ? effectiveJob(job, runtime) : undefined;
    return [jobId, effective?.enabled ? effective.state.nextRunAt : undefined];
  });
}

/** The planner as callers see it (shares structure with the inputs: copy before handing out). */
export function effectivePlanner(config: ConfigView, runtime: AgentRuntime): PlannerConfig {
  return {
    jobs: config.planner.jobs.map((job) => effectiveJob(job, runtime)),
    triggers: config.planner.triggers.map((trigger) => effectiveTrigger(trigger, runtime)),
    ...(config.planner.composioOrphans ? { composioOrphans: config.planner.composioOrphans } : {}),
    ...(config.planner.proposals ? { proposals: config.planner.proposals } : {}),
  };
}

/**
 * The runtime records a configuration write must add so the effective planner becomes `next`: a state that the
 * merge would not pick up from the configuration (the owner's revision did not grow, so an equal stamp wins).
 */
export function statesAfterConfigWrite(next: PlannerConfig, runtime: AgentRuntime): RuntimeChange | undefined {
  const jobs: NonNullable<RuntimeChange["jobs"]> = [];
  const triggers: NonNullable<RuntimeChange["triggers"]> = [];
  for (const job of next.jobs) {
    if (!sameJson(effectiveJob(job, runtime).state, job.state)) jobs.push([job.id, { rev: job.revision, state: job.state }]);
  }
  for (const trigger of next.triggers) {
    if (!sameJson(effectiveTrigger(trigger, runtime).state, trigger.state)) {
      triggers.push([trigger.id, { rev: trigger.revision, state: trigger.state }]);
    }
  }
  if (jobs.length === 0 && triggers.length === 0) return undefined;
  return { ...(jobs.length ? { jobs } : {}), ...(triggers.length ? { triggers } : {}) };
}

// --- run history ------------------------------------------------------------------------------------------

/** Ids of the oldest finished runs of `run`'s owner beyond `limit` once `run` is stored (queued/running stay). */
function historyDrops(runtime: AgentRuntime, run: Run, limit: number): string[] {
  const existing = runtime.ownerRuns(run.owner);
  const replaced = runtime.runs.has(run.id);
  let excess = existing.length + (replaced ? 0 : 1) - limit;
  if (excess <= 0) return [];
  // The owner's runs with `run` in its place, walked from the oldest: the oldest finished ones go. No copy of the
  // list: under load an owner may have thousands of queued runs, and this runs for each change.
  const at = newestFirstPosition(existing, run);
  const previous = runtime.runs.get(run.id);
  // The finished runs the walk can find: once all are found, the rest of the list is queued or running.
  let findable = runtime.finishedCount(run.owner) - (previous && !isActive(previous) ? 1 : 0) + (isActive(run) ? 0 : 1);
  const drops: string[] = [];
  const consider = (candidate: Run) => {
    if (isActive(candidate)) return;
    drops.push(candidate.id);
    excess--;
    findable--;
  };
  for (let i = existing.length; i >= 0 && excess > 0 && findable > 0; i--) {
    const candidate = existing[i];
    if (candidate && candidate.id !== run.id) consider(candidate);
    if (i === at && excess > 0) consider(run);
  }
  return drops;
}

function storeRuns(runtime: AgentRuntime, runs: Run[], limit: number): RuntimeChange {
  const drop = new Set<string>();
  for (const run of runs) for (const id of historyDrops(runtime, run, limit)) drop.add(id);
  return drop.size ? { runs, drop: [...drop] } : { runs };
}

export function decideAppendRun(runtime: AgentRuntime, run: Run, limit: number): Decision<{ inserted: boolean; run: Run }> {
  const existing = runtime.runs.get(run.id);
  if (existing) return { result: { inserted: false, run: existing } };
  return { result: { inserted: true, run }, change: storeRuns(runtime, [run], limit) };
}

export function decideAppendRunUnlessActive(
  runtime: AgentRuntime,
  run: Run,
  options: AppendRunUnlessActiveOptions,
  limit: number,
): Decision<{ inserted: boolean; run: Run }> {
  const existing = runtime.runs.get(run.id) ?? activeRunInTheWay(runtime.ownerRuns(run.owner), run, options);
  if (existing) return { result: { inserted: false, run: existing } };
  return { result: { inserted: true, run }, change: storeRuns(runtime, [run], limit) };
}

export function decideUpdateRun(runtime: AgentRuntime, runId: string, fn: (run: Run) => Run, limit: number): Decision<Run | null> {
  const current = runtime.runs.get(runId);
  if (!current) return { result: null };
  const next = checkRunUpdate(current, fn(copyData(current)));
  if (sameJson(next, current)) return { result: current };
  return { result: next, change: storeRuns(runtime, [next], limit) };
}

export function decideStartRun(runtime: AgentRuntime, run: Run, options: StartRunOptions, limit: number, config?: ConfigView): Decision<StartRunResult> {
  if (options.overlap !== "skip" && options.overlap !== "allow") {
    throw new StoreValidationError(`overlap must be "skip" or "allow", got ${JSON.stringify(options.overlap)}.`);
  }
  const existing = runtime.runs.get(run.id);
  if (existing && existing.status !== "queued") return { result: { started: false, run: existing } };
  // The queued run's event stays with the run until it finishes (a takeover or a replay runs it again), and its
  // timeline goes on.
  let stored: Run = existing ? { ...run, createdAt: existing.createdAt, ...carriedOver(existing, run) } : run;
  let started = stored.status === "running";
  if (started && options.overlap === "skip") {
    const dueAt = Date.parse(options.dueAt ?? "");
    if (Number.isNaN(dueAt)) throw new StoreValidationError("startRun with overlap \"skip\" needs `dueAt`, an ISO date-time.");
    const blocked = [...runtime.runningRuns(run.owner)].some((other) => other.id !== run.id && Date.parse(other.startedAt ?? other.createdAt) <= dueAt);
    if (blocked) {
      const { startedAt, renderedMessage: _message, input: _input, event: _event, ...rest } = stored;
      stored = { ...rest, status: "skipped", skipReason: "overlap", finishedAt: startedAt ?? stored.createdAt, attempts: 0 };
      started = false;
    }
  }
  const change = storeRuns(runtime, [stored], limit);
  // A run skipped because its user lost access is the owner's last run: it needs someone's attention.
  if (config && stored.status === "skipped" && stored.skipReason === "noAccess") Object.assign(change, lastRunChange(runtime, config, stored));
  return { result: started ? { started: true, run: stored } : { started: false, run: stored }, change };
}

/** The owner's state with `run` as its last run (its failure count unchanged). */
function lastRunChange(runtime: AgentRuntime, config: ConfigView, run: Run): RuntimeChange {
  if (run.owner.kind === "job") {
    const job = config.jobs.get(run.owner.id);
    if (!job) return {};
    const before = effectiveJob(job, runtime).state;
    return { jobs: [[job.id, { rev: job.revision, state: { ...before, lastRun: summary(run) } }]] };
  }
  const trigger = config.triggers.get(run.owner.id);
  if (!trigger) return {};
  const before = effectiveTrigger(trigger, runtime).state;
  return { triggers: [[trigger.id, { rev: trigger.revision, state: { ...before, lastRun: summary(run) } }]] };
}

/** What a started run keeps of its queued record: the event, the user and the timeline so far. */
function carriedOver(queued: Run, next: Run): Partial<Run> {
  const carried: Partial<Run> = {};
  if (queued.event && !next.event) carried.event = queued.event;
  if (queued.userId && !next.userId) carried.userId = queued.userId;
  if (queued.replayOf && !next.replayOf) carried.replayOf = queued.replayOf;
  if (queued.timeline?.length) carried.timeline = boundTimeline([...queued.timeline, ...(next.timeline ?? [])]);
  return carried;
}

function summary(run: Run): RunSummary {
  return {
    runId: run.id,
    cause: run.cause,
    status: run.status,
    at: run.finishedAt ?? run.startedAt ?? run.createdAt,
    ...(run.error ? { error: run.error } : {}),
    ...(run.skipReason ? { skipReason: run.skipReason } : {}),
  };
}

export function decideFinishRun(
  runtime: AgentRuntime,
  config: ConfigView,
  runId: string,
  ending: RunEnding,
  options: FinishRunOptions,
  limit: number,
): Decision<{ finished: boolean; run: Run } | null> {
  const current = runtime.runs.get(runId);
  if (!current) return { result: null };
  if (!isActive(current)) return { result: { finished: false, run: current } };
  const only = options.onlyIf;
  if (only) {
    const since = Date.parse(current.startedAt ?? current.createdAt);
    if (current.status !== only.status || (only.startedAtOrBefore !== undefined && !(since <= Date.parse(only.startedAtOrBefore)))) {
      return { result: { finished: false, run: current } };
    }
  }
  // What the ending adds comes from an executor: checked (and copied) like any run written. The rest of the finished
  // run is the stored run, checked when it was written, so the finished run is not checked whole again.
  ending = { status: ending.status, ...validateEndingFields(ending) } as RunEnding;
  // A finished run holds no lease and waits for no completion; a started run keeps the result it was started with.
  const { error: _error, result: previousResult, lease: _lease, completeBy: _completeBy, ...rest } = current;
  const result = ending.status === "succeeded" ? mergeResult(previousResult, ending.result) : previousResult;
  const timeline = ending.timeline?.length ? { timeline: boundTimeline([...(current.timeline ?? []), ...ending.timeline]) } : {};
  const base = { ...rest, ...timeline, attempts: ending.attempts, finishedAt: ending.finishedAt, ...(result ? { result } : {}) };
  const finished: Run =
    ending.status === "succeeded"
      ? { ...base, status: "succeeded" }
      : ending.status === "cancelled"
        ? { ...base, status: "cancelled", ...(ending.error ? { error: ending.error } : {}), ...(ending.cancelledBy ? { cancelledBy: ending.cancelledBy } : {}) }
        : { ...base, status: "failed", error: ending.error };
  const change = storeRuns(runtime, [finished], limit);
  const decision: Decision<{ finished: boolean; run: Run } | null> = { result: { finished: true, run: finished }, change };
  if (!options.updateOwner) return decision;
  // A cancelled run and one a crash interrupted say nothing about the job's health: its failure count stays.
  const neutral = finished.status === "cancelled" || options.interrupted === true;
  const failed = finished.status === "failed" && !neutral;
  const pause = options.autoPause;
  if (current.owner.kind === "job") {
    const job = config.jobs.get(current.owner.id);
    if (!job) return decision;
    const before = effectiveJob(job, runtime).state;
    const state: JobState = {
      ...before,
      lastRun: summary(finished),
      lastRunAt: finished.startedAt ?? ending.finishedAt,
      consecutiveFailures: neutral ? before.consecutiveFailures : failed ? before.consecutiveFailures + 1 : 0,
    };
    change.jobs = [[job.id, { rev: job.revision, state }]];
    if (failed && pause && job.enabled && state.consecutiveFailures >= pause.after) {
      decision.editConfig = (planner) => ({
        ...planner,
        jobs: planner.jobs.map((j) => {
          if (j.id !== job.id) return j;
          const { nextRunAt: _next, ...paused } = state;
          return { ...j, enabled: false, revision: j.revision + 1, updatedAt: ending.finishedAt, state: { ...paused, pausedReason: pause.reason } };
        }),
      });
    }
    return decision;
  }
  const trigger = config.triggers.get(current.owner.id);
  if (!trigger) return decision;
  const before = effectiveTrigger(trigger, runtime).state;
  const state: TriggerState = {
    ...before,
    lastRun: summary(finished),
    consecutiveFailures: neutral ? before.consecutiveFailures : failed ? before.consecutiveFailures + 1 : 0,
  };
  change.triggers = [[trigger.id, { rev: trigger.revision, state }]];
  if (failed && pause && trigger.enabled && state.consecutiveFailures >= pause.after) {
    decision.editConfig = (planner) => ({
      ...planner,
      triggers: planner.triggers.map((t) =>
        t.id === trigger.id ? { ...t, enabled: false, revision: t.revision + 1, updatedAt: ending.finishedAt, state: { ...state, pausedReason: pause.reason } } : t,
      ),
    });
  }
  return decision;
}

/** A started run's result (its thread or workflow run) with what the host reported at the end on top. */
function mergeResult(previous: RunResult | undefined, reported: RunResult | undefined): RunResult | undefined {
  if (!previous) return reported;
  if (!reported) return previous;
  return { ...previous, ...reported };
}

export function decideClaimOccurrence(
  runtime: AgentRuntime,
  config: ConfigView,
  jobId: string,
  claim: OccurrenceClaim,
  limit: number,
): Decision<{ claimed: boolean }> {
  const job = config.jobs.get(jobId);
  if (!job || !job.enabled) return { result: { claimed: false } };
  const current = effectiveJob(job, runtime).state;
  if (current.nextRunAt !== claim.expectedNextRunAt || current.scheduleRevision !== claim.expectedScheduleRevision) {
    return { result: { claimed: false } };
  }
  const { nextRunAt: _previous, ...rest } = current;
  if (claim.pause) {
    const { reason, at } = claim.pause;
    return {
      result: { claimed: true },
      editConfig: (planner) => ({
        ...planner,
        jobs: planner.jobs.map((j) =>
          j.id === jobId ? { ...j, enabled: false, revision: j.revision + 1, updatedAt: at, state: { ...rest, pausedReason: reason } } : j,
        ),
      }),
    };
  }
  const state: JobState = claim.nextRunAt ? { ...rest, nextRunAt: claim.nextRunAt } : rest;
  const missed = claim.missedRun && !runtime.runs.has(claim.missedRun.id) ? claim.missedRun : undefined;
  const change: RuntimeChange = missed ? storeRuns(runtime, [missed], limit) : {};
  change.jobs = [[jobId, { rev: job.revision, state }]];
  return { result: { claimed: true }, change };
}

export function decideCountDelivery(
  runtime: AgentRuntime,
  config: ConfigView,
  triggerId: string,
  delivery: DeliveryCount,
  limit: number = Number.POSITIVE_INFINITY,
): Decision<{ firstSeen: boolean; run?: Run | undefined } | null> {
  const trigger = config.triggers.get(triggerId);
  if (!trigger) return { result: null };
  const nowMs = delivery.at.getTime();
  runtime.pruneDeliveries(nowMs);
  const firstSeen = !((runtime.deliveries.get(delivery.deliveryId) ?? -Infinity) > nowMs);
  const before = effectiveTrigger(trigger, runtime).state;
  const state: TriggerState = { ...before };
  if (!firstSeen) state.duplicateCount += 1;
  else if (delivery.outcome === "fired") {
    state.firedCount += 1;
    state.lastFiredAt = delivery.at.toISOString();
  } else {
    state.filteredCount += 1;
    state.recentFiltered = [delivery.at.toISOString(), ...(before.recentFiltered ?? [])].slice(0, MAX_RECENT_FILTERED);
  }
  // The delivery's run (a first delivery that fired), unless a run with its id is stored already.
  const run = firstSeen && delivery.outcome === "fired" && delivery.run && !runtime.runs.has(delivery.run.id) ? delivery.run : undefined;
  const change: RuntimeChange = run ? storeRuns(runtime, [run], limit) : {};
  change.triggers = [[triggerId, { rev: trigger.revision, state }]];
  if (firstSeen) change.deliveries = [[delivery.deliveryId, nowMs + delivery.ttlMs]];
  if (delivery.log) change.deliveryLog = [deliveryLogEntry(triggerId, delivery, firstSeen, run ?? delivery.run)];
  return { result: run ? { firstSeen, run } : { firstSeen }, change };
}

/** The log entry of a counted delivery: its verdict decided here; a repeat keeps no payload and no conditions. */
function deliveryLogEntry(triggerId: string, delivery: DeliveryCount, firstSeen: boolean, run: Run | undefined): DeliveryLogEntry {
  const base = { deliveryId: delivery.deliveryId, triggerId, receivedAt: delivery.at.toISOString() };
  const { payload, payloadNote, payloadBytes, failed, ...rest } = delivery.log ?? {};
  if (!firstSeen) return { ...base, verdict: "duplicate", ...rest };
  const kept = { ...rest, ...(payload ? { payload } : {}), ...(payloadNote ? { payloadNote } : {}), ...(payloadBytes !== undefined ? { payloadBytes } : {}) };
  if (delivery.outcome === "fired") return { ...base, verdict: "fired", ...kept, ...(run ? { runId: run.id } : {}) };
  return { ...base, verdict: "filtered", ...kept, ...(failed?.length ? { failed } : {}) };
}

export function decideConnectionError(runtime: AgentRuntime, config: ConfigView, triggerId: string, message: string | null): Decision<boolean> {
  const trigger = config.triggers.get(triggerId);
  if (!trigger) return { result: false };
  const before = effectiveTrigger(trigger, runtime).state;
  const { connectionError: _previous, ...rest } = before;
  const state: TriggerState = message === null ? rest : { ...rest, connectionError: message };
  if (sameJson(state, before)) return { result: true };
  return { result: true, change: { triggers: [[triggerId, { rev: trigger.revision, state }]] } };
}

/** Checks the arguments every run-writing decision takes from callers before anything is decided. */
export function checkEnding(ending: RunEnding): void {
  const ok =
    ending &&
    (ending.status === "succeeded" || ending.status === "failed" || ending.status === "cancelled") &&
    Number.isInteger(ending.attempts) &&
    ending.attempts >= 0 &&
    !Number.isNaN(Date.parse(ending.finishedAt)) &&
    (ending.status !== "failed" || typeof ending.error === "string");
  if (!ok) throw new StoreValidationError("finishRun needs an ending: succeeded, failed or cancelled, attempts, finishedAt (and error when failed).");
}

import { DELIVERY_LOG_LIMIT, DeliveryLogEntry, type EditEntry, type PlannerConfig, type Run, type Trigger } from "../../../shared/schemas";
import { checkEdits, editPageOf, editQueryOf } from "./edit-log";
import {
  AgentRuntime,
  type ConfigView,
  type Decision,
  type RuntimeChange,
  checkEnding,
  configView,
  decideAppendRun,
  decideAppendRunUnlessActive,
  decideClaimOccurrence,
  decideConnectionError,
  decideCountDelivery,
  decideFinishRun,
  decideStartRun,
  decideUpdateRun,
  dueUpdatesOf,
  effectiveJob,
  effectivePlanner,
  effectiveTrigger,
} from "./agent-runtime";
import { StoreClosedError, StoreCorruptError, StoreValidationError } from "../errors";
import { createListenerMap } from "./listeners";
import type { DeliveryCount, DueJob, PlannerStore, StoreChange } from "../port";
import { pageAgentRuns, pageRuns, searchRuns } from "./run-history";
import {
  assertAgentId,
  assertRunId,
  checkClaim,
  checkDate,
  checkDelivery,
  checkDueLimit,
  checkRunHistory,
  describeIssues,
  historyLimitOf,
  sameJson,
  validatePlannerResult,
  validateRun,
} from "./validate";
import { copyData, deepFreeze } from "./owned";
import { type ConfigRevision, type ConfigSource, PlannerDefinition, definitionOf, isConflict, plannerOf, revisionKey } from "./config-source";
import { composioIdsOf, dueAtOf, dueOf, goneOwners, orphanRunDrops, reconcileChange, statesForConfig } from "./reconcile";
import { type RuntimeBackend, type RuntimeSnapshot, type RuntimeWrite, emptyWrite, isEmptyWrite } from "./runtime-backend";

/** Options of {@link plannerStore}. */
export interface PlannerStoreOptions {
  /** Where each agent's `planner` section lives (what people write). */
  config: ConfigSource;
  /** Where the engine writes (due index, runs, states, deliveries). */
  runtime: RuntimeBackend;
  /**
   * Finished runs kept per job or trigger when a write does not pass its own `historyLimit` (the planner always
   * passes its `limits.runHistory`). Default 50.
   */
  runHistory?: number | undefined;
  /** The clock used when a next run must be computed again (reconciling an edited definition). Default: `Date`. */
  now?: (() => Date) | undefined;
  /**
   * Runs once before the store reconciles its agents on start, e.g. to import older data into the runtime
   * (`fileStore` carries a data folder of agent-planner ≤ 0.1 over here). A failure is answered by the calls
   * waiting for the start, which is tried again on the next call.
   */
  prepare?: (() => Promise<void>) | undefined;
}

/** A config as last read, indexed. */
interface ConfigEntry {
  key: string;
  revision: ConfigRevision | null;
  definition: PlannerDefinition;
  view: ConfigView;
}

/** The runtime of an agent as last committed (or, while `dirty`, being changed by this process's transaction). */
interface RuntimeEntry {
  version: number;
  configRevision: string;
  runtime: AgentRuntime;
  dirty: boolean;
  /** While `dirty`: settles when this process's transaction on the agent ends (committed or not). */
  settled?: Promise<void> | undefined;
}

/** What a work item sees inside the agent's transaction. */
interface Context {
  agentId: string;
  readonly config: ConfigEntry;
  readonly runtime: AgentRuntime;
  /** Applies a decision: records its runtime change, writes its configuration edit; answers a copy of its result (never the cached objects). */
  apply<T>(decision: Decision<T>): Promise<T>;
  /** Stores `next` as the agent's planner: definitions to the config source, states to the runtime. */
  writePlanner(next: PlannerConfig): Promise<void>;
  /** Writes every due entry and Composio link of the agent again. */
  reindex(): void;
  /** Lets the backend forget the agent's delivery ids that expired at or before `nowMs`. */
  pruneDeliveries(nowMs: number): void;
  /** Appends edit-log entries to the batch's write. */
  addEdits(entries: EditEntry[]): void;
}

type Work<T> = (context: Context) => T | Promise<T>;

interface Item {
  work: Work<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

const EMPTY_SNAPSHOT: RuntimeSnapshot = { runs: [], jobs: [], triggers: [], deliveries: [], configRevision: "" };
const EMPTY_DEFINITION: PlannerDefinition = { jobs: [], triggers: [] };
/** How often a batch is tried again when the config source refused a write as stale. */
const CONFLICT_RETRIES = 3;
/** Composio trigger ids whose agent is remembered, at most (the map starts again when full). */
const MAX_COMPOSIO_AGENTS = 10_000;
/** How many of this process's batches on an agent a read waits for before it reads the committed runtime itself. */
const DIRTY_READ_WAITS = 8;

/** Validates what a caller passes for the delivery log with `countDelivery` (as a whole entry, with placeholders). */
function checkLogDetails(log: unknown, deliveryId: string, triggerId: string, nowMs: number): NonNullable<DeliveryCount["log"]> {
  const details = typeof log === "object" && log !== null ? log : {};
  const parsed = DeliveryLogEntry.safeParse({ ...details, deliveryId, triggerId, receivedAt: new Date(nowMs).toISOString(), verdict: "fired" });
  if (!parsed.success) throw new StoreValidationError(`The delivery log entry is invalid: ${describeIssues(parsed.error)}.`);
  const { deliveryId: _id, triggerId: _trigger, receivedAt: _at, verdict: _verdict, runId: _run, ...rest } = parsed.data;
  return rest;
}

function runtimeFrom(snapshot: RuntimeSnapshot): AgentRuntime {
  const runtime = new AgentRuntime();
  runtime.apply({ runs: snapshot.runs, jobs: snapshot.jobs, triggers: snapshot.triggers, deliveries: snapshot.deliveries });
  return runtime;
}

/**
 * A `PlannerStore` from a config source (what people write) and a runtime backend (what the engine writes). Every
 * decision (claims, overlap, history cap, auto-pause, dedupe) is taken here, once, over the agent's runtime inside
 * a backend transaction; the backend only stores what was decided. Writes to one agent that arrive together are
 * committed together (one transaction, one durable write), and nothing is acknowledged before that commit.
 *
 * The runtime can always be rebuilt from config: on start, and whenever a definition's revision is newer than the
 * runtime's, jobs get their next run again, deleted ones lose their due entries, and Composio links are indexed.
 *
 * @example
 * const store = plannerStore({ config: jsonAgentFiles({ dir: "./agents" }), runtime: sqliteRuntime({ path: "./agents/planner.db" }) });
 */
export function plannerStore(options: PlannerStoreOptions): PlannerStore {
  const { config: source, runtime: backend } = options;
  const runHistory = checkRunHistory(options.runHistory);
  const now = options.now ?? (() => new Date());
  const configs = new Map<string, ConfigEntry>();
  const runtimes = new Map<string, RuntimeEntry>();
  const queues = new Map<string, Item[]>();
  const draining = new Map<string, Promise<void>>();
  const listeners = createListenerMap();
  /** The agent each Composio trigger id was last found on (see `findTriggerByComposioId`). */
  const composioAgents = new Map<string, string>();
  let closed = false;
  let opening: Promise<void> | null = null;
  let unwatch: (() => void) | null = null;

  function open() {
    if (closed) throw new StoreClosedError();
  }

  // --- configuration --------------------------------------------------------------------------------------

  function entryOf(revision: ConfigRevision | null, definition: PlannerDefinition): ConfigEntry {
    return { key: revisionKey(revision), revision, definition, view: configView(plannerOf(definition)) };
  }

  async function readConfig(agentId: string): Promise<ConfigEntry> {
    const cached = configs.get(agentId);
    if (cached && source.revision) {
      // The source can tell its revision cheaply: the planner is read (and checked) again only when it changed.
      const revision = await source.revision(agentId);
      if (revisionKey(revision) === cached.key) return cached;
    }
    const stored = await source.read(agentId);
    if (stored === null || stored === undefined) {
      const empty = entryOf(null, EMPTY_DEFINITION);
      configs.set(agentId, empty);
      return empty;
    }
    const key = revisionKey(stored.revision);
    if (cached && cached.key === key && key !== "") return cached;
    const parsed = PlannerDefinition.safeParse(stored.planner);
    if (!parsed.success) {
      throw new StoreCorruptError(agentId, `The planner of agent "${agentId}" from the config source is invalid: ${describeIssues(parsed.error)}. Fix it there; nothing was changed.`, {
        cause: parsed.error,
      });
    }
    const entry = entryOf(stored.revision, parsed.data);
    configs.set(agentId, entry);
    return entry;
  }

  // --- runtime ----------------------------------------------------------------------------------------------

  /**
   * Runs `consume` (synchronously, in the same turn as the check) over a committed runtime of the agent that is at
   * least as new as `head`, the backend's head read when the caller began. The cached copy is current enough when
   * no batch of this process is working on it and its version is not older than `head`: every batch of this process
   * brings it up to the committed version under the agent's write lock. A batch in progress holds decisions that are
   * not committed yet: the caller waits for it (it is short); under writes that never pause, it reads the committed
   * runtime from the backend instead.
   */
  async function withCommitted<T>(agentId: string, head: { version: number }, consume: (entry: RuntimeEntry) => T): Promise<T> {
    for (let waits = 0; ; waits++) {
      const entry = runtimes.get(agentId);
      if (entry && !entry.dirty && entry.version >= head.version) return consume(entry);
      if (entry?.dirty && entry.settled && waits < DIRTY_READ_WAITS) {
        await entry.settled;
        continue;
      }
      if (head.version === 0 && !entry) return consume({ version: 0, configRevision: "", runtime: new AgentRuntime(), dirty: false });
      const { version, snapshot } = await backend.load(agentId);
      const fresh: RuntimeEntry = { version, configRevision: snapshot.configRevision, runtime: runtimeFrom(snapshot), dirty: false };
      // Used before anything else can start a batch on it.
      const answer = consume(fresh);
      const cached = runtimes.get(agentId);
      if (!cached?.dirty && (!cached || cached.version <= version)) runtimes.set(agentId, fresh);
      return answer;
    }
  }

  // --- writes: one transaction per batch of work on one agent --------------------------------------------

  function enqueue<T>(agentId: string, work: Work<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let queue = queues.get(agentId);
      if (!queue) queues.set(agentId, (queue = []));
      queue.push({ work, resolve: (value) => resolve(value as T), reject });
      if (!draining.has(agentId)) {
        // Started after this turn, so the writes made together (a tick's claims for one agent) share a commit.
        const drain = Promise.resolve().then(() => drainQueue(agentId));
        draining.set(agentId, drain);
      }
    });
  }

  async function drainQueue(agentId: string): Promise<void> {
    try {
      for (;;) {
        const batch = queues.get(agentId)?.splice(0) ?? [];
        if (batch.length === 0) break;
        await runBatch(agentId, batch);
      }
    } finally {
      queues.delete(agentId);
      draining.delete(agentId);
    }
  }

  async function runBatch(agentId: string, batch: Item[]): Promise<void> {
    let settle = () => {};
    const settled = new Promise<void>((resolve) => (settle = resolve));
    try {
      await runBatchOnce(agentId, batch, settled);
    } finally {
      settle();
    }
  }

  async function runBatchOnce(agentId: string, batch: Item[], settled: Promise<void>): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      let outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }>;
      let events: StoreChange[] = [];
      try {
        if (closed) throw new StoreClosedError();
        const done = await backend.transaction(agentId, async (tx) => {
          let entry = runtimes.get(agentId);
          if (!entry || entry.version !== tx.version || entry.dirty) {
            const snapshot = tx.version === 0 ? EMPTY_SNAPSHOT : await tx.load();
            entry = { version: tx.version, configRevision: snapshot.configRevision, runtime: runtimeFrom(snapshot), dirty: false };
          }
          entry.dirty = true;
          entry.settled = settled;
          runtimes.set(agentId, entry);
          const state: BatchState = { entry, config: await readConfig(agentId), write: emptyWrite(), runs: new Map<string, Run>(), other: false, recorded: 0 };
          const context = makeContext(agentId, state);
          if (entry.configRevision !== state.config.key) reconcileInto(state);
          const results: typeof outcomes = [];
          for (const item of batch) {
            const recordedBefore = state.recorded;
            try {
              results.push({ ok: true, value: await item.work(context) });
            } catch (error) {
              // A stale configuration means every decision of the batch was taken on old data: all again.
              if (isConflict(error)) throw error;
              // A call that failed after part of its change was recorded (its config write failed) must change
              // nothing: the whole transaction is dropped and the calls are made again one by one.
              if (state.recorded !== recordedBefore) throw new PartialWork(error);
              results.push({ ok: false, error });
            }
          }
          let version = entry.version;
          if (!isEmptyWrite(state.write)) version = await tx.commit(state.write);
          const changed: StoreChange[] = [...state.runs.values()].map((run) => ({ agentId, kind: "run", version, run }));
          if (changed.length === 0 && (state.other || version !== tx.version)) changed.push({ agentId, kind: "planner", version });
          return { results, changed, entry, version };
        });
        // Only now is the write committed (the backend's transaction has ended): readers may use the cached copy.
        done.entry.version = done.version;
        done.entry.dirty = false;
        done.entry.settled = undefined;
        outcomes = done.results;
        events = done.changed;
      } catch (error) {
        // The cached runtime may hold decisions that were not committed, and the config may be stale.
        runtimes.delete(agentId);
        configs.delete(agentId);
        if (isConflict(error) && attempt < CONFLICT_RETRIES) continue;
        if (error instanceof PartialWork) {
          if (batch.length > 1) {
            for (const item of batch) await runBatch(agentId, [item]);
            return;
          }
          batch[0]!.reject(error.original);
          return;
        }
        for (const item of batch) item.reject(error);
        return;
      }
      for (const change of events) listeners.emit(change);
      outcomes.forEach((outcome, i) => {
        const item = batch[i]!;
        if (outcome.ok) item.resolve(outcome.value);
        else item.reject(outcome.error);
      });
      return;
    }
  }

  interface BatchState {
    entry: RuntimeEntry;
    config: ConfigEntry;
    write: RuntimeWrite;
    runs: Map<string, Run>;
    other: boolean;
    /** Grows with each change recorded or config written (tells a call that failed half-way). */
    recorded: number;
  }

  /**
   * Applies a runtime change to the cached runtime and to the batch's write. What a change stores is the store's own
   * (runs from callers are copies made when they were validated; states and runs a decision builds are new objects
   * that share only stored, frozen parts) and is frozen here, so neither the cache nor the write can be changed
   * afterwards and nothing needs copying.
   */
  function record(state: BatchState, change: RuntimeChange) {
    state.recorded += 1;
    const copy = change;
    for (const run of copy.runs ?? []) deepFreeze(run);
    for (const [, stamped] of copy.jobs ?? []) deepFreeze(stamped);
    for (const [, stamped] of copy.triggers ?? []) deepFreeze(stamped);
    state.entry.runtime.apply(copy);
    const { write } = state;
    for (const run of copy.runs ?? []) {
      write.runs.set(run.id, run);
      state.runs.set(run.id, run);
    }
    for (const id of copy.drop ?? []) {
      write.runs.set(id, null);
      state.runs.delete(id);
    }
    for (const [id, stamped] of copy.jobs ?? []) write.jobs.set(id, stamped);
    for (const [id, stamped] of copy.triggers ?? []) write.triggers.set(id, stamped);
    for (const [id, expiresAt] of copy.deliveries ?? []) write.deliveries.set(id, expiresAt);
    if (copy.deliveryLog?.length) {
      for (const entry of copy.deliveryLog) deepFreeze(entry);
      (write.deliveryLog ??= []).push(...copy.deliveryLog);
      write.deliveryLogKeep = DELIVERY_LOG_LIMIT;
    }
    if (copy.jobs?.length || copy.triggers?.length) state.other = true;
    if (copy.jobs?.length) {
      for (const [jobId, nextRunAt] of dueUpdatesOf(copy, state.config.view, state.entry.runtime)) {
        const at = nextRunAt === undefined ? null : Date.parse(nextRunAt);
        write.due.set(jobId, at === null || Number.isNaN(at) ? null : at);
      }
    }
  }

  /** Every due entry and Composio link of the agent again, and the config revision the runtime now reflects. */
  function reindexInto(state: BatchState) {
    const { write, config, entry } = state;
    write.dueReplace = true;
    write.due = dueOf(config.view, entry.runtime);
    write.composioIds = composioIdsOf(config.view);
    write.configRevision = config.key;
    entry.configRevision = config.key;
    state.other = true;
  }

  function dropStates(state: BatchState, gone: { jobs: string[]; triggers: string[] }) {
    for (const id of gone.jobs) {
      state.entry.runtime.jobs.delete(id);
      state.write.jobs.set(id, null);
    }
    for (const id of gone.triggers) {
      state.entry.runtime.triggers.delete(id);
      state.write.triggers.set(id, null);
      // A deleted trigger's delivery log goes with it.
      (state.write.deliveryLogDrop ??= []).push(id);
    }
  }

  function reconcileInto(state: BatchState) {
    const { change, gone } = reconcileChange(state.config.view, state.entry.runtime, now());
    const drop = orphanRunDrops(state.config.view, state.entry.runtime);
    record(state, drop.length ? { ...change, drop } : change);
    dropStates(state, gone);
    reindexInto(state);
  }

  function makeContext(agentId: string, state: BatchState): Context {
    const context: Context = {
      agentId,
      get config() {
        return state.config;
      },
      get runtime() {
        return state.entry.runtime;
      },
      async writePlanner(next) {
        const definition = definitionOf(next);
        state.recorded += 1;
        if (!sameJson(definition, state.config.definition)) {
          const { revision } = await source.write(agentId, copyData(definition), { expectedRevision: state.config.revision });
          state.config = entryOf(revision, definition);
          configs.set(agentId, state.config);
        }
        const states = statesForConfig(next, state.entry.runtime);
        const gone = goneOwners(state.config.view, state.entry.runtime);
        // A deleted job's or trigger's history goes with it, on every runtime.
        const drop = orphanRunDrops(state.config.view, state.entry.runtime);
        record(state, drop.length ? { ...states, drop } : states);
        dropStates(state, gone);
        reindexInto(state);
      },
      reindex() {
        reindexInto(state);
      },
      addEdits(entries) {
        if (entries.length === 0) return;
        state.write.edits = [...(state.write.edits ?? []), ...entries];
        state.recorded += 1;
        state.other = true;
      },
      pruneDeliveries(nowMs) {
        // Amortised: the backend deletes the agent's expired ids only when the cached runtime pruned its own.
        if (state.entry.runtime.pruneDeliveries(nowMs)) state.write.pruneDeliveriesBefore = nowMs;
      },
      async apply(decision) {
        if (decision.change) record(state, decision.change);
        if (decision.editConfig) {
          const current = effectivePlanner(state.config.view, state.entry.runtime);
          await context.writePlanner(validatePlannerResult(agentId, decision.editConfig(copyData(current))));
        }
        return copyData(decision.result);
      },
    };
    return context;
  }

  // --- start: reconcile every agent once ----------------------------------------------------------------

  function ready(): Promise<void> {
    open();
    if (!opening) {
      opening = (async () => {
        await options.prepare?.();
        const agents = new Set([...(await source.agents()), ...(await backend.agents())]);
        for (const agentId of agents) {
          if (!assertAgentIdOrNull(agentId)) continue;
          // One agent that cannot be read (its file is corrupt) must not keep the others from starting: its
          // error is answered by its own calls.
          await readNow(agentId, () => undefined).catch(() => undefined);
        }
      })();
      opening.catch(() => {
        opening = null;
      });
    }
    return opening;
  }

  /**
   * Runs `work` over the agent's committed configuration and runtime. A runtime that reflects another revision of
   * the configuration (edited elsewhere, or never reconciled) is reconciled first, which is a write.
   */
  async function readNow<T>(agentId: string, work: (runtime: AgentRuntime, config: ConfigView) => T): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const config = await readConfig(agentId);
      const head = await backend.head(agentId);
      const answer = await withCommitted(agentId, head, (entry) =>
        entry.configRevision === config.key || attempt >= 2 ? { value: work(entry.runtime, config.view) } : null,
      );
      if (answer) return answer.value;
      await enqueue(agentId, () => undefined);
    }
  }

  /** What {@link readKnown} starts from: the agent's head and, when the source tells revisions, its config revision. */
  interface KnownHead {
    head: { version: number };
    revision?: { value: ConfigRevision | null } | undefined;
  }

  /** The heads (and config revisions) of these agents, read together. An agent that fails is left out. */
  async function knownHeads(agentIds: string[]): Promise<Map<string, KnownHead>> {
    const known = new Map<string, KnownHead>();
    if (agentIds.length === 0) return known;
    const revisionsOf = async (): Promise<Map<string, ConfigRevision | null> | null> => {
      if (!source.revision) return null;
      if (source.revisions) return source.revisions(agentIds);
      const read = source.revision.bind(source);
      const pairs = await Promise.all(agentIds.map(async (agentId) => [agentId, await read(agentId).catch(() => undefined)] as const));
      return new Map(pairs.filter((pair): pair is readonly [string, ConfigRevision | null] => pair[1] !== undefined));
    };
    const headsOf = async (): Promise<Map<string, { version: number }>> => {
      if (backend.heads) return backend.heads(agentIds);
      const pairs = await Promise.all(agentIds.map(async (agentId) => [agentId, await backend.head(agentId).catch(() => undefined)] as const));
      return new Map(pairs.filter((pair): pair is readonly [string, { version: number; configRevision: string }] => pair[1] !== undefined));
    };
    const [revisions, heads] = await Promise.all([revisionsOf().catch(() => null), headsOf().catch(() => null)]);
    if (!heads) return known;
    const batched = source.revisions !== undefined;
    for (const agentId of agentIds) {
      const head = heads.get(agentId) ?? (backend.heads ? { version: 0 } : undefined);
      if (!head) continue;
      const hasRevision = revisions !== null && (revisions.has(agentId) || batched);
      known.set(agentId, { head, ...(hasRevision ? { revision: { value: revisions.get(agentId) ?? null } } : {}) });
    }
    return known;
  }

  /**
   * {@link readNow} starting from a head and config revision read beforehand (see `knownHeads`): when the cached
   * config is of that revision and the cached runtime is at least that version and reconciled with it, `work` runs
   * on them with no read at all; otherwise the agent is read as `readNow` does.
   */
  async function readKnown<T>(agentId: string, known: KnownHead | undefined, work: (runtime: AgentRuntime, config: ConfigView) => T): Promise<T> {
    open();
    if (known) {
      const cached = configs.get(agentId);
      const config = cached && known.revision && revisionKey(known.revision.value) === cached.key ? cached : await readConfig(agentId);
      const answer = await withCommitted(agentId, known.head, (entry) => (entry.configRevision === config.key ? { value: work(entry.runtime, config.view) } : null));
      if (answer) return answer.value;
    }
    return readNow(agentId, work);
  }

  /** Runs `work` over the agent's committed configuration and runtime; answers a copy. */
  async function read<T>(agentId: string, work: (runtime: AgentRuntime, config: ConfigView) => T): Promise<T> {
    open();
    const id = assertAgentId(agentId);
    await ready();
    return readNow(id, (runtime, config) => copyData(work(runtime, config)));
  }

  async function write<T>(agentId: string, work: Work<T>): Promise<T> {
    open();
    await ready();
    return enqueue(agentId, work);
  }

  function decide<T>(agentId: string, make: (runtime: AgentRuntime, config: ConfigView) => Decision<T>): Promise<T> {
    return write(agentId, (context) => context.apply(make(context.runtime, context.config.view)));
  }

  // --- the port -----------------------------------------------------------------------------------------

  const store: PlannerStore = {
    get(agentId) {
      return promised(() => read(agentId, (runtime, config) => effectivePlanner(config, runtime)));
    },

    getJob(agentId, jobId) {
      return promised(() =>
        read(agentId, (runtime, config) => {
          const job = config.jobs.get(jobId);
          return job ? effectiveJob(job, runtime) : null;
        }),
      );
    },

    getTrigger(agentId, triggerId) {
      return promised(() =>
        read(agentId, (runtime, config) => {
          const trigger = config.triggers.get(triggerId);
          return trigger ? effectiveTrigger(trigger, runtime) : null;
        }),
      );
    },

    update(agentId, fn, updateOptions) {
      return promised(() => {
        const id = assertAgentId(agentId);
        const edits = updateOptions?.edits;
        return write(id, async (context) => {
          const current = effectivePlanner(context.config.view, context.runtime);
          const next = validatePlannerResult(id, await fn(copyData(current)));
          if (sameJson(next, current)) return next;
          // Checked before anything is written, so a bad entry changes nothing.
          const entries = edits ? checkEdits(id, edits(copyData(current), copyData(next))) : [];
          await context.writePlanner(copyData(next));
          context.addEdits(entries);
          return next;
        });
      });
    },

    listEdits(agentId, owner, listOptions) {
      return promised(async () => {
        open();
        const id = assertAgentId(agentId);
        const query = editQueryOf(owner, listOptions);
        await ready();
        const rows = await backend.listEdits(id, query.owner, { beforeSeq: query.beforeSeq, limit: query.limit + 1 });
        return editPageOf(id, rows, query.limit);
      });
    },

    dueJobs(now, limit) {
      return promised(async () => {
        open();
        checkDueLimit(limit);
        const nowMs = checkDate(now, "now");
        await ready();
        const entries = await backend.dueEntries(nowMs, limit);
        const byAgent = new Map<string, typeof entries>();
        for (const entry of entries) {
          const list = byAgent.get(entry.agentId) ?? [];
          list.push(entry);
          byAgent.set(entry.agentId, list);
        }
        // The heads and config revisions of every agent at once (one query each on a database, concurrent stats on
        // files), rather than two reads per agent one after another: a tick over a thousand agents is then a few
        // reads, and each agent's check below is answered from the cached copy unless it changed.
        const agentIds = [...byAgent.keys()].filter((agentId) => assertAgentIdOrNull(agentId) !== null);
        const known = await knownHeads(agentIds);
        const due: DueJob[] = [];
        for (const agentId of agentIds) {
          const list = byAgent.get(agentId)!;
          let stale = false;
          const found = await readKnown(agentId, known.get(agentId), (runtime, config) =>
            copyData(
              list.flatMap(({ jobId, at }) => {
                const job = config.jobs.get(jobId);
                const effective = job ? effectiveJob(job, runtime) : undefined;
                if (!effective || dueAtOf(effective) !== at) stale = true;
                if (!effective || !effective.enabled || effective.state.nextRunAt === undefined || Date.parse(effective.state.nextRunAt) > nowMs) return [];
                return [{ agentId, jobId, nextRunAt: effective.state.nextRunAt, job: effective }];
              }),
            ),
          ).catch(() => []);
          // An entry that no longer matches its job (a crash between writes, an edit elsewhere) is indexed again.
          if (stale) void write(agentId, (context) => context.reindex()).catch(() => undefined);
          due.push(...found);
        }
        return due.sort((a, b) => Date.parse(a.nextRunAt) - Date.parse(b.nextRunAt));
      });
    },

    nextDueAt() {
      return promised(async () => {
        open();
        await ready();
        const at = await backend.nextDueAt();
        return at === null ? null : new Date(at);
      });
    },

    findTriggersByConnectedAccount(connectedAccountId) {
      return promised(async () => {
        open();
        await ready();
        const found: Array<{ agentId: string; trigger: Trigger }> = [];
        for (const agentId of await source.agents()) {
          if (!assertAgentIdOrNull(agentId)) continue;
          const triggers = await read(agentId, (runtime, config) =>
            config.planner.triggers.filter((t) => t.source.connectedAccountId === connectedAccountId).map((t) => effectiveTrigger(t, runtime)),
          ).catch(() => []);
          for (const trigger of triggers) found.push({ agentId, trigger });
        }
        return found;
      });
    },

    findTriggerByComposioId(composioTriggerId) {
      return promised(async () => {
        open();
        await ready();
        const lookup = (agentId: string) =>
          read(agentId, (runtime, config) => {
            const found = config.byComposioId.get(composioTriggerId);
            return found ? effectiveTrigger(found, runtime) : null;
          });
        // The agent that had it last time is asked first (every webhook delivery looks its trigger up): the read
        // checks the agent's current config, so an agent that no longer has it only costs the lookup below.
        const known = composioAgents.get(composioTriggerId);
        if (known !== undefined) {
          const trigger = await lookup(known);
          if (trigger) return { agentId: known, trigger };
          composioAgents.delete(composioTriggerId);
        }
        for (const agentId of await backend.agentsWithComposioId(composioTriggerId)) {
          if (agentId === known) continue;
          const trigger = await lookup(agentId);
          if (trigger) {
            if (composioAgents.size >= MAX_COMPOSIO_AGENTS) composioAgents.clear();
            composioAgents.set(composioTriggerId, agentId);
            return { agentId, trigger };
          }
        }
        return null;
      });
    },

    claimOccurrence(agentId, jobId, claim, writeOptions) {
      return promised(() => {
        const id = assertAgentId(agentId);
        const checked = checkClaim(claim);
        const limit = historyLimitOf(writeOptions, runHistory);
        return decide(id, (runtime, config) => decideClaimOccurrence(runtime, config, jobId, checked, limit));
      });
    },

    startRun(run, startOptions) {
      return promised(() => {
        const valid = validateRun(run, "The run to start");
        const limit = historyLimitOf(startOptions, runHistory);
        return decide(valid.agentId, (runtime, config) => decideStartRun(runtime, valid, startOptions, limit, config));
      });
    },

    finishRun(agentId, runId, ending, finishOptions) {
      return promised(() => {
        const id = assertAgentId(agentId);
        assertRunId(runId);
        checkEnding(ending);
        const limit = historyLimitOf(finishOptions, runHistory);
        return decide(id, (runtime, config) => {
          // The ending's result comes from an executor: what it adds to the run is checked (and copied) like any run
          // written, once it finishes one (see `decideFinishRun`).
          return decideFinishRun(runtime, config, runId, ending, finishOptions, limit);
        });
      });
    },

    countDelivery(agentId, triggerId, delivery, writeOptions) {
      return promised(() => {
        const id = assertAgentId(agentId);
        checkDelivery(delivery?.deliveryId, delivery?.ttlMs);
        const nowMs = checkDate(delivery.at, "at");
        const run = delivery.run === undefined ? undefined : validateRun(delivery.run, "The delivery's run");
        if (run && (run.agentId !== id || run.owner.kind !== "trigger" || run.owner.id !== triggerId)) {
          throw new StoreValidationError("The delivery's run must belong to the trigger it is counted on.");
        }
        const limit = historyLimitOf(writeOptions, runHistory);
        const log = delivery.log === undefined ? undefined : checkLogDetails(delivery.log, delivery.deliveryId, triggerId, nowMs);
        return write(id, (context) => {
          context.pruneDeliveries(nowMs);
          return context.apply(decideCountDelivery(context.runtime, context.config.view, triggerId, { ...delivery, run, log }, limit));
        });
      });
    },

    logDelivery(agentId, entry) {
      return promised(() => {
        const id = assertAgentId(agentId);
        const parsed = DeliveryLogEntry.safeParse(entry);
        if (!parsed.success) throw new StoreValidationError(`The delivery log entry is invalid: ${describeIssues(parsed.error)}.`);
        const checked = parsed.data;
        return write(id, (context) => {
          if (!context.config.view.triggers.has(checked.triggerId)) return false;
          return context.apply({ result: true, change: { deliveryLog: [checked] } });
        });
      });
    },

    listDeliveries(agentId, triggerId, listOptions) {
      return promised(async () => {
        const id = assertAgentId(agentId);
        const limit = listOptions?.limit ?? DELIVERY_LOG_LIMIT;
        if (!Number.isInteger(limit) || limit < 1 || limit > DELIVERY_LOG_LIMIT) {
          throw new StoreValidationError(`The delivery log limit must be a whole number from 1 to ${DELIVERY_LOG_LIMIT}, got ${String(limit)}.`);
        }
        if (typeof triggerId !== "string" || !(await read(id, (_runtime, config) => config.triggers.has(triggerId)))) return [];
        const rows = await backend.deliveryLog(id, triggerId, limit);
        // Rows are checked like everything read back; one that does not parse is left out of the answer.
        return rows.flatMap((row) => {
          const parsed = DeliveryLogEntry.safeParse(row);
          return parsed.success && parsed.data.triggerId === triggerId ? [parsed.data] : [];
        });
      });
    },

    setConnectionError(agentId, triggerId, message) {
      return promised(() => {
        const id = assertAgentId(agentId);
        return decide(id, (runtime, config) => decideConnectionError(runtime, config, triggerId, message));
      });
    },

    appendRun(run, writeOptions) {
      return promised(() => {
        const valid = validateRun(run, "The run to append");
        const limit = historyLimitOf(writeOptions, runHistory);
        return decide(valid.agentId, (runtime) => decideAppendRun(runtime, valid, limit));
      });
    },

    appendRunUnlessActive(run, activeOptions) {
      return promised(() => {
        const valid = validateRun(run, "The run to append");
        const limit = historyLimitOf(activeOptions, runHistory);
        return decide(valid.agentId, (runtime) => decideAppendRunUnlessActive(runtime, valid, activeOptions, limit));
      });
    },

    updateRun(agentId, runId, fn, writeOptions) {
      return promised(() => {
        const id = assertAgentId(agentId);
        assertRunId(runId);
        const limit = historyLimitOf(writeOptions, runHistory);
        return decide(id, (runtime) => decideUpdateRun(runtime, runId, fn, limit));
      });
    },

    getRun(agentId, runId) {
      return promised(() => read(agentId, (runtime) => runtime.runs.get(runId) ?? null));
    },

    listRuns(agentId, owner, listOptions) {
      return promised(() => read(agentId, (runtime) => pageRuns(runtime.ownerRuns(owner), owner, listOptions)));
    },

    listAgentRuns(agentId, listOptions) {
      return promised(() => read(agentId, (runtime) => pageAgentRuns(runtime.allRuns(), listOptions)));
    },

    searchAgentRuns(agentId, query) {
      return promised(() => read(agentId, (runtime) => searchRuns(runtime.allRuns(), query)));
    },

    agentsWithRuns() {
      return promised(async () => {
        open();
        await ready();
        return backend.agentsWithRuns();
      });
    },

    agents() {
      return promised(async () => {
        open();
        await ready();
        return source.agents();
      });
    },

    activeRuns(agentId) {
      return promised(() => read(agentId, (runtime) => runtime.activeRuns()));
    },

    recordDelivery(deliveryId, now, ttlMs) {
      return promised(async () => {
        open();
        checkDelivery(deliveryId, ttlMs);
        const nowMs = checkDate(now, "now");
        await ready();
        return backend.recordDelivery(deliveryId, nowMs, ttlMs);
      });
    },

    subscribe(agentId, listener) {
      const id = assertAgentId(agentId);
      if (!unwatch && backend.watch) {
        unwatch = backend.watch((changed, version) => {
          if (listeners.has(changed)) listeners.emit({ agentId: changed, kind: "planner", version });
        });
      }
      return listeners.add(id, listener);
    },

    version(agentId) {
      return promised(async () => {
        open();
        const id = assertAgentId(agentId);
        return (await backend.head(id)).version;
      });
    },

    async close() {
      if (closed) return;
      closed = true;
      await Promise.allSettled([...draining.values()]);
      unwatch?.();
      listeners.clear();
      await backend.close();
      await source.close?.();
    },
  };

  return store;
}

/** A call of a batch failed after part of its change was recorded (see `runBatch`); `cause` is its error. */
class PartialWork extends Error {
  constructor(readonly original: unknown) {
    super("A planner store call failed half-way.", { cause: original });
  }
}

function assertAgentIdOrNull(agentId: string): string | null {
  try {
    return assertAgentId(agentId);
  } catch {
    return null;
  }
}

/** Runs `work` and answers a promise of its result: a throw becomes a rejection, as callers of the port expect. */
function promised<T>(work: () => T | PromiseLike<T>): Promise<T> {
  return new Promise<T>((resolve) => resolve(work()));
}

import {
  enqueueRun,
  enqueueRunUnlessActive,
  errorMessage,
  executeRun,
  jobSubject,
  tick,
  triggerSubject,
  type Dispatcher,
  type ManualDispatcher,
  type RunSubject,
  type StartResult,
} from "../engine";
import { appendTimeline, driveRun, failIfUncompleted, finishRunIf, leaseUntil, runWriteOptions, step as timelineStep, type RetryOptions } from "../engine/run";
import { createRunControls, type RunControl } from "../engine/run-control";
import type { Run } from "../../shared/schemas";
import { NotStartedError } from "../errors";
import type { PlannerDeps } from "../deps";
import { createHeldRuns } from "./held-runs";
import { syncComposio } from "../features/triggers/sync";
import { INTERRUPTED_MESSAGE, LOST_EVENT_MESSAGE, failAbandoned, findActiveRuns, rebuildSubject } from "./recovery";
import type { InProcessSchedulerOptions } from "./options";
import { MAX_TIMER_DELAY_MS, sleeper, systemTimers } from "./timers";
import { type PassKind, createWakeLoop } from "./wake-loop";
import { type WorkItem, createWorkQueue } from "./work-queue";

export type { InProcessSchedulerOptions };

/** The embedded driver of the engine: a timer, a worker queue and restart recovery, all in this process. */
export interface InProcessScheduler {
  /** Stores each run as queued and queues it for the workers. Works before `start()`: runs wait until then. */
  dispatcher: Dispatcher;
  /**
   * "Run now" and "test": like `dispatcher`, but refused with `NotStartedError` unless started (a run queued now
   * would wait for a `start()` that may never come), and with `exclusive` the check that no other run of the
   * same job or trigger is active and the queued record are one store step.
   */
  manualDispatcher: ManualDispatcher;
  /**
   * Recovers runs a previous process left queued (re-queued) or running for longer than `staleRunMs` (failed),
   * ticks once to catch up on missed occurrences (the engine applies each job's misfire policy), then arms the
   * timer. Idempotent; resolves when the catch-up has been dispatched.
   */
  start(): Promise<void>;
  /**
   * Disarms the timer, starts no more runs and waits for the runs in progress. Runs still waiting in the queue
   * stay `queued` in the store and are picked up by the next `start()` (in any process).
   */
  stop(): Promise<void>;
  /**
   * Resolves once no tick is in progress, no run is executing and, while started, none is waiting to start. Runs
   * held for their instant (see `lookaheadMs`) wait on a timer and do not count. For tests.
   */
  idle(): Promise<void>;
  /** Re-computes when to wake, now; call it after a job was created, edited or resumed. */
  wake(): void;
  /**
   * Stops a run executing in this process (its executor's signal fires) and records it cancelled; `false` when it
   * is not executing here (another process notices the request when it renews the run's lease).
   */
  cancel(runId: string, by?: string): boolean;
}

const DEFAULTS = { concurrency: 16, maxAttempts: 3, maxSleepMs: 60_000, staleRunMs: 15 * 60_000, lookaheadMs: 2_000, leaseMs: 30_000 };
/** Occurrences are whole minutes apart; a lookahead near that would tick for the next one too early. */
const MAX_LOOKAHEAD_MS = 30_000;
/** Jobs the tick handles at once; more due jobs are handled by an immediate next tick. */
const TICK_LIMIT = 1000;
/**
 * How soon to look again when the earliest due job is one the last tick could not advance (it failed or its
 * agent's file is unreadable): sleeping until then would spin, sleeping `maxSleepMs` would delay everyone.
 */
const STUCK_RETRY_MS = 5_000;

interface QueuedRun extends WorkItem {
  subject: RunSubject;
  /** A running run taken over from a worker that stopped: executed again from its next attempt. */
  resume?: Run | undefined;
}

/** A name for this scheduler's leases: random, so two processes (or two schedulers in one) never share one. */
function newHolder(): string {
  const random = globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`;
  return `worker_${random}`;
}

function positiveInteger(value: number | undefined, fallback: number, name: string): number {
  const result = value ?? fallback;
  if (!Number.isInteger(result) || result < 1) {
    throw new RangeError(`createInProcessScheduler: \`${name}\` must be a whole number of at least 1, got ${String(value)}.`);
  }
  return result;
}

function positiveMs(value: number | undefined, fallback: number, name: string): number {
  const result = value ?? fallback;
  if (typeof result !== "number" || Number.isNaN(result) || result <= 0) {
    throw new RangeError(`createInProcessScheduler: \`${name}\` must be a positive number of milliseconds, got ${String(value)}.`);
  }
  return result;
}

function lookahead(value: number | undefined): number {
  const result = value ?? DEFAULTS.lookaheadMs;
  if (typeof result !== "number" || !(result >= 0 && result <= MAX_LOOKAHEAD_MS)) {
    throw new RangeError(`createInProcessScheduler: \`lookaheadMs\` must be from 0 to ${MAX_LOOKAHEAD_MS} ms, got ${String(value)}.`);
  }
  return result;
}

/**
 * Creates the in-process scheduler: the engine's driver when the planner runs without Inngest. Nothing starts
 * until `start()`. Several schedulers (in one process or several) may share one store: a run is executed only
 * by the scheduler whose dispatch inserted it, so each occurrence runs once.
 *
 * @example
 * ```ts
 * const scheduler = createInProcessScheduler(planner.deps, { concurrency: 8 });
 * await scheduler.start();
 * process.on("SIGTERM", () => void scheduler.stop());
 * ```
 */
export function createInProcessScheduler(deps: PlannerDeps, options: InProcessSchedulerOptions = {}): InProcessScheduler {
  const concurrency = positiveInteger(options.concurrency, DEFAULTS.concurrency, "concurrency");
  const maxAttempts = positiveInteger(options.maxAttempts, DEFAULTS.maxAttempts, "maxAttempts");
  const maxSleepMs = Math.min(positiveMs(options.maxSleepMs, DEFAULTS.maxSleepMs, "maxSleepMs"), MAX_TIMER_DELAY_MS);
  const staleRunMs = positiveMs(options.staleRunMs, DEFAULTS.staleRunMs, "staleRunMs");
  const lookaheadMs = lookahead(options.lookaheadMs);
  const leaseMs = positiveMs(options.leaseMs, DEFAULTS.leaseMs, "leaseMs");
  const timers = options.timers ?? systemTimers;
  const holder = newHolder();
  const lease = { holder, ms: leaseMs };
  const controls = createRunControls();
  /** Lease releases in flight (a stop lets go of the runs it interrupts, so the next start takes them at once). */
  const releasing = new Set<Promise<unknown>>();
  // Every attempt of a live run must end before recovery could take it for abandoned (backoff comes on top).
  const attemptsMs = maxAttempts * deps.limits.executorTimeoutMs;
  if (attemptsMs >= staleRunMs) {
    throw new RangeError(
      `createInProcessScheduler: \`staleRunMs\` (${staleRunMs.toLocaleString("en-US")} ms) must be longer than maxAttempts × limits.executorTimeoutMs (${maxAttempts} × ${deps.limits.executorTimeoutMs.toLocaleString("en-US")} ms): a run still retrying a slow executor would be failed as abandoned. Raise staleRunMs or lower limits.executorTimeoutMs.`,
    );
  }
  const retry: RetryOptions = {
    maxAttempts,
    backoffMs: options.backoffMs,
    sleep: sleeper(timers),
    lease,
    control: (runId) => controls.register(runId),
    holdLease,
  };
  const log = deps.logger;

  /** Agents this scheduler dispatched to: recovery also looks at their runs (see `findActiveRuns`). */
  const seenAgents = new Set<string>();
  let lastSweepAt = Number.NEGATIVE_INFINITY;
  /** The Composio sync in flight (started by a sweep), awaited by stop() and idle(). */
  let syncing: Promise<void> | null = null;
  /** When a run the last sweep saw needs looking at again (a lease or a completion timeout runs out), or null. */
  let nextSweepAt: number | null = null;
  /**
   * How often a sweep looks for runs left by other processes even when none is known: a process that died while
   * this one runs is noticed within this time (and at every start).
   */
  const sweepEveryMs = Math.min(staleRunMs, Math.max(leaseMs, 60_000));
  /** A periodic sweep in progress: it runs beside the ticks, since on a large file store it reads every agent. */
  let sweeping: Promise<void> | null = null;
  let started = false;
  let lifecycle: Promise<void> = Promise.resolve();

  /** Runs start and stop steps one after another; a step that fails does not block the next. */
  function step(work: () => Promise<void>): Promise<void> {
    const next = lifecycle.then(work);
    lifecycle = next.catch(() => undefined);
    return next;
  }

  const queue = createWorkQueue<QueuedRun>({
    concurrency,
    async execute(item, startedRun) {
      const { subject } = item;
      // The engine's overlap check reads the job's running runs, so two runs of one job must not both be
      // between that check and being recorded as running: the next one waits until this one is recorded.
      // Under overlap "skip", the runs of occurrences that were due before this one started (a catch-up after
      // an outage) then wait until it finishes, so they run one after another instead of being skipped; an
      // occurrence that comes due while it executes goes ahead, and the engine skips it as an overlap.
      const onStart = (started: StartResult) => {
        if (started.kind !== "execute" || !started.exclusive) return startedRun();
        const startedAt = Date.parse(started.run.startedAt ?? started.run.createdAt);
        startedRun((next) => next.subject.scheduledFor !== undefined && Date.parse(next.subject.scheduledFor) < startedAt);
      };
      try {
        const run = item.resume ? await resumeRun(item.resume, subject, startedRun) : await executeRun(deps, subject, { ...retry, onStart });
        log.debug("planner run finished", { runId: run.id, status: run.status, attempts: run.attempts });
      } finally {
        controls.release(subject.runId);
      }
    },
    onError(error, { subject }) {
      log.error("planner run could not be executed or recorded", { runId: subject.runId, agentId: subject.agentId, error: errorMessage(error) });
    },
  });

  /**
   * Renews the run's lease every third of `leaseMs` while it executes. A renewal that finds the run cancelled stops
   * it as cancelled; one that finds it no longer running under this lease (another worker took it over) stops it
   * without recording anything. When the planner stops the run, the lease is let go at once.
   */
  function holdLease(run: Run, control: RunControl): () => void {
    let stopped = false;
    let handle: unknown;
    const every = Math.max(1, Math.floor(leaseMs / 3));
    const renew = async () => {
      if (stopped) return;
      try {
        const updated = await deps.store.updateRun(
          run.agentId,
          run.id,
          (current) => (current.status === "running" && current.lease?.holder === holder ? { ...current, lease: leaseUntil(deps, lease) } : current),
          runWriteOptions(deps),
        );
        if (stopped) return;
        if (!updated || updated.status !== "running" || updated.lease?.holder !== holder) control.stop("lost");
        else if (updated.cancelRequestedAt) control.stop("cancelled", updated.cancelledBy);
      } catch (error) {
        // A store hiccup: the lease lasts three renewals, so the next one may still make it.
        log.warn("planner scheduler: could not renew a run's lease", { runId: run.id, error: errorMessage(error) });
      }
      if (!stopped) handle = timers.setTimeout(() => void renew(), every);
    };
    handle = timers.setTimeout(() => void renew(), every);
    return () => {
      stopped = true;
      timers.clearTimeout(handle);
      if (control.reason() !== "stopping") return;
      // Interrupted by stop(): let go of the run now, so the next start (here or in another process) takes it over.
      const release = deps.store
        .updateRun(
          run.agentId,
          run.id,
          (current) => (current.status === "running" && current.lease?.holder === holder ? { ...current, lease: { holder, expiresAt: deps.clock().toISOString() } } : current),
          runWriteOptions(deps),
        )
        .catch((error: unknown) => log.warn("planner scheduler: could not let go of an interrupted run", { runId: run.id, error: errorMessage(error) }));
      releasing.add(release);
      void release.finally(() => releasing.delete(release));
    };
  }

  /** Executes a run taken over from a worker that stopped: the call is built again, the attempts go on. */
  async function resumeRun(run: Run, subject: RunSubject, startedRun: () => void): Promise<Run> {
    startedRun();
    const owner = await subject.load(deps.store);
    if (!owner) {
      const gone = `The ${run.owner.kind} was deleted while its run was interrupted.`;
      return (await finishRunIf(deps, run, { ok: false, error: new Error(gone), attempts: run.attempts, interrupted: true }, { status: "running" })).run;
    }
    const agentName = (await deps.catalog?.agent(subject.agentId))?.name ?? subject.agentId;
    const call = subject.buildCall(owner, agentName, deps.limits);
    return driveRun(deps, run, call, run.attempts + 1, retry);
  }

  /**
   * Takes over a running run whose lease expired (its worker was killed or hangs): holds it under this scheduler's
   * lease and queues it to be executed again with the same idempotency key. A run interrupted more often than
   * `maxAttempts` ends failed, without counting toward auto-pause.
   */
  async function takeOver(run: Run, now: number): Promise<"taken" | "failed" | "none"> {
    const expired = (candidate: Run) =>
      candidate.lease ? Date.parse(candidate.lease.expiresAt) <= now : Date.parse(candidate.startedAt ?? candidate.createdAt) <= now - staleRunMs;
    if (!expired(run)) return "none";
    // Cancelled while its worker was gone: it ends cancelled, it is not run again.
    if (run.cancelRequestedAt) {
      const done = await finishRunIf(deps, run, { ok: false, cancelled: true, attempts: run.attempts, by: run.cancelledBy }, { status: "running" });
      return done.finished ? "failed" : "none";
    }
    const takeovers = (run.takeovers ?? 0) + 1;
    if (takeovers > maxAttempts) {
      const done = await finishRunIf(deps, run, { ok: false, error: new Error(INTERRUPTED_MESSAGE), attempts: run.attempts, interrupted: true }, { status: "running" });
      return done.finished ? "failed" : "none";
    }
    const entry = timelineStep(deps, "takenOver", { attempt: run.attempts + 1, detail: "Its worker stopped; executed again with the same idempotency key." });
    const taken = await deps.store.updateRun(
      run.agentId,
      run.id,
      (current) => {
        if (current.status !== "running" || !expired(current)) return current;
        return { ...current, lease: leaseUntil(deps, lease), takeovers, timeline: appendTimeline(current, [entry]) };
      },
      runWriteOptions(deps),
    );
    if (!taken || taken.status !== "running" || taken.lease?.holder !== holder || taken.takeovers !== takeovers) return "none";
    const subject = await rebuildSubject(deps, taken);
    if (!subject) {
      const lost = await finishRunIf(deps, taken, { ok: false, error: new Error(LOST_EVENT_MESSAGE), attempts: taken.attempts, interrupted: true }, { status: "running" });
      return lost.finished ? "failed" : "none";
    }
    queue.push({ id: taken.id, subject, resume: taken, ...(subject.kind === "job" ? { gate: `${subject.agentId}/${subject.id}` } : {}) });
    return "taken";
  }

  const held = createHeldRuns<QueuedRun>({ timers, clock: deps.clock, release: (item) => queue.push(item) });
  const holds = (runId: string) => queue.has(runId) || held.has(runId);

  /** Queues a run for the workers, or holds it until its instant when it was dispatched ahead (lookahead). */
  function queueRun(subject: RunSubject): boolean {
    if (holds(subject.runId)) return false;
    const item: QueuedRun = {
      id: subject.runId,
      subject,
      // Triggers never check overlap (every event gets its run), so only job runs are serialised at start.
      ...(subject.kind === "job" ? { gate: `${subject.agentId}/${subject.id}` } : {}),
    };
    const startAt = subject.notBefore ?? subject.scheduledFor;
    const at = startAt === undefined ? Number.NaN : Date.parse(startAt);
    if (at > deps.clock().getTime()) return held.hold(item, at);
    return queue.push(item);
  }

  async function dispatch(subject: RunSubject): Promise<void> {
    seenAgents.add(subject.agentId);
    const { inserted } = await enqueueRun(deps, subject);
    // Not inserted: this run id is stored already (a repeated tick, or another scheduler on the same store
    // dispatched it first), and whoever inserted it runs it.
    if (!inserted) {
      log.debug("planner run already dispatched; not queued again", { runId: subject.runId });
      return;
    }
    queueRun(subject);
  }

  const dispatcher: Dispatcher = {
    dispatchJob: (request) => dispatch(jobSubject(request)),
    dispatchTrigger: (request) => dispatch(triggerSubject(request)),
    async dispatchStored(run, event) {
      seenAgents.add(run.agentId);
      const subject = await rebuildSubject(deps, event && !run.event ? { ...run, event } : run);
      // A run stored without its event (over `limits.maxQueuedEventBytes`) cannot be executed: fail it now.
      if (subject) queueRun(subject);
      else await failAbandoned(deps, run, LOST_EVENT_MESSAGE, { status: "queued" });
    },
  };

  const manualDispatcher: ManualDispatcher = {
    async dispatchManual(manual, { exclusive } = {}) {
      if (!started) throw new NotStartedError();
      const subject = manual.kind === "job" ? jobSubject(manual.request) : triggerSubject(manual.request);
      if (!exclusive) {
        await dispatch(subject);
        return { dispatched: true };
      }
      seenAgents.add(subject.agentId);
      const { inserted, run } = await enqueueRunUnlessActive(deps, subject, exclusive);
      if (!inserted) return { dispatched: false, activeRun: run };
      queueRun(subject);
      return { dispatched: true };
    },
  };

  /**
   * Finds runs left behind by a process that stopped: `running` ones older than `staleRunMs` are failed, and
   * `queued` ones are queued here (all of them at start; afterwards only those older than `staleRunMs`, which a
   * live scheduler would have started by then). Should another scheduler still hold one of them, the engine's
   * start claims each run once, so only one of the two executes it. Runs this scheduler holds are left alone.
   */
  async function sweep(atStart: boolean, now: number) {
    lastSweepAt = now;
    let upcoming = Number.POSITIVE_INFINITY;
    const later = (iso: string | undefined) => {
      const at = iso === undefined ? Number.NaN : Date.parse(iso);
      if (at > now) upcoming = Math.min(upcoming, at);
    };
    let recovered = 0;
    let failed = 0;
    const stale = (iso: string | undefined) => iso !== undefined && Date.parse(iso) <= now - staleRunMs;
    for (const run of await findActiveRuns(deps, seenAgents)) {
      if (holds(run.id)) continue;
      try {
        if (run.status === "started") {
          if (await failIfUncompleted(deps, run, now)) failed++;
          else later(run.completeBy);
          continue;
        }
        if (run.status === "running") {
          later(run.lease?.expiresAt);
          const outcome = await takeOver(run, now);
          if (outcome === "taken") recovered++;
          else if (outcome === "failed") failed++;
          continue;
        }
        if (!atStart && !stale(run.createdAt)) continue;
        const subject = await rebuildSubject(deps, run);
        if (subject) {
          if (queueRun(subject)) recovered++;
        } else if (await failAbandoned(deps, run, LOST_EVENT_MESSAGE, { status: "queued" })) {
          failed++;
        }
      } catch (error) {
        log.error("planner scheduler: could not recover a run", { runId: run.id, agentId: run.agentId, error: String(error) });
      }
    }
    nextSweepAt = Number.isFinite(upcoming) ? upcoming : null;
    if (recovered > 0 || failed > 0) log.info("planner scheduler recovered runs left by a stopped process", { requeued: recovered, failed });
  }

  async function sweepSafely(atStart: boolean, now: number) {
    try {
      await sweep(atStart, now);
    } catch (error) {
      log.error("planner scheduler: recovery failed", { error: String(error) });
    }
    // About once a minute: episodes to notify (overdue jobs, broken connections), never holding up the scheduler.
    void deps.watch?.all();
    // With each sweep (at start, then about every minute), Composio is brought in step with our triggers, off the
    // scheduler's path: a slow Composio never delays a due job.
    if (deps.composio && !syncing) {
      syncing = syncComposio(deps)
        .then(
          (report) => {
            if (report.created + report.deleted > 0) log.info("planner: synced triggers with Composio", { ...report });
          },
          (error: unknown) => log.warn("planner: the Composio sync failed; retrying at the next sweep", { error: String(error) }),
        )
        .finally(() => {
          syncing = null;
        });
    }
  }

  /**
   * One wake-up: a tick up to `lookaheadMs` ahead, then how long to sleep. The first pass recovers left-behind
   * runs before it ticks; later passes start a sweep every `staleRunMs` without waiting for it.
   */
  async function pass(kind: PassKind): Promise<number> {
    let tickedUntil: number | null = null;
    if (kind !== "wake") {
      const now = deps.clock().getTime();
      if (kind === "start") await sweepSafely(true, now);
      const horizon = now + lookaheadMs;
      const result = await tick(deps, dispatcher, new Date(horizon), { limit: TICK_LIMIT });
      // With fewer than TICK_LIMIT jobs handled, a job still due at the horizon is stuck, not backlog.
      if (result.due < TICK_LIMIT) tickedUntil = horizon;
      if (!sweeping && (now - lastSweepAt >= sweepEveryMs || (nextSweepAt !== null && now >= nextSweepAt))) {
        sweeping = sweepSafely(false, now).finally(() => {
          sweeping = null;
        });
      }
    }
    // A run another worker holds, or a started run waiting for its completion, is looked at again when its lease
    // or its completion timeout runs out, however far the next due job is.
    const untilSweep = nextSweepAt === null ? Number.POSITIVE_INFINITY : Math.max(0, nextSweepAt - deps.clock().getTime());
    const sleepCap = Math.min(maxSleepMs, untilSweep);
    const due = await deps.store.nextDueAt();
    if (!due) return sleepCap;
    if (tickedUntil !== null && due.getTime() <= tickedUntil) return Math.min(STUCK_RETRY_MS, sleepCap);
    return Math.min(due.getTime() - lookaheadMs - deps.clock().getTime(), sleepCap);
  }

  const loop = createWakeLoop({
    timers,
    pass,
    retryMs: Math.min(STUCK_RETRY_MS, maxSleepMs),
    onError(error) {
      log.error("planner scheduler: tick failed; retrying", { error: String(error) });
    },
  });

  return {
    dispatcher,
    manualDispatcher,
    start() {
      if (started) return lifecycle;
      started = true;
      return step(async () => {
        queue.resume();
        await loop.start();
        log.info("planner scheduler started", { concurrency, queued: queue.waiting(), running: queue.active() });
      });
    },
    stop() {
      if (!started) return lifecycle;
      started = false;
      return step(async () => {
        // Pause first: a tick still in flight may dispatch, and those runs must wait for the next start.
        queue.pause();
        await loop.stop();
        await sweeping;
        await syncing;
        const notYetDue = held.clear();
        // Runs executing now get their signal; they stay running, let go of, for the next start to take over.
        controls.stopAll("stopping");
        await queue.idle();
        await Promise.all([...releasing]);
        const left = queue.clear();
        log.info("planner scheduler stopped", { leftQueued: left.length + notYetDue.length });
      });
    },
    async idle() {
      while (loop.busy() || sweeping || syncing || !queue.isIdle()) {
        await loop.settled();
        await sweeping;
        await syncing;
        await queue.idle();
      }
    },
    wake() {
      loop.wake();
    },
    cancel(runId, by) {
      return controls.stop(runId, "cancelled", by);
    },
  };
}

import type { SchedulerTimers } from "./timers";

/** Options of {@link createInProcessScheduler}. */
export interface InProcessSchedulerOptions {
  /**
   * Runs executed at once. Default 16: each run is also two store writes (started, finished), and a burst of runs
   * due at one instant starts on time only when those writes overlap (several of one agent then share a commit).
   */
  concurrency?: number | undefined;
  /** Executor attempts per run before it is recorded as failed. Default 3. */
  maxAttempts?: number | undefined;
  /** Delay before attempt n+1 (n = attempts so far). Default: the engine's 1 s, 4 s, 16 s… */
  backoffMs?: ((attempt: number) => number) | undefined;
  /** Timer functions; tests pass fakes driven by simulated time. Default: Node's. */
  timers?: SchedulerTimers | undefined;
  /**
   * The longest the timer sleeps, even when no job is due sooner, so jobs written by another process sharing
   * the store (which cannot call `wake()` here) are noticed within this time. Default 60,000 ms.
   */
  maxSleepMs?: number | undefined;
  /**
   * A run `running` for longer than this is taken to be abandoned by a process that stopped, and is marked
   * failed. Keep it above the longest run you expect (all attempts and backoff included): a run another live
   * process is still executing would otherwise be failed too. Default 15 minutes.
   */
  staleRunMs?: number | undefined;
  /**
   * How long a worker's hold on a running run lasts; the worker renews it every third of that while the run
   * executes. A run whose lease expired (its process was killed or hangs) is taken over by the next sweep, which
   * runs at start and every `leaseMs`: re-executed with the same idempotency key. Default 30,000 ms.
   */
  leaseMs?: number | undefined;
  /**
   * How long before a run's instant the scheduler ticks for it. The tick's work (reading due jobs, dispatching,
   * moving `nextRunAt`) is then done ahead, and the run starts at its instant, never before it: a burst of many
   * jobs due in the same minute is not delayed by ticking all of them first. The runs show as queued for this
   * long. Default 2,000 ms; 0 ticks at the instant itself.
   */
  lookaheadMs?: number | undefined;
}

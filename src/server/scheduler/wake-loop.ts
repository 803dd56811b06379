import { type SchedulerTimers, timerDelay } from "./timers";

/** Why a pass runs: the first pass after start, a timer that fired, or `wake()` (re-arm only). */
export type PassKind = "start" | "tick" | "wake";

const PRIORITY: Record<PassKind, number> = { wake: 0, tick: 1, start: 2 };

export interface WakeLoopOptions {
  timers: SchedulerTimers;
  /** One pass of work; answers how long to sleep before the next timer pass. Should not throw. */
  pass(kind: PassKind): Promise<number>;
  /** Delay after a pass that threw. */
  retryMs: number;
  onError(error: unknown): void;
}

/**
 * One timer, one pass at a time. A pass asked for while another is in flight runs right after it (requests
 * coalesce, a tick outranks a re-arm), so a `wake()` during a tick is never lost and passes never overlap.
 */
export interface WakeLoop {
  /** Runs the first pass; resolves when it and any pass queued behind it are done. */
  start(): Promise<void>;
  /** Disarms the timer and waits for a pass in flight. */
  stop(): Promise<void>;
  /** Asks for a pass that only re-computes the sleep. */
  wake(): void;
  /** Whether a pass is running or queued. */
  busy(): boolean;
  /** Resolves when no pass is running or queued. */
  settled(): Promise<void>;
}

export function createWakeLoop(options: WakeLoopOptions): WakeLoop {
  let running = false;
  let timer: { handle: unknown } | null = null;
  let pending: PassKind | null = null;
  let draining = false;
  let inFlight: Promise<void> = Promise.resolve();

  function disarm() {
    if (timer) options.timers.clearTimeout(timer.handle);
    timer = null;
  }

  function arm(delayMs: number) {
    disarm();
    const armed: { handle: unknown } = { handle: undefined };
    armed.handle = options.timers.setTimeout(() => {
      if (timer !== armed) return;
      timer = null;
      void request("tick");
    }, timerDelay(delayMs));
    timer = armed;
  }

  async function drain() {
    // The exit check and `draining = false` run in the same synchronous step, so a request cannot slip between.
    while (running && pending) {
      const kind: PassKind = pending;
      pending = null;
      disarm();
      let delay: number;
      try {
        delay = await options.pass(kind);
      } catch (error) {
        options.onError(error);
        delay = options.retryMs;
      }
      if (running && !pending) arm(delay);
    }
    draining = false;
  }

  function request(kind: PassKind): Promise<void> {
    if (!running) return inFlight;
    if (!pending || PRIORITY[kind] > PRIORITY[pending]) pending = kind;
    if (!draining) {
      draining = true;
      inFlight = drain();
    }
    return inFlight;
  }

  return {
    start() {
      running = true;
      return request("start");
    },
    async stop() {
      running = false;
      pending = null;
      disarm();
      await inFlight;
    },
    wake() {
      void request("wake");
    },
    busy: () => draining,
    settled: () => inFlight,
  };
}

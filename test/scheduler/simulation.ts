import type { SchedulerTimers } from "../../src/server/scheduler";
import type { PlannerStore } from "../../src/server/store";

interface FakeTimer {
  id: number;
  at: number;
  callback: () => void;
}

/**
 * Simulated time for the scheduler: a clock and `setTimeout`/`clearTimeout` that only move when the test says
 * so. `runUntil` fires timers in order, and between firings waits until the scheduler's async work has settled:
 * no store call in flight (the store is wrapped with `track`) and no pending promise callbacks. The store's own
 * IO and file locks keep using real time.
 */
export function simulation(start: string) {
  let now = Date.parse(start);
  let nextId = 0;
  let inFlight = 0;
  let storeCalls = 0;
  const pending = new Map<number, FakeTimer>();
  /** Every delay the scheduler asked for, in order. */
  const delays: number[] = [];

  const timers: SchedulerTimers = {
    setTimeout(callback, ms) {
      const id = ++nextId;
      delays.push(ms);
      pending.set(id, { id, at: now + Math.max(0, ms), callback });
      return id;
    },
    clearTimeout(handle) {
      if (typeof handle === "number") pending.delete(handle);
    },
  };

  const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

  /** Waits until nothing is in flight for a few event-loop turns in a row. */
  async function settle() {
    for (let quiet = 0; quiet < 3; ) {
      await turn();
      quiet = inFlight === 0 ? quiet + 1 : 0;
    }
  }

  function earliestDue(until: number): FakeTimer | undefined {
    let first: FakeTimer | undefined;
    for (const timer of pending.values()) {
      if (timer.at <= until && (!first || timer.at < first.at || (timer.at === first.at && timer.id < first.id))) first = timer;
    }
    return first;
  }

  /** Moves time to `until`, firing every timer due on the way (all timers due at one instant fire together). */
  async function runUntil(until: string | number) {
    const target = typeof until === "string" ? Date.parse(until) : until;
    for (;;) {
      await settle();
      const first = earliestDue(target);
      if (!first) {
        if (now >= target) return;
        now = target;
        continue;
      }
      now = Math.max(now, first.at);
      const batch = [...pending.values()].filter((timer) => timer.at === first.at).sort((a, b) => a.id - b.id);
      for (const timer of batch) {
        if (pending.delete(timer.id)) timer.callback();
      }
    }
  }

  /**
   * The store, with every call counted so `settle` can wait for real IO. A proxy rather than a wrapper per method,
   * so methods added to the port later are tracked too.
   */
  function track(store: PlannerStore): PlannerStore {
    return new Proxy(store, {
      get(target, property) {
        const value: unknown = Reflect.get(target, property);
        if (typeof value !== "function") return value;
        return (...args: unknown[]): unknown => {
          const result: unknown = Reflect.apply(value, target, args);
          if (!(result instanceof Promise)) return result;
          inFlight++;
          storeCalls++;
          return result.finally(() => {
            inFlight--;
          });
        };
      },
    });
  }

  return {
    clock: () => new Date(now),
    now: () => now,
    iso: () => new Date(now).toISOString(),
    timers,
    delays,
    pendingTimers: () => [...pending.values()].map((timer) => ({ at: new Date(timer.at).toISOString() })),
    settle,
    runUntil,
    advance: (ms: number) => runUntil(now + ms),
    track,
    /** Store calls made through tracked stores so far. */
    storeCalls: () => storeCalls,
  };
}

export type Simulation = ReturnType<typeof simulation>;

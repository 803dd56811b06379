/**
 * The timer functions the scheduler uses. Node's `setTimeout` and `clearTimeout` by default; tests pass fakes
 * that move simulated time, so a week of schedules runs in seconds.
 */
export interface SchedulerTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The longest delay `setTimeout` honours; a longer one fires at once (Node clamps it to 1 ms). */
export const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

/** Looks the globals up on each call, so `vi.useFakeTimers()` installed later still applies. */
export const systemTimers: SchedulerTimers = {
  setTimeout(callback: () => void, ms: number) {
    return globalThis.setTimeout(callback, ms);
  },
  clearTimeout(handle: Parameters<typeof globalThis.clearTimeout>[0]) {
    globalThis.clearTimeout(handle);
  },
};

/** A delay safe to hand to `setTimeout`: whole, not negative, not above {@link MAX_TIMER_DELAY_MS}. */
export function timerDelay(ms: number): number {
  if (!(ms > 0)) return 0;
  return Math.min(Math.ceil(ms), MAX_TIMER_DELAY_MS);
}

/** `sleep(ms)` on the given timers (long sleeps are chained, so they are not cut short by the clamp). */
export function sleeper(timers: SchedulerTimers): (ms: number) => Promise<void> {
  return function sleep(ms) {
    return new Promise<void>((resolve) => {
      const step = (left: number) => {
        if (left <= 0) return resolve();
        const delay = timerDelay(left);
        timers.setTimeout(() => step(left - delay), delay);
      };
      step(ms);
    });
  };
}

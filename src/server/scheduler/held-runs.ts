import { type SchedulerTimers, timerDelay } from "./timers";

/**
 * Runs dispatched ahead of their instant, held until it comes: one timer per instant, however many runs share it.
 * A timer that fires a little early (the clock and the timers disagree by a millisecond) waits out the rest.
 */
export interface HeldRuns<T extends { id: string }> {
  /** Holds `item` until `at` (epoch ms); `false` when an item with its id is held already. */
  hold(item: T, at: number): boolean;
  has(id: string): boolean;
  /** Cancels every hold and returns the items. */
  clear(): T[];
}

export function createHeldRuns<T extends { id: string }>(options: {
  timers: SchedulerTimers;
  clock: () => Date;
  release(item: T): void;
}): HeldRuns<T> {
  const byInstant = new Map<number, { handle: unknown; items: T[] }>();
  const ids = new Set<string>();

  function arm(at: number, items: T[]) {
    const handle = options.timers.setTimeout(() => fire(at), timerDelay(at - options.clock().getTime()));
    byInstant.set(at, { handle, items });
  }

  function fire(at: number) {
    const group = byInstant.get(at);
    if (!group) return;
    byInstant.delete(at);
    if (options.clock().getTime() < at) return arm(at, group.items);
    for (const item of group.items) {
      ids.delete(item.id);
      options.release(item);
    }
  }

  return {
    hold(item, at) {
      if (ids.has(item.id)) return false;
      ids.add(item.id);
      const group = byInstant.get(at);
      if (group) group.items.push(item);
      else arm(at, [item]);
      return true;
    },
    has: (id) => ids.has(id),
    clear() {
      const items = [...byInstant.values()].flatMap((group) => {
        options.timers.clearTimeout(group.handle);
        return group.items;
      });
      byInstant.clear();
      ids.clear();
      return items;
    },
  };
}

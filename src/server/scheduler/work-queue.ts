/** Something the queue runs once. */
export interface WorkItem {
  /** Unique per piece of work (a run id): an id already waiting or in progress is not queued again. */
  id: string;
  /**
   * Items with the same gate never start together: the next one waits until the one before it calls
   * `started()` (or finishes). The work itself may then overlap, unless `started` was given a `holdBack`.
   */
  gate?: string | undefined;
}

/**
 * Called by `execute` once its item no longer races with the next item of its gate. With `holdBack`, the items of
 * the gate it answers `true` for keep waiting until this item finishes; the others may start now.
 */
export type StartedSignal<T> = (holdBack?: (next: T) => boolean) => void;

export interface WorkQueueOptions<T extends WorkItem> {
  /** The most items in progress at once. */
  concurrency: number;
  /** Does the work. Call `started()` once the item no longer races with the next item of its gate. */
  execute(item: T, started: StartedSignal<T>): Promise<void>;
  /** Told about anything `execute` throws (the queue itself never rejects). */
  onError(error: unknown, item: T): void;
}

/**
 * A FIFO worker queue with bounded concurrency and per-gate start serialisation. Paused until `resume()`;
 * items pushed meanwhile wait. Pausing lets items in progress finish and starts no new ones.
 */
export interface WorkQueue<T extends WorkItem> {
  /** Queues `item`; `false` when an item with its id is already waiting or in progress. */
  push(item: T): boolean;
  /** Whether an item with this id is waiting or in progress. */
  has(id: string): boolean;
  resume(): void;
  pause(): void;
  /** Drops the waiting items (not those in progress) and returns them. */
  clear(): T[];
  /** Items in progress. */
  active(): number;
  /** Items waiting to start. */
  waiting(): number;
  /** No item in progress, and none waiting unless paused. */
  isIdle(): boolean;
  /** Resolves when `isIdle()`. */
  idle(): Promise<void>;
}

export function createWorkQueue<T extends WorkItem>(options: WorkQueueOptions<T>): WorkQueue<T> {
  // A head index instead of shift(): a burst of thousands of due runs must not cost O(n²).
  let ready: Array<T | undefined> = [];
  let head = 0;
  /** Items whose gate was busy when their turn came, oldest first; they go next when it frees. */
  const blocked = new Map<string, T[]>();
  /**
   * Per gate, what each item in progress holds back: everything until it calls `started()`, then what its
   * `holdBack` answers `true` for, until it finishes.
   */
  const holders = new Map<string, Map<symbol, (next: T) => boolean>>();
  const holdAll = () => true;
  const ids = new Set<string>();
  let active = 0;
  let running = false;
  let idleWaiters: Array<() => void> = [];

  const waitingCount = () => ready.length - head + [...blocked.values()].reduce((sum, list) => sum + list.length, 0);
  const isIdle = () => active === 0 && (!running || waitingCount() === 0);

  function notifyIdle() {
    if (!isIdle() || idleWaiters.length === 0) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  function takeReady(): T | undefined {
    if (head >= ready.length) return undefined;
    const item = ready[head];
    ready[head++] = undefined;
    if (head > 1024 && head * 2 > ready.length) {
      ready = ready.slice(head);
      head = 0;
    }
    return item;
  }

  function pump() {
    while (running && active < options.concurrency) {
      const item = takeReady();
      if (!item) break;
      const gate = item.gate;
      if (gate !== undefined && isHeld(item)) {
        const list = blocked.get(gate);
        if (list) list.push(item);
        else blocked.set(gate, [item]);
        continue;
      }
      launch(item);
    }
    notifyIdle();
  }

  function isHeld(item: T): boolean {
    if (item.gate === undefined) return false;
    for (const holds of holders.get(item.gate)?.values() ?? []) if (holds(item)) return true;
    return false;
  }

  /** Moves the first waiting item of `gate` that nothing holds back any more to the head of the line. */
  function unblock(gate: string) {
    const list = blocked.get(gate);
    const index = list?.findIndex((item) => !isHeld(item)) ?? -1;
    const next = index >= 0 ? list?.splice(index, 1)[0] : undefined;
    if (list?.length === 0) blocked.delete(gate);
    if (!next) return;
    // It was next in line before the items now at the head, so it goes first.
    if (head > 0) ready[--head] = next;
    else ready.unshift(next);
  }

  /** Sets what the item `key` holds back on `gate` (`null`: nothing), and lets through what that frees. */
  function hold(gate: string, key: symbol, holdBack: ((next: T) => boolean) | null) {
    let gateHolders = holders.get(gate);
    if (holdBack) {
      if (!gateHolders) holders.set(gate, (gateHolders = new Map<symbol, (next: T) => boolean>()));
      gateHolders.set(key, holdBack);
    } else if (gateHolders) {
      gateHolders.delete(key);
      if (gateHolders.size === 0) holders.delete(gate);
    }
    if (holdBack !== holdAll) unblock(gate);
  }

  function launch(item: T) {
    active += 1;
    const gate = item.gate;
    const key = Symbol(item.id);
    if (gate !== undefined) hold(gate, key, holdAll);
    let released = false;
    const started: StartedSignal<T> = (holdBack) => {
      if (released) return;
      released = true;
      if (gate === undefined) return;
      hold(gate, key, holdBack ?? null);
      // `started` may be called from inside a store notification: start the next item outside it.
      queueMicrotask(pump);
    };
    void Promise.resolve()
      .then(() => options.execute(item, started))
      .catch((error: unknown) => options.onError(error, item))
      .finally(() => {
        released = true;
        if (gate !== undefined) hold(gate, key, null);
        active -= 1;
        ids.delete(item.id);
        pump();
      });
  }

  return {
    push(item) {
      if (ids.has(item.id)) return false;
      ids.add(item.id);
      ready.push(item);
      pump();
      return true;
    },
    has: (id) => ids.has(id),
    resume() {
      running = true;
      pump();
    },
    pause() {
      running = false;
      notifyIdle();
    },
    clear() {
      const dropped = [...ready.slice(head).filter((item) => item !== undefined), ...[...blocked.values()].flat()];
      ready = [];
      head = 0;
      blocked.clear();
      for (const item of dropped) ids.delete(item.id);
      notifyIdle();
      return dropped;
    },
    active: () => active,
    waiting: waitingCount,
    isIdle,
    idle() {
      if (isIdle()) return Promise.resolve();
      return new Promise<void>((resolve) => idleWaiters.push(resolve));
    },
  };
}

/**
 * Serialises async work per key inside one process: each call waits for the previous call with the same key.
 * A promise chain, so it works in the browser too. Keys with nothing queued are forgotten.
 *
 * @example
 * const mutex = createKeyedMutex();
 * await mutex.run("agent-1", async () => { … });
 */
export interface KeyedMutex {
  run<T>(key: string, work: () => T | Promise<T>): Promise<T>;
  /** Resolves when every queued call (for every key) has settled. */
  idle(): Promise<void>;
}

export function createKeyedMutex(): KeyedMutex {
  const tails = new Map<string, Promise<void>>();

  return {
    run<T>(key: string, work: () => T | Promise<T>): Promise<T> {
      const previous = tails.get(key) ?? Promise.resolve();
      const result = previous.then(work);
      // The chain must continue whether `work` fails or not; the caller sees the failure through `result`.
      const tail = result.then(
        () => undefined,
        () => undefined,
      );
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return result;
    },
    async idle() {
      while (tails.size > 0) await Promise.all(tails.values());
    },
  };
}

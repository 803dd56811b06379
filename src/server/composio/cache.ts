interface Entry {
  value: unknown;
  expiresAt: number;
}

export interface TtlCache {
  /** The cached value for `key`, or the result of `load` (shared by concurrent callers; failures are not cached). */
  get<T>(key: string, load: () => Promise<T>): Promise<T>;
  set(key: string, value: unknown): void;
}

/**
 * A small per-gateway cache for Composio's catalog. Values are copied in and out, so a caller that edits a
 * schema it received cannot change what the next caller sees.
 */
export function createTtlCache(ttlMs: number, now: () => number): TtlCache {
  const entries = new Map<string, Entry>();
  const inFlight = new Map<string, Promise<unknown>>();

  function fresh(key: string): Entry | undefined {
    const entry = entries.get(key);
    if (entry && entry.expiresAt > now()) return entry;
    if (entry) entries.delete(key);
    return undefined;
  }

  function set(key: string, value: unknown): void {
    if (ttlMs > 0) entries.set(key, { value: structuredClone(value), expiresAt: now() + ttlMs });
  }

  return {
    set,
    async get<T>(key: string, load: () => Promise<T>): Promise<T> {
      const entry = fresh(key);
      if (entry) return structuredClone(entry.value) as T;
      let pending = inFlight.get(key) as Promise<T> | undefined;
      if (!pending) {
        pending = load().then(
          (value) => {
            set(key, value);
            return value;
          },
        );
        const settle = () => inFlight.delete(key);
        pending.then(settle, settle);
        inFlight.set(key, pending);
      }
      return structuredClone(await pending);
    },
  };
}

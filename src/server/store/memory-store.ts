import { memoryConfig } from "./config/memory-config";
import { plannerStore } from "./core/planner-store";
import { memoryRuntime } from "./memory/memory-runtime";
import type { PlannerStore } from "./port";

/** Options of {@link memoryStore}. */
export interface MemoryStoreOptions {
  /**
   * Finished runs kept per job or trigger (queued and running runs are always kept) when a write does not pass
   * its own `historyLimit` (the planner always passes its `limits.runHistory`). Default 50.
   */
  runHistory?: number | undefined;
}

/**
 * A `PlannerStore` that keeps everything in memory: `memoryConfig()` with `memoryRuntime()`. For tests,
 * Storybook (no Node imports, so it runs in a browser) and demos that need no persistence. Data is copied on the
 * way in and out, so callers cannot change stored state by mutating what they pass or get back.
 *
 * @example
 * const planner = createPlanner({ store: memoryStore(), ... });
 */
export function memoryStore(options: MemoryStoreOptions = {}): PlannerStore {
  return plannerStore({ config: memoryConfig(), runtime: memoryRuntime(), runHistory: options.runHistory });
}

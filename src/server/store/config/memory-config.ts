import { ConflictError } from "../../errors";
import type { ConfigSource, PlannerDefinition } from "../core/config-source";

/** Options of {@link memoryConfig}. */
export interface MemoryConfigOptions {
  /** Planners to start with, by agent id. */
  initial?: Record<string, PlannerDefinition> | undefined;
}

/**
 * A config source in memory (revisions are counters): for tests, Storybook and demos. No Node imports.
 *
 * @example
 * const store = plannerStore({ config: memoryConfig(), runtime: memoryRuntime() });
 */
export function memoryConfig(options: MemoryConfigOptions = {}): ConfigSource {
  const planners = new Map<string, { planner: PlannerDefinition; revision: number }>();
  for (const [agentId, planner] of Object.entries(options.initial ?? {})) planners.set(agentId, { planner: structuredClone(planner), revision: 1 });

  return {
    read(agentId) {
      return promised(() => {
        const stored = planners.get(agentId);
        return stored ? structuredClone(stored) : null;
      });
    },
    write(agentId, planner, { expectedRevision }) {
      return promised(() => {
      const current = planners.get(agentId)?.revision ?? null;
      if (current !== expectedRevision) {
        throw new ConflictError(`The planner of agent "${agentId}" changed since it was read (revision ${current ?? "none"}, expected ${expectedRevision ?? "none"}).`);
      }
      const revision = (current ?? 0) + 1;
      planners.set(agentId, { planner: structuredClone(planner), revision });
      return { revision };
      });
    },
    agents() {
      return promised(() => [...planners.keys()]);
    },
    revision(agentId) {
      return promised(() => planners.get(agentId)?.revision ?? null);
    },
  };
}

function promised<T>(work: () => T): Promise<T> {
  return new Promise<T>((resolve) => resolve(work()));
}

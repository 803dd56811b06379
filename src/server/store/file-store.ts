import { join } from "node:path";
import { jsonAgentFiles } from "./config/json-agent-files";
import { plannerStore } from "./core/planner-store";
import { importFileStoreData } from "./legacy/import-file-store";
import type { PlannerStore } from "./port";
import { sqliteRuntime } from "./sqlite/sqlite-runtime";

/** Options of {@link fileStore}. */
export interface FileStoreOptions {
  /** The data directory (created on the first write): agent files in `<dir>/agents`, the runtime in `<dir>/planner.db`. */
  dir: string;
  /**
   * Finished runs kept per job or trigger (queued and running runs are always kept) when a write does not pass
   * its own `historyLimit` (the planner always passes its `limits.runHistory`). Default 50.
   */
  runHistory?: number | undefined;
  /** The clock used when a next run must be computed again on start (an agent file edited by hand). Default: `Date`. */
  now?: (() => Date) | undefined;
  /** Ignored since 0.2 (SQLite has its own locking); kept so existing hosts still type-check. */
  lockStaleMs?: number | undefined;
}

/**
 * The embedded default: `jsonAgentFiles({ dir: <dir>/agents })` for what people write, one JSON file per agent
 * with the planner under its `planner` key (every other key kept byte for byte), and
 * `sqliteRuntime({ path: <dir>/planner.db })` for what the engine writes. Safe for several processes on one
 * machine. A data folder written by agent-planner ≤ 0.1 (runtime logs in `<dir>/state`) is imported on the first
 * start; its files are left in place.
 *
 * @example
 * const planner = createPlanner({ store: fileStore({ dir: path.join(process.cwd(), ".data/planner") }), ... });
 */
export function fileStore(options: FileStoreOptions): PlannerStore {
  if (typeof options?.dir !== "string" || options.dir.trim() === "") {
    throw new TypeError("fileStore needs a `dir` to keep planner data in.");
  }
  const runtime = sqliteRuntime({ path: join(options.dir, "planner.db") });
  return plannerStore({
    config: jsonAgentFiles({ dir: join(options.dir, "agents") }),
    runtime,
    runHistory: options.runHistory,
    now: options.now,
    prepare: async () => {
      await importFileStoreData(options.dir, runtime);
    },
  });
}

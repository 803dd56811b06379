import { rm } from "node:fs/promises";
import { z } from "zod";
import { JobState, Run, TriggerState } from "../../../shared/schemas";
import { AgentRuntime, type ConfigView, type RuntimeChange } from "../core/agent-runtime";
import { asStorageFault } from "../config/atomic-write";
import { readRuns, readVersion } from "./data-files";
import { StoreCorruptError } from "../errors";
import { LogCorruptError, createJsonlLog, type JsonlLog } from "./jsonl-log";
import { describeIssues } from "../core/validate";

const FORMAT = "agent-planner/runtime@1";
const Id = z.string().min(1).max(200);
const Stamp = <S extends z.ZodType>(state: S) => z.object({ rev: z.int().positive(), state });

/** One line of `<dir>/state/<agentId>.jsonl`: one atomic change and the agent version it made. */
const RuntimeLine = z.object({
  v: z.int().nonnegative(),
  runs: z.array(Run).optional(),
  drop: z.array(Id).optional(),
  jobs: z.array(z.tuple([Id, Stamp(JobState)])).optional(),
  triggers: z.array(z.tuple([Id, Stamp(TriggerState)])).optional(),
  deliveries: z.array(z.tuple([z.string().min(1).max(500), z.number()])).optional(),
});

/** Where an agent's runtime data was kept before the runtime log (read once, to carry it over). */
export interface LegacyFiles {
  runs: string;
  meta: string;
}

/**
 * An agent's runtime data (runs, owner states, delivery ids) as the file store keeps it: an append-only JSON-lines
 * log, one line per atomic change, read into an {@link AgentRuntime}. Appending one line is one `write` and one
 * `fdatasync`, whatever the size of the history, and a torn last line (a crash mid-append) is simply not there.
 * The log is compacted (rewritten atomically as one line) once it holds far more lines than live records.
 * Writes (`append`, `adopt`, `compact`) need the agent's lock; `sync` does not.
 */
export interface RuntimeLog {
  runtime: AgentRuntime;
  /** The agent's change counter: the highest `v` stored. */
  version(): number;
  /** Applies lines other processes appended. The first call reads the whole log, or the legacy files. */
  sync(): Promise<void>;
  /**
   * Writes `changes` (each with the version it made) as lines, fsynced; the runtime already holds them. All or
   * nothing: on a failed write or fsync no line stays in the file, and the error is a `StorageFaultError` when
   * the disk is full or the folder read-only / unwritable.
   */
  append(lines: Array<{ v: number; change: RuntimeChange }>): Promise<void>;
  /** Under the lock, before the first append: moves legacy files into a new log when there is none. */
  adopt(): Promise<void>;
  /** Rewrites the log as one snapshot line when it has grown well past its live content. */
  compactIfLarge(config: ConfigView, nowMs: number): Promise<void>;
}

export function createRuntimeLog(path: string, legacy: LegacyFiles): RuntimeLog {
  const log: JsonlLog = createJsonlLog(path, FORMAT);
  const runtime = new AgentRuntime();
  let version = 0;
  let exists: boolean | null = null;
  let legacyRead = false;

  function corrupt(message: string, cause?: unknown): StoreCorruptError {
    return new StoreCorruptError(path, `Cannot read run history ${path}: ${message} — fix or remove the file; it was not changed.`, { cause });
  }

  function applyLine(value: unknown) {
    const parsed = RuntimeLine.safeParse(value);
    if (!parsed.success) throw corrupt(describeIssues(parsed.error), parsed.error);
    const { v, ...change } = parsed.data;
    runtime.apply(change);
    if (v > version) version = v;
  }

  async function readLegacy() {
    if (legacyRead) return;
    const [runs, legacyVersion] = await Promise.all([readRuns(legacy.runs), readVersion(legacy.meta)]);
    runtime.apply({ runs });
    version = Math.max(version, legacyVersion);
    legacyRead = true;
  }

  return {
    runtime,
    version: () => version,

    async sync() {
      try {
        exists = await log.sync(applyLine, () => {
          runtime.clear();
          version = 0;
        });
      } catch (error) {
        if (error instanceof LogCorruptError) throw corrupt(error.message, error);
        throw error;
      }
      if (!exists) await readLegacy();
    },

    async adopt() {
      if (exists) return;
      await readLegacy();
      const seed = runtime.runs.size ? [{ v: version, runs: [...runtime.runs.values()] }] : [{ v: version }];
      await log.replace(seed);
      exists = true;
      // The log holds them now; the old files would only mislead someone reading the directory.
      await Promise.all([rm(legacy.runs, { force: true }), rm(legacy.meta, { force: true })]).catch((error: unknown) => {
        throw asStorageFault(error, `removing ${legacy.runs} and ${legacy.meta}`);
      });
    },

    async append(lines) {
      if (lines.length === 0) return;
      await log.append(
        lines.map(({ v, change }) => ({ v, ...change })),
        true,
      );
      for (const { v } of lines) if (v > version) version = v;
    },

    async compactIfLarge(config, nowMs) {
      const live = runtime.runs.size + runtime.jobs.size + runtime.triggers.size;
      if (log.lineCount() < 1000 || log.lineCount() < 4 * live) return;
      await log.replace([{ v: version, ...runtime.snapshot(config, nowMs) }]);
    },
  };
}

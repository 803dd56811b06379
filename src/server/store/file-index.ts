import { z } from "zod";
import { AgentId } from "../../shared/schemas";
import { type AgentIndexEntry, type PlannerIndex, createPlannerIndex, isEmptyEntry, sameEntry } from "./due-index";
import { LogCorruptError, createJsonlLog } from "./jsonl-log";
import type { KeyedMutex } from "./keyed-mutex";
import { type LockOptions, withLock } from "./lock";

/**
 * The file store's index of due jobs and Composio trigger ids, kept in `<dir>/index.jsonl`.
 *
 * Why an append-only log rather than one `index.json`: with 100,000 jobs the index is megabytes, and every tick
 * changes some `nextRunAt`; rewriting it all per change would cost O(total) per write. Each line here is the whole
 * entry of one agent (a later line replaces an earlier one), so a write appends O(agent) bytes, other processes
 * catch up by reading only the new bytes, and the log is compacted (atomically rewritten with one line per agent)
 * once it holds more than twice as many lines as agents.
 *
 * The index is a cache, never the truth: it is rebuilt from the agent files when missing or unreadable, and
 * once when a store first uses it in a process (a crash between an agent write and its index append leaves the
 * log stale). Callers re-check entries against the agent file before trusting them and `reconcile` stale ones.
 * Appends are not fsynced for the same reason: a lost append is repaired by the rebuild on the next start.
 */
export interface FileIndex {
  /** The in-memory index, brought up to date with the log (rebuilt first when needed). Treat it as read-only. */
  current(): Promise<PlannerIndex>;
  /** Records an agent's entry after its config was written. Call it while holding the agent's lock. */
  publish(agentId: string, entry: AgentIndexEntry): Promise<void>;
  /**
   * Whether this process's index is known good and holds exactly `entry` for the agent (no I/O). It may lag the
   * log by other processes' appends, so only a writer holding the agent's lock can draw conclusions from it.
   */
  holds(agentId: string, entry: AgentIndexEntry): boolean;
  /** Re-reads one agent's config and fixes its entry (after a caller found the entry stale). */
  reconcile(agentId: string): Promise<void>;
  /** Forces a rebuild on the next use (after a failed append left the log behind the agent files). */
  invalidate(): void;
}

export interface FileIndexOptions {
  path: string;
  lockPath: string;
  lock: LockOptions;
  /** In-process serialisation; the index uses the key ":index" (agent ids cannot start with ":"). */
  mutex: KeyedMutex;
  listAgents(): Promise<string[]>;
  /** The agent's entry from its config file; `null` when the file cannot be read (it is left out). */
  readEntry(agentId: string): Promise<AgentIndexEntry | null>;
}

const FORMAT = "agent-planner/index@1";
const MUTEX_KEY = ":index";
const REBUILD_CONCURRENCY = 16;
const Pair = z.tuple([z.string(), z.string()]);
const IndexLine = z.object({ agent: AgentId, jobs: z.array(Pair), triggers: z.array(Pair) });

export function createFileIndex(options: FileIndexOptions): FileIndex {
  const log = createJsonlLog(options.path, FORMAT);
  const index = createPlannerIndex();
  let fresh = false;

  function parseLine(value: unknown): { agentId: string; entry: AgentIndexEntry } {
    const parsed = IndexLine.safeParse(value);
    if (!parsed.success) throw new LogCorruptError(options.path, `${options.path} has an entry that is not an index entry.`);
    return { agentId: parsed.data.agent, entry: { jobs: parsed.data.jobs, triggers: parsed.data.triggers } };
  }

  /** Catches up with the log; `false` when it is missing or unreadable. */
  async function sync(): Promise<boolean> {
    let reloaded: Map<string, AgentIndexEntry> | null = null;
    try {
      const exists = await log.sync(
        (value) => {
          const { agentId, entry } = parseLine(value);
          if (reloaded) reloaded.set(agentId, entry);
          else index.set(agentId, entry);
        },
        () => {
          reloaded = new Map();
        },
      );
      if (reloaded) index.reset(reloaded);
      return exists;
    } catch (error) {
      if (error instanceof LogCorruptError) return false;
      throw error;
    }
  }

  async function rebuild() {
    const agents = await options.listAgents();
    const entries = new Map<string, AgentIndexEntry>();
    for (let i = 0; i < agents.length; i += REBUILD_CONCURRENCY) {
      const batch = agents.slice(i, i + REBUILD_CONCURRENCY);
      const read = await Promise.all(batch.map((agentId) => options.readEntry(agentId)));
      read.forEach((entry, j) => {
        if (entry && !isEmptyEntry(entry)) entries.set(batch[j]!, entry);
      });
    }
    await log.replace([...entries].map(([agent, entry]) => ({ agent, ...entry })));
    index.reset(entries);
    fresh = true;
  }

  /** Runs `work` with the index file lock, after making sure the log is readable and caught up. */
  function locked(work: () => Promise<void>): Promise<void> {
    return options.mutex.run(MUTEX_KEY, () =>
      withLock(options.lockPath, options.lock, async () => {
        if (!fresh || !(await sync())) await rebuild();
        await work();
      }),
    );
  }

  /** Appends the entries that differ from what the index holds, as one write; compacts when the log is long. */
  async function append(entries: ReadonlyArray<readonly [string, AgentIndexEntry]>) {
    const changed = entries.filter(([agentId, entry]) => !sameEntry(index.get(agentId), entry));
    if (changed.length === 0) return;
    await log.append(
      changed.map(([agent, entry]) => ({ agent, ...entry })),
      false,
    );
    for (const [agentId, entry] of changed) index.set(agentId, entry);
    if (log.lineCount() > 1000 && log.lineCount() > 2 * index.size()) {
      await log.replace([...index.entries()].map(([agent, kept]) => ({ agent, ...kept })));
    }
  }

  /**
   * Publishes wait here and are written together: under load many agents commit at once (a tick claims jobs of
   * every agent due), and each would otherwise take the index lock and append on its own. Each agent has at most
   * one entry waiting, since its writer publishes while holding the agent's lock and waits for the answer.
   */
  let waiting: Array<{ agentId: string; entry: AgentIndexEntry; resolve: () => void; reject: (error: unknown) => void }> = [];
  let draining: Promise<void> | null = null;

  async function drainPublishes() {
    await Promise.resolve();
    try {
      while (waiting.length > 0) {
        const batch = waiting;
        waiting = [];
        try {
          await locked(() => append(batch.map(({ agentId, entry }) => [agentId, entry] as const)));
          for (const item of batch) item.resolve();
        } catch (error) {
          for (const item of batch) item.reject(error);
        }
      }
    } finally {
      draining = null;
    }
  }

  return {
    async current() {
      const healthy = await options.mutex.run(MUTEX_KEY, async () => fresh && (await sync()));
      if (!healthy) await locked(async () => {});
      return index;
    },
    publish(agentId, entry) {
      return new Promise<void>((resolve, reject) => {
        waiting.push({ agentId, entry, resolve, reject });
        draining ??= drainPublishes();
      });
    },
    holds(agentId, entry) {
      return fresh && sameEntry(index.get(agentId), entry);
    },
    reconcile(agentId) {
      // The config is read while holding the index lock: a writer appends only after writing its config, so
      // whatever this reads cannot overwrite a newer entry (the newer append comes after this one).
      return locked(async () => {
        const entry = await options.readEntry(agentId);
        if (entry) await append([[agentId, entry]]);
      });
    },
    invalidate() {
      fresh = false;
    },
  };
}

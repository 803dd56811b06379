import type { DeliveryLogEntry, EditEntry, JobState, Run, RunOwner, TriggerState } from "../../../shared/schemas";
import type { Stamped } from "./agent-runtime";
import type { DeliveryRecord } from "../port";

/** Everything the runtime store holds for one agent, as `RuntimeTransaction.load` answers it. */
export interface RuntimeSnapshot {
  runs: Run[];
  jobs: Array<[jobId: string, stamped: Stamped<JobState>]>;
  triggers: Array<[triggerId: string, stamped: Stamped<TriggerState>]>;
  /** Delivery ids counted on the agent's triggers, with when they expire (epoch ms). */
  deliveries: Array<[deliveryId: string, expiresAt: number]>;
  /** The config revision (`revisionKey`) the runtime was last reconciled with; `""` when never. */
  configRevision: string;
}

/**
 * One write of an agent's runtime data, applied whole or not at all. Maps rather than lists so a backend writes
 * each row once; `null` deletes.
 */
export interface RuntimeWrite {
  runs: Map<string, Run | null>;
  jobs: Map<string, Stamped<JobState> | null>;
  triggers: Map<string, Stamped<TriggerState> | null>;
  deliveries: Map<string, number>;
  /** Due entries of the agent's jobs (`nextRunAt` epoch ms, or `null`: not due). With `dueReplace`, all of them. */
  due: Map<string, number | null>;
  dueReplace: boolean;
  /** The Composio trigger ids of the agent's triggers, when they changed (replaces the agent's set). */
  composioIds?: string[] | undefined;
  /** The config revision this write reconciles the runtime with, when it does. */
  configRevision?: string | undefined;
  /** Delivery ids of the agent expiring at or before this instant may be forgotten (epoch ms). */
  pruneDeliveriesBefore?: number | undefined;
  /**
   * Entries to add to the triggers' delivery logs, oldest first. After adding, the backend keeps only the newest
   * `deliveryLogKeep` entries of each trigger written to. Not part of the snapshot: read with `deliveryLog`.
   */
  deliveryLog?: DeliveryLogEntry[] | undefined;
  /** How many entries per trigger the delivery log keeps (with `deliveryLog`). */
  deliveryLogKeep?: number | undefined;
  /** Triggers whose delivery log is forgotten (deleted triggers). */
  deliveryLogDrop?: string[] | undefined;
  /**
   * Edit-log entries to append, in order. The backend then keeps the newest `EDIT_LOG_LIMIT` per owner and the
   * newest `AGENT_EDIT_LOG_LIMIT` of the agent.
   */
  edits?: EditEntry[] | undefined;
}

export function emptyWrite(): RuntimeWrite {
  return { runs: new Map(), jobs: new Map(), triggers: new Map(), deliveries: new Map(), due: new Map(), dueReplace: false };
}

export function isEmptyWrite(write: RuntimeWrite): boolean {
  return (
    write.runs.size === 0 &&
    write.jobs.size === 0 &&
    write.triggers.size === 0 &&
    write.deliveries.size === 0 &&
    write.due.size === 0 &&
    !write.dueReplace &&
    write.composioIds === undefined &&
    write.configRevision === undefined &&
    !write.deliveryLog?.length &&
    !write.deliveryLogDrop?.length &&
    !write.edits?.length
  );
}

/** The agent's part of the runtime store while the transaction holds it (the only writer, across processes). */
export interface RuntimeTransaction {
  /** The agent's change counter when the transaction began (0 for an agent never written). */
  readonly version: number;
  /** Everything stored for the agent (only called when the caller's copy is older than `version`). */
  load(): Promise<RuntimeSnapshot>;
  /**
   * Stores `write` and answers the agent's new version. At most once per transaction. The write is handed over:
   * the core never changes it (or the objects in it) afterwards, so a backend in memory may keep them as they are.
   */
  commit(write: RuntimeWrite): Promise<number>;
}

/** A due job as the runtime's index has it. */
export interface DueEntry {
  agentId: string;
  jobId: string;
  /** Epoch ms. */
  at: number;
}

/**
 * What the engine writes: due index, runs, owner states, delivery ids, change counters. Backends only translate
 * to queries: every decision (claims, overlap, history cap, auto-pause, dedupe) is taken once, in the store core
 * (`plannerStore`). Shipped: `sqliteRuntime({ path })`, `postgresRuntime(...)`, `memoryRuntime()`.
 */
export interface RuntimeBackend {
  /**
   * Runs `work` as the only writer of the agent's runtime data (also across processes for shared backends).
   * When `work` throws, nothing it wrote is kept and the error propagates.
   */
  transaction<T>(agentId: string, work: (tx: RuntimeTransaction) => Promise<T>): Promise<T>;
  /**
   * The agent's change counter as last committed (0 when never written) and the config revision the runtime was
   * last reconciled with (`""` when never): cheap, called before every read.
   */
  head(agentId: string): Promise<{ version: number; configRevision: string }>;
  /**
   * `head` of several agents in one read (optional; without it the core calls `head` for each): what a tick uses
   * for the agents of its due jobs. An agent never written is absent or `{ version: 0, configRevision: "" }`.
   */
  heads?(agentIds: string[]): Promise<Map<string, { version: number; configRevision: string }>>;
  /** Everything committed for the agent (a read outside any transaction). */
  load(agentId: string): Promise<{ version: number; snapshot: RuntimeSnapshot }>;
  /** Due entries with `at <= nowMs`, earliest first, at most `limit`. */
  dueEntries(nowMs: number, limit: number): Promise<DueEntry[]>;
  /** The earliest due entry's time (epoch ms), or `null`. */
  nextDueAt(): Promise<number | null>;
  /** Agents with a trigger linked to this Composio trigger id. */
  agentsWithComposioId(composioTriggerId: string): Promise<string[]>;
  /** Agents with anything stored: runs, states, due entries. */
  agents(): Promise<string[]>;
  /** Agents that have runs. */
  agentsWithRuns(): Promise<string[]>;
  /** A trigger's delivery log, newest first, at most `limit` entries (a read outside any transaction; rows as stored). */
  deliveryLog(agentId: string, triggerId: string, limit: number): Promise<unknown[]>;
  /**
   * One owner's edit-log entries, newest first: at most `limit` with a sequence number below `beforeSeq` (all when
   * absent). Entries come as stored (the core validates them); `seq` grows with each entry appended.
   */
  listEdits(agentId: string, owner: RunOwner, options: { beforeSeq?: number | undefined; limit: number }): Promise<Array<{ seq: number; entry: unknown }>>;
  /** Webhook delivery dedupe, independent of any agent (see `PlannerStore.recordDelivery`). */
  recordDelivery(deliveryId: string, nowMs: number, ttlMs: number): Promise<DeliveryRecord>;
  /**
   * Calls `listener` when another process changed an agent (optional: backends shared across processes). The
   * listener gets the agent and its new version; returns the unsubscribe function.
   */
  watch?(listener: (agentId: string, version: number) => void): () => void;
  close(): Promise<void>;
}

export type {
  AppendRunUnlessActiveOptions,
  DeliveryCount,
  DeliveryRecord,
  DueJob,
  FinishRunOptions,
  OccurrenceClaim,
  RunEnding,
  StartRunOptions,
  StartRunResult,
  ListAgentRunsOptions,
  ListRunsOptions,
  PlannerStore,
  RunPage,
  RunWriteOptions,
  StoreChange,
  StoreListener,
} from "./port";
export { memoryStore, type MemoryStoreOptions } from "./memory-store";
export { fileStore, type FileStoreOptions } from "./file-store";
export { LockTimeoutError, StoreClosedError, StoreCorruptError, StoreValidationError } from "./errors";
export { LockLostError } from "./lock";
export { DEFAULT_RUN_HISTORY } from "./run-history";
export { postgresStore, type PostgresStoreOptions } from "./postgres-store";
export { postgresMigration, POSTGRES_SCHEMA_VERSION } from "./postgres-schema";

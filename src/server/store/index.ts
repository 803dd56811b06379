export type {
  AppendRunUnlessActiveOptions,
  DeliveryCount,
  DeliveryRecord,
  DeliveryLogDetails,
  ListDeliveriesOptions,
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
export { plannerStore, type PlannerStoreOptions } from "./core/planner-store";
export {
  JobDefinition,
  PlannerDefinition,
  TriggerDefinition,
  definitionOf,
  type ConfigRevision,
  type ConfigSource,
  type ConfigWriteOptions,
  type StoredPlanner,
} from "./core/config-source";
export type { DueEntry, RuntimeBackend, RuntimeSnapshot, RuntimeTransaction, RuntimeWrite } from "./core/runtime-backend";
export { memoryConfig, type MemoryConfigOptions } from "./config/memory-config";
export { jsonAgentFiles, type JsonAgentFilesOptions } from "./config/json-agent-files";
export { memoryRuntime } from "./memory/memory-runtime";
export { sqliteRuntime, type SqliteRuntimeOptions } from "./sqlite/sqlite-runtime";
export { importFileStoreData, type ImportReport } from "./legacy/import-file-store";
export { fileStore, type FileStoreOptions } from "./file-store";
export { LockTimeoutError, StoreClosedError, StoreCorruptError, StoreValidationError } from "./errors";
export { StorageFaultError, isStorageFault, storageFaultOf, type StorageFaultKind } from "./faults";
export { DEFAULT_RUN_HISTORY } from "./core/run-history";
export { postgresStore, type PostgresStoreOptions } from "./postgres/postgres-store";
export { postgresMigration, POSTGRES_SCHEMA_VERSION } from "./postgres/schema";
export { postgresRuntime, type PostgresRuntimeOptions } from "./postgres/postgres-runtime";
export { postgresConfig, type PostgresConfigOptions } from "./postgres/postgres-config";

export * from "./common";
export {
  MAX_JSON_BYTES,
  MAX_JSON_DEPTH,
  NESTED_TOO_DEEPLY_MESSAGE,
  RESERVED_KEYS,
  findJsonProblem,
  isReservedKey,
  reservedKeyMessage,
  safeJsonObject,
  safeJsonValue,
  safeRecord,
  tooLargeMessage,
  type JsonLimits,
  type JsonProblem,
  type SafeJsonOptions,
} from "./json";
export * from "./action";
export * from "./schedule";
export * from "./time-window";
export * from "./filters";
export * from "./run";
export * from "./job";
export * from "./trigger";
export * from "./trigger-form";
export * from "./planner";
export * from "./api";
export * from "./retry";
export * from "./run-search";
export * from "./bulk";
export * from "./deliveries";
export * from "./edit-log";
export * from "./forms";
export * from "./bend";
export * from "./watch";
export * from "./watch-state";
export * from "./proposal";

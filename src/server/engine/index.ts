export { tick, occurrenceRunId, type TickResult } from "./tick";
export { startRun, callExecutor, recordAttempt, finishRun, finishRunIf, executeRun, enqueueRun, enqueueRunUnlessActive, errorMessage, runWriteOptions } from "./run";
export type { StartResult, RunOutcome, RetryOptions } from "./run";
export { jobSubject, triggerSubject, type RunSubject } from "./subjects";
export type { ExecutorCall, ExecutorOutcome } from "./actions";
export { AUTO_PAUSE_AFTER, MISFIRE_GRACE_MS, RUN_ALL_CAP, type Dispatcher, type ManualDispatcher, type ManualRunRequest, type ManualDispatchOptions, type ManualDispatchResult } from "./types";

export { createInngestClient, fetchWithTimeout } from "./client";
export type { CreateInngestClientOptions } from "./client";
export { inngestDispatcher } from "./dispatcher";
export { jobDue, triggerFired } from "./events";
export { inngestLoggerFor } from "./logger";
export { createPlannerFunctions, RUN_RETRIES } from "./functions";
export type { RunFunctionOutput } from "./functions";

/**
 * `agent-planner/inngest`: everything that loads the `inngest` package (an optional peer). Import it only when
 * the planner runs on Inngest; `agent-planner/server` and `agent-planner/next` never reach `inngest`.
 */
export { createInngestClient, fetchWithTimeout } from "./client";
export type { CreateInngestClientOptions } from "./client";
export { inngestDispatcher } from "./dispatcher";
export { jobDue, triggerFired, runCancelled } from "./events";
export { inngestLoggerFor } from "./logger";
export { createPlannerFunctions, RUN_RETRIES } from "./functions";
export type { RunFunctionOutput } from "./functions";
export { createInngestRoute } from "../next/inngest-route";
export type { InngestRouteOptions } from "../next/inngest-route";

export { createPlannerRoute } from "./trpc-route";
export type { PlannerRouteOptions } from "./trpc-route";
export { createInngestRoute } from "./inngest-route";
export type { InngestRouteOptions } from "./inngest-route";
export { createComposioWebhookRoute } from "./composio-webhook-route";
export type { ComposioWebhookRouteOptions } from "./composio-webhook-route";

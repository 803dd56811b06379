export { createPlannerRoute } from "./trpc-route";
export type { PlannerRouteOptions } from "./trpc-route";
export { createComposioWebhookRoute } from "./composio-webhook-route";
export type { ComposioWebhookRouteOptions } from "./composio-webhook-route";

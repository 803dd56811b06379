export { createComposioGateway, DEFAULT_COMPOSIO_BASE_URL, type ComposioGatewayOptions } from "./gateway";
export { verifyComposioWebhook, type ComposioWebhookRejection, type VerifyComposioWebhookInput, type VerifyComposioWebhookResult } from "./verify";
export type {
  ComposioGateway,
  ConnectedAccountInfo,
  ConnectedAccountStatus,
  CreateComposioTriggerInput,
  CreatedComposioTrigger,
  JsonSchema,
  ToolkitInfo,
  TriggerDelivery,
  TriggerTypeInfo,
  TriggerTypePage,
} from "./types";

export { startComposioSandbox, type ComposioSandbox, type ComposioSandboxOptions, type EmitResult } from "./server";
export { signComposioWebhook } from "./sign";
export { loadFixtures } from "./fixtures";
export {
  defaultSeed,
  SandboxState,
  type AccountStatus,
  type ConnectedAccountRecord,
  type DeliveryRecord,
  type SandboxSeed,
  type SeedAccount,
  type TriggerInstanceRecord,
  type WebhookEventType,
  type WebhookVersion,
} from "./state";

import { z } from "zod";
import sampleEvents from "./fixtures/sample-events.json" with { type: "json" };
import toolkits from "./fixtures/toolkits.json" with { type: "json" };
import triggerTypes from "./fixtures/trigger-types.json" with { type: "json" };

const JsonObject = z.record(z.string(), z.unknown());

/** A `/api/v3.1/toolkits` item, snake_case, as in the fixture. */
export const ToolkitFixture = z.looseObject({
  slug: z.string(),
  name: z.string(),
  is_local_toolkit: z.boolean(),
  meta: z.looseObject({
    description: z.string(),
    logo: z.string(),
    categories: z.array(z.object({ id: z.string(), name: z.string() })),
    triggers_count: z.number(),
    tools_count: z.number(),
    version: z.string(),
  }),
});
export type ToolkitFixture = z.infer<typeof ToolkitFixture>;

/** A `/api/v3.1/triggers_types` item, snake_case, as in the fixture. */
export const TriggerTypeFixture = z.looseObject({
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  instructions: z.string().nullish(),
  type: z.enum(["webhook", "poll"]),
  toolkit: z.object({ slug: z.string(), name: z.string(), logo: z.string() }),
  config: JsonObject,
  payload: JsonObject,
  version: z.string(),
  approximate: z.boolean().optional(),
});
export type TriggerTypeFixture = z.infer<typeof TriggerTypeFixture>;

export const SampleDeliveryFixture = z.object({
  trigger_slug: z.string(),
  delivery: z.object({
    id: z.string(),
    timestamp: z.string(),
    type: z.string(),
    metadata: z.object({
      log_id: z.string(),
      trigger_slug: z.string(),
      auth_config_id: z.string(),
      connected_account_id: z.string(),
      trigger_id: z.string(),
      user_id: z.string(),
    }),
    data: JsonObject,
  }),
});
export type SampleDeliveryFixture = z.infer<typeof SampleDeliveryFixture>;

export interface SandboxFixtures {
  toolkits: ToolkitFixture[];
  triggerTypes: TriggerTypeFixture[];
  samples: SampleDeliveryFixture[];
}

/**
 * The catalog copied into the project (`src/sandbox/fixtures`, see its SOURCES.md), validated on load. The JSON is
 * imported, so the build inlines it in `dist/sandbox.js` and the published bin needs no files beside it.
 */
export function loadFixtures(): SandboxFixtures {
  return {
    toolkits: z.array(ToolkitFixture).parse(toolkits),
    triggerTypes: z.array(TriggerTypeFixture).parse(triggerTypes),
    samples: z.array(SampleDeliveryFixture).parse(sampleEvents),
  };
}

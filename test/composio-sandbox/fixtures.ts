import { readFileSync } from "node:fs";
import { z } from "zod";

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

function load<T>(file: URL, schema: z.ZodType<T>): T[] {
  const text = readFileSync(file, "utf8");
  return z.array(schema).parse(JSON.parse(text));
}

/** The catalog copied into the project (`test/fixtures/composio`, see its SOURCES.md), validated on load. */
export function loadFixtures(): SandboxFixtures {
  // One literal `new URL(…, import.meta.url)` per file: bundlers (the demo's Turbopack build) copy each file and
  // rewrite the URL, which they cannot do for a URL built from a variable.
  return {
    toolkits: load(new URL("../fixtures/composio/toolkits.json", import.meta.url), ToolkitFixture),
    triggerTypes: load(new URL("../fixtures/composio/trigger-types.json", import.meta.url), TriggerTypeFixture),
    samples: load(new URL("../fixtures/composio/sample-events.json", import.meta.url), SampleDeliveryFixture),
  };
}

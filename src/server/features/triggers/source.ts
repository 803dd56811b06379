import type { TriggerSource } from "../../../shared/schemas";
import type { ComposioGateway } from "../../composio";
import { composioOutcomeUnknown } from "../../composio/errors";
import { InvalidInputError } from "../../errors";
import { validateTriggerConfig } from "./config";

/** A source as the user gave it (the account may be left for Composio to choose). */
export type SourceInput = Pick<TriggerSource, "toolkit" | "triggerSlug" | "config"> & { connectedAccountId?: string | undefined };

/**
 * What creating (upserting) a source's Composio instance came to: the instance, or `unknown` when Composio's answer
 * was lost (a timeout, a 5xx) and the instance may exist all the same — the background sync finds out.
 */
export type InstanceResult =
  | { kind: "created"; source: TriggerSource; triggerId: string }
  | { kind: "unknown"; source: TriggerSource; error: unknown };

/**
 * Checks a source against Composio's catalog (the event belongs to the app, the settings match its schema, with the
 * schema's defaults filled in) and creates its instance for `userId`. A refusal is thrown as a domain error.
 */
export async function createSourceInstance(gateway: ComposioGateway, userId: string, input: SourceInput): Promise<InstanceResult> {
  const type = await gateway.getTriggerType(input.triggerSlug);
  if (type.toolkit !== input.toolkit) {
    throw new InvalidInputError(`${type.name} is an event of ${type.toolkit}, not ${input.toolkit}.`, [{ path: "source.triggerSlug", message: "Choose an event of this app." }]);
  }
  const config = validateTriggerConfig(type.config, input.config);
  const account = input.connectedAccountId ? { connectedAccountId: input.connectedAccountId } : {};
  try {
    const instance = await gateway.createTrigger({ userId, slug: type.slug, ...account, config });
    return { kind: "created", triggerId: instance.triggerId, source: { toolkit: input.toolkit, triggerSlug: type.slug, connectedAccountId: instance.connectedAccountId, config } };
  } catch (error) {
    if (!composioOutcomeUnknown(error)) throw error;
    return { kind: "unknown", error, source: { toolkit: input.toolkit, triggerSlug: type.slug, ...account, config } };
  }
}

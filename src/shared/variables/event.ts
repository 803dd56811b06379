import { getPath } from "../path";
import type { JsonObject, JsonValue } from "../schemas/common";
import type { Trigger } from "../schemas/trigger";
import { eventAliasesFor, type EventAlias } from "./aliases";
import { setOwn } from "./json-schema";

/** An event as the engine sees it, whatever webhook version delivered it. */
export interface TriggerEvent {
  /** Unique delivery id (the `webhook-id`, `msg_…`), also the dedupe key. */
  id: string;
  /** Trigger type slug, e.g. `GMAIL_NEW_GMAIL_MESSAGE`. */
  type: string;
  /** Toolkit slug, e.g. `gmail`. */
  source: string;
  /** When the event happened, ISO-8601 UTC. */
  time: string;
  /** The trigger's payload. */
  data: JsonObject;
}

/** Variables every trigger template can use; payload fields and aliases with these names are hidden. */
export const EVENT_BUILTIN_VARIABLES = ["eventType", "eventSource", "eventTime", "eventId", "triggerName", "agentName", "eventData"] as const;
export type EventBuiltinVariable = (typeof EVENT_BUILTIN_VARIABLES)[number];

export interface EventVariablesInput {
  trigger: Pick<Trigger, "name">;
  event: TriggerEvent;
  /** Without it, `{agentName}` is missing. */
  agent?: { name: string } | undefined;
}

/**
 * The variables a trigger's template renders with. Three layers, the first to claim a name wins:
 *
 * 1. Built-ins (`EVENT_BUILTIN_VARIABLES`): `eventType`, `eventSource`, `eventTime`, `eventId`, `triggerName`,
 *    `agentName` (when `agent` is given) and `eventData` (the whole payload). Their names are reserved even
 *    when unset, so a payload field called `agentName` never stands in for the agent's name.
 * 2. Every top-level payload field by its own name, so `{subject}` and `{payload.headers.0.name}` work.
 * 3. Friendly aliases for the trigger type (`emailSubject` for Gmail's `subject`, see `EVENT_VARIABLE_ALIASES`),
 *    set only when their payload field is present; an alias never hides a real payload field.
 *
 * @example
 * eventVariables({ trigger: { name: "Inbox" }, event, agent: { name: "Ada" } }).emailSubject;
 * // "Q4 roadmap review - agenda"
 */
export function eventVariables({ trigger, event, agent }: EventVariablesInput): Record<string, JsonValue> {
  const builtins: Partial<Record<EventBuiltinVariable, JsonValue>> = {
    eventType: event.type,
    eventSource: event.source,
    eventTime: event.time,
    eventId: event.id,
    triggerName: trigger.name,
    eventData: event.data,
  };
  if (agent) builtins.agentName = agent.name;

  const variables: Record<string, JsonValue> = { ...builtins };
  const reserved = new Set<string>(EVENT_BUILTIN_VARIABLES);
  for (const [name, value] of Object.entries(event.data)) {
    if (!reserved.has(name) && value !== undefined) setOwn(variables, name, value);
  }
  for (const alias of eventAliasesFor({ toolkit: event.source, triggerSlug: event.type })) {
    if (reserved.has(alias.name) || Object.prototype.hasOwnProperty.call(variables, alias.name)) continue;
    const value = aliasValue(alias, event.data);
    if (value !== undefined) setOwn(variables, alias.name, value);
  }
  return variables;
}

/** The first non-null value among the alias's paths; `null` if the fields exist but are all `null`. */
function aliasValue(alias: EventAlias, data: JsonObject): JsonValue | undefined {
  let found: JsonValue | undefined;
  for (const path of alias.paths) {
    const value = getPath(data, path);
    if (value !== null && value !== undefined) return value;
    if (value === null) found = null;
  }
  return found;
}

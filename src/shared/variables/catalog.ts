import type { JsonValue } from "../schemas/common";
import { eventAliasesFor } from "./aliases";
import { EVENT_BUILTIN_VARIABLES, type EventBuiltinVariable } from "./event";
import { jobVariables, type JobBuiltinVariable } from "./job";
import { sampleEventData, variablesFromPayloadSchema } from "./payload-schema";

/** Where a variable comes from, so an editor can group the list. */
export type VariableGroup = "builtin" | "custom" | "field" | "alias";

/** One variable an editor can offer. */
export interface VariableInfo {
  name: string;
  /** A sentence for the editor's list. */
  description: string;
  example?: JsonValue | undefined;
  /** JSON Schema type for payload fields and aliases, when the schema says. */
  type?: string | undefined;
  group: VariableGroup;
}

/** A job variable: always a string, always with an example. */
export interface JobVariableInfo extends VariableInfo {
  example: string;
}

const JOB_BUILTIN_DESCRIPTIONS = {
  date: "The scheduled date in the job's timezone.",
  time: "The scheduled time in the job's timezone, on the clock of the planner's locale (24-hour when none is set).",
  dateTime: "The scheduled date and time in the job's timezone.",
  dayOfWeek: "The scheduled day of the week in the job's timezone.",
  timeOfDay: "morning (5:00–11:59), afternoon (12:00–16:59), evening (17:00–20:59) or night (21:00–4:59).",
  timezone: "The job's timezone (IANA name).",
  scheduledFor: "The scheduled time in UTC (ISO 8601).",
  jobName: "The name of this job.",
  agentName: "The name of the agent.",
} satisfies Record<JobBuiltinVariable, string>;

/** The sample occurrence the job catalog's examples show. */
const SAMPLE_JOB_RUN = {
  job: { name: "Weekly report", schedule: { cron: "0 9 * * 1", timezone: "Europe/Paris" } },
  agent: { name: "Assistant" },
  scheduledFor: new Date("2026-11-30T08:00:00.000Z"),
};

/**
 * The variables a job's template can use, for the template editor and `catalog.variables`: the built-ins
 * with a description and an example (Monday, November 30, 2026 09:00 in Europe/Paris, in en-US), then the
 * job's own variables with their values as examples.
 *
 * @example
 * jobVariableCatalog({ variables: { team: "Platform" } }).map((v) => v.name);
 * // ["date", "time", "dateTime", "dayOfWeek", "timeOfDay", "timezone", "scheduledFor", "jobName", "agentName", "team"]
 */
export function jobVariableCatalog(job?: { variables?: Record<string, string> | undefined }): JobVariableInfo[] {
  const examples = jobVariables(SAMPLE_JOB_RUN);
  const builtins = (Object.keys(JOB_BUILTIN_DESCRIPTIONS) as JobBuiltinVariable[]).map(
    (name): JobVariableInfo => ({ name, description: JOB_BUILTIN_DESCRIPTIONS[name], example: examples[name] ?? "", group: "builtin" }),
  );
  const taken = new Set<string>(builtins.map((variable) => variable.name));
  const own = Object.entries(job?.variables ?? {})
    .filter(([name]) => !taken.has(name))
    .map(([name, value]): JobVariableInfo => ({ name, description: "A variable set on this job.", example: value, group: "custom" }));
  return [...builtins, ...own];
}

const EVENT_BUILTIN_DESCRIPTIONS = {
  eventType: "The trigger type of the event.",
  eventSource: "The app that sent the event.",
  eventTime: "When the event happened, in UTC (ISO 8601).",
  eventId: "The unique id of this event delivery.",
  triggerName: "The name of this trigger.",
  agentName: "The name of the agent.",
  eventData: "The whole event payload as JSON; add a path for one field, as in {eventData.id}.",
} satisfies Record<EventBuiltinVariable, string>;

export interface EventVariableCatalogInput {
  toolkit: string;
  triggerSlug: string;
  /** The trigger type's `payload` JSON Schema; anything else just lists fewer variables. */
  payloadSchema: unknown;
}

/**
 * The variables a trigger's template can use, for the template editor and `catalog.variables`: the
 * built-ins, then the payload fields from `variablesFromPayloadSchema`, then the aliases that apply to this
 * trigger type. Follows `eventVariables`' precedence: a payload field named like a built-in is left out, and
 * so is an alias named like a built-in or a payload field. Aliases whose fields the schema does not declare
 * are left out too (unless the schema declares nothing, as for an unknown trigger type).
 *
 * @example
 * eventVariableCatalog({ toolkit: "gmail", triggerSlug: "GMAIL_NEW_GMAIL_MESSAGE", payloadSchema })
 *   .find((v) => v.name === "emailSubject");
 * // { name: "emailSubject", description: "Alias for subject: the subject line of the email.", type: "string", group: "alias" }
 */
export function eventVariableCatalog({ toolkit, triggerSlug, payloadSchema }: EventVariableCatalogInput): VariableInfo[] {
  const builtinExamples: Record<EventBuiltinVariable, JsonValue> = {
    eventType: triggerSlug,
    eventSource: toolkit,
    eventTime: "2026-11-28T09:00:00.000Z",
    eventId: "msg_0b6d3f3e-5f1c-4f2a-9d7e-2c8a1b4e6f90",
    triggerName: "My trigger",
    agentName: "Assistant",
    eventData: sampleEventData(payloadSchema),
  };
  const builtins = EVENT_BUILTIN_VARIABLES.map(
    (name): VariableInfo => ({ name, description: EVENT_BUILTIN_DESCRIPTIONS[name], example: builtinExamples[name], group: "builtin" }),
  );
  const reserved = new Set<string>(EVENT_BUILTIN_VARIABLES);

  const payloadVariables = variablesFromPayloadSchema(payloadSchema);
  const fields = payloadVariables
    .filter((variable) => !reserved.has(variable.name.split(".")[0] ?? ""))
    .map((variable): VariableInfo => ({ ...variable, description: variable.description ?? "A field of the event payload.", group: "field" }));
  const byName = new Map(payloadVariables.map((variable) => [variable.name, variable]));

  const taken = new Set<string>([...reserved, ...fields.map((variable) => variable.name)]);
  const aliases: VariableInfo[] = [];
  for (const alias of eventAliasesFor({ toolkit, triggerSlug })) {
    if (taken.has(alias.name)) continue;
    const source = alias.paths.map((path) => byName.get(path)).find((variable) => variable !== undefined);
    if (!source && payloadVariables.length > 0) continue;
    aliases.push({
      name: alias.name,
      description: alias.description,
      ...(source?.example !== undefined && { example: source.example }),
      ...(source?.type !== undefined && { type: source.type }),
      group: "alias",
    });
    taken.add(alias.name);
  }
  return [...builtins, ...fields, ...aliases];
}

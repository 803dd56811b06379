import type { JsonValue } from "../schemas/common";
import { lookupVariable } from "../template";
import type { JobVariableInfo, VariableInfo } from "./catalog";
import { eventVariables } from "./event";
import { jobVariables, type JobVariablesInput } from "./job";
import { sampleEventData } from "./payload-schema";

/** A variable an editor can offer, with the value it would have in a sample run, for the live preview. */
export type SampledVariable = VariableInfo & {
  /** What `{name}` would insert in the sample run or event ("" when the sample has no value for it). */
  sample: JsonValue;
};

/** A job variable with its sample: always a string. */
export type SampledJobVariable = JobVariableInfo & { sample: string };

/**
 * Adds to each of a job's variables (from `jobVariableCatalog`) the value it would have when the job runs at
 * `scheduledFor`: computed by `jobVariables`, the function runs render with, so the preview shows what a run would.
 *
 * @throws RangeError when the timezone or locale is unknown (check the schedule first).
 * @example
 * sampleJobVariables(jobVariableCatalog(job), { job, agent: { name: "Ada" }, scheduledFor: new Date("2026-11-30T08:00:00Z") })
 *   .find((v) => v.name === "time")?.sample; // "09:00" (job in Europe/Paris)
 */
export function sampleJobVariables(catalog: readonly JobVariableInfo[], run: JobVariablesInput): SampledJobVariable[] {
  const values = jobVariables(run);
  return catalog.map((variable) => ({ ...variable, sample: values[variable.name] ?? "" }));
}

export interface EventSampleInput {
  toolkit: string;
  triggerSlug: string;
  /** The trigger type's `payload` JSON Schema; the sample payload is `sampleEventData(payloadSchema)`. */
  payloadSchema: unknown;
  triggerName: string;
  agentName: string;
  /** The sample event's time (ISO UTC). */
  eventTime: string;
}

/** The delivery id the sample event carries. */
export const SAMPLE_EVENT_ID = "msg_sample";

/**
 * Adds to each of a trigger's variables (from `eventVariableCatalog`) the value it would have for a sample event
 * built from the payload schema (`sampleEventData`): computed by `eventVariables` and looked up with the
 * renderer's own rule, so `{payload.headers.0.name}` shows what a run would insert.
 *
 * @example
 * sampleEventVariables(eventVariableCatalog(type), { ...type, triggerName: "Inbox", agentName: "Ada", eventTime })
 *   .find((v) => v.name === "emailSubject")?.sample; // "Sample Subject"
 */
export function sampleEventVariables(catalog: readonly VariableInfo[], input: EventSampleInput): SampledVariable[] {
  const values = eventVariables({
    trigger: { name: input.triggerName },
    agent: { name: input.agentName },
    event: { id: SAMPLE_EVENT_ID, type: input.triggerSlug, source: input.toolkit, time: input.eventTime, data: sampleEventData(input.payloadSchema) },
  });
  return catalog.map((variable) => ({ ...variable, sample: lookupVariable(values, variable.name.split(".")) ?? variable.example ?? "" }));
}

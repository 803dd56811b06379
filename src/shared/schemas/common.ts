import { z } from "zod";

/** Prefixes of the ids the planner creates. */
export const ID_PREFIXES = { job: "job_", trigger: "trg_", run: "run_" } as const;

const ID_BODY = "[A-Za-z0-9_-]{6,64}";

function prefixedId(prefix: string, noun: string) {
  return z
    .string({ error: `A ${noun} id is required.` })
    .regex(new RegExp(`^${prefix}${ID_BODY}$`), { error: `This is not a valid ${noun} id (it should start with "${prefix}").` });
}

export const JobId = prefixedId(ID_PREFIXES.job, "job");
export type JobId = z.infer<typeof JobId>;
export const TriggerId = prefixedId(ID_PREFIXES.trigger, "trigger");
export type TriggerId = z.infer<typeof TriggerId>;
/**
 * Run ids are either generated (`run_…`) or deterministic for scheduled occurrences
 * (`job_…@2026-11-30T08:00:00.000Z`), so a duplicate dispatch of the same occurrence is absorbed.
 */
export const RunId = z
  .string({ error: "A run id is required." })
  .min(1)
  .max(200)
  .regex(/^(run_[A-Za-z0-9_-]{6,64}|(job|trg)_[A-Za-z0-9_-]{6,64}@[0-9T:.Z-]{10,40})$/, { error: "This is not a valid run id." });
export type RunId = z.infer<typeof RunId>;

/** The host's agent id: opaque, but bounded and safe to use as a file name. */
export const AgentId = z
  .string({ error: "An agent id is required." })
  .min(1, { error: "An agent id is required." })
  .max(128, { error: "An agent id must be at most 128 characters." })
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, { error: "An agent id may only contain letters, digits, '.', '_' and '-'." });
export type AgentId = z.infer<typeof AgentId>;

/** ISO-8601 UTC timestamp on the wire. */
export const IsoDateTime = z.iso.datetime({ offset: false, error: "Expected a UTC date-time like 2026-11-28T09:00:00Z." });
export type IsoDateTime = z.infer<typeof IsoDateTime>;

export { JsonObject, JsonValue } from "./json";

export const Name = z
  .string({ error: "A name is required." })
  .trim()
  .min(1, { error: "Give it a name." })
  .max(100, { error: "The name must be at most 100 characters." });

export const Description = z.string().trim().max(1000, { error: "The description must be at most 1,000 characters." });

import { z } from "zod";

/** Prefixes of the ids the planner creates. */
export const ID_PREFIXES = { job: "job_", trigger: "trg_", run: "run_", proposal: "prp_" } as const;

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

/**
 * Code point ranges that show nothing: the soft hyphen, combining grapheme joiner, Arabic letter mark, Hangul
 * fillers, Khmer/Mongolian invisible vowels and selectors, zero-width spaces and joiners, the bidi marks,
 * embeddings, overrides and isolates, the word joiner and invisible operators, variation selectors and the BOM.
 * Two names that differ only by them look the same.
 */
const INVISIBLE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x00ad, 0x00ad],
  [0x034f, 0x034f],
  [0x061c, 0x061c],
  [0x115f, 0x1160],
  [0x17b4, 0x17b5],
  [0x180b, 0x180f],
  [0x200b, 0x200f],
  [0x202a, 0x202e],
  [0x2060, 0x206f],
  [0x3164, 0x3164],
  [0xfe00, 0xfe0f],
  [0xfeff, 0xfeff],
  [0xffa0, 0xffa0],
  [0xe0000, 0xe007f],
];

/** Whether the code point shows nothing (see INVISIBLE_RANGES). */
export function isInvisibleCodePoint(codePoint: number): boolean {
  return INVISIBLE_RANGES.some(([from, to]) => codePoint >= from && codePoint <= to);
}

/**
 * What two names are compared by: NFKC-normalised (full-width letters, ligatures, compatibility forms become
 * their plain letters), invisible characters removed, runs of white space made one space, trimmed, case folded.
 * "Daily\u200B digest", "Ｄａｉｌｙ digest" and "daily digest" share a key.
 */
export function nameKey(name: string): string {
  const visible = Array.from(name.normalize("NFKC"))
    .filter((char) => !isInvisibleCodePoint(char.codePointAt(0) ?? 0))
    .join("");
  return visible.replace(/\s+/gu, " ").trim().toLocaleLowerCase("en");
}

export const Name = z
  .string({ error: "A name is required." })
  .trim()
  .min(1, { error: "Give it a name." })
  .max(100, { error: "The name must be at most 100 characters." })
  // A blank name already has its sentence ("Give it a name."): this one is for names of invisible characters only.
  .refine((name) => name.length === 0 || nameKey(name).length > 0, { error: "Give it a name with visible characters." });

export const Description = z.string().trim().max(1000, { error: "The description must be at most 1,000 characters." });

import { z } from "zod";
import { AgentId, IsoDateTime, RunId } from "./common";
import { RunCause, RunStatus } from "./run";

/** The longest search text: longer text is refused with a sentence (a search box needs far less). */
export const MAX_RUN_SEARCH_TEXT = 200;
/** The most runs one page of a search answers. */
export const MAX_RUN_SEARCH_PAGE = 100;
/** The most runs an export answers (the newest that match; `truncated` says when more matched). */
export const MAX_RUN_EXPORT = 10_000;
/** The most runs one bulk replay takes. */
export const MAX_BULK_REPLAY = 100;
/** The furthest offset a page may start at. */
const MAX_OFFSET = 1_000_000;

/**
 * The kinds of run a history filters by, one per cause: `schedule` (Scheduled), `manual` (run now), `event`,
 * `test` (a test event) and `replay`.
 */
export const RunKindFilter = z.array(RunCause, { error: `Filter by kinds of run (${RunCause.options.join(", ")}).` }).max(RunCause.options.length);

/** The filters of `runs.search` and `runs.export`: every one optional, all of them must match. */
const FilterShape = z.object({
  agentId: AgentId,
  /**
   * Case-insensitive text found in the job's or trigger's name, the message sent (or the workflow input), the
   * error or the run id. Matched literally (no patterns): `%`, `_`, `*` and regex characters are just characters.
   */
  text: z
    .string({ error: "Search with text." })
    .max(MAX_RUN_SEARCH_TEXT, { error: `Search with at most ${MAX_RUN_SEARCH_TEXT} characters.` })
    .optional(),
  status: z.array(RunStatus, { error: `Filter by run statuses (${RunStatus.options.join(", ")}).` }).max(RunStatus.options.length).optional(),
  kind: RunKindFilter.optional(),
  /** Only runs of one job or one trigger. */
  owner: z.object({ kind: z.enum(["job", "trigger"], { error: 'The owner kind must be "job" or "trigger".' }), id: z.string().min(1).max(200) }).optional(),
  /** Only runs of jobs, or only runs of triggers. */
  ownerKind: z.enum(["job", "trigger"], { error: 'The kind must be "job" or "trigger".' }).optional(),
  /** Runs queued at or after this instant (ISO UTC). */
  from: IsoDateTime.optional(),
  /** Runs queued before this instant (ISO UTC). */
  to: IsoDateTime.optional(),
});

/** A date range that ends before it starts is refused with a sentence. */
function orderedRange<T extends { from?: string | undefined; to?: string | undefined }>(filters: T, ctx: z.RefinementCtx): void {
  if (filters.from && filters.to && Date.parse(filters.from) > Date.parse(filters.to)) {
    ctx.addIssue({ code: "custom", message: "The start of the date range must be before its end.", path: ["to"] });
  }
}

export const RunSearchFilters = FilterShape.superRefine(orderedRange);
export type RunSearchFilters = z.infer<typeof RunSearchFilters>;

/** `runs.search`: one page of the matching runs, newest first, and how many match. */
export const RunSearchInput = FilterShape.extend({
  offset: z.int({ error: "The page must start at a whole number of runs." }).min(0).max(MAX_OFFSET, { error: "That page is too far; narrow the search." }).default(0),
  limit: z.int({ error: "Ask for a whole number of runs." }).min(1, { error: "Ask for at least 1 run." }).max(MAX_RUN_SEARCH_PAGE, { error: `Ask for at most ${MAX_RUN_SEARCH_PAGE} runs at a time.` }).default(10),
}).superRefine(orderedRange);
export type RunSearchInput = z.infer<typeof RunSearchInput>;

/** `runs.export`: every matching run (up to {@link MAX_RUN_EXPORT}, newest first) as CSV or JSON. */
export const RunExportInput = FilterShape.extend({ format: z.enum(["csv", "json"], { error: 'Export as "csv" or "json".' }) }).superRefine(orderedRange);
export type RunExportInput = z.infer<typeof RunExportInput>;

/** `runs.replayMany`: replays of several ended runs, answered per run. */
export const ReplayManyInput = z.object({
  agentId: AgentId,
  runIds: z
    .array(RunId)
    .min(1, { error: "Choose at least one run to replay." })
    .max(MAX_BULK_REPLAY, { error: `Replay at most ${MAX_BULK_REPLAY} runs at a time.` }),
});
export type ReplayManyInput = z.infer<typeof ReplayManyInput>;

import { z } from "zod";
import { AgentId, IsoDateTime, PlannerConfig, Run, RunResult, RunTimelineEntry } from "../../../shared/schemas/index";
import { StoreValidationError } from "../errors";
import type { OccurrenceClaim, RunWriteOptions } from "../port";
import { DEFAULT_RUN_HISTORY, sameOwner } from "./run-history";
import { copyData } from "./owned";

/** One line naming the first few schema problems, e.g. `jobs.0.id: This is not a valid job id …`. */
export function describeIssues(error: z.ZodError, max = 3): string {
  const shown = error.issues.slice(0, max).map((issue) => {
    const path = issue.path.map(String).join(".");
    return path ? `${path}: ${issue.message}` : issue.message;
  });
  const more = error.issues.length - shown.length;
  return more > 0 ? `${shown.join("; ")} (and ${more} more)` : shown.join("; ");
}

/** Checks an agent id before it is used as a key or in a file name (no path traversal). */
export function assertAgentId(agentId: unknown): string {
  const parsed = AgentId.safeParse(agentId);
  if (!parsed.success) {
    throw new StoreValidationError(`Invalid agent id ${JSON.stringify(agentId)}: ${describeIssues(parsed.error)}`, {
      cause: parsed.error,
    });
  }
  return parsed.data;
}

/** Validates what an `update` function returned; the parsed value (defaults filled in) is what gets stored. */
export function validatePlannerResult(agentId: string, value: unknown): PlannerConfig {
  const parsed = PlannerConfig.safeParse(value);
  if (!parsed.success) {
    const problems = describeIssues(parsed.error);
    throw new StoreValidationError(
      `The planner update for agent "${agentId}" produced invalid data, so nothing was saved: ${problems}`,
      { cause: parsed.error },
    );
  }
  return parsed.data;
}

/**
 * Validates a run given to `appendRun` or returned by an `updateRun` function. The answer is the store's own: the
 * schema copies objects and lists, and the JSON values it checks but keeps as given (input, event data, a
 * workflow's output) are copied here, so nothing the caller holds is shared with what the store keeps.
 */
export function validateRun(value: unknown, what: string): Run {
  const parsed = Run.safeParse(value);
  if (!parsed.success) {
    throw new StoreValidationError(`${what} is not a valid run, so nothing was saved: ${describeIssues(parsed.error)}`, {
      cause: parsed.error,
    });
  }
  const run = parsed.data;
  if (run.input !== undefined) run.input = copyData(run.input);
  if (run.event) run.event.data = copyData(run.event.data);
  if (run.result?.output !== undefined) run.result.output = copyData(run.result.output);
  return run;
}

/** What `finishRun` adds to a stored run, checked as the run schema checks those fields. */
const EndingFields = z.object({
  finishedAt: IsoDateTime,
  attempts: z.int().nonnegative(),
  error: z.string().optional(),
  cancelledBy: z.string().max(200).optional(),
  result: RunResult.optional(),
  // Bounded when merged with the run's timeline (`boundTimeline`).
  timeline: z.array(RunTimelineEntry).optional(),
});
export type EndingFields = z.infer<typeof EndingFields>;

/**
 * The fields of a run ending that the finished run takes (by its status), validated and copied: the run they are
 * added to was validated when it was stored, so these are all a finished run needs checking (rather than the whole
 * run, its event included, once more). The schema has no rule across fields, so a valid run with valid fields added
 * is valid.
 */
export function validateEndingFields(ending: {
  status: string;
  finishedAt: string;
  attempts: number;
  error?: string | undefined;
  cancelledBy?: string | undefined;
  result?: unknown;
  timeline?: unknown[] | undefined;
}): EndingFields {
  const fields = {
    finishedAt: ending.finishedAt,
    attempts: ending.attempts,
    ...(ending.timeline?.length ? { timeline: ending.timeline } : {}),
    ...(ending.status === "succeeded" && ending.result !== undefined ? { result: ending.result } : {}),
    ...(ending.status === "failed" ? { error: ending.error } : {}),
    ...(ending.status === "cancelled" && ending.error ? { error: ending.error } : {}),
    ...(ending.status === "cancelled" && ending.cancelledBy ? { cancelledBy: ending.cancelledBy } : {}),
  };
  const parsed = EndingFields.safeParse(fields);
  if (!parsed.success) {
    throw new StoreValidationError(`The finished run is not a valid run, so nothing was saved: ${describeIssues(parsed.error)}`, {
      cause: parsed.error,
    });
  }
  const checked = parsed.data;
  if (checked.result?.output !== undefined) checked.result.output = copyData(checked.result.output);
  return checked;
}

/** Validates a run id used for a lookup. */
export function assertRunId(runId: unknown): string {
  if (typeof runId !== "string" || runId.length === 0 || runId.length > 200) {
    throw new StoreValidationError(`Invalid run id ${JSON.stringify(runId)}.`);
  }
  return runId;
}

/** Structural equality of two JSON values (what the store compares to skip writes that change nothing). */
export function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Validates `runHistory` once, when the store is created. */
export function checkRunHistory(runHistory: number | undefined): number {
  const value = runHistory ?? DEFAULT_RUN_HISTORY;
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`runHistory must be a whole number of at least 1, got ${String(runHistory)}.`);
  }
  return value;
}

/**
 * The history cap of one run write: `historyLimit` from the call (the planner's `limits.runHistory`) when given,
 * otherwise the store's own. A bad value is a `StoreValidationError`, like any other bad argument.
 */
export function historyLimitOf(options: RunWriteOptions | undefined, storeDefault: number): number {
  const value = options?.historyLimit;
  if (value === undefined) return storeDefault;
  if (!Number.isInteger(value) || value < 1) {
    throw new StoreValidationError(`historyLimit must be a whole number of at least 1, got ${String(value)}.`);
  }
  return value;
}

/** Validates what an `updateRun` function returned: a valid run that is still the same run of the same owner. */
export function checkRunUpdate(current: Run, next: unknown): Run {
  const run = validateRun(next, `The update of run "${current.id}"`);
  if (run.id !== current.id || run.agentId !== current.agentId || !sameOwner(run.owner, current.owner)) {
    throw new StoreValidationError(
      `The update of run "${current.id}" changed its id, agent or owner, so nothing was saved.`,
    );
  }
  return run;
}

/** Validates the arguments of `recordDelivery`. */
export function checkDelivery(deliveryId: string, ttlMs: number): void {
  if (typeof deliveryId !== "string" || deliveryId.length === 0 || deliveryId.length > 500) {
    throw new StoreValidationError("A delivery id must be a non-empty string of at most 500 characters.");
  }
  if (!Number.isFinite(ttlMs) || ttlMs <= 0) {
    throw new StoreValidationError(`The dedupe window must be a positive number of milliseconds, got ${ttlMs}.`);
  }
}

/** Validates the `limit` of `dueJobs`. */
export function checkDueLimit(limit: number): void {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new StoreValidationError(`The due-job limit must be a whole number of at least 1, got ${limit}.`);
  }
}

/** Validates a `Date` argument (an invalid date would compare false with everything). */
export function checkDate(date: Date, name: string): number {
  const time = date instanceof Date ? date.getTime() : NaN;
  if (Number.isNaN(time)) throw new StoreValidationError(`\`${name}\` must be a valid Date.`);
  return time;
}

const isIsoDate = (value: unknown): value is string => typeof value === "string" && value.length <= 40 && !Number.isNaN(Date.parse(value));

/** Validates a `claimOccurrence` claim; its missed run is checked like any run written. */
export function checkClaim(claim: OccurrenceClaim): OccurrenceClaim {
  const ok =
    typeof claim === "object" &&
    claim !== null &&
    isIsoDate(claim.expectedNextRunAt) &&
    Number.isInteger(claim.expectedScheduleRevision) &&
    claim.expectedScheduleRevision > 0 &&
    (claim.nextRunAt === null || isIsoDate(claim.nextRunAt)) &&
    (claim.pause === undefined ||
      (typeof claim.pause === "object" && claim.pause !== null && typeof claim.pause.reason === "string" && claim.pause.reason.length <= 2000 && isIsoDate(claim.pause.at)));
  if (!ok) {
    throw new StoreValidationError(
      "An occurrence claim needs expectedNextRunAt (ISO date-time), expectedScheduleRevision (a positive whole number), nextRunAt (ISO date-time or null) and optionally pause { reason, at }.",
    );
  }
  return {
    expectedNextRunAt: claim.expectedNextRunAt,
    expectedScheduleRevision: claim.expectedScheduleRevision,
    nextRunAt: claim.nextRunAt === null ? null : new Date(claim.nextRunAt).toISOString(),
    ...(claim.missedRun ? { missedRun: validateRun(claim.missedRun, "The missed run") } : {}),
    ...(claim.pause ? { pause: { reason: claim.pause.reason, at: claim.pause.at } } : {}),
  };
}

import type { ZodError } from "zod";

/** What a tool answers when the planner refused the call: a sentence the model can repeat, and the tRPC code. */
export interface PlannerToolFailure {
  ok: false;
  code: string;
  error: string;
  fieldErrors?: Array<{ path: string; message: string }> | undefined;
}

type Issues = Pick<ZodError, "issues">;

export function invalidInput(error: Issues): PlannerToolFailure {
  const fieldErrors = error.issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message }));
  const first = fieldErrors[0];
  return { ok: false, code: "BAD_REQUEST", error: first ? (first.path ? `${first.path}: ${first.message}` : first.message) : "The input is not valid.", fieldErrors };
}

function isTRPCError(value: unknown): value is Error & { code: string; cause?: unknown } {
  return value instanceof Error && value.name === "TRPCError" && typeof (value as { code?: unknown }).code === "string";
}

function hasIssues(value: unknown): value is Issues {
  return typeof value === "object" && value !== null && Array.isArray((value as { issues?: unknown }).issues);
}

/**
 * A refusal of the planner (a `TRPCError` from the caller: access, validation, not found, conflict) as an answer the
 * model can act on; anything else (an internal error, an outage) is thrown, so the runtime reports a failed call.
 * Recognised by name, never `instanceof`: the host may bundle @trpc/server more than once.
 */
export function refusal(error: unknown): PlannerToolFailure {
  if (!isTRPCError(error) || error.code === "INTERNAL_SERVER_ERROR") throw error;
  const { code, message, cause } = error;
  if (code === "BAD_REQUEST" && hasIssues(cause)) return invalidInput(cause);
  return { ok: false, code, error: message };
}

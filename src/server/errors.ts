import type { TRPC_ERROR_CODE_KEY } from "@trpc/server";

/** A field-level problem, addressed by dotted path (`schedule.cron`). */
export interface FieldError {
  path: string;
  message: string;
}

/** A registered symbol, so the same in every copy of the package. */
const PLANNER_ERROR = Symbol.for("agent-planner.PlannerError");

/**
 * Base of the planner's domain errors. Services throw these; `src/server/trpc.ts` maps them to tRPC codes
 * (and so HTTP statuses) in one place. Messages are sentences a UI can show as they are.
 */
export abstract class PlannerError extends Error {
  abstract readonly code: TRPC_ERROR_CODE_KEY;
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    // Recognised by `plannerErrorOf` in every copy of the package (a host may bundle it more than once).
    Object.defineProperty(this, PLANNER_ERROR, { value: true });
  }
}

export class NotFoundError extends PlannerError {
  readonly code = "NOT_FOUND" as const;
}

export class ForbiddenError extends PlannerError {
  readonly code = "FORBIDDEN" as const;
}

/** Someone else saved first (stale `expectedRevision`). */
export class ConflictError extends PlannerError {
  readonly code = "CONFLICT" as const;
}

/** Input that passed the schema but breaks a rule (limits, schedule too frequent, config invalid). */
export class InvalidInputError extends PlannerError {
  readonly code = "BAD_REQUEST" as const;
  constructor(
    message: string,
    readonly fieldErrors: FieldError[] = [],
  ) {
    super(message);
  }
}

/** Too many runs at once (run now while a run is queued or running). */
export class TooManyRequestsError extends PlannerError {
  readonly code = "TOO_MANY_REQUESTS" as const;
}

/** A feature that needs configuration the host did not give (e.g. Composio). */
export class NotConfiguredError extends PlannerError {
  readonly code = "PRECONDITION_FAILED" as const;
}

/** A run was asked for while the planner's in-process driver is not running (`planner.start()` not called, or stopped). */
export class NotStartedError extends PlannerError {
  readonly code = "PRECONDITION_FAILED" as const;
  constructor(
    message = "The planner is not running, so this run would never start. The host must call planner.start() once at server start (in Next.js, from register() in instrumentation.ts).",
  ) {
    super(message);
  }
}

/** Something outside the planner failed (Composio, an executor) in a way the user can act on. */
export class UpstreamError extends PlannerError {
  readonly code = "BAD_GATEWAY" as const;
}

/**
 * An executor broke its contract: it answered with something that is not `{ threadId }` / `{ workflowRunId }`.
 * A bug in the host's code, so the run fails at once instead of being retried.
 */
export class ExecutorResultError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ExecutorResultError";
  }
}

/** An executor call still pending after `limits.executorTimeoutMs`; a failed attempt like any other. */
export class ExecutorTimeoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ExecutorTimeoutError";
  }
}

/**
 * `value instanceof type`, false instead of a throw: `instanceof` runs a Proxy's `getPrototypeOf` trap, and a
 * revoked Proxy (or a hostile trap) thrown by a host's executor must not break the code that handles it.
 */
export function isInstance<T>(value: unknown, type: abstract new (...args: never[]) => T): value is T {
  try {
    return value instanceof type;
  } catch {
    return false;
  }
}

/** Thrown by `createPlanner` and the route factories when the host's configuration is wrong. */
export class PlannerConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PlannerConfigError";
  }
}

/** The planner's own domain errors by name (subclasses a host defines carry the brand instead). */
const PLANNER_ERROR_NAMES = new Set([
  "NotFoundError",
  "ForbiddenError",
  "ConflictError",
  "InvalidInputError",
  "TooManyRequestsError",
  "NotConfiguredError",
  "NotStartedError",
  "UpstreamError",
]);

/** The tRPC codes a `PlannerError` may carry (those with an HTTP status). */
const TRPC_CODES = new Set<string>([
  "PARSE_ERROR",
  "BAD_REQUEST",
  "UNAUTHORIZED",
  "PAYMENT_REQUIRED",
  "FORBIDDEN",
  "NOT_FOUND",
  "METHOD_NOT_SUPPORTED",
  "TIMEOUT",
  "CONFLICT",
  "PRECONDITION_FAILED",
  "PAYLOAD_TOO_LARGE",
  "UNSUPPORTED_MEDIA_TYPE",
  "UNPROCESSABLE_CONTENT",
  "PRECONDITION_REQUIRED",
  "TOO_MANY_REQUESTS",
  "CLIENT_CLOSED_REQUEST",
  "INTERNAL_SERVER_ERROR",
  "NOT_IMPLEMENTED",
  "BAD_GATEWAY",
  "SERVICE_UNAVAILABLE",
  "GATEWAY_TIMEOUT",
]);

/** `value[key]`, or `undefined` when reading it throws (revoked Proxy, throwing getter). */
export function readSafely(value: unknown, key: PropertyKey): unknown {
  if ((typeof value !== "object" && typeof value !== "function") || value === null) return undefined;
  try {
    return (value as Record<PropertyKey, unknown>)[key];
  } catch {
    return undefined;
  }
}

/** Whether `value` is an error named `name` (duck-typed: works across copies of a package, never throws). */
export function isNamedError(value: unknown, name: string): boolean {
  return readSafely(value, "name") === name && typeof readSafely(value, "message") === "string";
}

/**
 * `value` as a planner domain error (`PlannerError` and its subclasses), duck-typed so that an error thrown by
 * another copy of the package is recognised too: by its name or the brand every `PlannerError` carries, with a
 * `code` tRPC knows and a string `message`. `null` for anything else; never throws.
 */
export function plannerErrorOf(value: unknown): (Error & { code: TRPC_ERROR_CODE_KEY }) | null {
  const code = readSafely(value, "code");
  if (typeof code !== "string" || !TRPC_CODES.has(code) || typeof readSafely(value, "message") !== "string") return null;
  const name = readSafely(value, "name");
  const branded = readSafely(value, PLANNER_ERROR) === true;
  if (!branded && !(typeof name === "string" && PLANNER_ERROR_NAMES.has(name))) return null;
  return value as Error & { code: TRPC_ERROR_CODE_KEY };
}

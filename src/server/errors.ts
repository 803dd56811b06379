import type { TRPC_ERROR_CODE_KEY } from "@trpc/server";

/** A field-level problem, addressed by dotted path (`schedule.cron`). */
export interface FieldError {
  path: string;
  message: string;
}

/**
 * Base of the planner's domain errors. Services throw these; `src/server/trpc.ts` maps them to tRPC codes
 * (and so HTTP statuses) in one place. Messages are sentences a UI can show as they are.
 */
export abstract class PlannerError extends Error {
  abstract readonly code: TRPC_ERROR_CODE_KEY;
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
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

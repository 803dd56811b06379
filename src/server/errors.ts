import type { TRPC_ERROR_CODE_KEY } from "@trpc/server";

/** A field-level problem, addressed by dotted path (`schedule.cron`). */
export interface FieldError {
  path: string;
  message: string;
}

/** A registered symbol, so the same in every copy of the package. */
const PLANNER_ERROR = Symbol.for("agent-planner.PlannerError");

/**
 * The planner's own error classes by name. Kept here, not read from `new.target.name`: bundlers minify class
 * names (a host's production build turns `class NotFoundError` into `class extends r`, whose name is ""), and
 * the log, `isNamedError` and the store's conflict check read `name`. Filled in below the classes.
 */
const CLASS_NAMES = new Map<abstract new (...args: never[]) => unknown, string>();

/** The `name` an error of class `target` gets: ours by the table, a host's subclass its own (or its planner ancestor's). */
function errorNameOf(target: abstract new (...args: never[]) => unknown): string {
  const known = CLASS_NAMES.get(target);
  if (known) return known;
  if (typeof target.name === "string" && target.name !== "") return target.name;
  for (let type: unknown = Object.getPrototypeOf(target); typeof type === "function"; type = Object.getPrototypeOf(type)) {
    const name = CLASS_NAMES.get(type as abstract new (...args: never[]) => unknown);
    if (name) return name;
  }
  return "PlannerError";
}

/**
 * Base of the planner's domain errors. Services throw these; `src/server/trpc.ts` maps them to tRPC codes
 * (and so HTTP statuses) in one place. Messages are sentences a UI can show as they are.
 *
 * Recognise one with `plannerErrorOf` / `isPlannerError` (by a registered brand and its `code`), never with
 * `instanceof`: a host may bundle this package more than once, and each copy has its own classes.
 */
export abstract class PlannerError extends Error {
  abstract readonly code: TRPC_ERROR_CODE_KEY;
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = errorNameOf(new.target);
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

CLASS_NAMES.set(NotFoundError, "NotFoundError");
CLASS_NAMES.set(ForbiddenError, "ForbiddenError");
CLASS_NAMES.set(ConflictError, "ConflictError");
CLASS_NAMES.set(InvalidInputError, "InvalidInputError");
CLASS_NAMES.set(TooManyRequestsError, "TooManyRequestsError");
CLASS_NAMES.set(NotConfiguredError, "NotConfiguredError");
CLASS_NAMES.set(NotStartedError, "NotStartedError");
CLASS_NAMES.set(UpstreamError, "UpstreamError");

/** A registered symbol, so the same in every copy of the package. */
const PERMANENT_ERROR = Symbol.for("agent-planner.PermanentError");

/**
 * A failure retrying cannot fix, thrown by a host's executor ("Missing connection for gmail", a deleted
 * workflow, a user without the right plan): the run fails at once with this message instead of being
 * attempted again. Recognised by `isPermanentError`, whichever copy of the package the host imported it from.
 *
 * @example
 * ```ts
 * startChat: async ({ agentId, message, idempotencyKey }) => {
 *   if (!(await hasConnection(agentId, "gmail"))) {
 *     throw new PermanentError("Missing connection for gmail: connect Gmail, then run it again.");
 *   }
 *   return { threadId: await chats.start(agentId, message, { idempotencyKey }) };
 * },
 * ```
 */
export class PermanentError extends Error {
  /** The same in every copy of the package; `isPermanentError` reads it with the name when the brand is gone. */
  readonly code = "PERMANENT" as const;
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "PermanentError";
    Object.defineProperty(this, PERMANENT_ERROR, { value: true });
  }
}

/**
 * Whether `error` is a `PermanentError`: one from this copy of the package or another (by the registered brand
 * every `PermanentError` carries), or a copy of one that lost the brand on the way (an error named
 * `PermanentError` with `code: "PERMANENT"`). Never `instanceof`, and never throws (revoked Proxy, throwing
 * getters): `false` for anything it cannot read.
 */
export function isPermanentError(error: unknown): boolean {
  if (readSafely(error, PERMANENT_ERROR) === true) return true;
  return readSafely(error, "name") === "PermanentError" && readSafely(error, "code") === "PERMANENT";
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

/**
 * The planner's own domain errors by name, for an error that lost its brand (copied by `Object.assign`, which
 * skips the brand's non-enumerable property); subclasses a host defines carry the brand.
 */
const PLANNER_ERROR_NAMES = new Set(CLASS_NAMES.values());

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

/** Whether `value` is a planner domain error from any copy of the package (see `plannerErrorOf`); never throws. */
export function isPlannerError(value: unknown): value is PlannerError {
  return plannerErrorOf(value) !== null;
}

/**
 * The field errors a domain error carries (`InvalidInputError.fieldErrors`), copied and checked entry by
 * entry; `null` when there are none or they cannot be read. Never throws.
 */
export function fieldErrorsOf(value: unknown): FieldError[] | null {
  if (plannerErrorOf(value) === null) return null;
  return fieldErrorList(readSafely(value, "fieldErrors"));
}

/** `value` as a list of `{ path, message }` (strings), or `null`; never throws (a revoked Proxy throws in `Array.isArray`). */
export function fieldErrorList(value: unknown): FieldError[] | null {
  try {
    if (!Array.isArray(value)) return null;
    const list: FieldError[] = [];
    for (const entry of value.slice(0, 100) as unknown[]) {
      const path = readSafely(entry, "path");
      const message = readSafely(entry, "message");
      if (typeof path === "string" && typeof message === "string") list.push({ path, message });
    }
    return list.length > 0 ? list : null;
  } catch {
    return null;
  }
}

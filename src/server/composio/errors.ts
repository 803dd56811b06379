import { isPlannerError, readSafely, UpstreamError, type PlannerError } from "../errors";

/** What went wrong talking to Composio, read from an SDK error and its `cause` chain. */
export type ComposioFailure =
  | { kind: "http"; status: number; message: string | undefined }
  | { kind: "network" }
  | { kind: "timeout" }
  | { kind: "other" };

/** How one gateway call turns Composio's 400/404 answers into domain errors; everything else is generic. */
export interface FailureContext {
  onNotFound?: (() => PlannerError) | undefined;
  onBadRequest?: ((upstreamMessage: string | undefined) => PlannerError) | undefined;
  /** Values that must never appear in a message (API key, webhook secret). */
  secrets: readonly string[];
  timeoutMs: number;
  timedOut: boolean;
}


/**
 * The SDK wraps the HTTP client's errors (`ComposioToolkitFetchError`, `ComposioTriggerTypeNotFoundError`, …)
 * and the HTTP client's classes are not exported by `@composio/core`, so the chain is read structurally (never
 * `instanceof`, and no read that may throw): a host's bundler may copy or minify the SDK, so a class name is a
 * hint, not a promise.
 */
export function classifyComposioFailure(error: unknown): ComposioFailure {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && typeof current === "object" && current !== null; depth++) {
    const status = readSafely(current, "status");
    const hasHeaders = hasProperty(current, "headers");
    if (typeof status === "number" && hasHeaders) {
      return { kind: "http", status, message: upstreamMessage(readSafely(current, "error")) };
    }
    const constructorName = readSafely(readSafely(current, "constructor"), "name");
    const message = readSafely(current, "message");
    if (constructorName === "APIConnectionTimeoutError") return { kind: "timeout" };
    if (constructorName === "APIConnectionError") return { kind: "network" };
    // The same two when the bundler renamed the classes: an HTTP client error without a status, by its default text.
    if (hasHeaders && status === undefined && message === "Request timed out.") return { kind: "timeout" };
    if (hasHeaders && status === undefined && message === "Connection error.") return { kind: "network" };
    // undici's `TypeError: fetch failed` (by name: a TypeError of another realm is no `instanceof TypeError`).
    if (readSafely(current, "name") === "TypeError" && message === "fetch failed") return { kind: "network" };
    current = readSafely(current, "cause");
  }
  return { kind: "other" };
}

/** `key in value`, false instead of a throw (a revoked Proxy throws on `in`). */
function hasProperty(value: object, key: string): boolean {
  try {
    return key in value;
  } catch {
    return false;
  }
}

/** Composio answers `{ error: { message, code, slug, status, … } }`; older endpoints `{ message }`. */
function upstreamMessage(body: unknown): string | undefined {
  const inner = readSafely(readSafely(body, "error"), "message");
  if (typeof inner === "string") return inner;
  const message = readSafely(body, "message");
  return typeof message === "string" ? message : undefined;
}

/** The property that marks a failed call Composio may nevertheless have applied (read by name: any bundle copy). */
const OUTCOME_UNKNOWN = "composioOutcomeUnknown";

/**
 * Whether Composio may have applied a call that failed: it timed out (on our side or Composio's), or Composio
 * failed (HTTP 5xx) — the request may have been carried out all the same. Asking again (an upsert, a delete) is how
 * to find out. A refusal (4xx), a connection that was never made, or a planner rule are not "unknown".
 */
export function composioOutcomeUnknown(error: unknown): boolean {
  return readSafely(error, OUTCOME_UNKNOWN) === true;
}

function outcomeUnknown<E extends PlannerError>(error: E): E {
  Object.defineProperty(error, OUTCOME_UNKNOWN, { value: true });
  return error;
}

export function redact(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length >= 4) result = result.split(secret).join("[redacted]");
  }
  return result.length > 300 ? `${result.slice(0, 297)}...` : result;
}

/**
 * Turns anything the SDK throws into a planner domain error with a sentence a user can act on. A domain error
 * passes as it is, from whichever copy of the package it comes (by its brand, never `instanceof`).
 */
export function toDomainError(error: unknown, context: FailureContext): PlannerError {
  if (isPlannerError(error)) return error;
  if (context.timedOut) {
    const wait = context.timeoutMs < 1000 ? `${context.timeoutMs} ms` : `${Math.round(context.timeoutMs / 1000)} seconds`;
    return outcomeUnknown(new UpstreamError(`Composio did not answer within ${wait}. Try again in a moment.`, { cause: error }));
  }
  const failure = classifyComposioFailure(error);
  switch (failure.kind) {
    case "network":
      return new UpstreamError(
        "Could not reach Composio. Check the server's network connection and the Composio baseURL the planner is configured with.",
        { cause: error },
      );
    case "timeout":
      return outcomeUnknown(new UpstreamError("Composio did not answer in time. Try again in a moment.", { cause: error }));
    case "other":
      return new UpstreamError("Composio answered in a way the planner did not expect. Try again; if it keeps failing, check the server logs.", {
        cause: error,
      });
    case "http":
      return httpError(failure.status, failure.message === undefined ? undefined : redact(failure.message, context.secrets), context, error);
  }
}

function httpError(status: number, message: string | undefined, context: FailureContext, cause: unknown): PlannerError {
  if (status === 401 || status === 403) {
    return new UpstreamError(`Composio rejected the API key (HTTP ${status}). Check the Composio API key the planner is configured with.`, { cause });
  }
  if (status === 404 && context.onNotFound) return context.onNotFound();
  if (status === 400 && context.onBadRequest) return context.onBadRequest(message);
  if (status === 429) return new UpstreamError("Composio is limiting requests right now. Try again in a minute.", { cause });
  if (status >= 500) return outcomeUnknown(new UpstreamError(`Composio failed to answer (HTTP ${status}). Try again in a moment.`, { cause }));
  return new UpstreamError(`Composio refused the request (HTTP ${status})${message ? `: ${message}` : "."}`, { cause });
}

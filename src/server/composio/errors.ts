import { PlannerError, UpstreamError } from "../errors";

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
 * and the HTTP client's classes are not exported by `@composio/core`, so the chain is read structurally.
 */
export function classifyComposioFailure(error: unknown): ComposioFailure {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && typeof current === "object" && current !== null; depth++) {
    const candidate = current as { status?: unknown; headers?: unknown; error?: unknown; cause?: unknown };
    if (typeof candidate.status === "number" && "headers" in candidate) {
      return { kind: "http", status: candidate.status, message: upstreamMessage(candidate.error) };
    }
    const name = (current as { constructor?: { name?: unknown } | undefined }).constructor?.name;
    if (name === "APIConnectionTimeoutError") return { kind: "timeout" };
    if (name === "APIConnectionError") return { kind: "network" };
    if (current instanceof TypeError && current.message === "fetch failed") return { kind: "network" };
    current = candidate.cause;
  }
  return { kind: "other" };
}

/** Composio answers `{ error: { message, code, slug, status, … } }`; older endpoints `{ message }`. */
function upstreamMessage(body: unknown): string | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const record = body as { error?: unknown; message?: unknown };
  if (typeof record.error === "object" && record.error !== null) {
    const inner = (record.error as { message?: unknown }).message;
    if (typeof inner === "string") return inner;
  }
  return typeof record.message === "string" ? record.message : undefined;
}

export function redact(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length >= 4) result = result.split(secret).join("[redacted]");
  }
  return result.length > 300 ? `${result.slice(0, 297)}...` : result;
}

/** Turns anything the SDK throws into a planner domain error with a sentence a user can act on. */
export function toDomainError(error: unknown, context: FailureContext): PlannerError {
  if (error instanceof PlannerError) return error;
  if (context.timedOut) {
    const wait = context.timeoutMs < 1000 ? `${context.timeoutMs} ms` : `${Math.round(context.timeoutMs / 1000)} seconds`;
    return new UpstreamError(`Composio did not answer within ${wait}. Try again in a moment.`, { cause: error });
  }
  const failure = classifyComposioFailure(error);
  switch (failure.kind) {
    case "network":
      return new UpstreamError(
        "Could not reach Composio. Check the server's network connection and the Composio baseURL the planner is configured with.",
        { cause: error },
      );
    case "timeout":
      return new UpstreamError("Composio did not answer in time. Try again in a moment.", { cause: error });
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
  if (status >= 500) return new UpstreamError(`Composio failed to answer (HTTP ${status}). Try again in a moment.`, { cause });
  return new UpstreamError(`Composio refused the request (HTTP ${status})${message ? `: ${message}` : "."}`, { cause });
}

import { Inngest, type Logger } from "inngest";
import { PlannerConfigError } from "../errors";

/** Options of {@link createInngestClient}. The host maps its environment to these; the package reads no env. */
export interface CreateInngestClientOptions {
  /** The app id, e.g. "my-agent-platform". Function ids are prefixed with it (`<id>-planner-tick`). */
  id: string;
  /** Verifies requests from Inngest to the route (`INNGEST_SIGNING_KEY`). Required in cloud mode. */
  signingKey?: string | undefined;
  /** The previous signing key while rotating keys (`INNGEST_SIGNING_KEY_FALLBACK`). */
  signingKeyFallback?: string | undefined;
  /** Authorises sending events (`INNGEST_EVENT_KEY`). Required in cloud mode. */
  eventKey?: string | undefined;
  /**
   * `true` for the local Inngest dev server: no signature checks and no keys. Defaults to `false`, so a
   * stray `INNGEST_DEV` variable can never switch a production deployment's signature checks off.
   */
  isDev?: boolean | undefined;
  /** Where Inngest is, e.g. a self-hosted server or the dev server's URL. */
  baseUrl?: string | undefined;
  /**
   * How long one request to Inngest may take, in milliseconds (default 10 000). The SDK retries a failed
   * send up to 5 times, so a hung endpoint costs at most about 5 × this, never forever.
   */
  fetchTimeoutMs?: number | undefined;
  /** The fetch to wrap (default: the global `fetch`). */
  fetch?: typeof fetch | undefined;
  /**
   * Where the SDK logs. Default: the console until `createInngestRoute` serves the client, which then sends
   * the SDK's own messages to the planner's logger.
   */
  logger?: Logger | undefined;
}

const DEFAULT_FETCH_TIMEOUT_MS = 10_000;

/**
 * Builds the Inngest client for `createPlanner({ inngest: { client } })`, with a `fetch` that gives up
 * after `fetchTimeoutMs`: without it, an Inngest endpoint that accepts the connection but never answers
 * hangs every `send()` (and so "run now") for minutes.
 *
 * @example
 * ```ts
 * const inngest = createInngestClient({
 *   id: "my-agent-platform",
 *   signingKey: process.env.INNGEST_SIGNING_KEY,
 *   eventKey: process.env.INNGEST_EVENT_KEY,
 *   isDev: process.env.INNGEST_DEV === "1",
 * });
 * export const planner = createPlanner({ …, inngest: { client: inngest } });
 * ```
 */
export function createInngestClient(options: CreateInngestClientOptions): Inngest {
  if (typeof options?.id !== "string" || options.id.trim() === "") {
    throw new PlannerConfigError('createInngestClient: `id` is required (your app\'s id in Inngest, e.g. "my-agent-platform").');
  }
  const timeoutMs = options.fetchTimeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new PlannerConfigError(`createInngestClient: \`fetchTimeoutMs\` must be a positive number of milliseconds, got ${String(options.fetchTimeoutMs)}.`);
  }
  return new Inngest({
    id: options.id,
    isDev: options.isDev ?? false,
    fetch: fetchWithTimeout(options.fetch ?? globalThis.fetch, timeoutMs),
    ...(options.signingKey ? { signingKey: options.signingKey } : {}),
    ...(options.signingKeyFallback ? { signingKeyFallback: options.signingKeyFallback } : {}),
    ...(options.eventKey ? { eventKey: options.eventKey } : {}),
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  });
}

/**
 * `fetch` that aborts after `timeoutMs` (headers and body). The timeout surfaces as an error whose message
 * starts with "fetch failed", the shape the SDK treats as a network failure (it logs anything else as a
 * misconfigured custom fetch). For hosts that build `new Inngest({ … })` themselves.
 *
 * @example
 * ```ts
 * const inngest = new Inngest({ id: "my-app", fetch: fetchWithTimeout(fetch, 10_000) });
 * ```
 */
export function fetchWithTimeout(base: typeof fetch, timeoutMs: number): typeof fetch {
  return async (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    try {
      return await base(input, { ...init, signal });
    } catch (error) {
      if (timeout.aborted && !init?.signal?.aborted) {
        throw new Error(`fetch failed: Inngest did not answer within ${timeoutMs} ms.`, { cause: error });
      }
      throw error;
    }
  };
}

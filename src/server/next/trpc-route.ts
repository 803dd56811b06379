import { getErrorShape, transformTRPCResponse, TRPCError, type TRPC_ERROR_CODE_KEY } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { LiveInput } from "../../shared/schemas";
import { createContextInner, type PlannerContext } from "../context";
import { errorIdOf } from "../error-ids";
import type { PlannerUser } from "../options";
import type { Planner } from "../deps";
import { PlannerConfigError, readSafely } from "../errors";
import { plannerRouter } from "../router";
import type { StorageFaultError } from "../store/faults";
import { NO_AGENT_ACCESS_MESSAGE, SIGN_IN_MESSAGE, storageFaultOfTRPCError } from "../trpc";
import { readBodyWithin } from "./read-body";

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
export const DEFAULT_MAX_BATCH_SIZE = 20;
export const DEFAULT_MAX_URL_BYTES = 16 * 1024;

export interface PlannerRouteOptions {
  planner: Planner;
  /** The path the route is mounted at, e.g. `/api/planner` for `app/api/planner/[trpc]/route.ts`. */
  endpoint: string;
  /** Largest request body, in bytes (default 1 MiB). A larger one is answered 413 before anything is parsed. */
  maxBodyBytes?: number | undefined;
  /** Most procedures one batched request may call (default 20). More are answered 400 before any runs. */
  maxBatchSize?: number | undefined;
  /**
   * Longest request URL, in bytes (default 16 KiB, Node's own header limit). A GET carries its input in the
   * URL, so this bounds GET inputs the way `maxBodyBytes` bounds POST bodies; longer ones are answered 413.
   */
  maxUrlBytes?: number | undefined;
  /**
   * Other origins whose pages may call mutations, e.g. `["https://admin.example.com"]` when a second front end of
   * yours talks to this route. By default only the route's own origin may: a mutation (any request but GET and
   * HEAD) whose `Origin` is another site's, or whose `Sec-Fetch-Site` is `cross-site` or `same-site`, is answered 403
   * before anything is read or changed. A request with neither header (curl, server-to-server) is let through:
   * browsers send at least one of them on every cross-site POST, and such a caller still needs the host's `auth`.
   */
  allowedOrigins?: readonly string[] | undefined;
}

type Handler = (req: Request) => Promise<Response>;

/** The longest `Retry-After` among the storage faults of a (batched) call, if any says one. */
function retryAfterOf(errors: readonly TRPCError[]): number | undefined {
  let longest: number | undefined;
  for (const error of errors) {
    const seconds = storageFaultOfTRPCError(error)?.retryAfterSeconds;
    if (seconds !== undefined && (longest === undefined || seconds > longest)) longest = seconds;
  }
  return longest;
}

/** The first system or driver error code (`ENOSPC`, `SQLITE_FULL`, `57P01`) down a `cause` chain, for the log. */
function codeOf(error: unknown): string | undefined {
  let current = error;
  for (let depth = 0; depth < 3 && current !== undefined; depth++) {
    const code = readSafely(current, "code");
    if (typeof code === "string" || typeof code === "number") return String(code);
    current = readSafely(current, "cause");
  }
  return undefined;
}

/** The first HTTP `status` (a number) down a `cause` chain, for the log. */
function statusOf(error: unknown): number | undefined {
  let current = error;
  for (let depth = 0; depth < 4 && current !== undefined; depth++) {
    const status = readSafely(current, "status");
    if (typeof status === "number") return status;
    current = readSafely(current, "cause");
  }
  return undefined;
}

/** `value` as text for the log or a message: a string as it is, anything else as JSON; never throws (a revoked Proxy). */
function textOf(value: unknown): string | undefined {
  if (value === undefined || typeof value === "string") return value;
  try {
    // `undefined` for a function or a symbol, whatever the declared type says.
    const json: string | undefined = JSON.stringify(value);
    return json ?? `[${typeof value}]`;
  } catch {
    return "[unreadable]";
  }
}

/** What a refused cross-site mutation is told (403); `origin` is the page's origin when the browser said it. */
export function crossSiteMessage(origin: string | null): string {
  const from = origin && origin !== "null" ? ` (${origin})` : "";
  return `The planner refuses changes requested by another site${from}: nothing was changed. If that site is yours, add its origin to createPlannerRoute's \`allowedOrigins\`.`;
}

/** `allowedOrigins`, checked and normalised (`https://a.example` from `https://A.example/`). */
function allowedOriginsOf(value: readonly string[] | undefined): Set<string> {
  if (value === undefined) return new Set();
  if (!Array.isArray(value)) throw new PlannerConfigError('createPlannerRoute: `allowedOrigins` must be a list of origins, e.g. ["https://admin.example.com"].');
  const origins = new Set<string>();
  for (const origin of value as unknown[]) {
    let url: URL | undefined;
    try {
      url = typeof origin === "string" ? new URL(origin) : undefined;
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== "https:" && url.protocol !== "http:") || url.pathname !== "/" || url.search || url.hash || url.username || url.password) {
      throw new PlannerConfigError(`createPlannerRoute: \`allowedOrigins\` holds origins such as "https://admin.example.com", got ${JSON.stringify(origin)}.`);
    }
    origins.add(url.origin);
  }
  return origins;
}

/** The host of an `Origin` header (`app.example.com:3000`), or null for `null` and anything unparsable. */
function originHost(origin: string): { origin: string; host: string } | null {
  try {
    const url = new URL(origin);
    return url.protocol === "https:" || url.protocol === "http:" ? { origin: url.origin, host: url.host } : null;
  } catch {
    return null;
  }
}

/**
 * Whether a mutation comes from another site. The page's origin (`Origin`) must be this route's own host (the URL's,
 * or the `Host` / `X-Forwarded-Host` a proxy passed on) or one of `allowedOrigins`; without `Origin`, the browser's
 * `Sec-Fetch-Site` must be `same-origin` or `none`. Neither header: not a browser's cross-site request.
 */
function isCrossSite(req: Request, url: URL, allowed: ReadonlySet<string>): boolean {
  const origin = req.headers.get("origin");
  const site = req.headers.get("sec-fetch-site")?.trim().toLowerCase() ?? null;
  if (origin !== null) {
    const page = originHost(origin.trim());
    if (!page) return true;
    if (allowed.has(page.origin)) return false;
    if (site === "cross-site") return true;
    const own = new Set([url.host, req.headers.get("host"), req.headers.get("x-forwarded-host")?.split(",")[0]?.trim()].filter(Boolean).map((host) => host!.toLowerCase()));
    return !own.has(page.host.toLowerCase());
  }
  return site !== null && site !== "same-origin" && site !== "none";
}

/** The subscription that streams; its access is checked before the stream starts (see below). */
const LIVE_PATH = "live.onChange";

function positiveLimit(value: number | undefined, fallback: number, name: string): number {
  const limit = value ?? fallback;
  if (!Number.isInteger(limit) || limit < 1) {
    throw new PlannerConfigError(`createPlannerRoute: \`${name}\` must be a positive whole number, got ${String(value)}.`);
  }
  return limit;
}

function formatBytes(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

/** The procedure path of a request (`jobs.list`, or `jobs.list,schedule.preview` for a batch), decoded. */
function procedurePath(url: URL, endpoint: string): string {
  const rest = url.pathname.slice(endpoint.length).replace(/^\/+|\/+$/g, "");
  try {
    return decodeURIComponent(rest);
  } catch {
    return rest;
  }
}

/**
 * The planner's API as a Next.js App Router route. Requests are bounded before tRPC sees them: bodies by
 * `maxBodyBytes` (413), URLs by `maxUrlBytes` (413) and batches by `maxBatchSize` (400), each answered with a
 * tRPC error a client can show. `live.onChange` answers 401/403 before its event stream starts. Mutations from another
 * site are refused with 403 (CSRF; see `allowedOrigins`).
 *
 * @example
 * ```ts
 * // app/api/planner/[trpc]/route.ts
 * export const { GET, POST } = createPlannerRoute({ planner, endpoint: "/api/planner" });
 * ```
 */
export function createPlannerRoute(options: PlannerRouteOptions): { GET: Handler; POST: Handler } {
  const { planner, endpoint } = options ?? {};
  if (!planner?.deps) throw new PlannerConfigError("createPlannerRoute: `planner` is required (the result of createPlanner).");
  if (typeof endpoint !== "string" || !endpoint.startsWith("/")) {
    throw new PlannerConfigError('createPlannerRoute: `endpoint` must be the route\'s path, e.g. "/api/planner".');
  }
  const maxBodyBytes = positiveLimit(options.maxBodyBytes, DEFAULT_MAX_BODY_BYTES, "maxBodyBytes");
  const maxBatchSize = positiveLimit(options.maxBatchSize, DEFAULT_MAX_BATCH_SIZE, "maxBatchSize");
  const maxUrlBytes = positiveLimit(options.maxUrlBytes, DEFAULT_MAX_URL_BYTES, "maxUrlBytes");
  const allowedOrigins = allowedOriginsOf(options.allowedOrigins);
  const base = endpoint.replace(/\/+$/, "");
  const config = plannerRouter._def._config;
  const { deps } = planner;

  /** Logged under the id the answer shows ("error err_…"), with the cause's stack for whoever gets that id. */
  function logInternal(error: TRPCError, path: string | undefined): void {
    const cause: unknown = error.cause;
    const hasCause = cause !== undefined && cause !== null && cause !== error;
    deps.logger.error("planner API error", {
      errorId: errorIdOf(error),
      path,
      error: error.message,
      ...(hasCause ? { cause: textOf(readSafely(cause, "name")), stack: textOf(readSafely(cause, "stack")) } : { stack: error.stack }),
    });
  }

  /**
   * A service the planner depends on failed (Composio): a warning, since the answer already says what to do,
   * with the upstream status for the operator. The cause's own text stays out (it may echo a request).
   */
  function logUpstream(error: TRPCError, path: string | undefined): void {
    const status = statusOf(error.cause);
    const code = codeOf(readSafely(error.cause, "cause"));
    deps.logger.warn("planner API upstream failure", {
      path,
      error: error.message,
      ...(status !== undefined ? { status } : {}),
      ...(code ? { code } : {}),
    });
  }

  /**
   * A storage fault is logged without an error id (the answer names the cause): the operator learns which kind,
   * where, and the system's own code (ENOSPC, EROFS, 57P01…).
   */
  function logFault(fault: StorageFaultError, path: string | undefined): void {
    const original: unknown = fault.cause;
    const code = codeOf(original);
    const text = readSafely(original, "message");
    deps.logger.error("planner storage fault", {
      kind: fault.kind,
      status: fault.status,
      path,
      ...(fault.detail ? { detail: fault.detail } : {}),
      ...(code ? { code } : {}),
      ...(typeof text === "string" ? { error: text } : {}),
    });
  }

  /**
   * Logs a failed call: storage faults by kind, internal errors under their error id, upstream failures as
   * warnings; the rest (a user's own mistake, answered with a sentence) not at all.
   */
  function logFailure(error: TRPCError, path: string | undefined): void {
    try {
      const fault = storageFaultOfTRPCError(error);
      if (fault) logFault(fault, path);
      else if (error.code === "INTERNAL_SERVER_ERROR") logInternal(error, path);
      else if (error.code === "BAD_GATEWAY" || error.code === "GATEWAY_TIMEOUT") logUpstream(error, path);
    } catch {
      // A host's logger that throws must not turn the answer into another error.
    }
  }

  /** A tRPC-shaped error answer for a request refused before tRPC handles it. */
  function errorResponse(error: TRPCError, path?: string): Response {
    logFailure(error, path);
    const ctx: PlannerContext = createContextInner(deps, null);
    const shape = getErrorShape({ config, error, type: "unknown", path, input: undefined, ctx });
    const fault = storageFaultOfTRPCError(error);
    const headers = new Headers({ "content-type": "application/json" });
    if (fault?.retryAfterSeconds !== undefined) headers.set("retry-after", String(fault.retryAfterSeconds));
    return new Response(JSON.stringify(transformTRPCResponse(config, { error: shape })), {
      // The formatter sets 507 / 503 for a storage fault, which tRPC's code alone cannot say.
      status: fault ? fault.status : getHTTPStatusCodeFromError(error),
      headers,
    });
  }
  const refuse = (code: TRPC_ERROR_CODE_KEY, message: string, path?: string) => errorResponse(new TRPCError({ code, message }), path);

  /**
   * tRPC reports an unauthorised subscription inside a 200 event stream, which EventSource clients and
   * proxies read as success. The user and the agent are checked here first; the procedure checks again.
   */
  async function checkLiveAccess(req: Request, url: URL): Promise<{ user: PlannerUser } | { refused: Response }> {
    const user = await planner.authenticate(req);
    if (!user) return { refused: refuse("UNAUTHORIZED", SIGN_IN_MESSAGE, LIVE_PATH) };
    let raw: unknown;
    try {
      const text = url.searchParams.get("input");
      raw = text === null ? undefined : config.transformer.input.deserialize(JSON.parse(text));
    } catch (cause) {
      return { refused: errorResponse(new TRPCError({ code: "PARSE_ERROR", message: "The input is not valid JSON.", cause }), LIVE_PATH) };
    }
    const input = LiveInput.safeParse(raw);
    if (!input.success) {
      return { refused: errorResponse(new TRPCError({ code: "BAD_REQUEST", message: "The input is not valid.", cause: input.error }), LIVE_PATH) };
    }
    if (!(await deps.canAccessAgent(user.userId, input.data.agentId))) return { refused: refuse("FORBIDDEN", NO_AGENT_ACCESS_MESSAGE, LIVE_PATH) };
    return { user };
  }

  async function handler(req: Request): Promise<Response> {
    // A URL is ASCII (anything else arrives percent-encoded), so its length is its size in bytes.
    if (req.url.length > maxUrlBytes) {
      return refuse("PAYLOAD_TOO_LARGE", `The request URL is longer than ${formatBytes(maxUrlBytes)}; send large inputs in a POST body.`);
    }
    const url = new URL(req.url);
    const path = procedurePath(url, base);
    // CSRF: a page on another site may make the browser POST here with the user's cookies (a `text/plain` form post
    // needs no preflight). Refused before the body is read, the user authenticated or any procedure run.
    if (req.method !== "GET" && req.method !== "HEAD" && isCrossSite(req, url, allowedOrigins)) {
      return refuse("FORBIDDEN", crossSiteMessage(req.headers.get("origin")));
    }
    // Counted on the raw path, before tRPC resolves a procedure or parses an input: refusing stays cheap.
    const procedures = path.split(",").length;
    if (procedures > maxBatchSize) {
      return refuse("BAD_REQUEST", `One request may call at most ${maxBatchSize} procedures; this one calls ${procedures}. Split the batch.`);
    }

    let forwarded = req;
    if (req.method !== "GET" && req.method !== "HEAD") {
      const body = await readBodyWithin(req, maxBodyBytes);
      if (!body) return refuse("PAYLOAD_TOO_LARGE", `The request body is larger than ${formatBytes(maxBodyBytes)}.`);
      const headers = new Headers(req.headers);
      headers.delete("content-length");
      forwarded = new Request(req.url, { method: req.method, headers, body: body.byteLength > 0 ? body : null, signal: req.signal });
    }

    let user: PlannerUser | null | undefined;
    if (path === LIVE_PATH) {
      try {
        const access = await checkLiveAccess(req, url);
        if ("refused" in access) return access.refused;
        user = access.user;
      } catch (cause) {
        const text = readSafely(cause, "message");
        return errorResponse(new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: typeof text === "string" ? text : textOf(cause), cause }), LIVE_PATH);
      }
    }

    return fetchRequestHandler({
      endpoint: base,
      req: forwarded,
      router: plannerRouter,
      maxBatchSize,
      // The host's `auth` gets the request it was given (e.g. a NextRequest with cookies), not the re-buffered copy.
      createContext: async () => createContextInner(deps, user !== undefined ? user : await planner.authenticate(req)),
      onError({ error, path: failedPath }) {
        logFailure(error, failedPath);
      },
      // The status comes from the error formatter (`data.httpStatus`: 507 or 503 for a storage fault);
      // a fault that clears by itself (database down) also says when to retry.
      responseMeta({ errors }) {
        const retryAfter = retryAfterOf(errors);
        return retryAfter === undefined ? {} : { headers: new Headers({ "retry-after": String(retryAfter) }) };
      },
    });
  }
  return { GET: handler, POST: handler };
}

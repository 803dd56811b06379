import { serve } from "inngest/next";
import { requireInngestClient } from "../inngest/client";
import { createPlannerFunctions } from "../inngest/functions";
import { routeInngestLogs } from "../inngest/logger";
import type { Planner } from "../deps";
import { PlannerConfigError } from "../errors";

export interface InngestRouteOptions {
  planner: Planner;
  /**
   * The public origin Inngest calls, e.g. `https://app.example.com`. Required in cloud mode: the SDK
   * registers the URL it is reached at, so without a fixed origin anyone could send a `PUT` with
   * `Host: evil.example` and have the app's functions registered, with the app's signing key, at their
   * host. In dev mode it defaults to the request's host.
   */
  serveOrigin?: string | undefined;
  /** The route's public path when a proxy rewrites it, e.g. `/api/inngest`. Defaults to the request's path. */
  servePath?: string | undefined;
}

type RouteHandler = (req: Request) => Promise<Response>;

/**
 * The Inngest endpoint as a Next.js App Router route: Inngest syncs the planner's functions with `PUT`,
 * calls them with signed `POST`s, and `GET` describes the app. Requests without a valid
 * `x-inngest-signature` get 401.
 *
 * Refuses to start (throws `PlannerConfigError`) when the planner has no Inngest client, or when the
 * client is in cloud mode without a signing key (every request would fail later) or without `serveOrigin`.
 * When the client has no logger of its own, the SDK's messages go to the planner's logger instead of the
 * console; an unsigned request is a warning without a stack trace.
 *
 * @example
 * ```ts
 * // app/api/inngest/route.ts
 * export const { GET, POST, PUT } = createInngestRoute({ planner, serveOrigin: "https://app.example.com" });
 * ```
 */
export function createInngestRoute(options: InngestRouteOptions): { GET: RouteHandler; POST: RouteHandler; PUT: RouteHandler } {
  const planner = options?.planner;
  if (!planner?.deps) throw new PlannerConfigError("createInngestRoute: `planner` is required (the result of createPlanner).");
  const client = requireInngestClient(planner.deps.inngest?.client, "createInngestRoute");
  // `signingKey` and `mode` are the client's effective settings: its options, or the INNGEST_* variables
  // the SDK itself reads.
  if (client.mode === "cloud" && !client.signingKey) {
    throw new PlannerConfigError(
      "createInngestRoute: the Inngest client has no signingKey. Pass `signingKey` to new Inngest({ … }) or createInngestClient({ … }) (INNGEST_SIGNING_KEY in the host's env), or use isDev: true for local development.",
    );
  }
  const serveOrigin = checkServeOrigin(options.serveOrigin, client.mode === "cloud");
  routeInngestLogs(client, planner.deps.logger);
  const handler = serve({
    client,
    functions: createPlannerFunctions(planner),
    ...(serveOrigin ? { serveOrigin } : {}),
    ...(options.servePath ? { servePath: options.servePath } : {}),
  });
  // The SDK types its handlers with Next's NextRequest, but reads only the standard Request API from it.
  type NextHandlerRequest = Parameters<typeof handler.POST>[0];
  return {
    GET: (req) => handler.GET(req as NextHandlerRequest, undefined),
    POST: (req) => handler.POST(req as NextHandlerRequest, undefined),
    PUT: (req) => handler.PUT(req as NextHandlerRequest, undefined),
  };
}

/** The origin to register, checked: required in cloud mode, always an http(s) origin without a path. */
function checkServeOrigin(value: string | undefined, required: boolean): string | undefined {
  if (value === undefined || value === "") {
    if (!required) return undefined;
    throw new PlannerConfigError(
      'createInngestRoute: `serveOrigin` is required in cloud mode, e.g. createInngestRoute({ planner, serveOrigin: "https://app.example.com" }). Without it the SDK registers whatever host a request names, so an unsigned PUT could move your functions to another server.',
    );
  }
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:") || url.username || url.password || url.pathname !== "/" || url.search || url.hash) {
    throw new PlannerConfigError(`createInngestRoute: \`serveOrigin\` must be an http(s) origin such as "https://app.example.com" (put a path in \`servePath\`), got ${JSON.stringify(value)}.`);
  }
  return url.origin;
}

import { serve } from "inngest/next";
import { requireInngestClient } from "../inngest/client";
import { createPlannerFunctions } from "../inngest/functions";
import type { Planner } from "../planner";
import { PlannerConfigError } from "../planner";

export interface InngestRouteOptions {
  planner: Planner;
  /**
   * The public origin Inngest calls, e.g. `https://app.example.com`, when the request's own host is not it
   * (proxies, containers). Defaults to the request's host.
   */
  serveOrigin?: string;
  /** The route's public path when a proxy rewrites it, e.g. `/api/inngest`. Defaults to the request's path. */
  servePath?: string;
}

type RouteHandler = (req: Request) => Promise<Response>;

/**
 * The Inngest endpoint as a Next.js App Router route: Inngest syncs the planner's functions with `PUT`,
 * calls them with signed `POST`s, and `GET` describes the app. Requests without a valid
 * `x-inngest-signature` get 401.
 *
 * Refuses to start (throws `PlannerConfigError`) when the planner has no Inngest client, or when the
 * client is in cloud mode without a signing key, where every request would otherwise fail later.
 *
 * @example
 * ```ts
 * // app/api/inngest/route.ts
 * export const { GET, POST, PUT } = createInngestRoute({ planner });
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
  const handler = serve({
    client,
    functions: createPlannerFunctions(planner),
    ...(options.serveOrigin ? { serveOrigin: options.serveOrigin } : {}),
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

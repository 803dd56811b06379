import type { Inngest } from "inngest";
import { serve } from "inngest/next";
import { createPlannerFunctions } from "../inngest/functions";
import { routeInngestLogs } from "../inngest/logger";
import { inngestClientProblem } from "../inngest/wire";
import type { Planner } from "../deps";
import { PlannerConfigError } from "../errors";
import type { PlannerLogger } from "../options";

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

/** The status of a route whose service is not configured: the deployment is fine, this part of it is switched off. */
const NOT_CONFIGURED_STATUS = 503;

/**
 * The Inngest endpoint as a Next.js App Router route: Inngest syncs the planner's functions with `PUT`,
 * calls them with signed `POST`s, and `GET` describes the app. Requests without a valid
 * `x-inngest-signature` get 401.
 *
 * Never throws for a missing configuration, so `next build` passes before Inngest is set up: when the planner
 * has no Inngest client, or the client is in cloud mode without a signing key or without `serveOrigin`, every
 * request is answered 503 with the sentence that says what to set, and the sentence is logged once.
 * When the client has no logger of its own, the SDK's messages go to the planner's logger instead of the
 * console; an unsigned request is a warning without a stack trace.
 *
 * @example
 * ```ts
 * // app/api/inngest/route.ts
 * import { createInngestRoute } from "agent-planner/inngest";
 * export const { GET, POST, PUT } = createInngestRoute({ planner, serveOrigin: process.env.INNGEST_SERVE_ORIGIN });
 * ```
 */
export function createInngestRoute(options: InngestRouteOptions): { GET: RouteHandler; POST: RouteHandler; PUT: RouteHandler } {
  const planner = options?.planner;
  if (!planner?.deps) throw new PlannerConfigError("createInngestRoute: `planner` is required (the result of createPlanner).");
  const problem = configurationProblem(options);
  if (problem !== null) return notConfigured(problem, planner.deps.logger);
  const client = planner.deps.inngest!.client as Inngest.Any;
  const serveOrigin = checkServeOrigin(options.serveOrigin, client.mode === "cloud").origin;
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

/** Why the route cannot serve the planner's functions (a sentence for the answer and the log), or null. */
function configurationProblem(options: InngestRouteOptions): string | null {
  const clientProblem = inngestClientProblem(options.planner.deps.inngest?.client, "createInngestRoute");
  if (clientProblem !== null) return clientProblem;
  const client = options.planner.deps.inngest!.client as Inngest.Any;
  // `signingKey` and `mode` are the client's effective settings: its options, or the INNGEST_* variables the SDK reads.
  if (client.mode === "cloud" && !client.signingKey) {
    return "createInngestRoute: the Inngest client has no signingKey. Pass `signingKey` to new Inngest({ … }) or createInngestClient({ … }) (INNGEST_SIGNING_KEY in the host's env), or use isDev: true for local development.";
  }
  return checkServeOrigin(options.serveOrigin, client.mode === "cloud").problem;
}

/** Handlers that answer 503 with `problem`, logged once (at the first request, not while `next build` loads the module). */
function notConfigured(problem: string, logger: PlannerLogger): { GET: RouteHandler; POST: RouteHandler; PUT: RouteHandler } {
  let logged = false;
  const answer: RouteHandler = () => {
    if (!logged) {
      logged = true;
      try {
        logger.warn("inngest route: not configured, answering 503", { problem });
      } catch {
        // A host's logger that throws must not turn the answer into another error.
      }
    }
    return Promise.resolve(
      new Response(JSON.stringify({ error: `Inngest is not configured: ${problem}` }), {
        status: NOT_CONFIGURED_STATUS,
        headers: { "content-type": "application/json", "retry-after": "3600" },
      }),
    );
  };
  return { GET: answer, POST: answer, PUT: answer };
}

/** The origin to register, checked: required in cloud mode, always an http(s) origin without a path. */
function checkServeOrigin(value: string | undefined, required: boolean): { origin: string | undefined; problem: string | null } {
  if (value === undefined || value === "") {
    if (!required) return { origin: undefined, problem: null };
    return {
      origin: undefined,
      problem:
        'createInngestRoute: `serveOrigin` is required in cloud mode, e.g. createInngestRoute({ planner, serveOrigin: "https://app.example.com" }) (INNGEST_SERVE_ORIGIN in the host\'s env). Without it the SDK registers whatever host a request names, so an unsigned PUT could move your functions to another server.',
    };
  }
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:") || url.username || url.password || url.pathname !== "/" || url.search || url.hash) {
    return {
      origin: undefined,
      problem: `createInngestRoute: \`serveOrigin\` must be an http(s) origin such as "https://app.example.com" (put a path in \`servePath\`), got ${JSON.stringify(value)}.`,
    };
  }
  return { origin: url.origin, problem: null };
}

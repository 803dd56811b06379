import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { createRequestContext } from "../context";
import type { Planner } from "../planner";
import { PlannerConfigError } from "../planner";
import { plannerRouter } from "../router";

export interface PlannerRouteOptions {
  planner: Planner;
  /** The path the route is mounted at, e.g. `/api/planner` for `app/api/planner/[trpc]/route.ts`. */
  endpoint: string;
}

/**
 * The planner's API as a Next.js App Router route.
 *
 * @example
 * ```ts
 * // app/api/planner/[trpc]/route.ts
 * export const { GET, POST } = createPlannerRoute({ planner, endpoint: "/api/planner" });
 * ```
 */
export function createPlannerRoute(options: PlannerRouteOptions): { GET: (req: Request) => Promise<Response>; POST: (req: Request) => Promise<Response> } {
  const { planner, endpoint } = options ?? {};
  if (!planner?.deps) throw new PlannerConfigError("createPlannerRoute: `planner` is required (the result of createPlanner).");
  if (typeof endpoint !== "string" || !endpoint.startsWith("/")) {
    throw new PlannerConfigError('createPlannerRoute: `endpoint` must be the route\'s path, e.g. "/api/planner".');
  }
  const handler = (req: Request) =>
    fetchRequestHandler({
      endpoint: endpoint.replace(/\/+$/, ""),
      req,
      router: plannerRouter,
      createContext: () => createRequestContext(planner, req),
      onError({ error, path }) {
        if (error.code === "INTERNAL_SERVER_ERROR") {
          planner.deps.logger.error("planner API error", { path, message: error.message, cause: error.cause?.message });
        }
      },
    });
  return { GET: handler, POST: handler };
}

import { createContextInner } from "./context";
import type { Planner } from "./deps";
import { PlannerConfigError } from "./errors";
import type { PlannerUser } from "./options";
import { plannerRouter } from "./router";
import { createCallerFactory } from "./trpc";

const createCaller = createCallerFactory(plannerRouter);

/** The planner's API as typed functions, e.g. `await caller.jobs.list({ agentId })`. */
export type PlannerCaller = ReturnType<typeof createCaller>;

/**
 * The planner's API for server code, without HTTP: a server action, a script, a worker, a test. Every call runs as
 * `user`, through the same procedures as the HTTP route, so `canAccessAgent(userId, agentId)` is checked per agent and
 * a refusal is the same `TRPCError` (`FORBIDDEN`, `NOT_FOUND`, `BAD_REQUEST` with field errors…). The caller is cheap:
 * make one per request or per user.
 *
 * @example
 * ```ts
 * "use server";
 * import { createPlannerCaller } from "agent-planner/server";
 *
 * export async function pauseJob(agentId: string, jobId: string) {
 *   const caller = createPlannerCaller(planner, { userId: await currentUserId() });
 *   return caller.jobs.pause({ agentId, jobId });
 * }
 * ```
 */
export function createPlannerCaller(planner: Planner, user: PlannerUser): PlannerCaller {
  if (!planner?.deps) throw new PlannerConfigError("createPlannerCaller: `planner` is required (the result of createPlanner).");
  const userId = (user as PlannerUser | null | undefined)?.userId;
  if (typeof userId !== "string" || userId === "") {
    throw new PlannerConfigError("createPlannerCaller: `userId` is required, e.g. createPlannerCaller(planner, { userId }) with the signed-in user's id.");
  }
  const name = user.name;
  return createCaller(createContextInner(planner.deps, { userId, ...(typeof name === "string" && name ? { name } : {}) }));
}

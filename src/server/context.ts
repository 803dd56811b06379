import type { PlannerUser } from "./options";
import type { Planner, PlannerDeps } from "./deps";

export interface PlannerContext {
  deps: PlannerDeps;
  user: PlannerUser | null;
}

/**
 * What one feature's handlers get: the signed-in user (procedures that act on an agent require one) and only the
 * slice of the planner's dependencies the feature uses, so a handler's needs can be read from its type and a test
 * can build one without a whole planner.
 */
export interface FeatureContext<K extends keyof PlannerDeps> {
  deps: Pick<PlannerDeps, K>;
  user: PlannerUser;
}

/** The context without a request: what tests and `createCaller` use. */
export function createContextInner(deps: PlannerDeps, user: PlannerUser | null): PlannerContext {
  return { deps, user };
}

/** The context of one HTTP request: the user comes from the host's `auth`. */
export async function createRequestContext(planner: Planner, req: Request): Promise<PlannerContext> {
  return createContextInner(planner.deps, await planner.authenticate(req));
}

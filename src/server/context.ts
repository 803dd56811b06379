import type { PlannerUser } from "./options";
import type { Planner, PlannerDeps } from "./deps";

export interface PlannerContext {
  deps: PlannerDeps;
  user: PlannerUser | null;
}

/** The context without a request: what tests and `createCaller` use. */
export function createContextInner(deps: PlannerDeps, user: PlannerUser | null): PlannerContext {
  return { deps, user };
}

/** The context of one HTTP request: the user comes from the host's `auth`. */
export async function createRequestContext(planner: Planner, req: Request): Promise<PlannerContext> {
  return createContextInner(planner.deps, await planner.authenticate(req));
}

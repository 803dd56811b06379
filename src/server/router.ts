import { catalogRouter } from "./routers/catalog/_router";
import { jobsRouter } from "./routers/jobs/_router";
import { liveRouter } from "./routers/live/_router";
import { scheduleRouter } from "./routers/schedule/_router";
import { triggersRouter } from "./routers/triggers/_router";
import { router } from "./trpc";

/** The planner's tRPC router, mounted on its own endpoint by `createPlannerRoute`. */
export const plannerRouter = router({
  jobs: jobsRouter,
  triggers: triggersRouter,
  schedule: scheduleRouter,
  catalog: catalogRouter,
  live: liveRouter,
});

export type PlannerRouter = typeof plannerRouter;

import { OverviewInput } from "../shared/schemas";
import { activityRouter } from "./routers/activity/_router";
import { catalogRouter } from "./routers/catalog/_router";
import { jobsRouter } from "./routers/jobs/_router";
import { runsRouter } from "./routers/runs/_router";
import { liveRouter } from "./routers/live/_router";
import { overviewHandler } from "./routers/overview/overview.handler";
import { scheduleRouter } from "./routers/schedule/_router";
import { triggersRouter } from "./routers/triggers/_router";
import { agentProcedure, router } from "./trpc";

/** The planner's tRPC router, mounted on its own endpoint by `createPlannerRoute`. */
export const plannerRouter = router({
  jobs: jobsRouter,
  triggers: triggersRouter,
  runs: runsRouter,
  schedule: scheduleRouter,
  catalog: catalogRouter,
  live: liveRouter,
  activity: activityRouter,
  /** Counts for the summary strip and the needs-attention banner of one agent. */
  overview: agentProcedure.input(OverviewInput).query(overviewHandler),
});

export type PlannerRouter = typeof plannerRouter;

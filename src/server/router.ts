import { OverviewInput } from "../shared/schemas";
import { activityRouter } from "./features/activity/router";
import { bulkRouter } from "./features/bulk/router";
import { catalogRouter } from "./features/catalog/router";
import { historyRouter } from "./features/history/router";
import { jobsRouter } from "./features/jobs/router";
import { runsRouter } from "./features/runs/router";
import { liveRouter } from "./features/live/router";
import { overviewHandler } from "./features/overview/overview.handler";
import { proposalsRouter } from "./features/proposals/router";
import { scheduleRouter } from "./features/schedule/router";
import { triggersRouter } from "./features/triggers/router";
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
  bulk: bulkRouter,
  proposals: proposalsRouter,
  history: historyRouter,
  /** Counts for the summary strip and the needs-attention banner of one agent. */
  overview: agentProcedure.input(OverviewInput).query(overviewHandler),
});

export type PlannerRouter = typeof plannerRouter;

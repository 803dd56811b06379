import type { FeatureContext, PlannerContext } from "../../context";

/** `bulk.apply`: the whole planner, because each item goes through its own single-item procedure. */
export type BulkContext = PlannerContext & { user: NonNullable<PlannerContext["user"]> };

/** "Pause all" / "Resume all": the store, Composio, the clock, the scheduler to wake, the log. */
export type PauseAllContext = FeatureContext<"store" | "clock" | "composio" | "scheduleChanged" | "logger">;

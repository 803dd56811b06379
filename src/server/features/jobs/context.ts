import type { FeatureContext } from "../../context";

/** Scheduled jobs: the config store, the clock and limits, the scheduler to wake, the driver of manual runs. */
export type JobsContext = FeatureContext<"store" | "clock" | "limits" | "scheduleChanged" | "manualDispatcher">;

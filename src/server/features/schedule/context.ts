import type { FeatureContext } from "../../context";

/** Schedule previews: only the clock and the limits. */
export type ScheduleContext = FeatureContext<"clock" | "limits">;

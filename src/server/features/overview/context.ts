import type { FeatureContext } from "../../context";

/** The overview: the store and the clock. */
export type OverviewContext = FeatureContext<"store" | "clock" | "limits">;

import type { FeatureContext } from "../../context";

/** The overview: the store, the clock, Composio (is a trigger polled?) and the notifications. */
export type OverviewContext = FeatureContext<"store" | "clock" | "limits" | "composio" | "watch">;

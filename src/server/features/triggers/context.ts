import type { FeatureContext } from "../../context";

/** Event triggers: the config store, Composio, the clock and limits, the log, the driver of test runs. */
export type TriggersContext = FeatureContext<"store" | "clock" | "limits" | "logger" | "composio" | "manualDispatcher" | "catalog">;

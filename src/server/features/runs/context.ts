import type { FeatureContext } from "../../context";

/** Runs: their store, the driver of replays, and the two ways to stop a running run. */
export type RunsContext = FeatureContext<"store" | "clock" | "limits" | "logger" | "manualDispatcher" | "stopRunHere" | "stopRunRemotely">;

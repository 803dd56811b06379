import type { FeatureContext } from "../../context";

/** Bending runs: the store, the clock, the scheduler to wake, and the driver a "run once now" on resume goes to. */
export type BendContext = FeatureContext<"store" | "clock" | "limits" | "logger" | "scheduleChanged" | "manualDispatcher">;

import type { FeatureContext } from "../../context";

/** Proposed jobs: the store, the clock and limits, the access check (approval re-checks it), names and the scheduler. */
export type ProposalsContext = FeatureContext<"store" | "clock" | "limits" | "scheduleChanged" | "canAccessAgent" | "catalog" | "locale">;

import type { FeatureContext } from "../../context";

/** Activity: the run store. */
export type ActivityContext = FeatureContext<"store">;

import type { FeatureContext } from "../../context";

/** History: the store's edit logs. */
export type HistoryContext = FeatureContext<"store">;

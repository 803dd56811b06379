import type { FeatureContext } from "../../context";

/** The catalog: the host's workflows and agents, Composio's toolkits and trigger types. */
export type CatalogContext = FeatureContext<"store" | "clock" | "catalog" | "composio" | "locale">;

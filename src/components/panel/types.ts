"use client";

import type { inferRouterOutputs } from "@trpc/server";
import type { PlannerRouter } from "../../client/trpc";

type Outputs = inferRouterOutputs<PlannerRouter>;

/** What `overview` returns: counts for the summary strip and the needs-attention items. */
export type Overview = Outputs["overview"];
export type AttentionItem = Overview["attention"]["items"][number];
export type ActivityRun = Outputs["activity"]["list"]["items"][number];

"use client";

import type { inferRouterOutputs } from "@trpc/server";
import type { PlannerRouter } from "../../client/trpc";

/** One item's result of a bulk call. */
export type BulkItemResultView = inferRouterOutputs<PlannerRouter>["bulk"]["act"]["results"][number];

"use client";

import type { inferRouterOutputs } from "@trpc/server";
import type { PlannerRouter } from "../../client/trpc";

/** A pending proposal as `proposals.list` returns it. */
export type ProposalItem = inferRouterOutputs<PlannerRouter>["proposals"]["list"][number];

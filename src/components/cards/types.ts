"use client";

import type { inferRouterOutputs } from "@trpc/server";
import type { PlannerRouter } from "../../client/trpc";

type Outputs = inferRouterOutputs<PlannerRouter>;

/** A job as `jobs.list` returns it (stored job + derived status + active run). */
export type JobItem = Outputs["jobs"]["list"][number];
/** A trigger as `triggers.list` returns it. */
export type TriggerItem = Outputs["triggers"]["list"][number];
/** One stored run. */
export type RunItem = Outputs["jobs"]["runs"]["items"][number];

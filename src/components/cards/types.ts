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
/** One run as a card's strip shows it (`runs.strips`): a `RunItem` has all of these. */
export type StripRunItem = Pick<RunItem, "id" | "status" | "cause" | "createdAt" | "startedAt" | "finishedAt" | "error">;
/** The strips of every job and trigger of an agent, as `runs.strips` returns them. */
export type RunStripItem = Outputs["runs"]["strips"][number];

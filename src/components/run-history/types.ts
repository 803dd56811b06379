"use client";

import type { inferRouterOutputs } from "@trpc/server";
import type { PlannerRouter } from "../../client/trpc";

type Outputs = inferRouterOutputs<PlannerRouter>;

/** A run row: a run with its duration, and the owner's name when it comes from the agent's activity. */
export type HistoryRun = Outputs["jobs"]["runs"]["items"][number] & { ownerName?: string | null | undefined; ownerDeleted?: boolean | undefined };

/** Whose runs: one job's, one trigger's; absent for the agent's whole activity. */
export type RunHistoryOwner = { kind: "job" | "trigger"; id: string };

export type StatusFilter = "all" | "succeeded" | "failed" | "running" | "skipped";
export type KindFilter = "all" | "job" | "trigger";
export type Period = "24h" | "7d" | "14d" | "30d" | "all";

export const PERIOD_MS: Record<Period, number> = { "24h": 86_400_000, "7d": 7 * 86_400_000, "14d": 14 * 86_400_000, "30d": 30 * 86_400_000, all: Infinity };

/** The server's status filter for a chip ("running" covers queued runs too). */
export function statusInput(filter: StatusFilter) {
  if (filter === "all") return undefined;
  if (filter === "running") return ["running" as const, "started" as const, "queued" as const];
  return filter;
}

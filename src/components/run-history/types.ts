"use client";

import type { inferRouterOutputs } from "@trpc/server";
import type { PlannerRouter } from "../../client/trpc";
import { isSafeResultUrl } from "../../shared/schemas";
import { dateTimeFormat } from "../../shared/intl-cache";

type Outputs = inferRouterOutputs<PlannerRouter>;

/** A run row: a run with its duration, and the owner's name when it comes from the agent's activity. */
export type HistoryRun = Outputs["jobs"]["runs"]["items"][number] & { ownerName?: string | null | undefined; ownerDeleted?: boolean | undefined };

/** Whose runs: one job's, one trigger's; absent for the agent's whole activity. */
export type RunHistoryOwner = { kind: "job" | "trigger"; id: string };

export type StatusFilter = "all" | "succeeded" | "failed" | "running" | "skipped" | "cancelled";
/** The kind chips: one per cause of a run. */
export type KindFilter = "all" | "schedule" | "manual" | "event" | "test" | "replay";
export type Period = "24h" | "7d" | "14d" | "30d" | "90d" | "all";

export const PERIOD_MS: Record<Period, number> = {
  "24h": 86_400_000,
  "7d": 7 * 86_400_000,
  "14d": 14 * 86_400_000,
  "30d": 30 * 86_400_000,
  "90d": 90 * 86_400_000,
  all: Infinity,
};

/** Statuses of a run still in progress. */
export const ACTIVE_STATUSES = ["running", "started", "queued"] as const;

export function isActiveRun(run: Pick<HistoryRun, "status">): boolean {
  return run.status === "running" || run.status === "started" || run.status === "queued";
}

/** The server's status filter for a chip ("running" covers started and queued runs too). */
export function statusInput(filter: StatusFilter) {
  if (filter === "all") return undefined;
  if (filter === "running") return [...ACTIVE_STATUSES];
  return [filter];
}

/** A result link the UI may open: http(s), or a path on this site. */
export function safeLink(url: string | undefined): string | null {
  // Checked again here: a host-written store or an older run may hold a link the schema never saw.
  return isSafeResultUrl(url) ? url : null;
}

/**
 * The instant a calendar day (`YYYY-MM-DD`, as a date input gives it) starts in `timeZone`, as ISO UTC; with
 * `nextDay`, the start of the day after (an exclusive end). `undefined` for an empty or invalid value.
 */
export function dayStart(value: string, timeZone: string, nextDay = false): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return undefined;
  const utc = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + (nextDay ? 1 : 0));
  if (!Number.isFinite(utc)) return undefined;
  // The zone's offset at that wall time, found in two passes (it may change on that day).
  let at = utc;
  for (let pass = 0; pass < 2; pass++) at = utc - offsetMs(at, timeZone);
  return new Date(at).toISOString();
}

function offsetMs(at: number, timeZone: string): number {
  const parts = dateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" }).formatToParts(new Date(at));
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? "0");
  const wall = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour") % 24, get("minute"), get("second"));
  return wall - Math.floor(at / 1000) * 1000;
}

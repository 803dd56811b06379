"use client";

import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { useLiveStatus } from "../../client/live";
import { usePlanner } from "../../client/trpc";
import type { StripRunItem } from "./types";

const NONE: readonly StripRunItem[] = [];

/**
 * Every job's and trigger's strip of the agent, in one query (`runs.strips`, shared by the job and trigger lists and
 * refreshed by the live stream): `runsOf(kind, id)` answers an item's runs, or `null` while the strips load. One
 * query for the panel rather than one per card, whose observers were most of a large panel's render time.
 */
export function useRunStrips(agentId: string): (kind: "job" | "trigger", id: string) => readonly StripRunItem[] | null {
  const trpc = usePlanner();
  const live = useLiveStatus(agentId);
  const strips = useQuery(trpc.runs.strips.queryOptions({ agentId }, { refetchInterval: live.refetchInterval }));
  const byOwner = useMemo(() => {
    if (!strips.data) return null;
    const map = new Map<string, readonly StripRunItem[]>();
    for (const strip of strips.data) map.set(`${strip.owner.kind}:${strip.owner.id}`, strip.runs);
    return map;
  }, [strips.data]);
  // A failed strips query shows empty strips rather than skeletons that never end.
  return (kind, id) => (byOwner ? (byOwner.get(`${kind}:${id}`) ?? NONE) : strips.isError ? NONE : null);
}

"use client";

import { skipToken, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useLiveStatus } from "../../client/live";
import { usePlanner } from "../../client/trpc";
import { statusInput, type HistoryRun, type KindFilter, type RunHistoryOwner, type StatusFilter } from "./types";

const PAGE = 20;
/** Stats and the chart read this many recent runs (per job or trigger, history keeps 50). */
export const STATS_WINDOW = 100;

interface Options {
  agentId: string;
  owner?: RunHistoryOwner | undefined;
  status: StatusFilter;
  kind: KindFilter;
}

/**
 * The runs of the table (paged, filtered by the server) and the recent runs for stats and the chart, from
 * `activity.list` for the whole agent or `jobs.runs` / `triggers.runs` for one owner.
 */
export function useHistoryRuns({ agentId, owner, status, kind }: Options) {
  const trpc = usePlanner();
  const live = useLiveStatus(agentId);
  const statusFilter = statusInput(status);
  const pageOptions = { getNextPageParam: (page: { nextCursor: string | null }) => page.nextCursor, refetchInterval: live.refetchInterval };
  const job = owner?.kind === "job" ? { agentId, jobId: owner.id } : null;
  const trigger = owner?.kind === "trigger" ? { agentId, triggerId: owner.id } : null;
  const ownKind = kind === "all" ? undefined : kind;

  const activityPages = useInfiniteQuery(
    trpc.activity.list.infiniteQueryOptions(owner ? skipToken : { agentId, limit: PAGE, status: statusFilter, kind: ownKind }, pageOptions),
  );
  const jobPages = useInfiniteQuery(trpc.jobs.runs.infiniteQueryOptions(job ? { ...job, limit: PAGE, status: statusFilter } : skipToken, pageOptions));
  const triggerPages = useInfiniteQuery(trpc.triggers.runs.infiniteQueryOptions(trigger ? { ...trigger, limit: PAGE, status: statusFilter } : skipToken, pageOptions));

  const refetch = { refetchInterval: live.refetchInterval };
  const activityRecent = useQuery(trpc.activity.list.queryOptions(owner ? skipToken : { agentId, limit: STATS_WINDOW, kind: ownKind }, refetch));
  const jobRecent = useQuery(trpc.jobs.runs.queryOptions(job ? { ...job, limit: STATS_WINDOW } : skipToken, refetch));
  const triggerRecent = useQuery(trpc.triggers.runs.queryOptions(trigger ? { ...trigger, limit: STATS_WINDOW } : skipToken, refetch));

  const pages = owner?.kind === "job" ? jobPages : owner?.kind === "trigger" ? triggerPages : activityPages;
  const recent = owner?.kind === "job" ? jobRecent : owner?.kind === "trigger" ? triggerRecent : activityRecent;
  const rows: HistoryRun[] = pages.data?.pages.flatMap((page) => page.items) ?? [];
  return {
    rows,
    recent: (recent.data?.items ?? []) as HistoryRun[],
    isPending: pages.isPending,
    error: pages.error ?? recent.error,
    refetch: () => void Promise.all([pages.refetch(), recent.refetch()]),
    hasMore: pages.hasNextPage,
    loadMore: () => void pages.fetchNextPage(),
    isLoadingMore: pages.isFetchingNextPage,
  };
}

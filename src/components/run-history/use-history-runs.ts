"use client";

import { keepPreviousData, skipToken, useQuery } from "@tanstack/react-query";
import { useLiveStatus } from "../../client/live";
import { usePlanner } from "../../client/trpc";
import { ACTIVE_STATUSES, statusInput, type HistoryRun, type KindFilter, type RunHistoryOwner, type StatusFilter } from "./types";

/** Rows per page of the table. */
export const PAGE_SIZE = 10;
/** Stats and the chart read this many recent runs (per job or trigger, history keeps 50). */
export const STATS_WINDOW = 100;
/** Active executions shown at most. */
const ACTIVE_WINDOW = 20;

export interface HistoryFilters {
  text: string;
  status: StatusFilter;
  kind: KindFilter;
  /** ISO UTC, inclusive. */
  from?: string | undefined;
  /** ISO UTC, exclusive. */
  to?: string | undefined;
}

interface Options {
  agentId: string;
  owner?: RunHistoryOwner | undefined;
  filters: HistoryFilters;
  offset: number;
}

/** The search input of the filters (what `runs.search` and `runs.export` take, without paging). */
export function searchFiltersOf(agentId: string, owner: RunHistoryOwner | undefined, filters: HistoryFilters) {
  const text = filters.text.trim();
  const status = statusInput(filters.status);
  return {
    agentId,
    ...(owner ? { owner } : {}),
    ...(text ? { text } : {}),
    ...(status ? { status } : {}),
    ...(filters.kind === "all" ? {} : { kind: [filters.kind] }),
    ...(filters.from ? { from: filters.from } : {}),
    ...(filters.to ? { to: filters.to } : {}),
  };
}

/**
 * One page of the table (searched, filtered and paged on the server with `runs.search`, with the total), the
 * runs in progress for "Active executions", and the recent runs for stats and the chart. Live: they refetch as
 * runs change.
 */
export function useHistoryRuns({ agentId, owner, filters, offset }: Options) {
  const trpc = usePlanner();
  const live = useLiveStatus(agentId);
  const refetch = { refetchInterval: live.refetchInterval };
  const search = searchFiltersOf(agentId, owner, filters);

  const page = useQuery(trpc.runs.search.queryOptions({ ...search, offset, limit: PAGE_SIZE }, { ...refetch, placeholderData: keepPreviousData }));
  const active = useQuery(trpc.runs.search.queryOptions({ agentId, ...(owner ? { owner } : {}), status: [...ACTIVE_STATUSES], limit: ACTIVE_WINDOW }, refetch));

  const job = owner?.kind === "job" ? { agentId, jobId: owner.id } : null;
  const trigger = owner?.kind === "trigger" ? { agentId, triggerId: owner.id } : null;
  const activityRecent = useQuery(trpc.activity.list.queryOptions(owner ? skipToken : { agentId, limit: STATS_WINDOW }, refetch));
  const jobRecent = useQuery(trpc.jobs.runs.queryOptions(job ? { ...job, limit: STATS_WINDOW } : skipToken, refetch));
  const triggerRecent = useQuery(trpc.triggers.runs.queryOptions(trigger ? { ...trigger, limit: STATS_WINDOW } : skipToken, refetch));
  const recent = owner?.kind === "job" ? jobRecent : owner?.kind === "trigger" ? triggerRecent : activityRecent;

  return {
    rows: (page.data?.items ?? []) as HistoryRun[],
    total: page.data?.total ?? 0,
    offset: page.data?.offset ?? offset,
    active: (active.data?.items ?? []) as HistoryRun[],
    recent: (recent.data?.items ?? []) as HistoryRun[],
    isPending: page.isPending,
    isFetching: page.isFetching,
    error: page.error ?? recent.error,
    refetch: () => void Promise.all([page.refetch(), recent.refetch(), active.refetch()]),
  };
}

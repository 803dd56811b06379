"use client";

import { skipToken, useQueryClient, type QueryClient, type QueryFilters } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { createContext, useContext, useMemo, type ReactNode } from "react";
// Type only: the shape of a change event of `live.onChange`.
import type { StoreChange } from "../server/store/port";
import { usePlanner, type PlannerOptionsProxy } from "./trpc";

export type LiveChange = StoreChange;

/** `connecting` until the stream is open, `live` while it is, `offline` when it failed and is retrying. */
export type LiveState = "connecting" | "live" | "offline";

export interface LiveStatus {
  state: LiveState;
  /**
   * Pass to list queries as `refetchInterval`: the poll interval while offline, `false` otherwise (the
   * stream keeps them fresh).
   */
  refetchInterval: number | false;
  /** The poll interval in ms (for "refreshing every N seconds"). */
  pollIntervalMs: number;
  /** The last connection error's message while offline. */
  error: string | null;
}

export interface LiveOptions {
  /** How often to refetch while the stream is down (default 15 s). */
  pollIntervalMs?: number | undefined;
}

const DEFAULT_POLL_MS = 15_000;

/**
 * Exactly the queries a change can affect. A planner change (create, edit, delete, pause, a resync after
 * reconnecting) refreshes the agent's jobs and triggers; a run change refreshes its owner, the owner's runs
 * and its list. Both also refresh the agent's overview (summary strip, needs-attention banner), activity,
 * history searches and the cards' run strips.
 */
export function changedQueryFilters(trpc: PlannerOptionsProxy, change: LiveChange): QueryFilters[] {
  const { agentId } = change;
  const agentWide = [
    trpc.overview.queryFilter({ agentId }),
    trpc.activity.list.queryFilter({ agentId }),
    trpc.activity.list.infiniteQueryFilter({ agentId }),
    trpc.runs.search.queryFilter({ agentId }),
    trpc.runs.strips.queryFilter({ agentId }),
  ];
  if (change.kind === "planner") return [trpc.jobs.pathFilter(), trpc.triggers.pathFilter(), trpc.proposals.pathFilter(), ...agentWide];
  const owner = change.run.owner;
  if (owner.kind === "job") {
    const ref = { agentId, jobId: owner.id };
    return [
      trpc.jobs.list.queryFilter({ agentId }),
      trpc.jobs.byId.queryFilter(ref),
      trpc.jobs.runs.queryFilter(ref),
      trpc.jobs.runs.infiniteQueryFilter(ref),
      ...agentWide,
    ];
  }
  const ref = { agentId, triggerId: owner.id };
  return [
    trpc.triggers.list.queryFilter({ agentId }),
    trpc.triggers.byId.queryFilter(ref),
    trpc.triggers.runs.queryFilter(ref),
    trpc.triggers.runs.infiniteQueryFilter(ref),
    ...agentWide,
  ];
}

async function invalidateChange(queryClient: QueryClient, trpc: PlannerOptionsProxy, change: LiveChange): Promise<void> {
  await Promise.all(changedQueryFilters(trpc, change).map((filters) => queryClient.invalidateQueries(filters)));
}

function useLiveSubscription(agentId: string | null, { pollIntervalMs = DEFAULT_POLL_MS }: LiveOptions): LiveStatus {
  const trpc = usePlanner();
  const queryClient = useQueryClient();
  const subscription = useSubscription(
    trpc.live.onChange.subscriptionOptions(agentId ? { agentId } : skipToken, {
      onData: (event) => void invalidateChange(queryClient, trpc, event.data),
    }),
  );
  const { status, error } = subscription;
  return useMemo(() => {
    const state: LiveState = status === "pending" ? "live" : status === "error" || (status === "connecting" && error) ? "offline" : "connecting";
    return { state, refetchInterval: state === "offline" ? pollIntervalMs : false, pollIntervalMs, error: state === "offline" ? (error?.message ?? null) : null };
  }, [status, error, pollIntervalMs]);
}

const LiveContext = createContext<{ agentId: string; status: LiveStatus } | null>(null);

/**
 * Opens one `live.onChange` stream for an agent and shares it with everything below (`useLiveStatus` with
 * the same agent reuses it instead of opening another). `PlannerPanel` renders one; inside an outer provider
 * for the same agent (a host that shows `LiveIndicator` in its own header) it reuses that stream.
 */
export function LiveStatusProvider({ agentId, pollIntervalMs, children }: { agentId: string; pollIntervalMs?: number | undefined; children: ReactNode }) {
  const outer = useContext(LiveContext);
  const reuse = outer !== null && outer.agentId === agentId && pollIntervalMs === undefined;
  const status = useLiveSubscription(reuse ? null : agentId, pollIntervalMs === undefined ? {} : { pollIntervalMs });
  const value = useMemo(() => ({ agentId, status }), [agentId, status]);
  return <LiveContext.Provider value={reuse ? outer : value}>{children}</LiveContext.Provider>;
}

/**
 * Live updates for an agent: keeps its queries fresh from the `live.onChange` stream (invalidating exactly
 * what changed) and reports the stream's state. Inside a `LiveStatusProvider` for the same agent it shares
 * that stream; otherwise it opens its own.
 *
 * @example
 * ```tsx
 * const live = useLiveStatus(agentId);
 * const jobs = useQuery(trpc.jobs.list.queryOptions({ agentId }, { refetchInterval: live.refetchInterval }));
 * return <LiveIndicator status={live} />;
 * ```
 */
export function useLiveStatus(agentId: string, options: LiveOptions = {}): LiveStatus {
  const shared = useContext(LiveContext);
  const reuse = shared?.agentId === agentId;
  const own = useLiveSubscription(reuse ? null : agentId, options);
  return reuse ? shared.status : own;
}

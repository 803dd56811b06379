"use client";

import { QueryClient, QueryClientContext, QueryClientProvider } from "@tanstack/react-query";
import { isTRPCClientError } from "@trpc/client";
import { useContext, useMemo, useState, type ReactNode } from "react";
import { viewerTimeZone } from "./format";
import { mergeLabels, type PlannerLabelOverrides } from "./labels";
import { PlannerSettingsContext, type PlannerHostOptions, type PlannerSettings } from "./settings";
import { createPlannerClient, PLANNER_QUERY_KEY_PREFIX, PlannerTRPCProvider, type PlannerClient, type PlannerHeaders } from "./trpc";

interface PlannerProviderBaseProps {
  children: ReactNode;
  /**
   * The host's QueryClient. Without it the provider uses the nearest `QueryClientProvider`'s client, or
   * creates its own once. Planner keys are prefixed, so sharing a client never collides.
   */
  queryClient?: QueryClient | undefined;
  /** Overrides of any label, per key (see `defaultLabels`). */
  labels?: PlannerLabelOverrides | undefined;
  /** The viewer's locale for dates and numbers (default: the browser's). */
  locale?: string | undefined;
  /** The viewer's IANA zone (default: the browser's). */
  timeZone?: string | undefined;
  /** The viewer's clock for relative times (tests and stories pin it). */
  clock?: (() => Date) | undefined;
  /** Route the components' notices (paused, deleted, a run failed) to the host's toasts; they are still announced. */
  onNotify?: PlannerHostOptions["onNotify"];
  /** The host's page for connecting a toolkit's account; the trigger dialog's "no connected account" hint links there. */
  connectHref?: PlannerHostOptions["connectHref"];
  /** Toolkit logos: `"composio"` (default, Composio's CDN), `"none"`, a slug → URL map or a function. */
  logos?: PlannerHostOptions["logos"];
}

type PlannerConnectionProps =
  /**
   * The planner endpoint, e.g. "/api/planner". `headers` go with queries and mutations; they are read when
   * the client is built, so pass a function for values that change (a token).
   */
  | { url: string; headers?: PlannerHeaders | undefined; client?: undefined }
  /** A ready client, e.g. one on `unstable_localLink` over the real router in tests and Storybook. */
  | { client: PlannerClient; url?: undefined; headers?: undefined };

export type PlannerProviderProps = PlannerProviderBaseProps & PlannerConnectionProps;

const systemClock = () => new Date();

/** Retries server failures once; a 4xx (bad input, forbidden, not found) would fail the same way again. */
function retryServerErrors(failureCount: number, error: unknown): boolean {
  if (isTRPCClientError(error)) {
    const status = (error.data as { httpStatus?: number | undefined } | undefined)?.httpStatus;
    if (status !== undefined && status < 500) return false;
  }
  return failureCount < 1;
}

function createPlannerQueryClient(): QueryClient {
  // Live invalidation keeps data fresh, so reads stay fresh for a while instead of refetching on every mount.
  return new QueryClient({ defaultOptions: { queries: { staleTime: 30_000, retry: retryServerErrors } } });
}

/**
 * Connects the planner components to the planner endpoint and provides labels and the viewer's locale.
 *
 * @example
 * ```tsx
 * <PlannerProvider url="/api/planner" queryClient={queryClient} labels={{ common: { retry: "Retry" } }}>
 *   <PlannerPanel agentId={agent.id} />
 * </PlannerProvider>
 * ```
 */
export function PlannerProvider(props: PlannerProviderProps) {
  const { children, queryClient, labels, locale, timeZone, clock = systemClock, onNotify, connectHref, logos } = props;
  const ancestorQueryClient = useContext(QueryClientContext);
  const [ownQueryClient] = useState(createPlannerQueryClient);
  const activeQueryClient = queryClient ?? ancestorQueryClient ?? ownQueryClient;

  // Built once: `headers` is read when the client is made, so pass a function for values that change.
  const [ownClient] = useState(() => {
    if (props.client) return null;
    if (!props.url) throw new Error("PlannerProvider: pass `url` (the planner endpoint) or a ready `client`.");
    return createPlannerClient(props.headers === undefined ? { url: props.url } : { url: props.url, headers: props.headers });
  });
  const trpcClient = props.client ?? ownClient;
  if (!trpcClient) throw new Error("PlannerProvider: pass `url` (the planner endpoint) or a ready `client`.");

  const settings = useMemo<PlannerSettings>(
    () => ({ labels: mergeLabels(labels), locale, timeZone: timeZone ?? viewerTimeZone(), now: clock, host: { onNotify, connectHref, logos } }),
    [labels, locale, timeZone, clock, onNotify, connectHref, logos],
  );

  return (
    <QueryClientProvider client={activeQueryClient}>
      <PlannerTRPCProvider trpcClient={trpcClient} queryClient={activeQueryClient} keyPrefix={PLANNER_QUERY_KEY_PREFIX}>
        <PlannerSettingsContext.Provider value={settings}>{children}</PlannerSettingsContext.Provider>
      </PlannerTRPCProvider>
    </QueryClientProvider>
  );
}

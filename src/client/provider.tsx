"use client";

import { QueryClient, QueryClientContext, QueryClientProvider } from "@tanstack/react-query";
import { isTRPCClientError } from "@trpc/client";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { useContext, useEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from "react";
import superjson from "superjson";
import { dateTimeFormat } from "../shared/intl-cache";
import { isPlannerPanelData, panelQueryInput, PANEL_QUERIES, type PanelQuery, type PlannerPanelData } from "../shared/panel-data";
import { viewerTimeZone } from "./format";
import { mergeLabels, type PlannerLabelOverrides } from "./labels";
import { PlannerSettingsContext, type PlannerHostOptions, type PlannerSettings } from "./settings";
import { createPlannerClient, PLANNER_QUERY_KEY_PREFIX, PlannerTRPCProvider, type PlannerClient, type PlannerHeaders, type PlannerRouter } from "./trpc";

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
  /**
   * The panel's first data, read on the server with `loadPlannerPanel` (agent-planner/server): the server renders
   * every card into the page and the browser does not ask for them again. Newer data in a shared `QueryClient` wins.
   */
  initialData?: PlannerPanelData | null | undefined;
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

/** The planner reads `data` holds, as TanStack Query cache entries under the keys the panel's queries use. */
function seedPanelData(queryClient: QueryClient, client: PlannerClient, data: PlannerPanelData): void {
  let results: Partial<Record<PanelQuery, unknown>>;
  try {
    results = superjson.parse<Partial<Record<PanelQuery, unknown>>>(data.queries) ?? {};
  } catch {
    return; // unreadable: the panel reads everything itself
  }
  const proxy = createTRPCOptionsProxy<PlannerRouter, { keyPrefix: true }>({ client, queryClient, keyPrefix: PLANNER_QUERY_KEY_PREFIX });
  const keyOf = (query: PanelQuery) => {
    const input = panelQueryInput(query, data.agentId);
    switch (query) {
      case "overview":
        return proxy.overview.queryKey(input);
      case "jobs.list":
        return proxy.jobs.list.queryKey(input);
      case "triggers.list":
        return proxy.triggers.list.queryKey(input);
      case "runs.strips":
        return proxy.runs.strips.queryKey(input);
      case "activity.list":
        return proxy.activity.list.queryKey(input);
      case "proposals.list":
        return proxy.proposals.list.queryKey(input);
    }
  };
  for (const query of PANEL_QUERIES) {
    if (!Object.hasOwn(results, query)) continue;
    const key = keyOf(query);
    // A shared client that already holds these reads (a client-side navigation back) keeps its newer data.
    if ((queryClient.getQueryState(key)?.dataUpdatedAt ?? 0) >= data.at) continue;
    queryClient.setQueryData(key, results[query] as never, { updatedAt: data.at });
  }
}

/** `useSyncExternalStore` answers the server snapshot while hydrating and on the server: true there, false after. */
const noSubscription = () => () => undefined;
const isHydrating = () => true;
const notHydrating = () => false;

/** Whether the browser's default locale formats as `locale` does. */
function sameDefaultLocale(locale: string): boolean {
  try {
    return dateTimeFormat(undefined, {}).resolvedOptions().locale === dateTimeFormat(locale, {}).resolvedOptions().locale;
  } catch {
    return false;
  }
}

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

  // The server's first data goes into the cache before anything below reads it (once, during the first render).
  const initialData = isPlannerPanelData(props.initialData) ? props.initialData : undefined;
  useState(() => {
    if (initialData) seedPanelData(activeQueryClient, trpcClient, initialData);
  });
  // Rendered on the server: this render and the browser's first (the one compared with the server's HTML) format
  // with the server's locale, zone and clock; after it the viewer's own take over, re-rendering only what differs.
  const hydrating = useSyncExternalStore(noSubscription, notHydrating, isHydrating) && initialData !== undefined;
  // Only while hydrating: a provider first mounted in the browser (no server HTML to match) uses the viewer's clock.
  const serverNow = useRef(hydrating ? initialData?.at : undefined);
  const hydratingClock = useMemo(() => () => (serverNow.current === undefined ? clock() : new Date(serverNow.current)), [clock]);
  useEffect(() => {
    serverNow.current = undefined;
  }, []);
  const viewerLocale = hydrating ? initialData.locale : locale ?? (initialData && sameDefaultLocale(initialData.locale) ? initialData.locale : undefined);
  const viewerZone = hydrating ? initialData.timeZone : timeZone ?? viewerTimeZone();

  const settings = useMemo<PlannerSettings>(
    () => ({ labels: mergeLabels(labels), locale: viewerLocale, timeZone: viewerZone, now: hydratingClock, host: { onNotify, connectHref, logos } }),
    [labels, viewerLocale, viewerZone, hydratingClock, onNotify, connectHref, logos],
  );

  return (
    <QueryClientProvider client={activeQueryClient}>
      <PlannerTRPCProvider trpcClient={trpcClient} queryClient={activeQueryClient} keyPrefix={PLANNER_QUERY_KEY_PREFIX}>
        <PlannerSettingsContext.Provider value={settings}>{children}</PlannerSettingsContext.Provider>
      </PlannerTRPCProvider>
    </QueryClientProvider>
  );
}

"use client";

import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink, type HTTPHeaders, type TRPCClient } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import superjson from "superjson";
// Type only: browser bundles never pull in server code.
import type { PlannerRouter } from "../server/router";

export type { PlannerRouter };

/** A tRPC client for the planner's router (what `<PlannerProvider client>` accepts). */
export type PlannerClient = TRPCClient<PlannerRouter>;

/**
 * The planner's queries live under this prefix in the TanStack Query cache, so they never collide with the
 * host's own tRPC queries when both share one `QueryClient`.
 */
export const PLANNER_QUERY_KEY_PREFIX = "agent-planner";

const planner = createTRPCContext<PlannerRouter, { keyPrefix: true }>();

export const PlannerTRPCProvider = planner.TRPCProvider;

/**
 * The typed options proxy of the planner router: `queryOptions`, `mutationOptions`, `subscriptionOptions`,
 * `queryKey`, `pathFilter` for every procedure. Query keys are never written by hand.
 *
 * @example
 * ```tsx
 * const trpc = usePlanner();
 * const jobs = useQuery(trpc.jobs.list.queryOptions({ agentId }));
 * const pause = useMutation(trpc.jobs.pause.mutationOptions({
 *   onSettled: () => queryClient.invalidateQueries(trpc.jobs.pathFilter()),
 * }));
 * ```
 */
export const usePlanner = planner.useTRPC;

/** The raw tRPC client, for imperative calls outside TanStack Query. */
export const usePlannerClient = planner.useTRPCClient;

export type PlannerOptionsProxy = ReturnType<typeof usePlanner>;

export type PlannerHeaders = HTTPHeaders | (() => HTTPHeaders | Promise<HTTPHeaders>);

export interface CreatePlannerClientOptions {
  /** The planner endpoint, e.g. "/api/planner". */
  url: string;
  /** Extra headers for queries and mutations (subscriptions use EventSource, which sends cookies only). */
  headers?: PlannerHeaders | undefined;
  /**
   * Most procedures per batched request (default 20, the planner route's default `maxBatchSize`): a live
   * invalidation can refetch dozens of queries at once, and a larger batch would be refused with 400.
   */
  maxBatchSize?: number | undefined;
}

/** Stays well under the route's default `maxUrlBytes` (16 KiB): a longer batched GET is split. */
const MAX_URL_LENGTH = 8 * 1024;

/**
 * The HTTP client `<PlannerProvider url>` builds: batched queries and mutations, server-sent events for
 * `live.onChange`, superjson like the server.
 *
 * @example
 * ```ts
 * const client = createPlannerClient({ url: "/api/planner" });
 * ```
 */
export function createPlannerClient({ url, headers, maxBatchSize = 20 }: CreatePlannerClientOptions): PlannerClient {
  return createTRPCClient<PlannerRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === "subscription",
        true: httpSubscriptionLink({ url, transformer: superjson }),
        false: httpBatchLink({
          url,
          transformer: superjson,
          maxItems: maxBatchSize,
          maxURLLength: MAX_URL_LENGTH,
          headers: typeof headers === "function" ? () => headers() : headers,
        }),
      }),
    ],
  });
}

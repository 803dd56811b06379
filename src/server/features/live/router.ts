import { publicRun } from "../runs/view";
import { tracked } from "@trpc/server";
import { LiveInput } from "../../../shared/schemas";
import type { StoreChange } from "../../store/port";
import { agentProcedure, router } from "../../trpc";
import { TooManyRequestsError } from "../../errors";
import type { PlannerDeps } from "../../deps";

/** Changes kept for a slow client before the oldest are dropped (it resyncs by refetching anyway). */
const MAX_PENDING = 500;

/**
 * Open live streams one user may hold on one planner. The panel opens one per agent it shows, so this leaves
 * room for many tabs; a client that opens streams in a loop (each holds a store listener and a queue) is
 * refused with a sentence instead of growing the server's memory without bound.
 */
export const MAX_LIVE_SUBSCRIPTIONS_PER_USER = 50;

/** Open streams per user, per planner (its deps). */
const openStreams = new WeakMap<PlannerDeps, Map<string, number>>();

/** Counts a new stream for `userId`, or refuses it at the cap; the returned function releases it (once). */
function claimStream(deps: PlannerDeps, userId: string): () => void {
  let byUser = openStreams.get(deps);
  if (!byUser) openStreams.set(deps, (byUser = new Map<string, number>()));
  const open = byUser.get(userId) ?? 0;
  if (open >= MAX_LIVE_SUBSCRIPTIONS_PER_USER) {
    throw new TooManyRequestsError(
      `You have ${open} live updates open, the most allowed is ${MAX_LIVE_SUBSCRIPTIONS_PER_USER}. Close some planner tabs; this one refreshes every few seconds instead.`,
    );
  }
  byUser.set(userId, open + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (byUser.get(userId) ?? 1) - 1;
    if (left > 0) byUser.set(userId, left);
    else byUser.delete(userId);
  };
}

/** How many live streams `userId` has open on the planner of `deps` (tests, diagnostics). */
export function openLiveStreams(deps: PlannerDeps, userId: string): number {
  return openStreams.get(deps)?.get(userId) ?? 0;
}

export const liveRouter = router({
  /**
   * Job, trigger and run changes of one agent, as server-sent events. Each event id is the agent's change
   * version; on reconnect (`lastEventId`) a resync change comes first so the client refetches.
   */
  onChange: agentProcedure.input(LiveInput).subscription(({ ctx, input, signal }) => {
    // Claimed before the stream starts, so a refusal is answered like any other error (TOO_MANY_REQUESTS); a
    // stream that ends — or a request aborted before its stream ever started — frees its slot.
    const release = claimStream(ctx.deps, ctx.user.userId);
    signal?.addEventListener("abort", release, { once: true });
    return changes(ctx.deps, input.agentId, input.lastEventId, signal, release);
  }),
});

/** The agent's changes as tracked events until `signal` aborts; `release` frees the user's slot when it ends. */
async function* changes(deps: PlannerDeps, agentId: string, lastEventId: string | null | undefined, signal: AbortSignal | undefined, release: () => void) {
  const pending: StoreChange[] = [];
  let wake: (() => void) | null = null;
  let unsubscribe: () => void;
  try {
    unsubscribe = deps.store.subscribe(agentId, (change) => {
      pending.push(change);
      if (pending.length > MAX_PENDING) pending.splice(0, pending.length - MAX_PENDING);
      wake?.();
    });
  } catch (error) {
    release();
    throw error;
  }
  const onAbort = () => wake?.();
  signal?.addEventListener("abort", onAbort);
  try {
    if (lastEventId) {
      const version = await deps.store.version(agentId);
      yield tracked(String(version), { agentId, kind: "planner", version } satisfies StoreChange);
    }
    while (!signal?.aborted) {
      if (pending.length === 0) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = null;
        continue;
      }
      const change = pending.shift();
      // A run change carries the run without its kept event (up to 256 KiB) and its lease (renewed every 10 s).
      if (change) yield tracked(String(change.version), change.kind === "run" ? { ...change, run: publicRun(change.run) } : change);
    }
  } finally {
    signal?.removeEventListener("abort", onAbort);
    unsubscribe();
    release();
  }
}

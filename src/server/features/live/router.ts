import { publicRun } from "../runs/view";
import { tracked } from "@trpc/server";
import { LiveInput } from "../../../shared/schemas";
import type { StoreChange } from "../../store/port";
import { agentProcedure, router } from "../../trpc";

/** Changes kept for a slow client before the oldest are dropped (it resyncs by refetching anyway). */
const MAX_PENDING = 500;

export const liveRouter = router({
  /**
   * Job, trigger and run changes of one agent, as server-sent events. Each event id is the agent's change
   * version; on reconnect (`lastEventId`) a resync change comes first so the client refetches.
   */
  onChange: agentProcedure.input(LiveInput).subscription(async function* ({ ctx, input, signal }) {
    const pending: StoreChange[] = [];
    let wake: (() => void) | null = null;
    const unsubscribe = ctx.deps.store.subscribe(input.agentId, (change) => {
      pending.push(change);
      if (pending.length > MAX_PENDING) pending.splice(0, pending.length - MAX_PENDING);
      wake?.();
    });
    const onAbort = () => wake?.();
    signal?.addEventListener("abort", onAbort);
    try {
      if (input.lastEventId) {
        const version = await ctx.deps.store.version(input.agentId);
        yield tracked(String(version), { agentId: input.agentId, kind: "planner", version } satisfies StoreChange);
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
    }
  }),
});

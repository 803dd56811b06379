import type { Inngest } from "inngest";
import { enqueueRun, errorMessage } from "../engine/run";
import { jobSubject, triggerSubject, type RunSubject } from "../engine/subjects";
import type { Dispatcher } from "../engine/types";
import type { PlannerDeps } from "../planner";
import { requireInngestClient } from "./client";
import { jobDue, triggerFired } from "./events";

/**
 * Dispatches runs as Inngest events, with the run id as the event id: Inngest drops a repeated id for
 * 24 h, so a tick that repeats a dispatch (crash between dispatch and advance) never runs an occurrence
 * twice. The event is validated against the shared zod schema before it is sent.
 *
 * With `deps`, each run is also stored as `queued` once Inngest has accepted the event, so the UI shows it
 * and "run now" sees it. Recording comes after the send: a failed send leaves nothing stranded in the
 * store, and a run that Inngest already started is never overwritten (`appendRun` keeps the first record).
 *
 * @example
 * ```ts
 * const dispatcher = inngestDispatcher(inngest, planner.deps);
 * await tick(planner.deps, dispatcher, new Date());
 * ```
 */
export function inngestDispatcher(client: Inngest.Any, deps?: PlannerDeps): Dispatcher {
  const inngest = requireInngestClient(client, "inngestDispatcher");

  async function recordQueued(subject: RunSubject): Promise<void> {
    if (!deps) return;
    try {
      await enqueueRun(deps, subject);
    } catch (error) {
      // The event is on its way and the run records itself when it starts; only the queued state is lost.
      deps.logger.warn("planner: could not record a dispatched run as queued", { runId: subject.runId, error: errorMessage(error) });
    }
  }

  return {
    async dispatchJob(request) {
      await inngest.send(jobDue.create(request, { id: request.runId }));
      await recordQueued(jobSubject(request));
    },
    async dispatchTrigger(request) {
      await inngest.send(triggerFired.create(request, { id: request.runId }));
      await recordQueued(triggerSubject(request));
    },
  };
}

import { enqueueRun, enqueueRunUnlessActive, errorMessage, runWriteOptions } from "../engine/run";
import { jobSubject, triggerSubject, type RunSubject } from "../engine/subjects";
import type { Dispatcher, ManualDispatcher, ManualRunRequest } from "../engine/types";
import type { PlannerDeps } from "../deps";
import type { PlannerInngestClient } from "../options";
import { jobDueEvent, requireInngestClient, triggerFiredEvent } from "./wire";

/**
 * Dispatches runs as Inngest events, with the run id as the event id: Inngest drops a repeated id for
 * 24 h, so a tick that repeats a dispatch (crash between dispatch and advance) never runs an occurrence
 * twice. The event is validated against the shared zod schema before it is sent. Loads nothing from `inngest`.
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
export function inngestDispatcher(client: PlannerInngestClient, deps?: PlannerDeps): Dispatcher {
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
      await inngest.send(jobDueEvent(request));
      await recordQueued(jobSubject(request));
    },
    async dispatchTrigger(request) {
      await inngest.send(triggerFiredEvent(request));
      await recordQueued(triggerSubject(request));
    },
    async dispatchStored(run, event) {
      // Stored already (queued, with its event); Inngest drops a repeated event id, so a second send is harmless.
      const payload = event ?? run.event;
      if (run.owner.kind !== "trigger" || !payload || (run.cause !== "event" && run.cause !== "test" && run.cause !== "replay")) {
        throw new Error(`Run ${run.id} cannot be sent to Inngest: only a trigger run with its event can.`);
      }
      await inngest.send(triggerFiredEvent({ runId: run.id, agentId: run.agentId, triggerId: run.owner.id, cause: run.cause, event: payload }));
    },
  };
}

/** The error a manual run gets when it was recorded as queued but Inngest refused the event. */
export const NOT_SENT_MESSAGE = "The run could not be handed to Inngest, so it never started.";

/**
 * "Run now" and "test" on Inngest. With `exclusive`, the run is first recorded as queued in one store step that
 * also checks no other run of its job or trigger is active, and only then sent; should the send fail, the queued
 * run is marked failed (so it does not block the next click) and the error propagates. The run function's own
 * record of the run then finds it queued and claims it. Without `exclusive`, it is `inngestDispatcher`'s dispatch.
 * Inngest has nothing to start, so it never answers `NotStartedError`.
 */
export function inngestManualDispatcher(client: PlannerInngestClient, deps: PlannerDeps): ManualDispatcher {
  const inngest = requireInngestClient(client, "inngestManualDispatcher");
  const dispatcher = inngestDispatcher(inngest, deps);
  const send = (manual: ManualRunRequest) =>
    manual.kind === "job"
      ? inngest.send(jobDueEvent(manual.request))
      : inngest.send(triggerFiredEvent(manual.request));

  return {
    async dispatchManual(manual, { exclusive } = {}) {
      if (!exclusive) {
        await (manual.kind === "job" ? dispatcher.dispatchJob(manual.request) : dispatcher.dispatchTrigger(manual.request));
        return { dispatched: true };
      }
      const subject = manual.kind === "job" ? jobSubject(manual.request) : triggerSubject(manual.request);
      const { inserted, run } = await enqueueRunUnlessActive(deps, subject, exclusive);
      if (!inserted) return { dispatched: false, activeRun: run };
      try {
        await send(manual);
      } catch (error) {
        const finishedAt = deps.clock().toISOString();
        await deps.store
          .updateRun(
            run.agentId,
            run.id,
            (current) => (current.status === "queued" ? { ...current, status: "failed", error: NOT_SENT_MESSAGE, finishedAt } : current),
            runWriteOptions(deps),
          )
          .catch((recordError: unknown) => deps.logger.error("planner: could not mark an unsent run failed", { runId: run.id, error: errorMessage(recordError) }));
        throw error;
      }
      return { dispatched: true };
    },
  };
}

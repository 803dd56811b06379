import { eventType } from "inngest";
import { JobRunRequest, PLANNER_EVENTS, RunCancelRequest, TriggerRunRequest } from "../../shared/events";

/**
 * `planner/job.due`: run one occurrence of a job (or a "run now"). Sent by the tick with the run id as
 * the event id, so a repeated dispatch within 24 h is dropped by Inngest.
 *
 * @example
 * ```ts
 * await inngest.send(jobDue.create(request, { id: request.runId }));
 * ```
 */
export const jobDue = eventType(PLANNER_EVENTS.jobDue, { schema: JobRunRequest });

/**
 * `planner/trigger.fired`: run a trigger's action for one Composio event (or a test payload).
 *
 * @example
 * ```ts
 * await inngest.send(triggerFired.create(request, { id: request.runId }));
 * ```
 */
export const triggerFired = eventType(PLANNER_EVENTS.triggerFired, { schema: TriggerRunRequest });

/** `planner/run.cancelled`: cancels the run function of `runId` (`cancelOn`); sent by `runs.cancel` on Inngest. */
export const runCancelled = eventType(PLANNER_EVENTS.runCancelled, { schema: RunCancelRequest });

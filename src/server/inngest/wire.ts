/**
 * What the planner itself needs of Inngest, without loading the `inngest` package (an optional peer): the check
 * that a value is an Inngest client, and the planner's events as plain payloads for `client.send`. The in-process
 * scheduler never reaches `inngest`; `agent-planner/inngest` (the functions, the route, `createInngestClient`) does.
 */
import type { z } from "zod";
import { JobRunRequest, PLANNER_EVENTS, RunCancelRequest, TriggerRunRequest } from "../../shared/events";
import { PlannerConfigError } from "../errors";
import type { PlannerInngestClient } from "../options";

/** `Symbol.toStringTag` of an `Inngest` instance (inngest 4.x, what its own `isInngest` compares). */
const INNGEST_TAG = "Inngest.App";

/** Whether `value` is an Inngest client (`new Inngest({ id })` or `createInngestClient`), from any copy of the SDK. */
export function isInngestClient(value: unknown): value is PlannerInngestClient {
  if (typeof value !== "object" || value === null) return false;
  try {
    return (value as { [Symbol.toStringTag]?: unknown })[Symbol.toStringTag] === INNGEST_TAG && typeof (value as { send?: unknown }).send === "function";
  } catch {
    return false;
  }
}

/** The planner's Inngest client, or a configuration error naming `caller`. */
export function requireInngestClient(value: unknown, caller: string): PlannerInngestClient {
  const problem = inngestClientProblem(value, caller);
  if (problem) throw new PlannerConfigError(problem);
  return value as PlannerInngestClient;
}

/** Why `value` is not the planner's Inngest client (a sentence naming `caller`), or null when it is one. */
export function inngestClientProblem(value: unknown, caller: string): string | null {
  if (value == null) {
    return `${caller}: the planner has no Inngest client. Pass \`inngest: { client }\` to createPlanner (e.g. client: createInngestClient({ id })) to run jobs on Inngest.`;
  }
  if (!isInngestClient(value)) {
    return `${caller}: \`inngest.client\` is not an Inngest client (expected new Inngest({ id }) or createInngestClient({ id })).`;
  }
  return null;
}

/** An event as `client.send` takes it. */
export interface PlannerEventPayload<T> {
  name: string;
  data: T;
  id: string;
}

/** `data` checked against `schema` the way the SDK's `eventType(…).create(…).validate()` does ("path: message, …"). */
function checked<T>(schema: z.ZodType<T>, data: T): T {
  const result = schema.safeParse(data);
  if (!result.success) {
    throw new Error(result.error.issues.map((issue) => (issue.path.length > 0 ? `${issue.path.join(".")}: ${issue.message}` : issue.message)).join(", "));
  }
  return data;
}

/** `planner/job.due`, with the run id as the event id (Inngest drops a repeated id for 24 h). */
export function jobDueEvent(request: JobRunRequest, id: string = request.runId): PlannerEventPayload<JobRunRequest> {
  return { name: PLANNER_EVENTS.jobDue, data: checked(JobRunRequest, request), id };
}

/** `planner/trigger.fired`, with the run id as the event id. */
export function triggerFiredEvent(request: TriggerRunRequest, id: string = request.runId): PlannerEventPayload<TriggerRunRequest> {
  return { name: PLANNER_EVENTS.triggerFired, data: checked(TriggerRunRequest, request), id };
}

/** `planner/run.cancelled`: cancels the run function of `runId` (`cancelOn`). */
export function runCancelledEvent(request: RunCancelRequest): { name: string; data: RunCancelRequest } {
  return { name: PLANNER_EVENTS.runCancelled, data: checked(RunCancelRequest, request) };
}

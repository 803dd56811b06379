import { createHash } from "node:crypto";
import { readBodyWithin } from "./read-body";
import { errorIdOf } from "../error-ids";
import { matchesFilters } from "../../shared/filters";
import { verifyComposioWebhook } from "../composio/verify";
import { parseComposioDelivery, type ComposioDelivery } from "../composio/envelope";
import type { Planner, PlannerDeps } from "../deps";
import { isInstance, PlannerConfigError } from "../errors";
import { storageFaultOf } from "../store/faults";
import { queuedRun, runWriteOptions } from "../engine/run";
import { triggerSubject } from "../engine/subjects";
import type { TriggerEventData } from "../../shared/events";

/** Largest webhook body accepted (Composio payloads are far smaller; anything bigger is refused with 413). */
export const MAX_WEBHOOK_BYTES = 1024 * 1024;
/**
 * How long a delivery id is remembered for dedupe: 7 days, well past the retry schedule of Composio's
 * at-least-once delivery (Standard-Webhooks style retries end within about 28 hours of the first attempt).
 */
export const DEDUPE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface ComposioWebhookRouteOptions {
  planner: Planner;
  /** Allowed clock skew for `webhook-timestamp`, default 300 s. */
  toleranceSeconds?: number | undefined;
}

type Outcome = "dispatched" | "duplicate" | "filtered" | "ignored" | "updated";

function json(status: number, body: Record<string, unknown>, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...headers, "content-type": "application/json" } });
}

/** An error's text for the log; never throws (a revoked Proxy or a throwing `toString` included). */
function describeError(error: unknown): string {
  try {
    return String(error);
  } catch {
    return "(an error that cannot be described)";
  }
}

/** The run id of a delivery: deterministic, so a redelivery dispatches the same run and is absorbed. */
function deliveryRunId(webhookId: string): string {
  return `run_${createHash("sha256").update(webhookId).digest("base64url").slice(0, 32)}`;
}

/**
 * A message for one of our triggers. The dedupe record, the trigger's counter and (when the filters pass) the run
 * with its event are one durable store write, made before anything runs and before the 200: a retried delivery is
 * a duplicate however many runs came in between, and an acknowledged one is never lost. The run is executed off
 * the request path.
 */
async function handleMessage(deps: PlannerDeps, webhookId: string, delivery: Extract<ComposioDelivery, { kind: "message" }>): Promise<{ outcome: Outcome; runId?: string | undefined }> {
  const found = await deps.store.findTriggerByComposioId(delivery.composioTriggerId);
  if (!found || !found.trigger.enabled) return { outcome: "ignored" };
  const { agentId, trigger } = found;
  const now = deps.clock();
  const runId = deliveryRunId(webhookId);
  const fires = matchesFilters(trigger.filters, delivery.data);
  const event: TriggerEventData = {
    id: webhookId,
    type: delivery.slug,
    source: trigger.source.toolkit,
    time: delivery.time ?? now.toISOString(),
    data: delivery.data,
    ...(delivery.warnings.length > 0 ? { warnings: delivery.warnings } : {}),
  };
  const run = fires ? queuedRun(deps, triggerSubject({ runId, agentId, triggerId: trigger.id, cause: "event", event })) : undefined;
  const counted = await deps.store.countDelivery(
    agentId,
    trigger.id,
    { deliveryId: webhookId, outcome: fires ? "fired" : "filtered", at: now, ttlMs: DEDUPE_TTL_MS, run },
    runWriteOptions(deps),
  );
  // `null`: the trigger was deleted since it was found; nothing was counted or recorded.
  if (counted === null) return { outcome: "ignored" };
  if (!counted.firstSeen) {
    // A retry (Composio had no 200 from us, or sent it twice). Its run is stored; should it still be queued (the
    // first attempt's hand-over to the driver failed), hand it over again — the driver runs a run id once.
    if (fires) {
      const stored = await deps.store.getRun(agentId, runId);
      if (stored?.status === "queued") await deps.dispatcher.dispatchStored(stored);
    }
    return { outcome: "duplicate" };
  }
  if (!fires || !counted.run) return { outcome: "filtered" };
  await deps.dispatcher.dispatchStored(counted.run, event);
  return { outcome: "dispatched", runId };
}

async function markBroken(deps: PlannerDeps, composioTriggerId: string, message: string): Promise<Outcome> {
  const found = await deps.store.findTriggerByComposioId(composioTriggerId);
  if (!found) return "ignored";
  await deps.store.setConnectionError(found.agentId, found.trigger.id, message);
  return "updated";
}

async function handleDelivery(deps: PlannerDeps, webhookId: string, delivery: ComposioDelivery): Promise<{ outcome: Outcome; runId?: string | undefined }> {
  switch (delivery.kind) {
    case "message":
      return handleMessage(deps, webhookId, delivery);
    case "triggerDisabled": {
      const reason = delivery.reason === "connection_expired" ? "the app connection expired" : delivery.reason.replace(/_/g, " ");
      return { outcome: await markBroken(deps, delivery.composioTriggerId, `Composio disabled this trigger: ${reason}. Reconnect the app, then resume the trigger.`) };
    }
    case "accountExpired": {
      const found = await deps.store.findTriggersByConnectedAccount(delivery.connectedAccountId);
      for (const { agentId, trigger } of found) {
        await deps.store.setConnectionError(agentId, trigger.id, "The connected account expired. Reconnect the app, then resume the trigger.");
      }
      return { outcome: found.length > 0 ? "updated" : "ignored" };
    }
    case "other":
      return { outcome: "ignored" };
  }
}

/**
 * The Composio webhook as a Next.js App Router route: verifies the signature and timestamp on the raw body,
 * dedupes deliveries, routes on the event type and dispatches the trigger's run. It answers in milliseconds;
 * the run itself happens in the background. Unknown or paused triggers get 200 `ignored`, so Composio does
 * not retry for ever.
 *
 * @example
 * ```ts
 * // app/api/workforce/triggers/webhook/route.ts
 * export const { POST } = createComposioWebhookRoute({ planner });
 * ```
 */
export function createComposioWebhookRoute(options: ComposioWebhookRouteOptions): { POST: (req: Request) => Promise<Response> } {
  const planner = options?.planner;
  if (!planner?.deps) throw new PlannerConfigError("createComposioWebhookRoute: `planner` is required (the result of createPlanner).");
  const gateway = planner.deps.composio;
  if (!gateway) throw new PlannerConfigError("createComposioWebhookRoute: the planner has no Composio gateway. Pass `composio: createComposioGateway({ … })` to createPlanner.");
  const secret = gateway.webhookSecret;
  if (typeof secret !== "string" || secret.length === 0) {
    throw new PlannerConfigError("createComposioWebhookRoute: the Composio gateway has no webhook secret. Pass `webhookSecret` (from Composio's webhook subscription) to createComposioGateway.");
  }
  const toleranceSec = options.toleranceSeconds ?? 300;
  const { deps } = planner;

  async function POST(req: Request): Promise<Response> {
    // The signature headers are checked before the body is read: a request without them costs no body.
    const id = req.headers.get("webhook-id");
    const timestamp = req.headers.get("webhook-timestamp");
    const signature = req.headers.get("webhook-signature");
    if (!id || !timestamp || !signature) return json(401, { error: "Missing webhook signature headers." });
    const body = await readBodyWithin(req, MAX_WEBHOOK_BYTES);
    if (!body) return json(413, { error: "The webhook body is larger than 1 MiB." });
    const rawBody = new TextDecoder().decode(body);
    const verified = verifyComposioWebhook({ id, timestamp, signatureHeader: signature, rawBody, secret, now: deps.clock(), toleranceSec });
    if (!verified.ok) {
      // The answer stays a plain 401 (no hints for a forger); the log says why, e.g. a server clock that drifted.
      deps.logger.warn("composio webhook: refused a delivery", {
        webhookId: id,
        reason: verified.reason,
        ...(verified.ageSeconds !== undefined ? { ageSeconds: verified.ageSeconds, toleranceSeconds: toleranceSec } : {}),
      });
      return json(401, { error: "Invalid webhook signature." });
    }

    let parsed: unknown;
    try {
      parsed = JSON.parse(rawBody);
    } catch {
      return json(400, { error: "The webhook body is not valid JSON." });
    }
    const delivery = parseComposioDelivery(parsed);
    if (!delivery) return json(400, { error: "The webhook body is not a Composio event." });
    try {
      const { outcome, runId } = await handleDelivery(deps, id, delivery);
      return json(200, { status: outcome, ...(runId ? { runId } : {}) });
    } catch (error) {
      const fault = storageFaultOf(error);
      if (fault) {
        // Never 200: the delivery was not recorded, so Composio must retry it (same webhook-id, same run id).
        deps.logger.error("composio webhook: storage fault, the delivery will be retried", {
          webhookId: id,
          kind: fault.kind,
          status: fault.status,
          ...(fault.detail ? { detail: fault.detail } : {}),
          error: describeError(fault.cause),
        });
        const headers: Record<string, string> = fault.retryAfterSeconds === undefined ? {} : { "retry-after": String(fault.retryAfterSeconds) };
        return json(fault.status, { error: fault.message, storageFault: fault.kind }, headers);
      }
      // Logged and answered under one error id, so a failed delivery in Composio's log can be found in ours.
      const errorId = errorIdOf(isInstance(error, Error) ? error : new Error(describeError(error)));
      deps.logger.error("composio webhook: could not handle a delivery", { errorId, webhookId: id, error: describeError(error) });
      // 500 makes Composio retry with the same webhook-id; the dedupe record keeps the retry from running twice.
      return json(500, { error: `The event could not be handled (error ${errorId}); it will be retried.`, errorId });
    }
  }
  return { POST };
}

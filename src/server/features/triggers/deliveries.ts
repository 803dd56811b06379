import { createHash } from "node:crypto";
import { filterVerdict } from "../../../shared/filters";
import type { TriggerEventData } from "../../../shared/events";
import type { DeliveryLogDetails } from "../../store/port";
import { deliveryLogDetails, logUncounted, triggerIdOfUnreadable } from "./delivery-log";
import { verifyComposioWebhook } from "../../composio/verify";
import { parseComposioDelivery, type ComposioDelivery } from "../../composio/envelope";
import type { PlannerDeps } from "../../deps";
import { queuedRun, runWriteOptions } from "../../engine/run";
import { triggerSubject } from "../../engine/subjects";

/**
 * How long a delivery id is remembered for dedupe: 7 days, well past the retry schedule of Composio's
 * at-least-once delivery (Standard-Webhooks style retries end within about 28 hours of the first attempt).
 */
export const DEDUPE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** What receiving a delivery uses: the store, the clock, the driver that executes runs, the log and the limits a queued run needs. */
export type DeliveryDeps = Pick<PlannerDeps, "store" | "clock" | "dispatcher" | "logger" | "limits">;

export type DeliveryOutcome = "dispatched" | "duplicate" | "filtered" | "ignored" | "updated";

/** One signed delivery as it came: the three signature headers and the raw body. */
export interface SignedDelivery {
  id: string;
  timestamp: string;
  signature: string;
  rawBody: string;
}

export type DeliveryReceipt =
  | { kind: "refused" }
  | { kind: "malformed"; message: string }
  | { kind: "handled"; outcome: DeliveryOutcome; runId?: string | undefined };

/** The run id of a delivery: deterministic, so a redelivery dispatches the same run and is absorbed. */
export function deliveryRunId(webhookId: string): string {
  return `run_${createHash("sha256").update(webhookId).digest("base64url").slice(0, 32)}`;
}

/**
 * A message for one of our triggers. The dedupe record, the trigger's counter and (when the filters pass) the run
 * with its event are one durable store write, made before anything runs and before the 200: a retried delivery is
 * a duplicate however many runs came in between, and an acknowledged one is never lost. The run is executed off
 * the request path.
 */
async function handleMessage(deps: DeliveryDeps, webhookId: string, delivery: Extract<ComposioDelivery, { kind: "message" }>): Promise<{ outcome: DeliveryOutcome; runId?: string | undefined }> {
  const found = await deps.store.findTriggerByComposioId(delivery.composioTriggerId);
  if (!found) return { outcome: "ignored" };
  const { agentId, trigger } = found;
  const now = deps.clock();
  if (!trigger.enabled) {
    // Logged best-effort (its own write, after the lookup): a failure is logged and the answer stays 200 `ignored`.
    await logUncounted(deps, agentId, { ...deliveryLogDetails(delivery), deliveryId: webhookId, triggerId: trigger.id, receivedAt: now.toISOString(), verdict: "paused" });
    return { outcome: "ignored" };
  }
  const runId = deliveryRunId(webhookId);
  // The same evaluation the try-out (`triggers.tryFilter`) and the dialog's preview use, with the conditions that failed.
  const verdict = filterVerdict(trigger.filters, delivery.data);
  const fires = verdict.matched;
  const log: DeliveryLogDetails = { ...deliveryLogDetails(delivery), ...(fires ? {} : { failed: verdict.failed }) };
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
    // The log entry rides in the same durable write as the dedupe record, the counter and the run.
    { deliveryId: webhookId, outcome: fires ? "fired" : "filtered", at: now, ttlMs: DEDUPE_TTL_MS, run, log },
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

async function markBroken(deps: DeliveryDeps, composioTriggerId: string, message: string): Promise<DeliveryOutcome> {
  const found = await deps.store.findTriggerByComposioId(composioTriggerId);
  if (!found) return "ignored";
  await deps.store.setConnectionError(found.agentId, found.trigger.id, message);
  return "updated";
}

async function handleDelivery(deps: DeliveryDeps, webhookId: string, delivery: ComposioDelivery): Promise<{ outcome: DeliveryOutcome; runId?: string | undefined }> {
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
 * Receives one Composio delivery: verifies its signature and timestamp on the raw body before reading it, parses
 * the envelope, dedupes it and routes it on its event type (a message runs its trigger; a disabled trigger or an
 * expired account marks the triggers concerned). Unknown or paused triggers are `ignored`. A storage fault or any
 * other failure is thrown: nothing was acknowledged, and the sender must retry.
 */
export async function receiveComposioDelivery(
  deps: DeliveryDeps,
  signed: SignedDelivery,
  options: { secret: string; toleranceSec: number },
): Promise<DeliveryReceipt> {
  const verified = verifyComposioWebhook({
    id: signed.id,
    timestamp: signed.timestamp,
    signatureHeader: signed.signature,
    rawBody: signed.rawBody,
    secret: options.secret,
    now: deps.clock(),
    toleranceSec: options.toleranceSec,
  });
  if (!verified.ok) {
    // The answer stays a plain refusal (no hints for a forger); the log says why, e.g. a server clock that drifted.
    deps.logger.warn("composio webhook: refused a delivery", {
      webhookId: signed.id,
      reason: verified.reason,
      ...(verified.ageSeconds !== undefined ? { ageSeconds: verified.ageSeconds, toleranceSeconds: options.toleranceSec } : {}),
    });
    return { kind: "refused" };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(signed.rawBody);
  } catch {
    return { kind: "malformed", message: "The webhook body is not valid JSON." };
  }
  const delivery = parseComposioDelivery(parsed);
  if (!delivery) {
    const message = "The webhook body is not a Composio event.";
    // Addressed to one of our triggers but unreadable: logged on it (best-effort), still answered 400.
    const composioTriggerId = triggerIdOfUnreadable(parsed);
    const found = composioTriggerId ? await deps.store.findTriggerByComposioId(composioTriggerId).catch(() => null) : null;
    if (found) {
      await logUncounted(deps, found.agentId, { deliveryId: signed.id, triggerId: found.trigger.id, receivedAt: deps.clock().toISOString(), verdict: "invalid", reason: message });
    }
    return { kind: "malformed", message };
  }
  return { kind: "handled", ...(await handleDelivery(deps, signed.id, delivery)) };
}

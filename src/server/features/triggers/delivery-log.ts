import { DeliveryLogEntry, boundLoggedPayload } from "../../../shared/schemas";
import type { ComposioDelivery } from "../../composio/envelope";
import type { DeliveryLogDetails } from "../../store/port";
import type { PlannerDeps } from "../../deps";

type Message = Extract<ComposioDelivery, { kind: "message" }>;

const SAMPLE_ENTRY = { deliveryId: "msg_check", triggerId: "trg_check000", receivedAt: "2026-01-01T00:00:00.000Z", verdict: "fired" } as const;

/**
 * What the delivery log keeps of a message: its type and time and its payload, bounded (see `boundLoggedPayload`).
 * Checked here against the log's schema so a payload the store would refuse is left out (with a marker) rather than
 * failing the delivery's write: the log never stands in the way of acknowledging a delivery.
 */
export function deliveryLogDetails(delivery: Message): DeliveryLogDetails {
  const head: DeliveryLogDetails = {
    eventType: delivery.slug.slice(0, 500),
    ...(delivery.time ? { eventTime: delivery.time } : {}),
  };
  const withPayload: DeliveryLogDetails = { ...head, ...boundLoggedPayload(delivery.data) };
  if (DeliveryLogEntry.safeParse({ ...withPayload, ...SAMPLE_ENTRY }).success) return withPayload;
  const omitted: DeliveryLogDetails = { ...head, payloadNote: "omitted" };
  return DeliveryLogEntry.safeParse({ ...omitted, ...SAMPLE_ENTRY }).success ? omitted : {};
}

/**
 * Logs a delivery that is not counted (a paused trigger, an unreadable body): best-effort, after the decision. A
 * failure is logged and swallowed — the delivery's answer does not depend on it.
 */
export async function logUncounted(deps: Pick<PlannerDeps, "store" | "logger">, agentId: string, entry: DeliveryLogEntry): Promise<void> {
  try {
    if (typeof deps.store.logDelivery !== "function") return;
    const parsed = DeliveryLogEntry.safeParse(entry);
    await deps.store.logDelivery(agentId, parsed.success ? parsed.data : { ...stripPayload(entry), payloadNote: "omitted" });
  } catch (error) {
    try {
      deps.logger.warn("composio webhook: could not add a delivery to the trigger's log", { agentId, triggerId: entry.triggerId, error: String(error) });
    } catch {
      // A host logger that throws changes nothing.
    }
  }
}

function stripPayload(entry: DeliveryLogEntry): DeliveryLogEntry {
  const { payload: _payload, payloadBytes: _bytes, payloadNote: _note, ...rest } = entry;
  return rest;
}

/** The Composio trigger id an unreadable body names (V3 `metadata.trigger_id`, V2 `data.trigger_nano_id`, V1 `trigger_id`), if any. */
export function triggerIdOfUnreadable(body: unknown): string | null {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return null;
  const record = body as Record<string, unknown>;
  const own = (value: unknown, key: string): unknown =>
    typeof value === "object" && value !== null && Object.prototype.hasOwnProperty.call(value, key) ? (value as Record<string, unknown>)[key] : undefined;
  for (const candidate of [own(own(record, "metadata"), "trigger_id"), own(own(record, "data"), "trigger_nano_id"), own(record, "trigger_id")]) {
    if (typeof candidate === "string" && candidate.length > 0 && candidate.length <= 200) return candidate;
  }
  return null;
}

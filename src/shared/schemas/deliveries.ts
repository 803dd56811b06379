import { z } from "zod";
import { AgentId, IsoDateTime, TriggerId } from "./common";
import { type JsonObject, type JsonValue, safeJsonObject } from "./json";
import { Action } from "./action";
import { Filters } from "./filters";
import { utf8ByteLength } from "../utf8";

/** Deliveries kept in each trigger's delivery log (the newest; older ones are dropped as new ones come). */
export const DELIVERY_LOG_LIMIT = 50;
/** Largest payload a log entry keeps, as UTF-8 JSON text: bigger payloads are shortened, or left out, with a marker. */
export const MAX_LOGGED_PAYLOAD_BYTES = 16 * 1024;

/**
 * What became of a delivery: `fired` (it started a run), `filtered` (a condition kept it out), `duplicate` (a retry
 * of a delivery already received), `paused` (the trigger was paused), `invalid` (addressed to the trigger but not an
 * event it could read).
 */
export const DeliveryVerdict = z.enum(["fired", "filtered", "duplicate", "paused", "invalid"], { error: "Unknown delivery verdict." });
export type DeliveryVerdict = z.infer<typeof DeliveryVerdict>;
export const DELIVERY_VERDICTS = DeliveryVerdict.options;

export const FailedConditionEntry = z.object({
  index: z.int().min(1).max(1000),
  text: z.string().max(1000),
});

/** One delivery as a trigger's log keeps it. */
export const DeliveryLogEntry = z.object({
  /** The webhook delivery id (`webhook-id`, `msg_…`). */
  deliveryId: z.string().min(1).max(500),
  triggerId: TriggerId,
  receivedAt: IsoDateTime,
  verdict: DeliveryVerdict,
  /** The trigger type the event was sent as (e.g. `GMAIL_NEW_GMAIL_MESSAGE`). */
  eventType: z.string().max(500).optional(),
  /** When the event happened, as the sender says. */
  eventTime: IsoDateTime.optional(),
  /** The run a fired delivery started. */
  runId: z.string().max(200).optional(),
  /** Filtered: the conditions that did not match, 1-based. */
  failed: z.array(FailedConditionEntry).max(20).optional(),
  /** Invalid (and paused): why, in words. */
  reason: z.string().max(1000).optional(),
  /** The event data, kept to try filters and templates on; absent for duplicates and payloads too large to keep. */
  payload: safeJsonObject({ label: "The logged payload", maxBytes: MAX_LOGGED_PAYLOAD_BYTES }).optional(),
  /** `truncated`: long texts and lists were shortened; `omitted`: the payload was too large to keep. */
  payloadNote: z.enum(["truncated", "omitted"]).optional(),
  /** The payload's size as received (UTF-8 JSON bytes), when it was shortened or left out. */
  payloadBytes: z.int().min(0).optional(),
});
export type DeliveryLogEntry = z.infer<typeof DeliveryLogEntry>;

/** `triggers.deliveries`: the trigger's delivery log, newest first. */
export const TriggerDeliveriesInput = z.object({
  agentId: AgentId,
  triggerId: TriggerId,
  limit: z.int({ error: "The limit must be a whole number." }).min(1, { error: "The limit must be at least 1." }).max(DELIVERY_LOG_LIMIT, { error: `The limit must be at most ${DELIVERY_LOG_LIMIT}.` }).optional(),
});
export type TriggerDeliveriesInput = z.infer<typeof TriggerDeliveriesInput>;

/** `triggers.tryFilter`: an unsaved filter and action, tried on the trigger's last deliveries. */
export const TryFilterInput = z.object({
  agentId: AgentId,
  triggerId: TriggerId,
  /** The filter as edited (none: every delivery passes). */
  filters: Filters.optional(),
  /** The action as edited: its message template or workflow input is rendered for each delivery that would fire. */
  action: Action,
  /** Trigger name for `{triggerName}` (the edited one). */
  name: z.string().max(200).optional(),
  limit: z.int({ error: "The limit must be a whole number." }).min(1, { error: "The limit must be at least 1." }).max(DELIVERY_LOG_LIMIT, { error: `The limit must be at most ${DELIVERY_LOG_LIMIT}.` }).optional(),
});
export type TryFilterInput = z.infer<typeof TryFilterInput>;

const MAX_TEXT = 500;
const MAX_ITEMS = 20;
const MAX_KEYS = 50;
const MAX_DEPTH = 8;

function jsonBytes(value: JsonValue): number {
  return utf8ByteLength(JSON.stringify(value));
}

function define(object: JsonObject, key: string, value: JsonValue): void {
  // An own property even for a key like "__proto__" (data from toSafeJson has none, but a caller's might).
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

function shrink(value: JsonValue, depth: number): JsonValue {
  if (typeof value === "string") return value.length > MAX_TEXT ? `${value.slice(0, MAX_TEXT)}…` : value;
  if (value === null || typeof value !== "object") return value;
  if (depth >= MAX_DEPTH) return "[nested too deeply]";
  if (Array.isArray(value)) {
    const kept = value.slice(0, MAX_ITEMS).map((item) => shrink(item, depth + 1));
    if (value.length > MAX_ITEMS) kept.push(`… ${value.length - MAX_ITEMS} more`);
    return kept;
  }
  const out: JsonObject = {};
  const keys = Object.keys(value);
  for (const key of keys.slice(0, MAX_KEYS)) define(out, key, shrink(value[key] as JsonValue, depth + 1));
  if (keys.length > MAX_KEYS) define(out, "…", `${keys.length - MAX_KEYS} more keys`);
  return out;
}

/**
 * The payload a log entry keeps: as it came when it fits {@link MAX_LOGGED_PAYLOAD_BYTES}; else shortened (long
 * texts cut, long lists and objects cut, deep nesting replaced) with `payloadNote: "truncated"`; else left out with
 * `payloadNote: "omitted"`. `payloadBytes` says how large it was. Never throws.
 */
export function boundLoggedPayload(payload: JsonObject): { payload?: JsonObject; payloadNote?: "truncated" | "omitted"; payloadBytes?: number } {
  let bytes: number;
  try {
    bytes = jsonBytes(payload);
  } catch {
    return { payloadNote: "omitted" };
  }
  if (bytes <= MAX_LOGGED_PAYLOAD_BYTES) return { payload };
  try {
    const shortened = shrink(payload, 0) as JsonObject;
    if (jsonBytes(shortened) <= MAX_LOGGED_PAYLOAD_BYTES) return { payload: shortened, payloadNote: "truncated", payloadBytes: bytes };
  } catch {
    // Fall through: the payload is left out.
  }
  return { payloadNote: "omitted", payloadBytes: bytes };
}

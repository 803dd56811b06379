import { z } from "zod";
import { safeJsonWarnings, toSafeJson } from "../../shared/safe-json";
import type { JsonObject } from "../../shared/schemas";

function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The body came from JSON.parse, so every value in it is JSON already: checking the shape is enough, and
 * re-validating a large payload recursively on every delivery is not worth its cost.
 */
const JsonObjectShape = z.custom<JsonObject>(isPlainObject, { message: "Expected an object." });

/** A webhook body from Composio, whatever version delivered it, reduced to what the planner acts on. */
export type ComposioDelivery =
  | {
      kind: "message";
      composioTriggerId: string;
      slug: string;
      time: string | null;
      /** Safe to store and send: reserved keys renamed, depth bounded (see `toSafeJson`). */
      data: JsonObject;
      /** What was changed in the data on the way in, as run warnings. */
      warnings: string[];
    }
  | { kind: "triggerDisabled"; composioTriggerId: string; reason: string }
  | { kind: "accountExpired"; connectedAccountId: string }
  | { kind: "other"; type: string };

const V3 = z.object({
  id: z.string().optional(),
  timestamp: z.string().optional(),
  type: z.string().min(1),
  // Lifecycle events carry other metadata (project_id, org_id); only messages need the trigger fields.
  metadata: z.record(z.string(), z.unknown()).optional(),
  data: JsonObjectShape,
});

const V2 = z.object({
  type: z.string().min(1),
  timestamp: z.string().optional(),
  data: JsonObjectShape.and(z.object({ trigger_nano_id: z.string().min(1) })),
});

const V1 = z.object({
  trigger_name: z.string().min(1),
  trigger_id: z.string().min(1),
  connection_id: z.string().optional(),
  payload: JsonObjectShape,
});

function isoOrNull(value: string | undefined): string | null {
  if (!value) return null;
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

const V2_META_KEYS = new Set(["trigger_nano_id", "trigger_id", "connection_nano_id", "connection_id", "user_id", "connected_account_id"]);

/**
 * The event data is third-party JSON: keys superjson refuses (`constructor`, …) or hostile nesting would make
 * every response that carries the run fail, so they are escaped here, where the data comes in.
 */
function message(composioTriggerId: string, slug: string, time: string | null, raw: JsonObject): ComposioDelivery {
  const safe = toSafeJson(raw);
  const data = safe.value !== null && typeof safe.value === "object" && !Array.isArray(safe.value) ? safe.value : {};
  return { kind: "message", composioTriggerId, slug, time, data, warnings: safeJsonWarnings(safe, "the event data") };
}

/** Reads a parsed webhook body; `null` when it is none of the V3, V2 or V1 shapes. */
export function parseComposioDelivery(body: unknown): ComposioDelivery | null {
  const v3 = V3.safeParse(body);
  if (v3.success && v3.data.type.startsWith("composio.")) {
    const { type, metadata, data, timestamp } = v3.data;
    const triggerId = typeof metadata?.trigger_id === "string" && metadata.trigger_id ? metadata.trigger_id : undefined;
    if (type === "composio.trigger.message") {
      const slug = metadata?.trigger_slug;
      if (!triggerId || typeof slug !== "string" || !slug) return null;
      return message(triggerId, slug, isoOrNull(timestamp), data);
    }
    if (type === "composio.trigger.disabled") {
      const id = typeof data.id === "string" ? data.id : triggerId;
      if (!id) return null;
      const reason = typeof data.disabled_reason === "string" ? data.disabled_reason : "disabled";
      return { kind: "triggerDisabled", composioTriggerId: id, reason };
    }
    if (type === "composio.connected_account.expired") {
      const id = typeof data.id === "string" ? data.id : typeof data.connected_account_id === "string" ? data.connected_account_id : undefined;
      return id ? { kind: "accountExpired", connectedAccountId: id } : null;
    }
    return { kind: "other", type };
  }
  const v2 = V2.safeParse(body);
  if (v2.success) {
    // fromEntries defines own properties: an own "__proto__" stays a key for toSafeJson to rename.
    const data: JsonObject = Object.fromEntries(Object.entries(v2.data.data).filter(([key]) => !V2_META_KEYS.has(key)));
    return message(v2.data.data.trigger_nano_id, v2.data.type.toUpperCase(), isoOrNull(v2.data.timestamp), data);
  }
  const v1 = V1.safeParse(body);
  if (v1.success) {
    return message(v1.data.trigger_id, v1.data.trigger_name, null, v1.data.payload);
  }
  return null;
}

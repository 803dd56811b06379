import { DELIVERY_LOG_LIMIT, type DeliveryLogEntry, type JsonValue, type TriggerDeliveriesInput, type TryFilterInput } from "../../../shared/schemas";
import { filterVerdict, type FailedCondition } from "../../../shared/filters";
import { eventVariables } from "../../../shared/variables";
import { buildCall } from "../../engine/actions";
import type { TriggersContext } from "./context";
import { findTrigger } from "./view";

/** Longest rendered message a try-out answers per delivery (the run itself may render more). */
export const MAX_TRIED_MESSAGE_CHARS = 4_000;
/** Largest workflow input a try-out answers per delivery, as JSON text. */
export const MAX_TRIED_INPUT_CHARS = 4_000;

/** `triggers.deliveries`: the trigger's delivery log, newest first, and how many deliveries it keeps. */
export interface DeliveryLogView {
  items: DeliveryLogEntry[];
  /** How many deliveries the log keeps per trigger. */
  keeps: number;
}

/** What the edited filter and action would do with one logged delivery. */
export interface TriedDelivery {
  deliveryId: string;
  receivedAt: string;
  /** What happened when it arrived. */
  loggedVerdict: DeliveryLogEntry["verdict"];
  /** What the edited filter says: `fire`, `filtered`, or `skipped` (a duplicate, or no payload kept to try). */
  verdict: "fire" | "filtered" | "skipped";
  /** Why it was skipped. */
  skipReason?: "duplicate" | "noPayload" | undefined;
  /** Filtered: the conditions that did not match. */
  failed?: FailedCondition[] | undefined;
  /** Would fire, chat: the message as the run would render it (cut at {@link MAX_TRIED_MESSAGE_CHARS}). */
  message?: string | undefined;
  /** Would fire, workflow: the input as the run would build it (left out above {@link MAX_TRIED_INPUT_CHARS}). */
  input?: JsonValue | undefined;
  /** Missing variables and the like, as the run would record them; `truncated` when the message or input was cut here. */
  warnings: string[];
  /** The payload was shortened when logged: the verdict is on what was kept. */
  payloadNote?: DeliveryLogEntry["payloadNote"] | undefined;
}

/** `triggers.tryFilter`: the counts and each delivery. */
export interface TryFilterResult {
  /** Deliveries looked at (the log's newest, at most the limit asked). */
  looked: number;
  /** Deliveries with a payload to try (not duplicates, not left out). */
  tried: number;
  wouldFire: number;
  filtered: number;
  skipped: number;
  /** Filtered deliveries by the first condition that failed (match "all"), most first. */
  filteredBy: Array<FailedCondition & { count: number }>;
  /** Match "any": filtered deliveries that matched none of the conditions. */
  matchedNone: number;
  items: TriedDelivery[];
}

async function logOf(ctx: TriggersContext, input: { agentId: string; triggerId: string; limit?: number | undefined }) {
  const trigger = findTrigger(await ctx.deps.store.get(input.agentId), input.triggerId);
  const store = ctx.deps.store;
  const items = typeof store.listDeliveries === "function" ? await store.listDeliveries(input.agentId, trigger.id, { limit: input.limit ?? DELIVERY_LOG_LIMIT }) : [];
  return { trigger, items };
}

/** The trigger's delivery log, newest first. */
export async function listDeliveriesHandler({ ctx, input }: { ctx: TriggersContext; input: TriggerDeliveriesInput }): Promise<DeliveryLogView> {
  const { items } = await logOf(ctx, input);
  return { items, keeps: DELIVERY_LOG_LIMIT };
}

function boundedInput(input: JsonValue): { input?: JsonValue; cut: boolean } {
  const text = JSON.stringify(input) ?? "";
  return text.length <= MAX_TRIED_INPUT_CHARS ? { input, cut: false } : { cut: true };
}

/**
 * Runs an unsaved filter and action over the trigger's newest logged deliveries with the engine's own functions
 * (`filterVerdict` over `evaluateFilters`, `eventVariables`, `buildCall`), so its verdicts and messages are what the
 * webhook and the run would produce. Nothing is stored or sent.
 */
export async function tryFilterHandler({ ctx, input }: { ctx: TriggersContext; input: TryFilterInput }): Promise<TryFilterResult> {
  const { trigger, items: entries } = await logOf(ctx, input);
  const agentName = (await ctx.deps.catalog?.agent(input.agentId).catch(() => null))?.name ?? input.agentId;
  const name = input.name?.trim() || trigger.name;
  const byCondition = new Map<number, FailedCondition & { count: number }>();
  let matchedNone = 0;
  const items = entries.map((entry): TriedDelivery => {
    const base = { deliveryId: entry.deliveryId, receivedAt: entry.receivedAt, loggedVerdict: entry.verdict, warnings: [] as string[], ...(entry.payloadNote ? { payloadNote: entry.payloadNote } : {}) };
    if (entry.verdict === "duplicate") return { ...base, verdict: "skipped", skipReason: "duplicate" };
    if (!entry.payload) return { ...base, verdict: "skipped", skipReason: "noPayload" };
    const verdict = filterVerdict(input.filters, entry.payload);
    if (!verdict.matched) {
      if (input.filters?.match === "any") matchedNone += 1;
      else {
        const first = verdict.failed[0];
        if (first) {
          const counted = byCondition.get(first.index) ?? { ...first, count: 0 };
          counted.count += 1;
          byCondition.set(first.index, counted);
        }
      }
      return { ...base, verdict: "filtered", failed: verdict.failed };
    }
    const event = {
      id: entry.deliveryId,
      type: entry.eventType ?? trigger.source.triggerSlug,
      source: trigger.source.toolkit,
      time: entry.eventTime ?? entry.receivedAt,
      data: entry.payload,
    };
    const variables = eventVariables({ trigger: { ...trigger, name }, event, agent: { name: agentName } });
    const call = buildCall(input.action, variables, name, entry.payload, `trigger:${trigger.id}`, ctx.deps.limits);
    const warnings = [...call.warnings];
    if (call.type === "chat") {
      const cut = call.message.length > MAX_TRIED_MESSAGE_CHARS;
      if (cut) warnings.push(`Only the first ${MAX_TRIED_MESSAGE_CHARS.toLocaleString("en-US")} characters of the message are shown.`);
      return { ...base, verdict: "fire", message: cut ? `${call.message.slice(0, MAX_TRIED_MESSAGE_CHARS)}…` : call.message, warnings };
    }
    const bounded = boundedInput(call.input);
    if (bounded.cut) warnings.push("The workflow input is too large to show here.");
    return { ...base, verdict: "fire", ...(bounded.input !== undefined ? { input: bounded.input } : {}), warnings };
  });
  const count = (verdict: TriedDelivery["verdict"]) => items.filter((item) => item.verdict === verdict).length;
  return {
    looked: items.length,
    tried: items.length - count("skipped"),
    wouldFire: count("fire"),
    filtered: count("filtered"),
    skipped: count("skipped"),
    filteredBy: [...byCondition.values()].sort((a, b) => b.count - a.count || a.index - b.index),
    matchedNone,
    items,
  };
}

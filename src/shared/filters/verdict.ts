import type { JsonValue } from "../schemas/common";
import type { Condition } from "../schemas/filters";
import { evaluateFilters, type FilterSet } from "./evaluate";
import { OPERATOR_LABELS, OPERATOR_VALUE_KINDS } from "./operators";

/** A condition that did not match a delivery: its 1-based position in the filter and its words. */
export interface FailedCondition {
  /** 1-based, as people count ("condition 2"). */
  index: number;
  /** `subject contains 'invoice'`. */
  text: string;
}

/** What a trigger's filters say about one payload: fire, or which conditions kept it out. */
export interface FilterVerdict {
  matched: boolean;
  /** The conditions that did not match (only when `matched` is false), in order, at most {@link MAX_FAILED_CONDITIONS}. */
  failed: FailedCondition[];
}

/** Failed conditions kept per delivery (a filter has at most 20). */
export const MAX_FAILED_CONDITIONS = 20;
const MAX_VALUE_CHARS = 60;

function quoted(value: JsonValue | undefined): string {
  if (value === undefined) return "";
  if (typeof value === "string") return `'${value.length > MAX_VALUE_CHARS ? `${value.slice(0, MAX_VALUE_CHARS)}…` : value}'`;
  let text: string;
  try {
    text = JSON.stringify(value) ?? "";
  } catch {
    text = "…";
  }
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS)}…` : text;
}

/**
 * A condition in words, as the delivery log and "Try on recent events" name it.
 *
 * @example
 * describeCondition({ path: "subject", op: "contains", value: "invoice" }) // "subject contains 'invoice'"
 */
export function describeCondition(condition: Pick<Condition, "path" | "op" | "value">): string {
  const label = (OPERATOR_LABELS as Record<string, string>)[condition.op] ?? String(condition.op);
  const takesValue = (OPERATOR_VALUE_KINDS as Record<string, string>)[condition.op] !== "none";
  const path = String(condition.path).slice(0, 200);
  return takesValue ? `${path} ${label} ${quoted(condition.value)}` : `${path} ${label}`;
}

/**
 * The engine's verdict on a payload (the same `evaluateFilters` the webhook uses to decide whether a delivery
 * fires) with the conditions that failed, so the log, the try-out and the engine never disagree.
 */
export function filterVerdict(filters: FilterSet | undefined, payload: unknown): FilterVerdict {
  const evaluation = evaluateFilters(filters, payload);
  if (evaluation.matched) return { matched: true, failed: [] };
  const failed: FailedCondition[] = [];
  evaluation.results.forEach((result, i) => {
    if (!result.matched && failed.length < MAX_FAILED_CONDITIONS) failed.push({ index: i + 1, text: describeCondition(result.condition) });
  });
  return { matched: false, failed };
}

import type { JsonValue } from "../schemas/common";
import type { Condition, ConditionOperator, Filters } from "../schemas/filters";
import { getPath } from "../path";
import { compareValues, jsonEqual } from "./compare";
import { testPattern } from "#pattern-engine";
import { conditionProblem } from "./validate";

/** Filters as stored (`Filters`) or as a form holds them before parsing (`match` defaults to `"all"`). */
export interface FilterSet {
  match?: Filters["match"] | undefined;
  conditions: readonly Condition[];
}

/** How one condition fared against a payload. */
export interface ConditionResult {
  condition: Condition;
  matched: boolean;
  /** The value found at `condition.path`; absent when the field is missing. */
  actual?: JsonValue | undefined;
  /** Why the condition cannot be evaluated (it then never matches): the same sentence the form shows. */
  problem?: string | undefined;
}

/** The outcome of {@link evaluateFilters}: the overall answer and one result per condition, in order. */
export interface FilterEvaluation {
  matched: boolean;
  results: ConditionResult[];
}

/**
 * Evaluates every condition against an event payload (paths are relative to the payload, e.g.
 * `payload.headers.0.value` on a Gmail message) and combines them: `"all"` needs every condition,
 * `"any"` at least one. No filters, or no conditions, match everything.
 *
 * Semantics (a *missing* field is one `getPath` cannot reach; `null` is present but empty):
 * - `equals` / `notEquals`: JSON deep equality, strict about types (`"42"` is not `42`) and case.
 * - `contains`: text contains the value as a substring, ignoring case; a list contains an element equal to
 *   the value (strings inside ignore case). Other types never contain anything.
 * - `startsWith` / `endsWith`: text only, ignoring case.
 * - `matches`: text only; an RE2 regular expression found anywhere in the first 10,000 characters.
 *   Case-sensitive unless the pattern starts with `(?i)`.
 * - `exists`: present and not `null` (empty text and empty lists exist). `notExists` is its negation.
 * - `gt` / `gte` / `lt` / `lte`: both sides numbers (numbers or numeric text like `"42"`), or both
 *   ISO-8601 dates, compared as instants (no offset means UTC). Anything else is false.
 * - `in`: the field equals (as `equals`) one of the listed values.
 * - `notEquals`, `notContains` and `notExists` are exact negations, so they are the only operators that a
 *   missing field satisfies; every other operator is false on a missing field.
 * - A condition that would not pass validation (see `conditionProblem`) is reported with its `problem`
 *   and never matches, not even a negated one.
 *
 * @example
 * const { matched, results } = evaluateFilters(
 *   { match: "all", conditions: [{ path: "payload.headers.4.value", op: "contains", value: "roadmap" }] },
 *   delivery.data,
 * );
 */
export function evaluateFilters(filters: FilterSet | undefined, payload: unknown): FilterEvaluation {
  const conditions = filters?.conditions ?? [];
  const results = conditions.map((condition) => evaluateCondition(condition, payload));
  if (results.length === 0) return { matched: true, results };
  const matched =
    filters?.match === "any" ? results.some((result) => result.matched) : results.every((result) => result.matched);
  return { matched, results };
}

/**
 * Whether an event payload passes a trigger's filters (see {@link evaluateFilters} for the semantics).
 *
 * @example
 * if (trigger.enabled && matchesFilters(trigger.filters, delivery.data)) await dispatch(…);
 */
export function matchesFilters(filters: FilterSet | undefined, payload: unknown): boolean {
  return evaluateFilters(filters, payload).matched;
}

/** Evaluates one condition against a payload (see {@link evaluateFilters} for the semantics). */
export function evaluateCondition(condition: Condition, payload: unknown): ConditionResult {
  const actual = getPath(payload, condition.path);
  const base: ConditionResult =
    actual === undefined ? { condition, matched: false } : { condition, matched: false, actual };
  const problem = conditionProblem(condition);
  if (problem) return { ...base, problem };
  return { ...base, matched: applyOperator(condition.op, actual, condition.value) };
}

function applyOperator(op: ConditionOperator, actual: JsonValue | undefined, value: JsonValue | undefined): boolean {
  switch (op) {
    case "exists":
      return actual !== undefined && actual !== null;
    case "notExists":
      return actual === undefined || actual === null;
    case "equals":
      return actual !== undefined && jsonEqual(actual, value);
    case "notEquals":
      return !(actual !== undefined && jsonEqual(actual, value));
    case "contains":
      return contains(actual, value);
    case "notContains":
      return !contains(actual, value);
    case "startsWith":
      return withText(actual, value, (text, prefix) => text.toLowerCase().startsWith(prefix.toLowerCase()));
    case "endsWith":
      return withText(actual, value, (text, suffix) => text.toLowerCase().endsWith(suffix.toLowerCase()));
    case "matches":
      return withText(actual, value, (text, pattern) => testPattern(pattern, text));
    case "gt":
      return ordered(actual, value, (difference) => difference > 0);
    case "gte":
      return ordered(actual, value, (difference) => difference >= 0);
    case "lt":
      return ordered(actual, value, (difference) => difference < 0);
    case "lte":
      return ordered(actual, value, (difference) => difference <= 0);
    case "in":
      return actual !== undefined && Array.isArray(value) && value.some((option) => jsonEqual(actual, option));
  }
}

/** Text operators are false unless both the field and the value are text. */
function withText(
  actual: JsonValue | undefined,
  value: JsonValue | undefined,
  test: (text: string, value: string) => boolean,
): boolean {
  return typeof actual === "string" && typeof value === "string" && test(actual, value);
}

function contains(actual: JsonValue | undefined, value: JsonValue | undefined): boolean {
  if (typeof actual === "string") {
    return typeof value === "string" && actual.toLowerCase().includes(value.toLowerCase());
  }
  if (Array.isArray(actual)) return actual.some((element) => jsonEqual(element, value, true));
  return false;
}

function ordered(
  actual: JsonValue | undefined,
  value: JsonValue | undefined,
  test: (difference: number) => boolean,
): boolean {
  const difference = compareValues(actual, value);
  return difference !== null && test(difference);
}

/** Every filter operator: the schema's `ConditionOperator` is built from this list (kept here, a leaf module). */
export const CONDITION_OPERATORS = [
  "equals",
  "notEquals",
  "contains",
  "notContains",
  "startsWith",
  "endsWith",
  "matches",
  "exists",
  "notExists",
  "gt",
  "gte",
  "lt",
  "lte",
  "in",
] as const;
type ConditionOperator = (typeof CONDITION_OPERATORS)[number];

/** Longest `matches` pattern accepted, in characters. */
export const MAX_PATTERN_LENGTH = 200;
/**
 * Largest compiled `matches` pattern accepted, in RE2 program instructions (`\w{400}` is about 400).
 * Matching is linear in the input, but the constant grows with the program, so this keeps the
 * worst case of one condition on a {@link MAX_PATTERN_INPUT_LENGTH}-character input in tens of milliseconds.
 */
export const MAX_PATTERN_PROGRAM_SIZE = 500;
/** `matches` only looks at the first this-many characters (UTF-16 code units) of the field. */
export const MAX_PATTERN_INPUT_LENGTH = 10_000;
/** Longest text accepted anywhere in a condition's value. */
export const MAX_FILTER_TEXT_LENGTH = 1_000;
/** Most values an `in` ("is one of") list may hold. */
export const MAX_FILTER_LIST_VALUES = 100;

/**
 * What kind of value an operator compares with, so a form can pick the right input:
 * - `none`: no value (`exists`, `notExists`); a value, if present, is ignored.
 * - `json`: any JSON value (text, number, boolean, null, list or object).
 * - `text`: a non-empty string.
 * - `pattern`: a regular expression in RE2 syntax (write `(?i)` at the start to ignore case).
 * - `numberOrDate`: a number, numeric text like `"42"`, or an ISO-8601 date like `2026-11-28T09:00:00Z`.
 * - `list`: a non-empty list of JSON values.
 */
export type OperatorValueKind = "none" | "json" | "text" | "pattern" | "numberOrDate" | "list";

/**
 * Labels for a filter builder, read as "<field> <label> <value>".
 *
 * @example
 * `${condition.path} ${OPERATOR_LABELS[condition.op]} ${JSON.stringify(condition.value)}`
 * // "payload.subject contains \"invoice\""
 */
export const OPERATOR_LABELS = {
  equals: "is",
  notEquals: "is not",
  contains: "contains",
  notContains: "does not contain",
  startsWith: "starts with",
  endsWith: "ends with",
  matches: "matches pattern",
  exists: "exists",
  notExists: "does not exist",
  gt: "is greater than",
  gte: "is at least",
  lt: "is less than",
  lte: "is at most",
  in: "is one of",
} as const satisfies Record<ConditionOperator, string>;

/** The value each operator takes (see {@link OperatorValueKind}). */
export const OPERATOR_VALUE_KINDS = {
  equals: "json",
  notEquals: "json",
  contains: "json",
  notContains: "json",
  startsWith: "text",
  endsWith: "text",
  matches: "pattern",
  exists: "none",
  notExists: "none",
  gt: "numberOrDate",
  gte: "numberOrDate",
  lt: "numberOrDate",
  lte: "numberOrDate",
  in: "list",
} as const satisfies Record<ConditionOperator, OperatorValueKind>;

/** Whether `op` is one of the condition operators (for values that come from outside the type system). */
export function isConditionOperator(op: string): op is ConditionOperator {
  return Object.hasOwn(OPERATOR_LABELS, op);
}

/** Whether the operator compares with a value (everything except `exists` and `notExists`). */
export function operatorTakesValue(op: ConditionOperator): boolean {
  return OPERATOR_VALUE_KINDS[op] !== "none";
}

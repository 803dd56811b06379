import type { JsonValue } from "../schemas/common";
import { parsePath } from "../path";
import { toComparable } from "./compare";
import {
  MAX_FILTER_LIST_VALUES,
  MAX_FILTER_TEXT_LENGTH,
  OPERATOR_VALUE_KINDS,
  isConditionOperator,
  type OperatorValueKind,
} from "./operators";
import { compilePattern } from "#pattern-engine";

/** What `conditionProblem` needs to know about a condition (the parsed shape, before refinement). */
export interface ConditionLike {
  path: string;
  op: string;
  value?: JsonValue | undefined;
}

/** A problem with one field of a condition, for a form that shows errors next to the field. */
export interface ConditionIssue {
  field: "path" | "op" | "value";
  message: string;
}

const MAX_PATH_LENGTH = 200;
const TEXT_LIMIT = MAX_FILTER_TEXT_LENGTH.toLocaleString("en-US");
const EMPTY_TEXT = "Enter the text to look for.";

/**
 * Why a condition cannot be saved, and which of its fields is at fault, or `null` when it is fine.
 * The same rules decide whether a condition can be evaluated: a condition with an issue never matches.
 *
 * @example
 * conditionIssue({ path: "subject", op: "matches", value: "(unclosed" });
 * // { field: "value", message: "This pattern is not a valid regular expression: missing closing )." }
 */
export function conditionIssue(condition: ConditionLike): ConditionIssue | null {
  const pathProblem = checkPath(condition.path);
  if (pathProblem) return { field: "path", message: pathProblem };
  if (!isConditionOperator(condition.op)) return { field: "op", message: "Choose a comparison." };
  const kind = OPERATOR_VALUE_KINDS[condition.op];
  // exists / notExists ignore any value, so a form may keep the previous one when the operator changes.
  if (kind === "none") return null;
  const { value } = condition;
  if (value === undefined) return { field: "value", message: "Enter a value to compare with." };
  const isSearch = condition.op === "contains" || condition.op === "notContains";
  const valueProblem = (isSearch && value === "" ? EMPTY_TEXT : checkValue(kind, value)) ?? checkTextLengths(value);
  return valueProblem ? { field: "value", message: valueProblem } : null;
}

/**
 * Why a condition cannot be saved, as a sentence for the form, or `null` when it is fine.
 * Used by the `Condition` schema; see {@link conditionIssue} for the rules.
 */
export function conditionProblem(condition: ConditionLike): string | null {
  return conditionIssue(condition)?.message ?? null;
}

function checkPath(path: string): string | null {
  if (path.length === 0) return "Choose the event field to compare.";
  if (path.length > MAX_PATH_LENGTH) return `The field path must be at most ${MAX_PATH_LENGTH} characters.`;
  if (!parsePath(path)) {
    return "The field path must be names or list positions separated by dots, like payload.headers.0.value (letters, digits, _, $ and -).";
  }
  return null;
}

function checkValue(kind: Exclude<OperatorValueKind, "none">, value: JsonValue): string | null {
  switch (kind) {
    case "json":
      return null;
    case "text":
      return typeof value !== "string" || value === "" ? EMPTY_TEXT : null;
    case "pattern": {
      if (typeof value !== "string" || value === "") return "Enter a regular expression to match.";
      const compiled = compilePattern(value);
      return compiled.ok ? null : compiled.problem;
    }
    case "numberOrDate":
      return toComparable(value) ? null : "Enter a number, or a date like 2026-11-28T09:00:00Z.";
    case "list":
      if (!Array.isArray(value)) return "Enter a list of values to choose from.";
      if (value.length === 0) return "Enter at least one value in the list.";
      if (value.length > MAX_FILTER_LIST_VALUES) return `The list can have at most ${MAX_FILTER_LIST_VALUES} values.`;
      return null;
  }
}

function checkTextLengths(value: JsonValue): string | null {
  const pending: JsonValue[] = [value];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (typeof next === "string") {
      if (next.length > MAX_FILTER_TEXT_LENGTH) return `Text values must be at most ${TEXT_LIMIT} characters.`;
    } else if (next !== null && typeof next === "object") {
      for (const item of Array.isArray(next) ? next : Object.values(next)) pending.push(item);
    }
  }
  return null;
}

"use client";

import type { ConditionOperator } from "../../shared/schemas";

/** The filter builder: rows of field · comparison · value, all/any, and the JSON mode. */
export const filterBuilderLabels = {
  /** Read as "Run when [all] of these conditions match". */
  matchBefore: "Run when",
  matchAfter: "of these conditions match",
  matchLabel: "How conditions combine",
  matchAll: "all",
  matchAny: "any",
  empty: "No filters: every event runs the action. Add a condition to run only on some events.",
  field: (n: number) => `Field of condition ${n}`,
  fieldPlaceholder: "Event field, e.g. subject",
  fieldSuggestions: "Fields of the event",
  operator: (n: number) => `Comparison of condition ${n}`,
  value: (n: number) => `Value of condition ${n}`,
  valuePlaceholder: {
    json: "Text, number, true/false",
    text: "Text",
    pattern: "Regular expression, e.g. (?i)invoice",
    numberOrDate: "Number or date (2026-01-31)",
    list: "Values separated by commas",
  },
  addCondition: "Add condition",
  removeCondition: (n: number) => `Remove condition ${n}`,
  advancedJson: "Advanced JSON",
  jsonLabel: "Filters as JSON",
  jsonHint: 'An object like { "match": "all", "conditions": [{ "path": "subject", "op": "contains", "value": "invoice" }] }.',
  jsonInvalid: (detail: string) => `This is not valid JSON (${detail}). The rows keep the last valid filters.`,
  jsonShape: (detail: string) => `These are not filters: ${detail} The rows keep the last valid filters.`,
  operators: {
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
  } satisfies Record<ConditionOperator, string>,
};

import { describe, expect, it } from "vitest";
import type { JsonValue } from "../schemas/common";
// The module the `src/shared/schemas` index re-exports; imported directly so these tests do not depend on
// the rest of the schemas' imports.
import { CONDITION_OPERATORS, Condition, Filters } from "../schemas/filters";
import { OPERATOR_LABELS, OPERATOR_VALUE_KINDS, isConditionOperator, operatorTakesValue } from "./operators";
import { conditionIssue, conditionProblem } from "./validate";

function messages(input: unknown): Array<[string, string]> {
  const result = Condition.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => [issue.path.join("."), issue.message]);
}

const NOT_A_PATH =
  "The field path must be names or list positions separated by dots, like payload.headers.0.value (letters, digits, _, $ and -).";

describe("Condition schema", () => {
  const valid: Array<[string, JsonValue | undefined]> = [
    ["equals", "Hello"],
    ["equals", ""],
    ["equals", null],
    ["equals", { a: [1, "x"] }],
    ["notEquals", 42],
    ["contains", "invoice"],
    ["contains", 2],
    ["notContains", { name: "bug" }],
    ["startsWith", "RE:"],
    ["endsWith", ".pdf"],
    ["matches", "(?i)^invoice #\\d+"],
    ["exists", undefined],
    ["notExists", undefined],
    ["exists", "left over from another operator"],
    ["gt", 10],
    ["gte", -1.5],
    ["lt", "42"],
    ["lte", "2026-11-28T09:00:00Z"],
    ["gt", "2026-11-28"],
    ["gt", "2026-11-28T10:00:00+01:00"],
    ["in", ["opened", "reopened"]],
    ["in", [1, null, { a: 1 }]],
  ];
  it.each(valid)("accepts %s %j", (op, value) => {
    expect(messages({ path: "payload.headers.0.value", op, value })).toEqual([]);
  });

  const invalid: Array<[string, string, JsonValue | undefined, string]> = [
    ["a value is required", "equals", undefined, "Enter a value to compare with."],
    ["a value is required for in", "in", undefined, "Enter a value to compare with."],
    ["contains needs non-empty text", "contains", "", "Enter the text to look for."],
    ["notContains needs non-empty text", "notContains", "", "Enter the text to look for."],
    ["startsWith needs text", "startsWith", 4, "Enter the text to look for."],
    ["endsWith needs non-empty text", "endsWith", "", "Enter the text to look for."],
    ["matches needs a pattern", "matches", 1, "Enter a regular expression to match."],
    ["matches needs a non-empty pattern", "matches", "", "Enter a regular expression to match."],
    ["unclosed group", "matches", "(abc", "This pattern is not a valid regular expression: missing closing )."],
    ["unopened group", "matches", "abc)", "This pattern is not a valid regular expression: unexpected )."],
    ["unclosed class", "matches", "[a-", "This pattern is not a valid regular expression: missing closing ]."],
    ["nothing to repeat", "matches", "*a", 'This pattern is not a valid regular expression: missing argument to repetition operator in "*".'],
    ["lookahead", "matches", "a(?=b)", 'This pattern is not a valid regular expression: invalid or unsupported Perl syntax in "(?=".'],
    ["backreference", "matches", "(a)\\1", 'This pattern is not a valid regular expression: invalid escape sequence in "\\1".'],
    ["trailing backslash", "matches", "a\\", "This pattern is not a valid regular expression: trailing backslash at end of expression."],
    ["repeat count over 1000", "matches", "a{1001}", 'This pattern is not a valid regular expression: invalid repeat count in "{1001}".'],
    ["pattern over 200 characters", "matches", "a".repeat(201), "The pattern must be at most 200 characters."],
    ["pattern too large to run", "matches", "\\w{600}", "This pattern is too complex to run safely; use fewer or smaller repetitions."],
    ["pattern too large to compile", "matches", "(.{1,1000}){1,1000}", "This pattern is too complex to run safely; use fewer or smaller repetitions."],
    ["gt needs a number or date", "gt", "soon", "Enter a number, or a date like 2026-11-28T09:00:00Z."],
    ["lte rejects booleans", "lte", true, "Enter a number, or a date like 2026-11-28T09:00:00Z."],
    ["lt rejects impossible dates", "lt", "2026-02-30", "Enter a number, or a date like 2026-11-28T09:00:00Z."],
    ["gte rejects RFC 2822 dates", "gte", "Tue, 24 Nov 2026 09:14:37 +0000", "Enter a number, or a date like 2026-11-28T09:00:00Z."],
    ["in needs a list", "in", "opened", "Enter a list of values to choose from."],
    ["in needs a value in the list", "in", [], "Enter at least one value in the list."],
    ["in takes at most 100 values", "in", Array.from({ length: 101 }, (_, i) => i), "The list can have at most 100 values."],
    ["text over 1,000 characters", "equals", "x".repeat(1_001), "Text values must be at most 1,000 characters."],
    ["text in a list over 1,000 characters", "in", ["ok", "x".repeat(1_001)], "Text values must be at most 1,000 characters."],
    ["text in an object over 1,000 characters", "equals", { a: { b: ["x".repeat(1_001)] } }, "Text values must be at most 1,000 characters."],
  ];
  it.each(invalid)("rejects: %s", (_name, op, value, message) => {
    expect(messages({ path: "subject", op, value })).toEqual([["value", message]]);
  });

  it("accepts lists of exactly 100 values and text of exactly 1,000 characters", () => {
    expect(messages({ path: "a", op: "in", value: Array.from({ length: 100 }, (_, i) => i) })).toEqual([]);
    expect(messages({ path: "a", op: "contains", value: "x".repeat(1_000) })).toEqual([]);
    expect(messages({ path: "a", op: "matches", value: "a".repeat(200) })).toEqual([]);
  });

  // Messages only: which field the schema files a path problem under is the schema's choice.
  it("rejects paths that getPath cannot follow", () => {
    for (const path of ["a..b", ".a", "a.", "a b", "a[0]", "headers.*.value"]) {
      expect(messages({ path, op: "exists" }).map(([, message]) => message)).toEqual([NOT_A_PATH]);
    }
  });

  it("reports empty paths and unknown operators on their fields", () => {
    expect(messages({ path: "  ", op: "equals", value: 1 })).toContainEqual(["path", "Choose the event field to compare."]);
    expect(messages({ path: "a", op: "like", value: 1 })).toEqual([["op", "Choose a comparison."]]);
  });

  it("trims the path before checking it", () => {
    const result = Condition.safeParse({ path: " payload.subject ", op: "exists" });
    expect(result.success && result.data.path).toBe("payload.subject");
  });

  it("limits filters to 20 conditions and defaults match to all", () => {
    const condition = { path: "a", op: "exists" };
    expect(Filters.parse({ conditions: [condition] })).toEqual({ match: "all", conditions: [condition] });
    const tooMany = Filters.safeParse({ match: "any", conditions: Array.from({ length: 21 }, () => condition) });
    expect(tooMany.success ? [] : tooMany.error.issues.map((issue) => issue.message)).toEqual([
      "At most 20 filter conditions.",
    ]);
  });
});

describe("conditionIssue / conditionProblem", () => {
  it("names the field at fault", () => {
    expect(conditionIssue({ path: "", op: "equals", value: 1 })).toEqual({
      field: "path",
      message: "Choose the event field to compare.",
    });
    expect(conditionIssue({ path: "a".repeat(201), op: "exists" })).toEqual({
      field: "path",
      message: "The field path must be at most 200 characters.",
    });
    expect(conditionIssue({ path: "a..b", op: "exists" })).toEqual({ field: "path", message: NOT_A_PATH });
    expect(conditionIssue({ path: "a", op: "like", value: 1 })).toEqual({ field: "op", message: "Choose a comparison." });
    expect(conditionIssue({ path: "a", op: "in", value: [] })).toEqual({
      field: "value",
      message: "Enter at least one value in the list.",
    });
    expect(conditionIssue({ path: "a", op: "in", value: [1] })).toBeNull();
  });

  it("returns the message alone, or null", () => {
    expect(conditionProblem({ path: "a", op: "matches", value: "(" })).toBe(
      "This pattern is not a valid regular expression: missing closing ).",
    );
    expect(conditionProblem({ path: "a", op: "matches", value: "(?i)ok" })).toBeNull();
    expect(conditionProblem({ path: "a", op: "notExists", value: "(" })).toBeNull();
  });
});

describe("operator metadata", () => {
  it("labels every operator and says which take a value", () => {
    expect(Object.keys(OPERATOR_LABELS).sort()).toEqual([...CONDITION_OPERATORS].sort());
    expect(Object.keys(OPERATOR_VALUE_KINDS).sort()).toEqual([...CONDITION_OPERATORS].sort());
    expect(OPERATOR_LABELS.equals).toBe("is");
    expect(OPERATOR_LABELS.notEquals).toBe("is not");
    expect(OPERATOR_LABELS.in).toBe("is one of");
    expect(CONDITION_OPERATORS.filter((op) => !operatorTakesValue(op))).toEqual(["exists", "notExists"]);
  });

  it("recognises operator names", () => {
    expect(isConditionOperator("gte")).toBe(true);
    expect(isConditionOperator("like")).toBe(false);
    expect(isConditionOperator("toString")).toBe(false);
  });
});

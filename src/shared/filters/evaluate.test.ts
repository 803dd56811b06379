import { describe, expect, it } from "vitest";
import type { JsonValue } from "../schemas/common";
import type { Condition, ConditionOperator } from "../schemas/filters";
import { evaluateCondition, evaluateFilters, matchesFilters } from "./evaluate";

/** Stands for "the payload has no such field" in the tables below. */
const MISSING = Symbol("missing");
type Actual = JsonValue | typeof MISSING;

function check(op: ConditionOperator, value: JsonValue | undefined, actual: Actual): boolean {
  const payload = actual === MISSING ? { other: 1 } : { field: actual };
  const condition: Condition = value === undefined ? { path: "field", op } : { path: "field", op, value };
  return evaluateCondition(condition, payload).matched;
}

describe("missing field", () => {
  const table: Array<[ConditionOperator, JsonValue | undefined, boolean]> = [
    ["equals", "x", false],
    ["notEquals", "x", true],
    ["contains", "x", false],
    ["notContains", "x", true],
    ["startsWith", "x", false],
    ["endsWith", "x", false],
    ["matches", "x", false],
    ["exists", undefined, false],
    ["notExists", undefined, true],
    ["gt", 1, false],
    ["gte", 1, false],
    ["lt", 1, false],
    ["lte", 1, false],
    ["in", ["x"], false],
  ];
  it.each(table)("%s %j on a missing field is %s", (op, value, expected) => {
    expect(check(op, value, MISSING)).toBe(expected);
  });

  it("treats a path through a non-object, a bad index or an inherited key as missing", () => {
    const payload = { text: "hi", list: [1], obj: {} };
    expect(evaluateCondition({ path: "text.length", op: "exists" }, payload).matched).toBe(false);
    expect(evaluateCondition({ path: "list.1", op: "exists" }, payload).matched).toBe(false);
    expect(evaluateCondition({ path: "list.x", op: "exists" }, payload).matched).toBe(false);
    expect(evaluateCondition({ path: "obj.constructor", op: "exists" }, payload).matched).toBe(false);
    expect(evaluateCondition({ path: "obj.__proto__", op: "notExists" }, payload).matched).toBe(true);
  });
});

describe("equals / notEquals", () => {
  const table: Array<[string, JsonValue, Actual, boolean, boolean]> = [
    ["same text", "hello", "hello", true, false],
    ["text is case-sensitive", "hello", "Hello", false, true],
    ["numeric text is not a number", "42", 42, false, true],
    ["a number is not numeric text", 42, "42", false, true],
    ["same number", 42, 42, true, false],
    ["different number", 42, 42.5, false, true],
    ["same boolean", true, true, true, false],
    ["boolean is not text", true, "true", false, true],
    ["null equals null", null, null, true, false],
    ["text does not equal null", "x", null, false, true],
    ["null does not equal a missing field", null, MISSING, false, true],
    ["text and a missing field", "x", MISSING, false, true],
    ["empty text", "", "", true, false],
    ["objects ignore key order", { a: 1, b: [1, 2] }, { b: [1, 2], a: 1 }, true, false],
    ["objects with an extra key", { a: 1 }, { a: 1, b: 2 }, false, true],
    ["text inside objects is case-sensitive", { a: "X" }, { a: "x" }, false, true],
    ["lists keep their order", [1, 2], [2, 1], false, true],
    ["same list", [1, 2], [1, 2], true, false],
    ["list is not its element", "a", ["a"], false, true],
  ];
  it.each(table)("%s", (_name, value, actual, equals, notEquals) => {
    expect(check("equals", value, actual)).toBe(equals);
    expect(check("notEquals", value, actual)).toBe(notEquals);
  });
});

describe("contains / notContains", () => {
  const table: Array<[string, JsonValue, Actual, boolean, boolean]> = [
    ["substring ignoring case", "invoice", "Your Invoice #12", true, false],
    ["upper-case value", "INVOICE", "invoice", true, false],
    ["absent substring", "receipt", "Your invoice", false, true],
    ["missing field", "x", MISSING, false, true],
    ["null field", "x", null, false, true],
    ["a number is not text", "4", 42, false, true],
    ["a number value does not search text", 42, "order 42", false, true],
    ["list element ignoring case", "unread", ["INBOX", "UNREAD"], true, false],
    ["list elements are compared whole", "UNR", ["INBOX", "UNREAD"], false, true],
    ["number element", 2, [1, 2, 3], true, false],
    ["numeric text is not a number element", "2", [1, 2, 3], false, true],
    ["object element, text ignoring case", { name: "bug" }, [{ name: "Bug" }, { name: "p1" }], true, false],
    ["object element with a different key", { label: "bug" }, [{ name: "bug" }], false, true],
    ["empty list", "x", [], false, true],
    ["null element", null, [null], true, false],
    ["objects contain nothing", "a", { a: 1 }, false, true],
    ["booleans contain nothing", "true", true, false, true],
  ];
  it.each(table)("%s", (_name, value, actual, contains, notContains) => {
    expect(check("contains", value, actual)).toBe(contains);
    expect(check("notContains", value, actual)).toBe(notContains);
  });
});

describe("startsWith / endsWith", () => {
  const table: Array<[string, "startsWith" | "endsWith", string, Actual, boolean]> = [
    ["prefix ignoring case", "startsWith", "re:", "RE: hello", true],
    ["not a prefix", "startsWith", "hello", "RE: hello", false],
    ["value longer than the text", "startsWith", "RE: hello", "RE:", false],
    ["whole text", "startsWith", "abc", "ABC", true],
    ["missing field", "startsWith", "RE", MISSING, false],
    ["null field", "startsWith", "RE", null, false],
    ["a number is not text", "startsWith", "4", 42, false],
    ["a list is not text", "startsWith", "a", ["a"], false],
    ["suffix ignoring case", "endsWith", "@example.com", "Jordan@Example.COM", true],
    ["not a suffix", "endsWith", "@example.org", "jordan@example.com", false],
    ["missing field", "endsWith", "m", MISSING, false],
    ["null field", "endsWith", "m", null, false],
    ["a number is not text", "endsWith", "8", 118, false],
  ];
  it.each(table)("%s (%s)", (_name, op, value, actual, expected) => {
    expect(check(op, value, actual)).toBe(expected);
  });
});

describe("matches", () => {
  const table: Array<[string, string, Actual, boolean]> = [
    ["case-sensitive by default", "^inv-\\d+$", "INV-12", false],
    ["(?i) ignores case", "(?i)^inv-\\d+$", "INV-12", true],
    ["found anywhere (unanchored)", "\\d{3}", "order 123 shipped", true],
    ["anchors hold", "^\\d{3}$", "order 123", false],
    ["a number is not text", "^\\d+$", 123, false],
    ["missing field", "x", MISSING, false],
    ["null field", "x", null, false],
    ["a list is not text", "a", ["a"], false],
    [". does not cross lines", "^Hi.*Jordan", "Hi\nJordan", false],
    ["(?s) lets . cross lines", "(?s)^Hi.*Jordan", "Hi\nJordan", true],
    ["^ is the start of the text", "^world", "hello\nworld", false],
    ["(?m) makes ^ a line start", "(?m)^world", "hello\nworld", true],
    ["Unicode case folding", "(?i)café", "CAFÉ", true],
    ["alternation", "(?i)\\b(urgent|asap)\\b", "Please review ASAP.", true],
  ];
  it.each(table)("%s", (_name, pattern, actual, expected) => {
    expect(check("matches", pattern, actual)).toBe(expected);
  });

  it("only looks at the first 10,000 characters", () => {
    expect(check("matches", "b", "a".repeat(9_999) + "b")).toBe(true);
    expect(check("matches", "b", "a".repeat(10_000) + "b")).toBe(false);
    expect(check("matches", "a$", "a".repeat(10_000) + "b")).toBe(true);
  });

  it("does not cut a surrogate pair at the limit", () => {
    expect(check("matches", "😀", "a".repeat(9_998) + "😀")).toBe(true);
    // Cut at 10,000 the text would end in half an emoji; it ends in the last "a" instead.
    expect(check("matches", "a$", "a".repeat(9_999) + "😀")).toBe(true);
    expect(check("matches", "^a+$", "a".repeat(9_999) + "😀")).toBe(true);
  });
});

describe("exists / notExists", () => {
  const table: Array<[string, Actual, boolean, boolean]> = [
    ["missing field", MISSING, false, true],
    ["null", null, false, true],
    ["empty text", "", true, false],
    ["empty list", [], true, false],
    ["empty object", {}, true, false],
    ["zero", 0, true, false],
    ["false", false, true, false],
    ["text", "x", true, false],
  ];
  it.each(table)("%s", (_name, actual, exists, notExists) => {
    expect(check("exists", undefined, actual)).toBe(exists);
    expect(check("notExists", undefined, actual)).toBe(notExists);
  });

  it("ignores a value left over from another operator", () => {
    expect(check("exists", "anything", "x")).toBe(true);
    expect(check("notExists", "anything", "x")).toBe(false);
  });
});

describe("gt / gte / lt / lte", () => {
  const table: Array<[string, JsonValue, Actual, [boolean, boolean, boolean, boolean]]> = [
    ["greater number", 10, 11, [true, true, false, false]],
    ["equal number", 10, 10, [false, true, false, true]],
    ["smaller number", 10, 9, [false, false, true, true]],
    ["negative and fractional", -1.5, -2, [false, false, true, true]],
    ["numeric text field", 10, "11", [true, true, false, false]],
    ["numeric text value", "10", 11, [true, true, false, false]],
    ["numeric text with trailing zeros", 2.5, "2.50", [false, true, false, true]],
    ["numeric text with exponent", -1, "-1e0", [false, true, false, true]],
    ["Slack-style timestamp text", 1795514564, "1795514564.118529", [true, true, false, false]],
    ["text with a number in it", 10, "11 apples", [false, false, false, false]],
    ["numeric text with spaces", 10, " 11", [false, false, false, false]],
    ["hexadecimal text", 10, "0x10", [false, false, false, false]],
    ["missing field", 10, MISSING, [false, false, false, false]],
    ["null field", 10, null, [false, false, false, false]],
    ["boolean field", 0, true, [false, false, false, false]],
    ["list field", 10, [11], [false, false, false, false]],
    ["later instant", "2026-11-24T09:00:00Z", "2026-11-24T09:14:37Z", [true, true, false, false]],
    ["earlier instant", "2026-11-24T09:00:00Z", "2026-11-23T23:59:59Z", [false, false, true, true]],
    ["same instant, other offset", "2026-11-24T09:00:00Z", "2026-11-24T10:00:00+01:00", [false, true, false, true]],
    ["offset without colon", "2026-11-24T09:00:00Z", "2026-11-24T04:00:00-0500", [false, true, false, true]],
    ["date alone is midnight UTC", "2026-11-24", "2026-11-24T00:00:00Z", [false, true, false, true]],
    ["no offset means UTC", "2026-11-24T09:00:00Z", "2026-11-24T09:00:00", [false, true, false, true]],
    ["milliseconds count", "2026-11-24T09:00:00Z", "2026-11-24T09:00:00.001Z", [true, true, false, false]],
    ["years before 100", "0099-01-01", "0100-01-01", [true, true, false, false]],
    ["leap day", "2028-02-28", "2028-02-29", [true, true, false, false]],
    ["impossible date", "2026-11-24", "2026-02-30", [false, false, false, false]],
    ["hour 24", "2026-11-24", "2026-11-24T24:00:00Z", [false, false, false, false]],
    ["date against a number", "2026-11-24T09:00:00Z", 1795514564, [false, false, false, false]],
    ["number against a date", 2026, "2026-11-24", [false, false, false, false]],
    ["RFC 2822 text is not a date", "2026-11-24T09:00:00Z", "Tue, 24 Nov 2026 09:14:37 +0000", [false, false, false, false]],
    ["plain text", 1, "abc", [false, false, false, false]],
  ];
  it.each(table)("%s", (_name, value, actual, [gt, gte, lt, lte]) => {
    expect(check("gt", value, actual)).toBe(gt);
    expect(check("gte", value, actual)).toBe(gte);
    expect(check("lt", value, actual)).toBe(lt);
    expect(check("lte", value, actual)).toBe(lte);
  });
});

describe("in", () => {
  const table: Array<[string, JsonValue, Actual, boolean]> = [
    ["listed text", ["open", "closed"], "open", true],
    ["text is case-sensitive", ["open", "closed"], "OPEN", false],
    ["unlisted text", ["open", "closed"], "merged", false],
    ["numeric text is not a number", [1, 2], "1", false],
    ["listed number", [1, 2], 2, true],
    ["listed null", [null], null, true],
    ["null does not match a missing field", [null], MISSING, false],
    ["missing field", ["x"], MISSING, false],
    ["a list field is compared whole", [[1, 2]], [1, 2], true],
    ["a list field is not searched", [1, 2], [1, 2], false],
    ["listed object", [{ a: 1 }], { a: 1 }, true],
  ];
  it.each(table)("%s", (_name, value, actual, expected) => {
    expect(check("in", value, actual)).toBe(expected);
  });
});

describe("conditions that cannot be evaluated", () => {
  it("never match, not even negated ones, and say why", () => {
    const payload = { subject: "Hello" };
    expect(evaluateCondition({ path: "subject", op: "notEquals" }, payload)).toEqual({
      condition: { path: "subject", op: "notEquals" },
      matched: false,
      actual: "Hello",
      problem: "Enter a value to compare with.",
    });
    expect(evaluateCondition({ path: "subject", op: "notContains", value: "" }, payload).matched).toBe(false);
    expect(evaluateCondition({ path: "subject", op: "matches", value: "(Hello" }, payload)).toMatchObject({
      matched: false,
      problem: "This pattern is not a valid regular expression: missing closing ).",
    });
    expect(evaluateCondition({ path: "subject..x", op: "notExists" }, payload)).toEqual({
      condition: { path: "subject..x", op: "notExists" },
      matched: false,
      problem:
        "The field path must be names or list positions separated by dots, like payload.headers.0.value (letters, digits, _, $ and -).",
    });
  });

  it("does not match an operator it does not know", () => {
    const condition = { path: "subject", op: "like", value: "x" } as unknown as Condition;
    expect(evaluateCondition(condition, { subject: "x" })).toMatchObject({ matched: false, problem: "Choose a comparison." });
  });
});

describe("evaluateFilters", () => {
  const payload = { subject: "Invoice 12", from: "billing@example.com", amount: 120 };
  const isInvoice: Condition = { path: "subject", op: "startsWith", value: "invoice" };
  const isLarge: Condition = { path: "amount", op: "gt", value: 500 };
  const fromBilling: Condition = { path: "from", op: "startsWith", value: "billing@" };

  it("matches everything without filters or conditions", () => {
    expect(evaluateFilters(undefined, payload)).toEqual({ matched: true, results: [] });
    expect(evaluateFilters({ match: "all", conditions: [] }, payload)).toEqual({ matched: true, results: [] });
    expect(evaluateFilters({ match: "any", conditions: [] }, payload)).toEqual({ matched: true, results: [] });
    expect(matchesFilters(undefined, null)).toBe(true);
  });

  it('"all" needs every condition', () => {
    expect(matchesFilters({ match: "all", conditions: [isInvoice, fromBilling] }, payload)).toBe(true);
    expect(matchesFilters({ match: "all", conditions: [isInvoice, isLarge] }, payload)).toBe(false);
  });

  it('"any" needs one condition', () => {
    expect(matchesFilters({ match: "any", conditions: [isLarge, fromBilling] }, payload)).toBe(true);
    expect(matchesFilters({ match: "any", conditions: [isLarge] }, payload)).toBe(false);
  });

  it('defaults to "all" when match is not set', () => {
    expect(matchesFilters({ conditions: [isInvoice, isLarge] }, payload)).toBe(false);
    expect(matchesFilters({ conditions: [isInvoice, fromBilling] }, payload)).toBe(true);
  });

  it("reports every condition in order with the value it saw", () => {
    const missing: Condition = { path: "cc", op: "exists" };
    const evaluation = evaluateFilters({ match: "any", conditions: [isInvoice, isLarge, missing] }, payload);
    expect(evaluation).toEqual({
      matched: true,
      results: [
        { condition: isInvoice, matched: true, actual: "Invoice 12" },
        { condition: isLarge, matched: false, actual: 120 },
        { condition: missing, matched: false },
      ],
    });
    expect(evaluation.results[0]?.condition).toBe(isInvoice);
    expect("actual" in (evaluation.results[2] ?? {})).toBe(false);
  });

  it("evaluates payloads that are not objects", () => {
    const condition: Condition = { path: "a", op: "notExists" };
    for (const payload of [null, undefined, 42, "text", [1, 2]]) {
      expect(matchesFilters({ match: "all", conditions: [condition] }, payload)).toBe(true);
    }
  });
});

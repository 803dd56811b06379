import { describe, expect, it } from "vitest";
import { compilePattern, testPattern } from "./regex";
import { matchesFilters } from "./evaluate";

/** 10,000 characters, all of which `matches` reads: 'a's, then one character no pattern below expects. */
const A_THEN_BANG = "a".repeat(9_999) + "!";

describe("adversarial patterns run in linear time", () => {
  // Each of these takes seconds to forever with a backtracking engine (JS RegExp); with RE2 each run takes
  // a few milliseconds (measured on a 2-core machine: under 20 ms, the first including warm-up).
  // Results are asserted, not timings, so the test cannot flake on a slow machine.
  const table: Array<[string, string, boolean]> = [
    ["(a+)+$", A_THEN_BANG, false],
    ["^(a+)+$", A_THEN_BANG, false],
    ["(a|a)*b", A_THEN_BANG, false],
    ["(a*)*b", A_THEN_BANG, false],
    ["(.*a){20}", A_THEN_BANG, true],
    ["(.*a){20}$", A_THEN_BANG, false],
    ["(x+x+)+y", "x".repeat(10_000), false],
    ["^(\\w+\\s?)*$", "word ".repeat(1_999) + "!", false],
  ];
  it.each(table)("%s", (pattern, input, expected) => {
    expect(compilePattern(pattern).ok).toBe(true);
    expect(testPattern(pattern, input)).toBe(expected);
  });

  it("stays correct on the largest accepted program over the longest input", () => {
    // \w{498} compiles to 500 instructions, the limit; ~30 ms per run here.
    expect(compilePattern("\\w{498}").ok).toBe(true);
    expect(testPattern("\\w{498}", A_THEN_BANG)).toBe(true);
    expect(testPattern("\\w{498}!", "a".repeat(497) + "!")).toBe(false);
  });

  it("reads only the first 10,000 characters of a longer field", () => {
    const payload = { text: "a".repeat(100_000) + "!" };
    const matches = (value: string) => matchesFilters({ match: "all", conditions: [{ path: "text", op: "matches", value }] }, payload);
    expect(matches("(a|a)*b")).toBe(false);
    expect(matches("(x+x+)+y")).toBe(false);
    // The "!" lies past the limit, so the text seen ends in "a".
    expect(matches("(a+)+$")).toBe(true);
    expect(matches("!")).toBe(false);
  });
});

describe("compilePattern", () => {
  it("memoizes compiled patterns", () => {
    const first = compilePattern("(?i)^invoice");
    expect(compilePattern("(?i)^invoice")).toBe(first);
  });

  it("remembers only a bounded number of patterns, dropping the least recently used", () => {
    const kept = compilePattern("^kept$");
    const dropped = compilePattern("^dropped$");
    for (let i = 0; i < 63; i++) {
      compilePattern(`^filler-${i}$`);
      compilePattern("^kept$");
    }
    expect(compilePattern("^kept$")).toBe(kept);
    expect(compilePattern("^dropped$")).not.toBe(dropped);
    expect(compilePattern("^dropped$")).toEqual(dropped);
  });

  it("explains why a pattern is refused", () => {
    expect(compilePattern("(a")).toEqual({
      ok: false,
      problem: "This pattern is not a valid regular expression: missing closing ).",
    });
    expect(compilePattern("a".repeat(201))).toEqual({ ok: false, problem: "The pattern must be at most 200 characters." });
  });

  it("never matches with a pattern it refuses", () => {
    expect(testPattern("(a", "(a")).toBe(false);
    expect(testPattern("\\w{600}", "a".repeat(700))).toBe(false);
  });
});

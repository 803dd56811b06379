import { describe, expect, it } from "vitest";
import { boundLoggedPayload, MAX_LOGGED_PAYLOAD_BYTES } from "../schemas";
import { evaluateFilters } from "./evaluate";
import { describeCondition, filterVerdict } from "./verdict";

describe("filterVerdict", () => {
  const filters = {
    match: "all" as const,
    conditions: [
      { path: "from", op: "endsWith" as const, value: "@acme.example" },
      { path: "subject", op: "contains" as const, value: "invoice" },
      { path: "labels", op: "exists" as const },
    ],
  };

  it("agrees with evaluateFilters and names the conditions that failed, 1-based", () => {
    const payload = { from: "ap@acme.example", subject: "Lunch" };
    expect(filterVerdict(filters, payload)).toEqual({
      matched: false,
      failed: [
        { index: 2, text: "subject contains 'invoice'" },
        { index: 3, text: "labels exists" },
      ],
    });
    expect(filterVerdict(filters, payload).matched).toBe(evaluateFilters(filters, payload).matched);
    expect(filterVerdict(filters, { from: "x@acme.example", subject: "Invoice 1", labels: [] })).toEqual({ matched: true, failed: [] });
    expect(filterVerdict(undefined, {})).toEqual({ matched: true, failed: [] });
  });

  it("describes conditions in words, cutting long values", () => {
    expect(describeCondition({ path: "amount", op: "gte", value: 100 })).toBe("amount is at least 100");
    expect(describeCondition({ path: "tag", op: "in", value: ["a", "b"] })).toBe('tag is one of ["a","b"]');
    expect(describeCondition({ path: "body", op: "contains", value: "x".repeat(100) })).toBe(`body contains '${"x".repeat(60)}…'`);
  });
});

describe("boundLoggedPayload", () => {
  it("keeps a small payload, shortens a large one, leaves out one that cannot be shortened enough", () => {
    expect(boundLoggedPayload({ a: 1 })).toEqual({ payload: { a: 1 } });
    const long = boundLoggedPayload({ text: "y".repeat(50_000), list: Array.from({ length: 100 }, (_, i) => i) });
    expect(long.payloadNote).toBe("truncated");
    expect(long.payload?.list).toHaveLength(21);
    expect(JSON.stringify(long.payload).length).toBeLessThanOrEqual(MAX_LOGGED_PAYLOAD_BYTES);
    const wide = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, Array.from({ length: 20 }, () => "z".repeat(600))]));
    expect(boundLoggedPayload(wide)).toEqual({ payloadNote: "omitted", payloadBytes: expect.any(Number) as number });
  });

  it("keeps an own __proto__ key as data, never as a prototype", () => {
    const hostile = JSON.parse(`{"__proto__": {"polluted": true}, "big": "${"q".repeat(20_000)}"}`) as Record<string, never>;
    const bounded = boundLoggedPayload(hostile);
    expect(bounded.payloadNote).toBe("truncated");
    expect(Object.getPrototypeOf(bounded.payload)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(bounded.payload, "__proto__")).toBe(true);
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { JsonValue } from "../schemas/common";
import { CONDITION_OPERATORS, Condition } from "../schemas/filters";
import { getPath, parsePath } from "../path";
import { evaluateCondition, evaluateFilters } from "./evaluate";

/** Keys shared by generated payloads and paths, so that many paths actually reach a value. */
const KEY = fc.constantFrom("a", "b", "name", "0", "1");

const { json: payloadJson } = fc.letrec<{ json: JsonValue }>((tie) => ({
  json: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constantFrom<JsonValue>(null, true, false, "", "Hello", "42", "2026-11-24T09:00:00Z", "2026-11-24"),
    fc.string(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    fc.array(tie("json"), { maxLength: 3 }),
    fc.dictionary(KEY, tie("json"), { maxKeys: 3 }),
  ),
}));

const path = fc.array(KEY, { minLength: 1, maxLength: 4 }).map((segments) => segments.join("."));

const patternText = fc
  .array(fc.constantFrom("a", "b", ".", "*", "+", "?", "(", ")", "|", "^", "$", "\\d", "\\w", "[a-z]", "{2}", "(?i)"), {
    minLength: 1,
    maxLength: 12,
  })
  .map((parts) => parts.join(""));

const value: fc.Arbitrary<JsonValue | undefined> = fc.oneof(
  fc.constant(undefined),
  payloadJson,
  fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<JsonValue>,
  fc.array(payloadJson, { minLength: 1, maxLength: 5 }),
  fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
  patternText,
);

/** Every path that reaches a value in `json`, so conditions often look at something that is there. */
function pathsOf(json: JsonValue, prefix = ""): string[] {
  if (json === null || typeof json !== "object") return [];
  const entries = Array.isArray(json) ? json.map((item, index) => [String(index), item] as const) : Object.entries(json);
  return entries.flatMap(([key, child]) => {
    const here = prefix ? `${prefix}.${key}` : key;
    return parsePath(here) ? [here, ...pathsOf(child, here)] : [];
  });
}

/** Values worth comparing with what a payload holds at a path: the value itself, and parts of it. */
function valuesNear(actual: JsonValue | undefined): fc.Arbitrary<JsonValue | undefined> {
  if (actual === undefined) return value;
  const near: JsonValue[] = [actual, [actual, "other"]];
  if (typeof actual === "string" && actual.length > 0) near.push(actual.slice(0, 2).toUpperCase(), actual.slice(-2));
  if (Array.isArray(actual) && actual.length > 0) near.push(actual[0] ?? null);
  return fc.oneof(value, fc.constantFrom(...near));
}

/** Conditions the schema accepts (what stored filters hold), aimed at `payload` more often than not. */
function validConditionFor(payload: JsonValue): fc.Arbitrary<Condition> {
  const known = pathsOf(payload);
  const anyPath = known.length > 0 ? fc.oneof({ arbitrary: fc.constantFrom(...known), weight: 3 }, path) : path;
  return anyPath
    .chain((conditionPath) =>
      fc.record(
        {
          path: fc.constant(conditionPath),
          op: fc.constantFrom(...CONDITION_OPERATORS),
          value: valuesNear(getPath(payload, conditionPath)),
        },
        { requiredKeys: ["path", "op"] },
      ),
    )
    .map((candidate) => Condition.safeParse(candidate))
    .filter((parsed) => parsed.success)
    .map((parsed) => parsed.data);
}

function filtersFor(payload: JsonValue) {
  return fc.record({
    match: fc.constantFrom("all" as const, "any" as const),
    conditions: fc.array(validConditionFor(payload), { maxLength: 5 }),
  });
}

/** Mostly event-like objects, sometimes any JSON at all (top-level primitives, odd keys). */
const eventPayload = fc.oneof(
  { arbitrary: fc.dictionary(KEY, payloadJson, { minKeys: 1, maxKeys: 4 }), weight: 3 },
  payloadJson,
  fc.jsonValue() as fc.Arbitrary<JsonValue>,
);

const filtersAndPayload = eventPayload.chain((payload) =>
  filtersFor(payload).map((filters) => [filters, payload] as const),
);

describe("evaluateFilters (properties)", () => {
  it("never throws on arbitrary JSON payloads, and combines results as all/any says", () => {
    fc.assert(
      fc.property(filtersAndPayload, ([filters, payload]) => {
        const evaluation = evaluateFilters(filters, payload);
        expect(evaluation.results).toHaveLength(filters.conditions.length);
        const matched = evaluation.results.map((result) => result.matched);
        const expected =
          matched.length === 0 ? true : filters.match === "all" ? matched.every(Boolean) : matched.some(Boolean);
        expect(evaluation.matched).toBe(expected);
        for (const result of evaluation.results) expect(result.problem).toBeUndefined();
      }),
      { numRuns: 500 },
    );
  });

  it("never throws on payloads that are not JSON at all", () => {
    fc.assert(
      fc.property(filtersFor(null), fc.anything(), (filters, payload) => {
        expect(typeof evaluateFilters(filters, payload).matched).toBe("boolean");
      }),
      { numRuns: 300 },
    );
  });

  it("makes notEquals, notContains and notExists the exact negations of their pairs", () => {
    const pairs = [
      ["equals", "notEquals"],
      ["contains", "notContains"],
      ["exists", "notExists"],
    ] as const;
    fc.assert(
      fc.property(
        eventPayload.chain((payload) => validConditionFor(payload).map((condition) => [condition, payload] as const)),
        fc.constantFrom(...pairs),
        ([condition, payload], [positive, negative]) => {
        const asPositive = Condition.safeParse({ ...condition, op: positive });
        const asNegative = Condition.safeParse({ ...condition, op: negative });
        fc.pre(asPositive.success && asNegative.success);
        if (!asPositive.success || !asNegative.success) return;
        expect(evaluateCondition(asNegative.data, payload).matched).toBe(!evaluateCondition(asPositive.data, payload).matched);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("orders like a comparator: exactly one of gt, equal, lt when the two sides are comparable", () => {
    const orderable = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
    );
    const cases = eventPayload.chain((payload) => {
      const known = pathsOf(payload);
      const conditionPath = known.length > 0 ? fc.oneof({ arbitrary: fc.constantFrom(...known), weight: 3 }, path) : path;
      return fc.tuple(fc.constant(payload), conditionPath, orderable);
    });
    fc.assert(
      fc.property(cases, ([payload, conditionPath, value]) => {
        const at = (op: "gt" | "gte" | "lt" | "lte") =>
          evaluateCondition({ path: conditionPath, op, value }, payload).matched;
        const [gt, gte, lt, lte] = [at("gt"), at("gte"), at("lt"), at("lte")];
        expect(gt).toBe(gte && !lte);
        expect(lt).toBe(lte && !gte);
        if (gte || lte) expect([gt, gte && lte, lt].filter(Boolean)).toHaveLength(1);
        else expect([gt, lt]).toEqual([false, false]);
      }),
      { numRuns: 300 },
    );
  });
});

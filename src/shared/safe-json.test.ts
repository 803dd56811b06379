import fc from "fast-check";
import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { TOO_DEEP_PLACEHOLDER, safeJsonWarnings, toSafeJson } from "./safe-json";
import { JsonValue, findJsonProblem } from "./schemas";

describe("toSafeJson", () => {
  it("renames reserved keys at any depth with a trailing _, keeping order and values", () => {
    const input = JSON.parse('{"a":1,"constructor":{"__proto__":[{"prototype":true}]},"z":2}') as unknown;
    const result = toSafeJson(input);
    expect(result.value).toEqual({ a: 1, constructor_: { __proto___: [{ prototype_: true }] }, z: 2 });
    expect(Object.keys(result.value as object)).toEqual(["a", "constructor_", "z"]);
    expect(result.renamedKeys.sort()).toEqual(["__proto__", "constructor", "prototype"]);
    expect(() => superjson.serialize(result.value)).not.toThrow();
    // The input is not changed.
    expect(Object.keys(input as object)).toEqual(["a", "constructor", "z"]);
  });

  it("never overwrites a key that already exists", () => {
    const result = toSafeJson(JSON.parse('{"constructor":1,"constructor_":2,"constructor__":3}'));
    expect(result.value).toEqual({ constructor___: 1, constructor_: 2, constructor__: 3 });
  });

  it("replaces parts nested too deeply, without recursing (100,000 levels)", () => {
    const deep = JSON.parse(`${'{"a":'.repeat(100_000)}1${"}".repeat(100_000)}`) as unknown;
    const result = toSafeJson(deep);
    expect(result.truncated).toBe(true);
    expect(findJsonProblem(result.value)).toBeNull();
    let node = result.value;
    let depth = 0;
    while (node !== null && typeof node === "object" && !Array.isArray(node)) {
      node = node.a!;
      depth++;
    }
    expect([depth, node]).toEqual([32, TOO_DEEP_PLACEHOLDER]);
  });

  it("follows JSON.stringify for values JSON cannot hold", () => {
    const result = toSafeJson({ u: undefined, f: () => 1, n: Number.NaN, list: [undefined, Infinity], d: new Date(0), big: 10n });
    expect(result.value).toEqual({ n: null, list: [null, null], d: "1970-01-01T00:00:00.000Z", big: "10" });
  });

  it("says what it changed, as run warnings", () => {
    expect(safeJsonWarnings({ value: {}, renamedKeys: ["constructor"], truncated: false }, "the event data")).toEqual([
      '"constructor" can\'t be used as a name, so in the event data it was renamed to "constructor_".',
    ]);
    expect(safeJsonWarnings({ value: {}, renamedKeys: ["constructor", "__proto__"], truncated: true }, "the event data")).toEqual([
      '"constructor" and "__proto__" can\'t be used as names, so in the event data they were renamed to "constructor_", "__proto___".',
      `Parts of the event data nested more than 32 levels deep were replaced by "${TOO_DEEP_PLACEHOLDER}".`,
    ]);
    expect(safeJsonWarnings({ value: {}, renamedKeys: [], truncated: false }, "the event data")).toEqual([]);
  });

  it("turns any JSON into JSON the schema accepts and superjson serialises; safe JSON is returned unchanged", () => {
    const key = fc.oneof(fc.constantFrom("__proto__", "constructor", "prototype", "constructor_", "toString", ""), fc.string());
    const json = fc.letrec<{ value: unknown }>((tie) => ({
      value: fc.oneof(
        { depthSize: "small", maxDepth: 40 },
        // -0 is not JSON (it is written as 0), so it is drawn as 0.
        fc.oneof(fc.string({ unit: "grapheme" }), fc.double().map((d) => (Object.is(d, -0) ? 0 : d)), fc.boolean(), fc.constant(null)),
        fc.array(tie("value"), { maxLength: 3 }),
        fc.array(fc.tuple(key, tie("value")), { maxLength: 3 }).map((entries) => Object.fromEntries(entries)),
      ),
    })).value;
    fc.assert(
      fc.property(json, (value) => {
        const result = toSafeJson(value);
        expect(JsonValue.safeParse(result.value).success).toBe(true);
        expect(() => superjson.serialize(result.value)).not.toThrow();
        if (findJsonProblem(JSON.parse(JSON.stringify(value)) as unknown) === null) {
          expect(result).toEqual({ value: JSON.parse(JSON.stringify(value)) as unknown, renamedKeys: [], truncated: false });
        }
      }),
      { numRuns: 500 },
    );
  });
});

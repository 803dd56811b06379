import { describe, expect, it } from "vitest";
import { schemaFields, MAX_ENUM_OPTIONS, MAX_FORM_FIELDS } from "./fields";
import { mappingProblems } from "./mapping";
import { schemaProblems, schemaValidator, schemaWithinBounds } from "./validate";

const INPUT = {
  type: "object",
  properties: { email: { type: "string", title: "Email" }, count: { type: "integer", minimum: 1, maximum: 5 }, kind: { enum: ["a", "b"] } },
  required: ["email"],
};

describe("the JSON-Schema → form generator", () => {
  it("reads fields in schema order with kinds, titles and required marks", () => {
    expect(schemaFields(INPUT).map((f) => [f.key, f.kind, f.title, f.required])).toEqual([
      ["email", "string", "Email", true],
      ["count", "integer", "Count", false],
      ["kind", "enum", "Kind", false],
    ]);
  });

  it("survives hostile schemas: __proto__ keys, deep nesting, huge enums and property lists are bounded", () => {
    const proto = JSON.parse('{"type":"object","properties":{"__proto__":{"type":"string"},"constructor":{"type":"number"}},"required":["__proto__"]}') as unknown;
    expect(schemaFields(proto).map((f) => [f.key, f.kind, f.required])).toEqual([
      ["__proto__", "string", true],
      ["constructor", "number", false],
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const many = { type: "object", properties: Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`f${i}`, { type: "string" }])) };
    expect(schemaFields(many)).toHaveLength(MAX_FORM_FIELDS);
    const huge = { type: "object", properties: { pick: { enum: Array.from({ length: 100_000 }, (_, i) => `v${i}`) } } };
    expect(schemaFields(huge)[0]?.options).toHaveLength(MAX_ENUM_OPTIONS);
    let deep: Record<string, unknown> = { type: "string" };
    for (let i = 0; i < 10_000; i++) deep = { type: "object", properties: { a: deep } };
    expect(() => schemaFields(deep)).not.toThrow();
    expect(schemaFields(null)).toEqual([]);
    expect(schemaFields("nope")).toEqual([]);
  });
});

describe("Ajv validation of generated forms", () => {
  it("gives one sentence per field", () => {
    expect(schemaProblems(INPUT, { count: 9, kind: "c" })).toEqual({
      email: '"Email" is required.',
      count: '"count" must be <= 5.',
      kind: '"kind" must be one of: a, b.',
    });
    expect(schemaProblems(INPUT, { email: "x@y.z", count: 2 })).toEqual({});
  });

  it("compiles each schema once", () => {
    expect(schemaValidator(structuredClone(INPUT))).toBe(schemaValidator(structuredClone(INPUT)));
  });

  it("is not fooled by prototype keys: a required __proto__ or constructor must be given", () => {
    const schema = JSON.parse('{"type":"object","properties":{"__proto__":{"type":"string"},"constructor":{"type":"string"}},"required":["__proto__","constructor"]}') as unknown;
    expect(Object.keys(schemaProblems(schema, {})).sort()).toEqual(["__proto__", "constructor"]);
    expect(schemaProblems(schema, JSON.parse('{"__proto__":"a","constructor":"b"}'))).toEqual({});
  });

  it("does not compile hostile schemas (deep, huge enums, huge text) and never throws", () => {
    let deep: Record<string, unknown> = { type: "string" };
    for (let i = 0; i < 5000; i++) deep = { type: "object", properties: { a: deep } };
    const huge = { type: "object", properties: { pick: { enum: Array.from({ length: 100_000 }, (_, i) => `v${i}`) } } };
    const started = Date.now();
    for (const schema of [deep, huge, { type: "object", description: "x".repeat(100_000) }]) {
      expect(schemaWithinBounds(schema)).toBe(false);
      expect(schemaValidator(schema)).toBeNull();
      expect(schemaProblems(schema, { a: 1 })).toEqual({});
    }
    expect(Date.now() - started).toBeLessThan(2000);
    // Ajv refuses it (an unresolvable $ref): no validator rather than an error.
    expect(schemaValidator({ type: "object", properties: { a: { $ref: "#/nowhere" } } })).toBeNull();
  });
});

describe("a trigger's mapping against the workflow's required inputs", () => {
  const payloadSchema = { type: "object", properties: { subject: { type: "string" }, sender: { type: "object", properties: { email: { type: "string" } } } } };
  const known = ["eventData", "subject", "sender", "sender.email"];
  const check = (input: { mode: "fields"; fields: Record<string, string> } | { mode: "payload" } | undefined) =>
    mappingProblems({ action: { type: "workflow", workflowId: "wf", ...(input ? { input } : {}) }, inputSchema: INPUT, payloadSchema, knownVariables: known });

  it("names a required input mapped to nothing and a field the event does not have", () => {
    expect(check({ mode: "fields", fields: { count: "{nope}" } })).toEqual({
      email: "The workflow needs 'email': choose what to send in it.",
      count: "The event has no nope: choose one of its fields.",
    });
    expect(check({ mode: "fields", fields: { email: "{sender.email}" } })).toEqual({});
  });

  it("checks the whole payload against the payload schema's fields", () => {
    expect(check(undefined)).toEqual({ email: "The workflow needs 'email', but this event has no email: map the event's fields to the workflow's inputs." });
    expect(mappingProblems({ action: { type: "workflow", workflowId: "wf" }, inputSchema: INPUT, payloadSchema: {}, knownVariables: [] })).toEqual({});
  });
});

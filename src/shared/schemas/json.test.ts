import fc from "fast-check";
import superjson from "superjson";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  CreateJobInput,
  CreateTriggerInput,
  Filters,
  Job,
  MAX_JSON_BYTES,
  PlannerConfig,
  Run,
  TestTriggerInput,
  findJsonProblem,
  isReservedKey,
  safeJsonValue,
} from "./index";

function hasReservedKey(value: unknown): boolean {
  if (value === null || typeof value !== "object") return false;
  return Object.entries(value).some(([key, child]) => isReservedKey(key) || hasReservedKey(child));
}

function issues(result: z.ZodSafeParseResult<unknown>) {
  if (result.success) return [];
  return result.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
}

const parse = (text: string): unknown => JSON.parse(text);

/** `n` objects nested in each other, built from text so nothing recursive touches it first. */
function nested(n: number): unknown {
  return JSON.parse(`${'{"a":'.repeat(n)}{}${"}".repeat(n)}`);
}

const job = {
  agentId: "agent-1",
  name: "Digest",
  schedule: { cron: "0 9 * * 1", timezone: "UTC" },
  action: { type: "chat", template: "Hi" },
};
const workflow = (input: unknown) => ({ ...job, action: { type: "workflow", workflowId: "wf_1", input } });
const trigger = (source: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  agentId: "agent-1",
  name: "Mail",
  source: { toolkit: "gmail", triggerSlug: "GMAIL_NEW_GMAIL_MESSAGE", ...source },
  action: { type: "chat", template: "Hi" },
  ...extra,
});

describe("reserved keys", () => {
  // JSON.parse makes "__proto__" an own key, as a request body does; an object literal would set the prototype.
  const cases: Array<[string, unknown, string, string]> = [
    ["a job variable", { ...job, variables: parse('{"team":"a","constructor":"x"}') }, "variables.constructor", "constructor"],
    ["a job variable __proto__", { ...job, variables: parse('{"__proto__":"x"}') }, "variables.__proto__", "__proto__"],
    ["a static input key", workflow({ mode: "static", value: parse('{"prototype":1}') }), "action.input.value.prototype", "prototype"],
    ["a nested static input key", workflow({ mode: "static", value: parse('{"a":[0,{"b":{"__proto__":{}}}]}') }), "action.input.value.a.1.b.__proto__", "__proto__"],
    ["an input field name", workflow({ mode: "fields", fields: parse('{"__proto__":"{eventData}"}') }), "action.input.fields.__proto__", "__proto__"],
    ["an input field named constructor", workflow({ mode: "fields", fields: { constructor: "{x}" } }), "action.input.fields.constructor", "constructor"],
  ];
  for (const [name, input, path, key] of cases) {
    it(`refuses ${name} with a sentence on ${path}`, () => {
      expect(issues(CreateJobInput.safeParse(input))).toEqual([{ path, message: `"${key}" can't be used as a name.` }]);
    });
  }

  it("refuses them in trigger settings, filter values and test payloads", () => {
    expect(issues(CreateTriggerInput.safeParse(trigger({ config: parse('{"labels":{"constructor":true}}') })))).toEqual([
      { path: "source.config.labels.constructor", message: '"constructor" can\'t be used as a name.' },
    ]);
    const filters = { conditions: [{ path: "labels", op: "equals", value: parse('{"__proto__":1}') }] };
    expect(issues(Filters.safeParse(filters))).toEqual([{ path: "conditions.0.value.__proto__", message: '"__proto__" can\'t be used as a name.' }]);
    const payload = parse('{"payload":{"prototype":"x"}}');
    expect(issues(TestTriggerInput.safeParse({ agentId: "agent-1", triggerId: "trg_abcdef1", payload }))).toEqual([
      { path: "payload.payload.prototype", message: '"prototype" can\'t be used as a name.' },
    ]);
  });

  it("refuses them in stored records too, so no store can hold what superjson refuses", () => {
    expect(Run.safeParse({ id: "run_abcdef1", agentId: "a", owner: { kind: "job", id: "job_x" }, cause: "manual", createdAt: "2026-11-28T09:00:00.000Z", status: "queued", attempts: 0, input: { constructor: 1 } }).success).toBe(false);
    const stored = CreateJobInput.parse(job);
    expect(Job.safeParse({ ...stored, id: "job_abcdef1", variables: { prototype: "x" }, policy: {}, enabled: true, revision: 1, createdAt: "2026-11-28T09:00:00.000Z", updatedAt: "2026-11-28T09:00:00.000Z", state: {} }).success).toBe(false);
  });

  it("keeps harmless look-alikes: toString, hasOwnProperty, constructor_ and keys that only contain a reserved word", () => {
    const value = { toString: 1, hasOwnProperty: 2, constructor_: 3, "a.constructor": 4, "": 5, "🙂": { valueOf: [] } };
    const parsed = CreateJobInput.parse(workflow({ mode: "static", value }));
    expect(parsed.action).toEqual({ type: "workflow", workflowId: "wf_1", input: { mode: "static", value } });
    expect(CreateJobInput.safeParse({ ...job, variables: { toString: "a", hasOwnProperty: "b", constructor_: "c" } }).success).toBe(true);
    expect(() => superjson.serialize(parsed)).not.toThrow();
  });
});

describe("depth", () => {
  it("answers a 10,000-deep static input with a sentence, not a stack overflow", () => {
    expect(issues(CreateJobInput.safeParse(workflow({ mode: "static", value: nested(10_000) })))).toEqual([
      { path: "action.input.value", message: "Input is nested too deeply: at most 32 levels of objects and lists are allowed." },
    ]);
  });

  it("allows 32 levels and refuses 33, everywhere JSON is supplied", () => {
    expect(CreateJobInput.safeParse(workflow({ mode: "static", value: nested(31) })).success).toBe(true);
    expect(issues(CreateJobInput.safeParse(workflow({ mode: "static", value: nested(32) })))[0]?.path).toBe("action.input.value");
    expect(issues(CreateTriggerInput.safeParse(trigger({ config: nested(10_000) })))[0]?.message).toMatch(/^Input is nested too deeply/);
    expect(issues(Filters.safeParse({ conditions: [{ path: "a", op: "equals", value: nested(10_000) }] })).map((i) => i.path)).toEqual(["conditions.0.value"]);
    expect(issues(TestTriggerInput.safeParse({ agentId: "agent-1", triggerId: "trg_abcdef1", payload: nested(10_000) }))[0]?.path).toBe("payload");
    const deepList = JSON.parse(`${"[".repeat(10_000)}${"]".repeat(10_000)}`) as unknown;
    expect(issues(PlannerConfig.safeParse({ jobs: [{ ...job, action: { type: "workflow", workflowId: "w", input: { mode: "static", value: { a: deepList } } } }] })).some((i) => i.message.startsWith("Input is nested too deeply"))).toBe(true);
  });

  it("refuses a cycle (an in-process caller can pass one) instead of looping", () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(findJsonProblem(cycle)?.kind).toBe("depth");
  });
});

describe("size", () => {
  it("limits supplied JSON to 64 KiB with a sentence naming it", () => {
    expect(MAX_JSON_BYTES).toBe(65_536);
    const big = { text: "x".repeat(70 * 1024) };
    expect(issues(CreateJobInput.safeParse(workflow({ mode: "static", value: big })))).toEqual([
      { path: "action.input.value", message: "Static input is too large (71 KB); the limit is 64 KB." },
    ]);
    expect(issues(CreateTriggerInput.safeParse(trigger({ config: big })))[0]?.message).toBe("The trigger configuration is too large (71 KB); the limit is 64 KB.");
    expect(issues(TestTriggerInput.safeParse({ agentId: "agent-1", triggerId: "trg_abcdef1", payload: big }))[0]?.message).toBe("The test payload is too large (71 KB); the limit is 64 KB.");
    const variables = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`v${i}`, "y".repeat(2000)]));
    expect(issues(CreateJobInput.safeParse({ ...job, variables }))).toEqual([{ path: "variables", message: "The variable list is too large (79 KB); the limit is 64 KB." }]);
  });

  it("measures exactly what JSON.stringify writes, in UTF-8", () => {
    fc.assert(
      // Reserved keys are a different problem (tested above); fast-check's jsonValue does generate them.
      fc.property(fc.jsonValue({ maxDepth: 4 }).filter((v) => !hasReservedKey(v)), fc.string({ unit: "grapheme" }), fc.string({ unit: "binary" }), (value, text, lone) => {
        const json = { value, text, lone } as unknown;
        const bytes = new TextEncoder().encode(JSON.stringify(json)).byteLength;
        expect(findJsonProblem(json, { maxBytes: bytes })).toBeNull();
        expect(findJsonProblem(json, { maxBytes: bytes - 1 })?.kind).toBe("size");
      }),
      { numRuns: 300 },
    );
  });
});

describe("JSON only", () => {
  it("refuses values JSON cannot carry, where they are", () => {
    const schema = safeJsonValue();
    for (const value of [{ a: undefined }, { a: Number.NaN }, [Infinity], { d: new Date(0) }, { m: new Map() }, () => 1]) {
      expect(schema.safeParse(value).success).toBe(false);
    }
    expect(issues(schema.safeParse({ a: [1, { b: undefined }] }))).toEqual([
      { path: "a.1.b", message: "Only JSON is allowed here: text, numbers, true/false, null, lists and objects." },
    ]);
    expect(schema.safeParse(Object.assign(Object.create(null) as object, { a: 1 })).success).toBe(true);
  });

  it("static input must be an object", () => {
    expect(issues(CreateJobInput.safeParse(workflow({ mode: "static", value: [1] })))).toEqual([{ path: "action.input.value", message: "Expected a JSON object." }]);
    expect(issues(CreateJobInput.safeParse(workflow({ mode: "static" })))).toEqual([{ path: "action.input.value", message: "A JSON object is required." }]);
  });
});

import { TRPCError } from "@trpc/server";
import fc from "fast-check";
import superjson from "superjson";
import { describe, expect, it } from "vitest";
import type { ComposioGateway, JsonSchema } from "../../src/server/composio";
import { createPlannerRoute } from "../../src/server/next/trpc-route";
import { JOB_BUILTIN_VARIABLES, MAX_JSON_BYTES, MAX_JSON_DEPTH } from "../../src/shared/schemas";
import { testPlanner } from "../helpers/planner";

/**
 * Random JSON within (and just beyond) the schemas' limits, stored through the router and listed back.
 * The oracle below is written independently of the validator: it says whether the schemas should admit
 * an input; the router must agree, store nothing it refuses, and every response must serialise.
 */

const AWKWARD_KEYS = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "valueOf", "", "a.b", "..", "$ref", "ключ", "名前", "🙂👍🏽", "constructor_", "x".repeat(150)];
const RESERVED = new Set(["__proto__", "constructor", "prototype"]);

const key = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...AWKWARD_KEYS) }, { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 12 }) });
const text = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: "grapheme", maxLength: 20 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 8 }) }, // lone surrogates, controls
  { weight: 1, arbitrary: fc.constantFrom("", "\u0000\n\"\\", "x".repeat(1_500)) },
);
const leaf = fc.oneof(text, fc.double(), fc.integer(), fc.boolean(), fc.constant(null));
const tree = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", maxDepth: 6 },
    leaf,
    fc.array(tie("value"), { maxLength: 4 }),
    fc.array(fc.tuple(key, tie("value")), { maxLength: 4 }).map((entries) => Object.fromEntries(entries)),
  ),
})).value;

function wrap(value: unknown, levels: number): unknown {
  let wrapped = value;
  for (let i = 0; i < levels; i++) wrapped = i % 2 === 0 ? { [`l${i}`]: wrapped } : [wrapped];
  return wrapped;
}

/** Mostly small trees; some pushed towards the depth limit and some past the size limit. */
const json = fc.oneof(
  { weight: 8, arbitrary: tree },
  { weight: 2, arbitrary: fc.tuple(tree, fc.integer({ min: MAX_JSON_DEPTH - 6, max: MAX_JSON_DEPTH + 2 })).map(([v, n]) => wrap(v, n)) },
  { weight: 1, arbitrary: fc.tuple(tree, fc.integer({ min: 60_000, max: 70_000 })).map(([v, n]) => ({ v, pad: "p".repeat(n) })) },
);
// Through JSON text, as a request body arrives: "__proto__" becomes an own key, -0 and NaN what JSON makes of them.
const fromWire = <T>(arbitrary: fc.Arbitrary<T>) => arbitrary.map((value) => JSON.parse(JSON.stringify(value) ?? "null") as unknown);
const object = fromWire(json.map((value) => (value !== null && typeof value === "object" && !Array.isArray(value) ? value : { value })));

function depthOf(value: unknown): number {
  if (value === null || typeof value !== "object") return 0;
  return 1 + Math.max(0, ...Object.values(value).map(depthOf));
}
function keysOf(value: unknown): string[] {
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([k, v]) => (Array.isArray(value) ? keysOf(v) : [k, ...keysOf(v)]));
}
function stringsOf(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (value === null || typeof value !== "object") return [];
  return Object.values(value).flatMap(stringsOf);
}
const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).byteLength;
function admissibleJson(value: unknown): boolean {
  return !keysOf(value).some((k) => RESERVED.has(k)) && depthOf(value) <= MAX_JSON_DEPTH && bytes(value) <= MAX_JSON_BYTES;
}

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const variables = fromWire(
  fc.array(fc.tuple(fc.oneof(fc.constantFrom("__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "team", "_x", "v".repeat(64)), fc.stringMatching(/^[a-z_][a-z0-9_]{0,10}$/)), text), { maxLength: 6 }).map((e) => Object.fromEntries(e)),
);
const fields = fromWire(fc.array(fc.tuple(key, fc.constantFrom("{eventData}", "{subject} 🙂", "")), { maxLength: 5 }).map((e) => Object.fromEntries(e)));

type Case =
  | { kind: "job"; input: Record<string, unknown>; admissible: boolean }
  | { kind: "trigger"; input: Record<string, unknown>; admissible: boolean };

const base = { agentId: "agent-1", name: "Property ✓ ünïcødé", schedule: { cron: "0 9 * * 1", timezone: "Asia/Tokyo" } };
const triggerBase = { agentId: "agent-1", name: "Événement 🙂", action: { type: "chat", template: "Hi {subject}" } };
const source = (config: unknown) => ({ toolkit: "gmail", triggerSlug: "GMAIL_NEW_GMAIL_MESSAGE", config });

const cases: fc.Arbitrary<Case> = fc.oneof(
  variables.map((v): Case => ({
    kind: "job",
    input: { ...base, action: { type: "chat", template: "Hello {team}" }, variables: v },
    admissible: Object.entries(v as Record<string, string>).every(
      ([k, value]) => !RESERVED.has(k) && VARIABLE_NAME.test(k) && k.length <= 64 && !(JOB_BUILTIN_VARIABLES as readonly string[]).includes(k) && value.length <= 2000,
    ),
  })),
  object.map((value): Case => ({ kind: "job", input: { ...base, action: { type: "workflow", workflowId: "wf_triage", input: { mode: "static", value } } }, admissible: admissibleJson(value) })),
  fields.map((f): Case => ({
    kind: "job",
    input: { ...base, action: { type: "workflow", workflowId: "wf_triage", input: { mode: "fields", fields: f } } },
    admissible: Object.keys(f as object).every((k) => !RESERVED.has(k) && k.length >= 1 && k.length <= 100),
  })),
  object.map((config): Case => ({ kind: "trigger", input: { ...triggerBase, source: source(config) }, admissible: admissibleJson(config) })),
  fromWire(json).map((value): Case => ({
    kind: "trigger",
    input: { ...triggerBase, source: source({}), filters: { match: "any", conditions: [{ path: "payload.labels", op: "equals", value }] } },
    admissible: admissibleJson(value) && stringsOf(value).every((s) => s.length <= 1_000),
  })),
);

/**
 * Enough of Composio for triggers.create: any config is valid, every create gets its own instance. With
 * `ajv: false` the type has no config schema, so the planner leaves the config to Composio and skips
 * compiling a schema per create (~10 ms each), which keeps a thousand cases fast.
 */
function fakeComposio({ ajv }: { ajv: boolean }): ComposioGateway {
  let created = 0;
  const config = (ajv ? { type: "object" } : undefined) as JsonSchema;
  return {
    webhookSecret: "whsec_property",
    listToolkits: () => Promise.resolve([]),
    listTriggerTypes: () => Promise.resolve({ items: [], nextCursor: null, totalPages: 0 }),
    getTriggerType: (slug) => Promise.resolve({ slug, name: "New message", description: "", toolkit: "gmail", type: "webhook", config, payload: { type: "object" } }),
    listConnectedAccounts: () => Promise.resolve([]),
    createTrigger: () => Promise.resolve({ triggerId: `ti_${++created}`, connectedAccountId: "ca_property" }),
    enableTrigger: () => Promise.resolve(),
    disableTrigger: () => Promise.resolve(),
    deleteTrigger: () => Promise.resolve(),
  };
}

/** What the route sends: superjson, then JSON text; parsed back it must equal what was listed. */
function overTheWire(value: unknown): unknown {
  return superjson.deserialize(JSON.parse(JSON.stringify(superjson.serialize(value))) as ReturnType<typeof superjson.serialize>);
}

describe("every JSON shape the schemas admit is stored and listed back (fast-check)", () => {
  it("through createCaller and superjson: admitted iff the oracle says so, refused inputs store nothing, lists always serialise", async () => {
    await fc.assert(
      fc.asyncProperty(cases, async (c) => {
        const { caller, store } = testPlanner({ composio: fakeComposio({ ajv: false }) });
        const api = caller();
        let error: unknown = null;
        try {
          if (c.kind === "job") await api.jobs.create(c.input as never);
          else await api.triggers.create(c.input as never);
        } catch (caught) {
          error = caught;
        }
        const stored = await store.get("agent-1");
        const count = c.kind === "job" ? stored.jobs.length : stored.triggers.length;
        if (c.admissible) {
          expect(error).toBeNull();
          expect(count).toBe(1);
        } else {
          expect(error).toBeInstanceOf(TRPCError);
          expect((error as TRPCError).code).toBe("BAD_REQUEST");
          expect((error as TRPCError).message.length).toBeGreaterThan(10);
          expect(count).toBe(0);
        }
        const list = c.kind === "job" ? await api.jobs.list({ agentId: "agent-1" }) : await api.triggers.list({ agentId: "agent-1" });
        expect(overTheWire(list)).toEqual(list);
        const [first] = list;
        if (first) {
          const one = c.kind === "job" ? await api.jobs.byId({ agentId: "agent-1", jobId: first.id }) : await api.triggers.byId({ agentId: "agent-1", triggerId: first.id });
          expect(overTheWire(one)).toEqual(one);
        }
      }),
      { numRuns: 1_200 },
    );
  }, 60_000);

  it("through the real route with real Requests: never a 500, refused inputs store nothing", async () => {
    await fc.assert(
      fc.asyncProperty(cases, async (c) => {
        const { planner, store } = testPlanner({ composio: fakeComposio({ ajv: true }) });
        const { GET, POST } = createPlannerRoute({ planner, endpoint: "/api/planner" });
        const headers = { "content-type": "application/json", "x-user": "user-1" };
        const path = c.kind === "job" ? "jobs" : "triggers";
        const created = await POST(new Request(`http://localhost/api/planner/${path}.create`, { method: "POST", headers, body: JSON.stringify({ json: c.input }) }));
        expect(created.status).toBe(c.admissible ? 200 : 400);
        const stored = await store.get("agent-1");
        expect(c.kind === "job" ? stored.jobs.length : stored.triggers.length).toBe(c.admissible ? 1 : 0);
        const input = encodeURIComponent(JSON.stringify({ json: { agentId: "agent-1" } }));
        const list = await GET(new Request(`http://localhost/api/planner/${path}.list?input=${input}`, { headers }));
        expect(list.status).toBe(200);
        const listed = superjson.deserialize(((await list.json()) as { result: { data: ReturnType<typeof superjson.serialize> } }).result.data);
        expect(listed).toHaveLength(c.admissible ? 1 : 0);
      }),
      { numRuns: 150 },
    );
  }, 60_000);
});

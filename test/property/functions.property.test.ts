/**
 * The pure functions that run on user and third-party data — templates, filters, cron — with 1,000 generated
 * hostile inputs each: they never throw where their contract says they answer, never hang, and keep their
 * bounds. (Correctness against reference models lives next to each module: src/shared/*\/*.property.test.ts.)
 *
 * "Never hang" is checked per call: each call of a case must return within HANG_MS. These functions take
 * microseconds to milliseconds; the bound is there to catch a runaway (catastrophic backtracking, a cron search
 * that never ends), not to measure speed, so it is generous for a shared, noisy machine.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CONDITION_OPERATORS,
  conditionIssue,
  conditionProblem,
  describeSchedule,
  dstNotes,
  evaluateFilters,
  Filters,
  InvalidScheduleError,
  latestOccurrenceBetween,
  listTemplateVariables,
  lookupVariable,
  MAX_NEXT_RUNS,
  minIntervalMinutes,
  nextRunAfter,
  nextRuns,
  occurrencesBetween,
  parseTemplate,
  renderTemplate,
  validateSchedule,
  validateTemplate,
  type TemplateVariables,
} from "../../src/shared";
import { hostileRuns, hostileValue } from "./arbitraries";

const RUNS = hostileRuns(1000);
const HANG_MS = 5_000;
const TIMEOUT = 180_000;

/** Calls `fn`, failing the case if it takes longer than HANG_MS (a runaway, not a slow machine). */
function timed<T>(label: string, fn: () => T): T {
  const started = performance.now();
  const result = fn();
  const took = performance.now() - started;
  if (took > HANG_MS) throw new Error(`${label} took ${Math.round(took)} ms`);
  return result;
}

const utf8 = (text: string) => Buffer.byteLength(text, "utf8");

// ── templates ────────────────────────────────────────────────────────────────────────────────────────────────

const templatePiece = fc.oneof(
  fc.constantFrom("{", "}", "{{", "}}", "{}", "{ }", "{.}", "{a.}", "{.a}", "{a..b}", "{0}", "{a.0.b}", "{__proto__}", "{constructor}", "{constructor.name}"),
  fc.constantFrom("{__proto__.polluted}", "{toString}", "{a.__proto__.b}", "{agentName}", "{eventData}", "{eventData.payload.headers.0.name}", "\u0000", "\uD800", "💥", "é"),
  fc.string({ maxLength: 12 }).map((name) => `{${name}}`),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: "grapheme", maxLength: 8 }),
  fc.integer({ min: 64, max: 400 }).map((n) => `{${"a".repeat(n)}}`),
  fc.integer({ min: 1, max: 200 }).map((n) => `{${Array(n).fill("a").join(".")}}`),
);
const template = fc.oneof(
  { weight: 8, arbitrary: fc.array(templatePiece, { maxLength: 30 }).map((pieces) => pieces.join("")) },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 20_000 }).map((n) => "{".repeat(n)) },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 5_000 }).map((n) => "{a}".repeat(n)) },
);
const variables: fc.Arbitrary<TemplateVariables> = fc.oneof(
  fc.dictionary(fc.oneof(fc.constantFrom("a", "agentName", "eventData", "__proto__", "constructor", "a.b", "toString", "0"), fc.string({ maxLength: 8 })), hostileValue, { maxKeys: 8 }),
  hostileValue.map((value) => ({ a: value, eventData: value }) as TemplateVariables),
) as fc.Arbitrary<TemplateVariables>;

describe("templates under hostile input", () => {
  it("renderTemplate never throws, keeps maxBytes, and pollutes nothing", () => {
    fc.assert(
      fc.property(template, variables, fc.option(fc.integer({ min: 0, max: 4096 }), { nil: undefined }), (text, vars, maxBytes) => {
        const rendered = timed("renderTemplate", () => renderTemplate(text, vars, maxBytes === undefined ? {} : { maxBytes }));
        expect(typeof rendered.text).toBe("string");
        expect(Array.isArray(rendered.missing)).toBe(true);
        if (maxBytes !== undefined) expect(utf8(rendered.text)).toBeLessThanOrEqual(Math.max(maxBytes, 0));
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      RUNS,
    );
  }, TIMEOUT);

  it("parseTemplate, validateTemplate, listTemplateVariables and lookupVariable never throw", () => {
    fc.assert(
      fc.property(template, fc.array(fc.string({ maxLength: 12 }), { maxLength: 5 }), variables, (text, known, vars) => {
        const segments = timed("parseTemplate", () => parseTemplate(text));
        expect(Array.isArray(segments)).toBe(true);
        const validation = timed("validateTemplate", () => validateTemplate(text, known));
        expect(typeof validation).toBe("object");
        const names = timed("listTemplateVariables", () => listTemplateVariables(text));
        for (const name of names) timed("lookupVariable", () => lookupVariable(vars, name.split(".")));
      }),
      RUNS,
    );
  }, TIMEOUT);
});

// ── filters ──────────────────────────────────────────────────────────────────────────────────────────────────

const path = fc.oneof(
  fc.constantFrom("subject", "from", "labels", "labels.0", "payload.headers.0.name", "__proto__", "constructor.prototype", "a.__proto__.b", "toString", "0", "a..b", ".", ""),
  fc.string({ maxLength: 30 }),
  fc.integer({ min: 1, max: 60 }).map((n) => Array(n).fill("a").join(".")),
);
const pattern = fc.oneof(
  fc.constantFrom("(a+)+$", "(a|aa)+$", "(.*a){20}", "^(\\w+\\s?)*$", "[", "(?<name>x)", "\\", "(?=x)", "a{1000}", "(a*)*b", "\\p{L}+", "(?i)subject", ""),
  fc.string({ maxLength: 40 }),
);
const filterValue = fc.oneof(hostileValue, pattern, fc.array(fc.string({ maxLength: 10 }), { maxLength: 5 }), fc.double(), fc.constantFrom("2026-11-30T09:00:00Z", "yesterday", "1e999"));
const operator = fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...CONDITION_OPERATORS) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) });
const condition = fc.record({ path, op: operator, value: fc.option(filterValue, { nil: undefined }) });
const payload = fc.oneof(
  hostileValue,
  fc.record({
    subject: fc.oneof(fc.string({ maxLength: 40 }), fc.integer({ min: 10_000, max: 200_000 }).map((n) => `${"a".repeat(n)}!`)),
    from: fc.string({ maxLength: 20 }),
    labels: fc.array(fc.string({ maxLength: 8 }), { maxLength: 6 }),
    payload: hostileValue,
  }),
);

describe("filters under hostile input", () => {
  it("conditionIssue and conditionProblem never throw on any condition-like input", () => {
    fc.assert(
      fc.property(condition, (raw) => {
        const issue = timed("conditionIssue", () => conditionIssue(raw as never));
        const problem = timed("conditionProblem", () => conditionProblem(raw as never));
        expect(issue === null || typeof issue.message === "string").toBe(true);
        expect(problem === null || typeof problem === "string").toBe(true);
      }),
      RUNS,
    );
  }, TIMEOUT);

  it("evaluateFilters never throws or hangs on filters that passed the schema, whatever the event", () => {
    let evaluated = 0;
    fc.assert(
      fc.property(fc.constantFrom("all", "any"), fc.array(condition, { minLength: 1, maxLength: 5 }), payload, (match, conditions, event) => {
        // Stored filters always passed the shared schema; a condition it refuses is kept out, not the case.
        const accepted = conditions.filter((c) => Filters.safeParse({ match, conditions: [c] }).success);
        const parsed = Filters.safeParse({ match, conditions: accepted.length > 0 ? accepted : [{ path: "subject", op: "exists" }] });
        expect(parsed.success).toBe(true);
        if (!parsed.success) return;
        const result = timed("evaluateFilters", () => evaluateFilters(parsed.data, event));
        if (accepted.length > 0) evaluated++;
        expect(typeof result.matched).toBe("boolean");
        expect(result.results).toHaveLength(parsed.data.conditions.length);
        // Undefined filters match everything.
        expect(evaluateFilters(undefined, event).matched).toBe(true);
      }),
      RUNS,
    );
    // The generator's conditions are not all refused: a good share of the cases evaluate generated conditions.
    expect(evaluated).toBeGreaterThan(300);
  }, TIMEOUT);
});

// ── cron ─────────────────────────────────────────────────────────────────────────────────────────────────────

const cronField = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom("*", "*/5", "0", "1", "1-5", "1,2,3", "1-28/7", "*/15") },
  { weight: 2, arbitrary: fc.constantFrom("59", "60", "5-1", "L", "W", "15W", "5L", "1#2", "?", "*/0", "0/0", "MON-FRI", "JAN", "7", "-1", "*/1000000", "LW", "SUN#5") },
  { weight: 1, arbitrary: fc.integer({ min: -5, max: 100 }).map(String) },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
);
const cron = fc.oneof(
  { weight: 5, arbitrary: fc.array(cronField, { minLength: 5, maxLength: 5 }).map((fields) => fields.join(" ")) },
  { weight: 2, arbitrary: fc.array(cronField, { minLength: 4, maxLength: 7 }).map((fields) => fields.join(" ")) },
  { weight: 2, arbitrary: fc.constantFrom("0 9 * * 1", "0 0 29 2 *", "0 0 30 2 *", "0 0 31 4 *", "0 0 31 2 *", "@daily", "@yearly", "@reboot", "0 0 L * *", "0 0 LW * *", "0 9 1#5 * *", "0 0 29 2 1", "  0 9 * * 1  ", "0 9 * * 1\n", "") },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
);
const timezone = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom("UTC", "Europe/Paris", "America/New_York", "Australia/Lord_Howe", "Pacific/Chatham", "Asia/Kathmandu", "America/Santiago", "Etc/GMT+12", "Etc/GMT-14") },
  { weight: 1, arbitrary: fc.constantFrom("Mars/Olympus", "", "utc", "Europe/paris", "../etc", "Local") },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
);
const instant = fc.date({ min: new Date("1970-01-01T00:00:00Z"), max: new Date("2199-12-31T00:00:00Z"), noInvalidDate: true });

describe("cron under hostile input", () => {
  it("validateSchedule and describeSchedule never throw; the functions that compute runs throw only InvalidScheduleError for an invalid one", () => {
    let valid = 0;
    fc.assert(
      fc.property(cron, timezone, instant, fc.integer({ min: 0, max: MAX_NEXT_RUNS }), fc.integer({ min: 0, max: 400 * 24 * 60 }), (expression, zone, from, count, spanMinutes) => {
        const validation = timed("validateSchedule", () => validateSchedule(expression, zone));
        expect(typeof timed("describeSchedule", () => describeSchedule(expression))).toBe("string");
        const to = new Date(from.getTime() + spanMinutes * 60_000);
        if (!validation.ok) {
          expect(validation.errors.length).toBeGreaterThan(0);
          expect(() => nextRuns(expression, zone, { from, count })).toThrow(InvalidScheduleError);
          expect(() => occurrencesBetween(expression, zone, from, to, 10)).toThrow(InvalidScheduleError);
          return;
        }
        valid++;
        const runs = timed("nextRuns", () => nextRuns(expression, zone, { from, count }));
        expect(runs.length).toBeLessThanOrEqual(count);
        for (let i = 0; i < runs.length; i++) {
          expect(runs[i]!.getTime()).toBeGreaterThan(i === 0 ? from.getTime() : runs[i - 1]!.getTime());
        }
        const between = timed("occurrencesBetween", () => occurrencesBetween(expression, zone, from, to, 100));
        expect(between.occurrences.length).toBeLessThanOrEqual(100);
        for (const at of between.occurrences) expect(at.getTime() > from.getTime() && at.getTime() <= to.getTime()).toBe(true);
        timed("latestOccurrenceBetween", () => latestOccurrenceBetween(expression, zone, from, to));
        timed("nextRunAfter", () => nextRunAfter({ cron: expression, timezone: zone }, from));
        expect(timed("minIntervalMinutes", () => minIntervalMinutes(expression, zone, { from, sample: 50 }))).toBeGreaterThan(0);
        expect(Array.isArray(timed("dstNotes", () => dstNotes(expression, zone, runs.slice(0, 20))))).toBe(true);
      }),
      RUNS,
    );
    // A good share of the generated schedules are valid, so the run computations are exercised too.
    expect(valid).toBeGreaterThan(50);
  }, TIMEOUT);
});

import { Cron } from "croner";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { latestOccurrenceBetween, nextRuns, occurrencesBetween, validateSchedule } from "./index";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const ZONES = ["UTC", "America/New_York", "Europe/London", "Australia/Sydney", "Asia/Kolkata", "Australia/Lord_Howe", "America/Santiago"];

/** Every 2026 offset change of the zones above with DST, as the first instant with the new offset. */
const TRANSITIONS: { zone: string; at: string }[] = [
  { zone: "America/New_York", at: "2026-03-08T07:00:00Z" },
  { zone: "America/New_York", at: "2026-11-01T06:00:00Z" },
  { zone: "Europe/London", at: "2026-03-29T01:00:00Z" },
  { zone: "Europe/London", at: "2026-10-25T01:00:00Z" },
  { zone: "Australia/Sydney", at: "2026-04-04T16:00:00Z" },
  { zone: "Australia/Sydney", at: "2026-10-03T16:00:00Z" },
  { zone: "Australia/Lord_Howe", at: "2026-04-04T15:00:00Z" },
  { zone: "Australia/Lord_Howe", at: "2026-10-03T15:30:00Z" },
  { zone: "America/Santiago", at: "2026-04-05T03:00:00Z" },
  { zone: "America/Santiago", at: "2026-09-06T04:00:00Z" },
];

const formats = new Map(
  ZONES.map((zone) => [
    zone,
    new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    }),
  ]),
);

/** Local time minus UTC, read with Intl independently of the module under test. */
function offsetOf(zone: string, instant: number): number {
  const parts = formats.get(zone)!.formatToParts(instant);
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  return Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second")) - instant;
}

function field(min: number, max: number, maxStep: number, value: fc.Arbitrary<number>, render: (n: number) => fc.Arbitrary<string>) {
  const step = fc.integer({ min: 1, max: maxStep });
  const range = fc.tuple(value, value).map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const);
  return fc.oneof(
    fc.constant("*"),
    value.chain(render),
    step.map((k) => `*/${k}`),
    range.chain(([a, b]) => fc.tuple(render(a), render(b)).map(([x, y]) => `${x}-${y}`)),
    fc.tuple(range, step).map(([[a, b], k]) => `${a}-${b}/${k}`),
    fc.uniqueArray(value, { minLength: 2, maxLength: 4 }).map((values) => values.join(",")),
  );
}

const plain = (n: number) => fc.constant(String(n));
const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

/** Valid 5-field expressions, built from field values; hours and minutes lean towards DST-prone times. */
const expression = fc
  .tuple(
    field(0, 59, 60, fc.oneof(fc.integer({ min: 0, max: 59 }), fc.constantFrom(0, 15, 30, 45)), plain),
    field(0, 23, 24, fc.oneof(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 1, 2, 3, 23)), plain),
    fc.oneof(fc.constant("*"), fc.constant("*"), field(1, 31, 31, fc.integer({ min: 1, max: 31 }), plain)),
    fc.oneof(
      fc.constant("*"),
      fc.constant("*"),
      field(1, 12, 12, fc.integer({ min: 1, max: 12 }), (n) => fc.constantFrom(String(n), MONTHS[n - 1] ?? String(n))),
    ),
    fc.oneof(fc.constant("*"), field(0, 6, 7, fc.integer({ min: 0, max: 6 }), (n) => fc.constantFrom(String(n), DAYS[n] ?? String(n)))),
  )
  .map((fields) => fields.join(" "));

/** Valid expressions that run (a few generated day/month combinations never do, and are refused). */
function runnable(cron: string, zone: string): boolean {
  const result = validateSchedule(cron, zone);
  if (result.ok) return true;
  expect(result.errors).toHaveLength(1);
  expect(result.errors[0]?.message).toMatch(/^This schedule never runs: /);
  return false;
}

const instant = fc.oneof(
  fc.integer({ min: Date.UTC(2025, 5, 1), max: Date.UTC(2027, 5, 1) }),
  fc.tuple(fc.constantFrom(...TRANSITIONS.map((t) => Date.parse(t.at))), fc.integer({ min: -2 * DAY, max: DAY })).map(([at, delta]) => at + delta),
);

describe("nextRuns (property)", () => {
  it("is strictly increasing, after `from`, on whole minutes, and each run matches croner's own match in the zone", () => {
    fc.assert(
      fc.property(expression, fc.constantFrom(...ZONES), instant, fc.integer({ min: 1, max: 8 }), (cron, zone, fromMs, count) => {
        fc.pre(runnable(cron, zone));
        const runs = nextRuns(cron, zone, { from: new Date(fromMs), count }).map((run) => run.getTime());
        expect(runs).toHaveLength(count);
        const croner = new Cron(cron, { timezone: zone, mode: "5-part", domAndDow: false });
        let previous = fromMs;
        for (const run of runs) {
          expect(run).toBeGreaterThan(previous);
          expect(run % MINUTE).toBe(0);
          // The one documented exception: a run moved to the end of a spring-forward jump.
          const movedBySpringForward = offsetOf(zone, run - 1000) < offsetOf(zone, run);
          if (!movedBySpringForward) expect(croner.match(new Date(run))).toBe(true);
          previous = run;
        }
      }),
      { numRuns: 250 },
    );
  }, 30_000);

  it("matches a minute-by-minute scan that applies the DST policy, around every 2026 transition", () => {
    fc.assert(
      fc.property(expression, fc.constantFrom(...TRANSITIONS), (cron, transition) => {
        fc.pre(runnable(cron, transition.zone));
        const start = Date.parse(transition.at) - 4 * HOUR;
        const end = Date.parse(transition.at) + 4 * HOUR;
        const wall = new Cron(cron, { utcOffset: 0, mode: "5-part", domAndDow: false });
        const wallMatches = (wallMs: number) => wall.match(new Date(wallMs));

        const expected: number[] = [];
        const seen = new Set<number>();
        const add = (at: number) => {
          if (expected[expected.length - 1] !== at) expected.push(at);
        };
        let previousOffset = offsetOf(transition.zone, start);
        for (let at = start + MINUTE; at <= end; at += MINUTE) {
          const offset = offsetOf(transition.zone, at);
          if (offset > previousOffset) {
            // Local times skipped by the jump run once, at the first instant after it.
            for (let skipped = at + previousOffset; skipped < at + offset; skipped += MINUTE) {
              if (wallMatches(skipped)) {
                add(at);
                break;
              }
            }
          }
          const local = at + offset;
          // A local time seen before is the second pass of a repeated hour: it does not run again.
          if (wallMatches(local) && !seen.has(local)) add(at);
          seen.add(local);
          previousOffset = offset;
        }

        const result = occurrencesBetween(cron, transition.zone, new Date(start), new Date(end), 1000);
        expect(result.occurrences.map((run) => run.toISOString())).toEqual(expected.map((at) => new Date(at).toISOString()));
        expect(result.truncated).toBe(false);
        const last = expected[expected.length - 1];
        expect(latestOccurrenceBetween(cron, transition.zone, new Date(start), new Date(end))?.toISOString() ?? null).toBe(
          last === undefined ? null : new Date(last).toISOString(),
        );
      }),
      { numRuns: 200 },
    );
  }, 60_000);

  it("latestOccurrenceBetween is the last of occurrencesBetween, and occurrencesBetween is a prefix of nextRuns", () => {
    fc.assert(
      fc.property(
        expression,
        fc.constantFrom(...ZONES),
        instant,
        fc.integer({ min: 0, max: 3 * DAY }),
        (cron, zone, fromMs, length) => {
          fc.pre(runnable(cron, zone));
          const from = new Date(fromMs);
          const to = new Date(fromMs + length);
          const { occurrences, truncated, after } = occurrencesBetween(cron, zone, from, to, 50);
          const latest = latestOccurrenceBetween(cron, zone, from, to);
          if (!truncated) expect(latest?.toISOString() ?? null).toBe(occurrences[occurrences.length - 1]?.toISOString() ?? null);
          else expect(latest!.getTime()).toBeGreaterThanOrEqual(occurrences[occurrences.length - 1]!.getTime());
          const upcoming = nextRuns(cron, zone, { from, count: occurrences.length + 1 });
          expect(upcoming.slice(0, occurrences.length)).toEqual(occurrences);
          if (!truncated) expect(upcoming[occurrences.length]!.getTime()).toBeGreaterThan(to.getTime());
          // The run found after the window is the next run from its end (what the tick stores as nextRunAt).
          if (!truncated && length > 0) expect(after?.toISOString()).toBe(nextRuns(cron, zone, { from: to, count: 1 })[0]?.toISOString());
        },
      ),
      { numRuns: 150 },
    );
  }, 30_000);
});

describe("test fixtures", () => {
  it("lists real offset changes", () => {
    for (const transition of TRANSITIONS) {
      const at = Date.parse(transition.at);
      expect(offsetOf(transition.zone, at - 1000), transition.at).not.toBe(offsetOf(transition.zone, at));
      expect(offsetOf(transition.zone, at - 1000 - HOUR), transition.at).toBe(offsetOf(transition.zone, at - 1000));
    }
  });
});

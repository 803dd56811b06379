import { describe, expect, it } from "vitest";
import { InvalidScheduleError, latestOccurrenceBetween, minIntervalMinutes, nextRuns, occurrencesBetween } from "./index";

function runs(cron: string, timezone: string, from: string, count: number): string[] {
  return nextRuns(cron, timezone, { from: new Date(from), count }).map((run) => run.toISOString());
}

function between(cron: string, timezone: string, from: string, to: string, cap: number) {
  const result = occurrencesBetween(cron, timezone, new Date(from), new Date(to), cap);
  return { occurrences: result.occurrences.map((run) => run.toISOString()), truncated: result.truncated };
}

function latest(cron: string, timezone: string, from: string, to: string): string | null {
  return latestOccurrenceBetween(cron, timezone, new Date(from), new Date(to))?.toISOString() ?? null;
}

// 2026 transitions used below (local times):
// America/New_York  forward Sun 8 Mar 02:00 EST → 03:00 EDT   back Sun 1 Nov 02:00 EDT → 01:00 EST
// Europe/London     forward Sun 29 Mar 01:00 GMT → 02:00 BST  back Sun 25 Oct 02:00 BST → 01:00 GMT
// Australia/Sydney  back Sun 5 Apr 03:00 AEDT → 02:00 AEST    forward Sun 4 Oct 02:00 AEST → 03:00 AEDT
// Asia/Kolkata      +05:30 all year

describe("nextRuns: a local time that does not exist runs once, at the first valid instant after it", () => {
  it("America/New_York: 02:30 on Sun 8 Mar 2026 runs at 03:00 EDT", () => {
    expect(runs("30 2 * * *", "America/New_York", "2026-03-07T12:00:00Z", 3)).toEqual([
      "2026-03-08T07:00:00.000Z",
      "2026-03-09T06:30:00.000Z",
      "2026-03-10T06:30:00.000Z",
    ]);
  });

  it("Europe/London: 01:30 on Sun 29 Mar 2026 runs at 02:00 BST; 02:30 is unaffected", () => {
    expect(runs("30 1 * * *", "Europe/London", "2026-03-28T12:00:00Z", 2)).toEqual(["2026-03-29T01:00:00.000Z", "2026-03-30T00:30:00.000Z"]);
    expect(runs("30 2 * * *", "Europe/London", "2026-03-28T12:00:00Z", 2)).toEqual(["2026-03-29T01:30:00.000Z", "2026-03-30T01:30:00.000Z"]);
  });

  it("Australia/Sydney: 02:30 on Sun 4 Oct 2026 runs at 03:00 AEDT", () => {
    expect(runs("30 2 * * *", "Australia/Sydney", "2026-10-03T00:00:00Z", 2)).toEqual(["2026-10-03T16:00:00.000Z", "2026-10-04T15:30:00.000Z"]);
  });

  it("Asia/Kolkata has no DST: 02:30 every day at 21:00 UTC the day before", () => {
    expect(runs("30 2 * * *", "Asia/Kolkata", "2026-03-07T00:00:00Z", 3)).toEqual([
      "2026-03-07T21:00:00.000Z",
      "2026-03-08T21:00:00.000Z",
      "2026-03-09T21:00:00.000Z",
    ]);
  });

  it("Australia/Lord_Howe (30-minute DST): 02:15 on Sun 4 Oct 2026 runs at 02:30 +11:00", () => {
    expect(runs("15 2 * * *", "Australia/Lord_Howe", "2026-10-03T00:00:00Z", 2)).toEqual(["2026-10-03T15:30:00.000Z", "2026-10-04T15:15:00.000Z"]);
  });

  it("America/Santiago (DST starts at midnight): 00:30 on Sun 6 Sep 2026 runs at 01:00", () => {
    expect(runs("30 0 * * *", "America/Santiago", "2026-09-05T12:00:00Z", 2)).toEqual(["2026-09-06T04:00:00.000Z", "2026-09-07T03:30:00.000Z"]);
  });

  it("several skipped times give one run", () => {
    expect(runs("0,30 2 * * *", "America/New_York", "2026-03-07T12:00:00Z", 3)).toEqual([
      "2026-03-08T07:00:00.000Z",
      "2026-03-09T06:00:00.000Z",
      "2026-03-09T06:30:00.000Z",
    ]);
    expect(runs("* 2 * * *", "America/New_York", "2026-03-08T06:58:00Z", 2)).toEqual(["2026-03-08T07:00:00.000Z", "2026-03-09T06:00:00.000Z"]);
  });

  it("a skipped time and the time the clock lands on give one run", () => {
    expect(runs("0 1-3 * * *", "America/New_York", "2026-03-08T00:00:00Z", 3)).toEqual([
      "2026-03-08T06:00:00.000Z",
      "2026-03-08T07:00:00.000Z",
      "2026-03-09T05:00:00.000Z",
    ]);
  });

  it("applies to lists, steps and sparse schedules too, which croner alone would skip", () => {
    expect(runs("30 2,14 * * *", "America/New_York", "2026-03-07T12:00:00Z", 3)).toEqual([
      "2026-03-07T19:30:00.000Z",
      "2026-03-08T07:00:00.000Z",
      "2026-03-08T18:30:00.000Z",
    ]);
    expect(runs("*/30 2 * * *", "America/New_York", "2026-03-07T12:00:00Z", 2)).toEqual(["2026-03-08T07:00:00.000Z", "2026-03-09T06:00:00.000Z"]);
    expect(runs("*/30 2 8 3 *", "America/New_York", "2026-01-01T00:00:00Z", 2)).toEqual(["2026-03-08T07:00:00.000Z", "2027-03-08T07:00:00.000Z"]);
    expect(runs("15 * * * *", "America/New_York", "2026-03-08T05:00:00Z", 4)).toEqual([
      "2026-03-08T05:15:00.000Z",
      "2026-03-08T06:15:00.000Z",
      "2026-03-08T07:00:00.000Z",
      "2026-03-08T07:15:00.000Z",
    ]);
  });
});

describe("nextRuns: a local time that happens twice runs once, at its first occurrence", () => {
  it("America/New_York: 01:30 on Sun 1 Nov 2026 runs at 01:30 EDT only", () => {
    expect(runs("30 1 * * *", "America/New_York", "2026-10-31T12:00:00Z", 3)).toEqual([
      "2026-11-01T05:30:00.000Z",
      "2026-11-02T06:30:00.000Z",
      "2026-11-03T06:30:00.000Z",
    ]);
  });

  it("Europe/London: 01:30 on Sun 25 Oct 2026 runs at 01:30 BST only", () => {
    expect(runs("30 1 * * *", "Europe/London", "2026-10-24T12:00:00Z", 2)).toEqual(["2026-10-25T00:30:00.000Z", "2026-10-26T01:30:00.000Z"]);
  });

  it("Australia/Sydney: 02:30 on Sun 5 Apr 2026 runs at 02:30 AEDT only", () => {
    expect(runs("30 2 * * *", "Australia/Sydney", "2026-04-04T00:00:00Z", 2)).toEqual(["2026-04-04T15:30:00.000Z", "2026-04-05T16:30:00.000Z"]);
  });

  it("Australia/Lord_Howe (30-minute DST): 01:45 on Sun 5 Apr 2026 runs at 01:45 +11:00 only", () => {
    expect(runs("45 1 * * *", "Australia/Lord_Howe", "2026-04-04T00:00:00Z", 2)).toEqual(["2026-04-04T14:45:00.000Z", "2026-04-05T15:15:00.000Z"]);
  });

  it("applies to steps too, which croner alone would run on both passes", () => {
    expect(runs("*/30 1 * * *", "America/New_York", "2026-10-31T12:00:00Z", 4)).toEqual([
      "2026-11-01T05:00:00.000Z",
      "2026-11-01T05:30:00.000Z",
      "2026-11-02T06:00:00.000Z",
      "2026-11-02T06:30:00.000Z",
    ]);
  });

  it("starting inside the second pass skips the rest of it", () => {
    expect(runs("*/30 * * * *", "America/New_York", "2026-11-01T06:10:00Z", 2)).toEqual(["2026-11-01T07:00:00.000Z", "2026-11-01T07:30:00.000Z"]);
  });
});

describe("nextRuns: hourly across both transitions", () => {
  it("America/New_York", () => {
    expect(runs("0 * * * *", "America/New_York", "2026-03-08T04:00:00Z", 5)).toEqual([
      "2026-03-08T05:00:00.000Z",
      "2026-03-08T06:00:00.000Z",
      "2026-03-08T07:00:00.000Z",
      "2026-03-08T08:00:00.000Z",
      "2026-03-08T09:00:00.000Z",
    ]);
    expect(runs("0 * * * *", "America/New_York", "2026-11-01T03:00:00Z", 4)).toEqual([
      "2026-11-01T04:00:00.000Z",
      "2026-11-01T05:00:00.000Z",
      "2026-11-01T07:00:00.000Z",
      "2026-11-01T08:00:00.000Z",
    ]);
  });

  it("Europe/London", () => {
    expect(runs("0 * * * *", "Europe/London", "2026-03-29T00:00:00Z", 3)).toEqual([
      "2026-03-29T01:00:00.000Z",
      "2026-03-29T02:00:00.000Z",
      "2026-03-29T03:00:00.000Z",
    ]);
    expect(runs("0 * * * *", "Europe/London", "2026-10-24T23:00:00Z", 3)).toEqual([
      "2026-10-25T00:00:00.000Z",
      "2026-10-25T02:00:00.000Z",
      "2026-10-25T03:00:00.000Z",
    ]);
  });

  it("Australia/Sydney", () => {
    expect(runs("0 * * * *", "Australia/Sydney", "2026-04-04T14:00:00Z", 3)).toEqual([
      "2026-04-04T15:00:00.000Z",
      "2026-04-04T17:00:00.000Z",
      "2026-04-04T18:00:00.000Z",
    ]);
    expect(runs("0 * * * *", "Australia/Sydney", "2026-10-03T14:00:00Z", 3)).toEqual([
      "2026-10-03T15:00:00.000Z",
      "2026-10-03T16:00:00.000Z",
      "2026-10-03T17:00:00.000Z",
    ]);
  });

  it("Asia/Kolkata, on the half hour in UTC", () => {
    expect(runs("0 * * * *", "Asia/Kolkata", "2026-03-08T05:00:00Z", 3)).toEqual([
      "2026-03-08T05:30:00.000Z",
      "2026-03-08T06:30:00.000Z",
      "2026-03-08T07:30:00.000Z",
    ]);
  });

  it("23 runs on the spring-forward day (02:00 and 03:00 are one run) and 24 on the fall-back day", () => {
    expect(between("0 * * * *", "America/New_York", "2026-03-08T04:59:59Z", "2026-03-09T03:59:59Z", 100).occurrences).toHaveLength(23);
    expect(between("0 * * * *", "America/New_York", "2026-11-01T03:59:59Z", "2026-11-02T04:59:59Z", 100).occurrences).toHaveLength(24);
  });
});

describe("nextRuns: ordinary schedules", () => {
  it("weekdays at 09:00 in Paris (UTC+1 in winter) skip the weekend", () => {
    expect(runs("0 9 * * 1-5", "Europe/Paris", "2026-01-16T09:00:00Z", 3)).toEqual([
      "2026-01-19T08:00:00.000Z",
      "2026-01-20T08:00:00.000Z",
      "2026-01-21T08:00:00.000Z",
    ]);
  });

  it("every 15 minutes", () => {
    expect(runs("*/15 * * * *", "UTC", "2026-01-01T00:07:00Z", 3)).toEqual([
      "2026-01-01T00:15:00.000Z",
      "2026-01-01T00:30:00.000Z",
      "2026-01-01T00:45:00.000Z",
    ]);
  });

  it("is strictly after `from`, also when `from` is a run or has milliseconds", () => {
    expect(runs("0 9 * * *", "UTC", "2026-01-01T09:00:00Z", 1)).toEqual(["2026-01-02T09:00:00.000Z"]);
    expect(runs("0 9 * * *", "UTC", "2026-01-01T08:59:59.999Z", 1)).toEqual(["2026-01-01T09:00:00.000Z"]);
    expect(runs("0 9 * * *", "UTC", "2026-01-01T09:00:00.001Z", 1)).toEqual(["2026-01-02T09:00:00.000Z"]);
  });

  it("ORs day of month and day of week when both are restricted (Vixie cron)", () => {
    expect(runs("0 9 1 * MON", "UTC", "2026-01-01T00:00:00Z", 4)).toEqual([
      "2026-01-01T09:00:00.000Z",
      "2026-01-05T09:00:00.000Z",
      "2026-01-12T09:00:00.000Z",
      "2026-01-19T09:00:00.000Z",
    ]);
    expect(runs("0 0 30 2 MON", "UTC", "2026-02-01T00:00:00Z", 1)).toEqual(["2026-02-02T00:00:00.000Z"]);
    // A step counts as restricted (croner), so odd days OR Mondays, not odd Mondays.
    expect(runs("0 0 */2 * MON", "UTC", "2026-01-08T12:00:00Z", 3)).toEqual([
      "2026-01-09T00:00:00.000Z",
      "2026-01-11T00:00:00.000Z",
      "2026-01-12T00:00:00.000Z",
    ]);
  });

  it("names, 7 as Sunday, and shortcuts", () => {
    expect(runs("0 12 * JAN SUN", "UTC", "2026-01-01T00:00:00Z", 2)).toEqual(["2026-01-04T12:00:00.000Z", "2026-01-11T12:00:00.000Z"]);
    expect(runs("0 12 * * 7", "UTC", "2026-01-01T00:00:00Z", 1)).toEqual(["2026-01-04T12:00:00.000Z"]);
    expect(runs("@weekly", "UTC", "2026-01-01T00:00:00Z", 2)).toEqual(["2026-01-04T00:00:00.000Z", "2026-01-11T00:00:00.000Z"]);
    expect(runs("@monthly", "Asia/Kolkata", "2026-01-01T00:00:00Z", 2)).toEqual(["2026-01-31T18:30:00.000Z", "2026-02-28T18:30:00.000Z"]);
    expect(runs("@yearly", "Europe/London", "2026-01-01T00:00:00Z", 1)).toEqual(["2027-01-01T00:00:00.000Z"]);
  });

  it("leap days", () => {
    expect(runs("0 0 29 2 *", "UTC", "2026-01-01T00:00:00Z", 2)).toEqual(["2028-02-29T00:00:00.000Z", "2032-02-29T00:00:00.000Z"]);
  });

  it("count 0 gives no runs", () => {
    expect(runs("* * * * *", "UTC", "2026-01-01T00:00:00Z", 0)).toEqual([]);
  });
});

describe("nextRuns: bad input", () => {
  it("throws InvalidScheduleError carrying the validation errors", () => {
    let caught: unknown;
    try {
      nextRuns("0 24 * * *", "Mars/Base", { from: new Date("2026-01-01T00:00:00Z"), count: 1 });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidScheduleError);
    expect((caught as InvalidScheduleError).errors).toEqual([
      { field: "hour", message: "Hour must be between 0 and 23, got 24." },
      { field: "timezone", message: 'Unknown timezone "Mars/Base". Use an IANA name like Europe/Paris.' },
    ]);
    expect((caught as InvalidScheduleError).message).toBe(
      'Hour must be between 0 and 23, got 24. Unknown timezone "Mars/Base". Use an IANA name like Europe/Paris.',
    );
  });

  it("refuses schedules that never run", () => {
    expect(() => nextRuns("0 0 30 2 *", "UTC", { from: new Date("2026-01-01T00:00:00Z"), count: 1 })).toThrow(
      "This schedule never runs: February never has a 30th.",
    );
  });

  it("refuses a bad date or count", () => {
    expect(() => nextRuns("* * * * *", "UTC", { from: new Date("nope"), count: 1 })).toThrow(new RangeError("from must be a valid Date."));
    expect(() => nextRuns("* * * * *", "UTC", { from: new Date(0), count: -1 })).toThrow(
      new RangeError("count must be a whole number from 0 to 1000, got -1."),
    );
    expect(() => nextRuns("* * * * *", "UTC", { from: new Date(0), count: 1.5 })).toThrow(RangeError);
    expect(() => nextRuns("* * * * *", "UTC", { from: new Date(0), count: 1001 })).toThrow(RangeError);
  });
});

describe("occurrencesBetween", () => {
  it("returns the runs in (from, to], ascending", () => {
    expect(between("0 * * * *", "UTC", "2026-01-01T00:00:00Z", "2026-01-01T03:00:00Z", 10)).toEqual({
      occurrences: ["2026-01-01T01:00:00.000Z", "2026-01-01T02:00:00.000Z", "2026-01-01T03:00:00.000Z"],
      truncated: false,
    });
  });

  it("stops at the cap and says so", () => {
    expect(between("0 * * * *", "UTC", "2026-01-01T00:00:00Z", "2026-01-01T03:00:00Z", 2)).toEqual({
      occurrences: ["2026-01-01T01:00:00.000Z", "2026-01-01T02:00:00.000Z"],
      truncated: true,
    });
    expect(between("0 * * * *", "UTC", "2026-01-01T00:00:00Z", "2026-01-01T03:00:00Z", 3).truncated).toBe(false);
    expect(between("0 * * * *", "UTC", "2026-01-01T00:00:00Z", "2026-01-01T03:00:00Z", 0)).toEqual({ occurrences: [], truncated: true });
  });

  it("stays cheap over a window of decades", () => {
    expect(between("* * * * *", "America/New_York", "2000-01-01T00:00:00Z", "2026-06-01T00:00:00Z", 3)).toEqual({
      occurrences: ["2000-01-01T00:01:00.000Z", "2000-01-01T00:02:00.000Z", "2000-01-01T00:03:00.000Z"],
      truncated: true,
    });
  });

  it("follows the DST policy (fall-back day in New York)", () => {
    expect(between("*/30 * * * *", "America/New_York", "2026-11-01T04:45:00Z", "2026-11-01T07:30:00Z", 10).occurrences).toEqual([
      "2026-11-01T05:00:00.000Z",
      "2026-11-01T05:30:00.000Z",
      "2026-11-01T07:00:00.000Z",
      "2026-11-01T07:30:00.000Z",
    ]);
  });

  it("is empty for an empty or reversed window", () => {
    expect(between("* * * * *", "UTC", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z", 5)).toEqual({ occurrences: [], truncated: false });
    expect(between("* * * * *", "UTC", "2026-01-01T01:00:00Z", "2026-01-01T00:00:00Z", 5)).toEqual({ occurrences: [], truncated: false });
  });

  it("refuses a bad cap or an invalid schedule", () => {
    expect(() => between("* * * * *", "UTC", "2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z", -1)).toThrow(RangeError);
    expect(() => between("* * * * *", "Mars/Base", "2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z", 1)).toThrow(InvalidScheduleError);
  });
});

describe("latestOccurrenceBetween", () => {
  it("finds the last run of a window of decades", () => {
    expect(latest("* * * * *", "UTC", "2000-01-01T00:00:00Z", "2026-01-01T10:00:30Z")).toBe("2026-01-01T10:00:00.000Z");
    expect(latest("0 9 * * 1-5", "Europe/Paris", "2000-01-01T00:00:00Z", "2026-01-18T12:00:00Z")).toBe("2026-01-16T08:00:00.000Z");
  });

  it("includes a run exactly at `to` and excludes one exactly at `from`", () => {
    expect(latest("0 9 * * *", "UTC", "2026-01-01T00:00:00Z", "2026-01-02T09:00:00Z")).toBe("2026-01-02T09:00:00.000Z");
    expect(latest("0 9 * * *", "UTC", "2026-01-02T09:00:00Z", "2026-01-03T08:59:59Z")).toBeNull();
  });

  it("follows the DST policy", () => {
    // 01:00 and 01:30 EST (06:00Z, 06:30Z) are second passes, so the latest is 01:30 EDT.
    expect(latest("*/30 * * * *", "America/New_York", "2026-10-31T00:00:00Z", "2026-11-01T06:45:00Z")).toBe("2026-11-01T05:30:00.000Z");
    expect(latest("30 2 * * *", "America/New_York", "2026-03-01T00:00:00Z", "2026-03-08T12:00:00Z")).toBe("2026-03-08T07:00:00.000Z");
    expect(latest("*/30 2 * * *", "America/New_York", "2026-03-01T00:00:00Z", "2026-03-08T12:00:00Z")).toBe("2026-03-08T07:00:00.000Z");
    expect(latest("15 * * * *", "America/New_York", "2026-03-08T00:00:00Z", "2026-03-08T07:10:00Z")).toBe("2026-03-08T07:00:00.000Z");
  });

  it("is null for an empty window", () => {
    expect(latest("0 0 1 1 *", "UTC", "2026-01-01T00:00:00Z", "2026-12-31T23:59:59Z")).toBeNull();
    expect(latest("* * * * *", "UTC", "2026-01-01T00:00:00Z", "2025-01-01T00:00:00Z")).toBeNull();
  });
});

describe("minIntervalMinutes", () => {
  it.each([
    ["*/15 * * * *", 15],
    ["0 9 * * 1-5", 1440],
    ["0 9,17 * * *", 480],
    ["* * * * *", 1],
    ["@hourly", 60],
    ["0 9 * * 1", 10080],
    ["0 0 1 * *", 40320],
    ["0 0 1 1 *", 525600],
    ["0 0 29 2 *", 2103840],
    ["0,10 * * * *", 10],
  ])("%j → %d", (cron, minutes) => {
    expect(minIntervalMinutes(cron)).toBe(minutes);
  });

  it("measures real time in a zone, so DST days count", () => {
    expect(minIntervalMinutes("0 9 * * *", "America/New_York", { from: new Date("2026-03-01T00:00:00Z") })).toBe(1380);
    expect(minIntervalMinutes("0 9 * * *", "America/New_York", { from: new Date("2026-04-01T00:00:00Z"), sample: 100 })).toBe(1440);
    expect(minIntervalMinutes("15,45 * * * *", "America/New_York", { from: new Date("2026-03-08T00:00:00Z"), sample: 20 })).toBe(15);
  });

  it("is deterministic", () => {
    expect(minIntervalMinutes("0 9 * * *", "America/New_York")).toBe(minIntervalMinutes("0 9 * * *", "America/New_York"));
    expect(minIntervalMinutes("0 9 * * *", "America/New_York")).toBe(1380);
  });

  it("throws for an invalid schedule", () => {
    expect(() => minIntervalMinutes("0 24 * * *")).toThrow(InvalidScheduleError);
  });
});

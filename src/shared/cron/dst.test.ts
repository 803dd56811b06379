import { describe, expect, it } from "vitest";
import { dstNotes, nextRuns } from "./index";

function notesFor(cron: string, timezone: string, from: string, count: number): string[] {
  return dstNotes(cron, timezone, nextRuns(cron, timezone, { from: new Date(from), count }));
}

describe("dstNotes", () => {
  it("explains a run moved because its time does not exist", () => {
    expect(notesFor("30 2 * * *", "America/New_York", "2026-03-07T12:00:00Z", 3)).toEqual([
      "Clocks go forward on Sun 8 Mar 2026 in America/New_York: 02:30 does not exist that day, so the run happens at 03:00.",
    ]);
    expect(notesFor("30 1 * * *", "Europe/London", "2026-03-28T12:00:00Z", 2)).toEqual([
      "Clocks go forward on Sun 29 Mar 2026 in Europe/London: 01:30 does not exist that day, so the run happens at 02:00.",
    ]);
    expect(notesFor("30 2 * * *", "Australia/Sydney", "2026-10-03T00:00:00Z", 2)).toEqual([
      "Clocks go forward on Sun 4 Oct 2026 in Australia/Sydney: 02:30 does not exist that day, so the run happens at 03:00.",
    ]);
  });

  it("says when skipped times share one run", () => {
    expect(notesFor("0,30 2 * * *", "America/New_York", "2026-03-07T12:00:00Z", 2)).toEqual([
      "Clocks go forward on Sun 8 Mar 2026 in America/New_York: 02:00 and 02:30 do not exist that day, so the job runs once, at 03:00.",
    ]);
    expect(notesFor("0 * * * *", "America/New_York", "2026-03-08T05:00:00Z", 3)).toEqual([
      "Clocks go forward on Sun 8 Mar 2026 in America/New_York: 02:00 does not exist that day, so the job runs once, at 03:00.",
    ]);
    expect(notesFor("* 2 * * *", "America/New_York", "2026-03-08T06:58:00Z", 2)).toEqual([
      "Clocks go forward on Sun 8 Mar 2026 in America/New_York: 60 run times from 02:00 to 02:59 do not exist that day, so the job runs once, at 03:00.",
    ]);
  });

  it("explains which of two identical local times is used", () => {
    expect(notesFor("30 1 * * *", "America/New_York", "2026-10-31T12:00:00Z", 3)).toEqual([
      "Clocks go back on Sun 1 Nov 2026 in America/New_York: 01:30 happens twice that day, so the job runs once, at the first 01:30 (UTC-04:00).",
    ]);
    expect(notesFor("30 2 * * *", "Australia/Sydney", "2026-04-04T00:00:00Z", 2)).toEqual([
      "Clocks go back on Sun 5 Apr 2026 in Australia/Sydney: 02:30 happens twice that day, so the job runs once, at the first 02:30 (UTC+11:00).",
    ]);
    expect(notesFor("*/15 * * * *", "America/New_York", "2026-11-01T04:50:00Z", 8)).toEqual([
      "Clocks go back on Sun 1 Nov 2026 in America/New_York: 01:00, 01:15, 01:30 and 01:45 happen twice that day, so each runs once, at its first occurrence (UTC-04:00).",
    ]);
  });

  it("notes a change between runs that moves them in UTC", () => {
    expect(notesFor("0 9 * * *", "America/New_York", "2026-03-06T12:00:00Z", 3)).toEqual([
      "Clocks go forward on Sun 8 Mar 2026 in America/New_York (UTC-05:00 to UTC-04:00): from then on, runs happen at the same local time but 1 hour earlier in UTC.",
    ]);
    expect(notesFor("0 9 * * *", "Europe/London", "2026-10-23T12:00:00Z", 3)).toEqual([
      "Clocks go back on Sun 25 Oct 2026 in Europe/London (UTC+01:00 to UTC+00:00): from then on, runs happen at the same local time but 1 hour later in UTC.",
    ]);
    expect(notesFor("0 9 * * *", "Australia/Lord_Howe", "2026-10-02T12:00:00Z", 3)).toEqual([
      "Clocks go forward on Sun 4 Oct 2026 in Australia/Lord_Howe (UTC+10:30 to UTC+11:00): from then on, runs happen at the same local time but 30 minutes earlier in UTC.",
    ]);
  });

  it("lists several transitions oldest first", () => {
    expect(notesFor("0 12 1 * *", "America/New_York", "2026-01-15T00:00:00Z", 12)).toEqual([
      "Clocks go forward on Sun 8 Mar 2026 in America/New_York (UTC-05:00 to UTC-04:00): from then on, runs happen at the same local time but 1 hour earlier in UTC.",
      "Clocks go back on Sun 1 Nov 2026 in America/New_York (UTC-04:00 to UTC-05:00): from then on, runs happen at the same local time but 1 hour later in UTC.",
    ]);
  });

  it("is empty when no run is affected", () => {
    expect(notesFor("0 9 * * *", "America/New_York", "2026-01-10T00:00:00Z", 5)).toEqual([]);
    expect(notesFor("30 2 * * *", "Asia/Kolkata", "2026-03-01T00:00:00Z", 20)).toEqual([]);
    expect(notesFor("0 9 * * *", "UTC", "2026-03-01T00:00:00Z", 20)).toEqual([]);
    // The change is after the last run: it does not affect these runs.
    expect(notesFor("0 9 * * *", "America/New_York", "2026-03-05T00:00:00Z", 3)).toEqual([]);
  });

  it("is empty for no runs or an invalid schedule, and never throws", () => {
    expect(dstNotes("30 2 * * *", "America/New_York", [])).toEqual([]);
    expect(dstNotes("0 24 * * *", "America/New_York", [new Date("2026-03-08T07:00:00Z")])).toEqual([]);
    expect(dstNotes("30 2 * * *", "Mars/Base", [new Date("2026-03-08T07:00:00Z")])).toEqual([]);
    expect(dstNotes("30 2 * * *", "America/New_York", [new Date("nope")])).toEqual([]);
  });

  it("does not depend on the order of the runs it is given", () => {
    const runs = nextRuns("30 1 * * *", "America/New_York", { from: new Date("2026-10-30T12:00:00Z"), count: 4 });
    expect(dstNotes("30 1 * * *", "America/New_York", [...runs].reverse())).toEqual(dstNotes("30 1 * * *", "America/New_York", runs));
  });
});

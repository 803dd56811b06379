import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SCHEDULE_PRESETS, describeSchedule, validateSchedule } from "./index";

describe("describeSchedule", () => {
  it("describes the presets", () => {
    expect(SCHEDULE_PRESETS.map((preset) => [preset.id, describeSchedule(preset.cron)])).toEqual([
      ["hourly", "Every hour"],
      ["daily", "At 09:00"],
      ["weekdays", "At 09:00, Monday through Friday"],
      ["weekly", "At 09:00, only on Monday"],
      ["monthly", "At 09:00, on day 1 of the month"],
      ["quarterly", "At 09:00, on day 1 of the month, only in January, April, July, and October"],
    ]);
  });

  it.each([
    ["*/15 * * * *", "Every 15 minutes"],
    ["* * * * *", "Every minute"],
    ["0 9,17 * * *", "At 09:00 and 17:00"],
    ["30 14 * * MON-FRI", "At 14:30, Monday through Friday"],
    ["0 9 * JAN-MAR 1-5", "At 09:00, Monday through Friday, January through March"],
    ["0 0 1 * MON", "At 00:00, on day 1 of the month, and on Monday"],
    ["0 12 * * 7", "At 12:00, only on Sunday"],
    ["0 0 ? * MON", "At 00:00, only on Monday"],
    ["  0   9 * *   *  ", "At 09:00"],
  ])("%j → %s", (cron, sentence) => {
    expect(describeSchedule(cron)).toBe(sentence);
  });

  it.each([
    ["@hourly", "Every hour"],
    ["@daily", "At 00:00"],
    ["@midnight", "At 00:00"],
    ["@weekly", "At 00:00, only on Sunday"],
    ["@monthly", "At 00:00, on day 1 of the month"],
    ["@yearly", "At 00:00, on day 1 of the month, only in January"],
    ["@annually", "At 00:00, on day 1 of the month, only in January"],
  ])("describes the shortcut %s", (cron, sentence) => {
    expect(describeSchedule(cron)).toBe(sentence);
  });

  it.each([
    ["0 24 * * *", "Not a valid schedule: Hour must be between 0 and 23, got 24."],
    ["", "Not a valid schedule: Enter a cron expression."],
    ["0 0 30 2 *", "Not a valid schedule: This schedule never runs: February never has a 30th."],
    [
      "0 0 0 * * *",
      "Not a valid schedule: This expression has 6 fields. Use 5 (minute hour day-of-month month day-of-week): seconds are not supported, jobs run at most once a minute.",
    ],
    [
      "61 25 * * *",
      "Not a valid schedule: Minute must be between 0 and 59, got 61. Hour must be between 0 and 23, got 25.",
    ],
  ])("says what is wrong with %j", (cron, sentence) => {
    expect(describeSchedule(cron)).toBe(sentence);
  });

  it("never throws, whatever it is given", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.array(fc.constantFrom("*", "1", "9", "-", "/", ",", " ", "MON", "L", "@daily"), { maxLength: 12 }).map((parts) => parts.join(""))), (text) => {
        expect(typeof describeSchedule(text)).toBe("string");
      }),
      { numRuns: 300 },
    );
  });
});

describe("SCHEDULE_PRESETS", () => {
  it("lists the six presets in order, each valid", () => {
    expect(SCHEDULE_PRESETS).toEqual([
      { id: "hourly", label: "Every hour", cron: "0 * * * *", sentence: "Every hour" },
      { id: "daily", label: "Every day at 09:00", cron: "0 9 * * *", sentence: "At 09:00" },
      { id: "weekdays", label: "Weekdays at 09:00", cron: "0 9 * * 1-5", sentence: "At 09:00, Monday through Friday" },
      { id: "weekly", label: "Every Monday at 09:00", cron: "0 9 * * 1", sentence: "At 09:00, only on Monday" },
      { id: "monthly", label: "On the 1st of every month at 09:00", cron: "0 9 1 * *", sentence: "At 09:00, on day 1 of the month" },
      { id: "quarterly", label: "On the 1st of every quarter at 09:00", cron: "0 9 1 1,4,7,10 *", sentence: "At 09:00, on day 1 of the month, only in January, April, July, and October" },
    ]);
    for (const preset of SCHEDULE_PRESETS) {
      expect(validateSchedule(preset.cron, "Europe/Paris")).toEqual({ ok: true });
      expect(preset.sentence, preset.id).toBe(describeSchedule(preset.cron));
    }
  });
});

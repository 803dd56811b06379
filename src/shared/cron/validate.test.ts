import { describe, expect, it } from "vitest";
import { isValidTimezone, validateSchedule } from "./index";

const FIELDS = "minute hour day-of-month month day-of-week";
const MINUTE_USAGE = "a number from 0 to 59, *, a range like 0-29, a step like */15 or a list like 0,30";
const DOM_USAGE = "a number from 1 to 31, *, a range like 1-15, a step like */2 or a list like 1,15";
const MONTH_USAGE = "a number from 1 to 12 or JAN-DEC, *, a range like JAN-MAR, a step like */3 or a list like 1,7";
const DOW_USAGE =
  "a number from 0 to 6 (0 is Sunday; 7 is Sunday too) or SUN-SAT, *, a range like MON-FRI, a step like */2 or a list like MON,WED,FRI";

function errorsOf(cron: string, timezone = "UTC") {
  const result = validateSchedule(cron, timezone);
  return result.ok ? [] : result.errors;
}

describe("validateSchedule: accepted", () => {
  it.each([
    ["* * * * *"],
    ["0 9 * * 1-5"],
    ["*/15 9-17 * * MON-FRI"],
    ["0 9,17 1,15 JAN-MAR,OCT *"],
    ["0 9 * * mon,wed,fri"],
    ["0 9 * jan *"],
    ["0 0 * * 7"],
    ["0 0 * * 0-7"],
    ["0 0 * * MON-SUN"],
    ["0 0 * * 1-5/2"],
    ["0-30/10 */2 */3 */4 */7"],
    ["*/60 */24 */31 */12 *"],
    ["0 0 ? * MON"],
    ["0 0 1 * ?"],
    ["0 09 01 01 *"],
    ["  0   9 * *   *  "],
    ["0 0 29 2 *"],
    ["0 0 31 * *"],
    ["0 0 30 2 MON"],
    ["@hourly"],
    ["@daily"],
    ["@midnight"],
    ["@weekly"],
    ["@monthly"],
    ["@yearly"],
    ["@annually"],
    ["@DAILY"],
  ])("%j", (cron) => {
    expect(validateSchedule(cron, "Europe/Paris")).toEqual({ ok: true });
  });

  it.each([["UTC"], ["America/New_York"], ["Europe/London"], ["Australia/Sydney"], ["Asia/Kolkata"], ["Etc/GMT+5"]])(
    "accepts the zone %s",
    (timezone) => {
      expect(validateSchedule("0 9 * * *", timezone)).toEqual({ ok: true });
    },
  );
});

describe("validateSchedule: field errors", () => {
  it.each([
    ["60 * * * *", "minute", "Minute must be between 0 and 59, got 60."],
    ["0 24 * * *", "hour", "Hour must be between 0 and 23, got 24."],
    ["0 0 32 * *", "dayOfMonth", "Day of month must be between 1 and 31, got 32."],
    ["0 0 0 * *", "dayOfMonth", "Day of month must be between 1 and 31, got 0."],
    ["0 0 * 13 *", "month", "Month must be between 1 and 12 (or JAN-DEC), got 13."],
    ["0 0 * 0 *", "month", "Month must be between 1 and 12 (or JAN-DEC), got 0."],
    ["0 0 * * 8", "dayOfWeek", "Day of week must be between 0 and 6 (0 is Sunday, 7 is Sunday too; or SUN-SAT), got 8."],
    ["*/0 * * * *", "minute", "Minute step must be between 1 and 60, got 0."],
    ["*/61 * * * *", "minute", "Minute step must be between 1 and 60, got 61."],
    ["0 */25 * * *", "hour", "Hour step must be between 1 and 24, got 25."],
    ["0 0 * * */8", "dayOfWeek", "Day of week step must be between 1 and 7, got 8."],
    ["*/x * * * *", "minute", 'Minute step must be a whole number, got "x".'],
    ["5/15 * * * *", "minute", 'Minute step "5/15" needs * or a range before the slash, e.g. */15 or 5-59/15.'],
    ["0 17-9 * * *", "hour", 'Hour range "17-9" goes backwards: the start must not be after the end.'],
    ["0 0 * * FRI-MON", "dayOfWeek", 'Day of week range "FRI-MON" goes backwards: the start must not be after the end.'],
    ["1- * * * *", "minute", 'Minute range "1-" is incomplete: write it as start-end, like 0-59.'],
    ["-5 * * * *", "minute", 'Minute range "-5" is incomplete: write it as start-end, like 0-59.'],
    ["1-2-3 * * * *", "minute", 'Minute range "1-2-3" is incomplete: write it as start-end, like 0-59.'],
    ["1,,2 * * * *", "minute", 'Minute has an empty item in "1,,2".'],
    ["1, * * * *", "minute", 'Minute has an empty item in "1,".'],
    ["MON * * * *", "minute", `Minute cannot be a day of the week ("MON"). Use ${MINUTE_USAGE}.`],
    ["0 0 * MON *", "month", `Month cannot be a day of the week ("MON"). Use ${MONTH_USAGE}.`],
    ["0 0 * * JAN", "dayOfWeek", `Day of week cannot be a month ("JAN"). Use ${DOW_USAGE}.`],
    ["0 0 * FOO *", "month", `Month "FOO" is not valid. Use ${MONTH_USAGE}.`],
    ["0 0 L * *", "dayOfMonth", `Day of month "L" is not valid. Use ${DOM_USAGE}.`],
    ["0 0 15W * *", "dayOfMonth", `Day of month "15W" is not valid. Use ${DOM_USAGE}.`],
    ["0 0 * * 1#2", "dayOfWeek", `Day of week "1#2" is not valid. Use ${DOW_USAGE}.`],
    ["0 0 * * +MON", "dayOfWeek", `Day of week "+MON" is not valid. Use ${DOW_USAGE}.`],
    ["? * * * *", "minute", `Minute "?" is not valid. Use ${MINUTE_USAGE}.`],
    ["1.5 * * * *", "minute", `Minute "1.5" is not valid. Use ${MINUTE_USAGE}.`],
  ])("%j → %s", (cron, field, message) => {
    expect(validateSchedule(cron, "UTC")).toEqual({ ok: false, errors: [{ field, message }] });
  });

  it("reports every wrong field at once, in field order", () => {
    expect(errorsOf("60 24 32 13 8")).toEqual([
      { field: "minute", message: "Minute must be between 0 and 59, got 60." },
      { field: "hour", message: "Hour must be between 0 and 23, got 24." },
      { field: "dayOfMonth", message: "Day of month must be between 1 and 31, got 32." },
      { field: "month", message: "Month must be between 1 and 12 (or JAN-DEC), got 13." },
      { field: "dayOfWeek", message: "Day of week must be between 0 and 6 (0 is Sunday, 7 is Sunday too; or SUN-SAT), got 8." },
    ]);
  });

  it("reports cron and timezone errors together", () => {
    expect(validateSchedule("0 24 * * *", "Mars/Base")).toEqual({
      ok: false,
      errors: [
        { field: "hour", message: "Hour must be between 0 and 23, got 24." },
        { field: "timezone", message: 'Unknown timezone "Mars/Base". Use an IANA name like Europe/Paris.' },
      ],
    });
  });
});

describe("validateSchedule: expression errors", () => {
  it.each([
    ["", "Enter a cron expression."],
    ["   ", "Enter a cron expression."],
    [
      "0 0 9 * * *",
      `This expression has 6 fields. Use 5 (${FIELDS}): seconds are not supported, jobs run at most once a minute.`,
    ],
    [
      "0 0 9 * * * 2026",
      `This expression has 7 fields. Use 5 (${FIELDS}): seconds and years are not supported, jobs run at most once a minute.`,
    ],
    [
      "garbage",
      `"garbage" is not a cron expression. Use 5 fields separated by spaces (${FIELDS}), like "0 9 * * 1-5", or a shortcut like @daily.`,
    ],
    ["0 9 *", `A cron expression has 5 fields separated by spaces (${FIELDS}); this one has 3.`],
    ["0 9 * * * * * *", `A cron expression has 5 fields separated by spaces (${FIELDS}); this one has 8.`],
    ["@reboot", "@reboot is not supported: jobs run on a schedule, not when a server starts."],
    ["@fortnightly", 'Unknown shortcut "@fortnightly". Use @hourly, @daily, @weekly, @monthly or @yearly.'],
    ["@daily 9", "A shortcut like @daily stands alone: remove what follows it."],
    ["0 0 30 2 *", "This schedule never runs: February never has a 30th."],
    ["0 0 30,31 2 *", "This schedule never runs: February never has a 30th or 31st."],
    ["0 0 31 4,6,9,11 *", "This schedule never runs: April, June, September and November never have a 31st."],
    ["0 0 31 APR *", "This schedule never runs: April never has a 31st."],
  ])("%j", (cron, message) => {
    expect(errorsOf(cron)).toEqual([{ field: "expression", message }]);
  });

  it("treats a missing expression like an empty one", () => {
    expect(validateSchedule(undefined as unknown as string, "UTC")).toEqual({
      ok: false,
      errors: [{ field: "expression", message: "Enter a cron expression." }],
    });
  });
});

describe("validateSchedule: timezone errors", () => {
  it.each([
    ["Mars/Base", 'Unknown timezone "Mars/Base". Use an IANA name like Europe/Paris.'],
    ["+05:30", 'Unknown timezone "+05:30". Use an IANA name like Europe/Paris.'],
    ["Europe/Pariss", 'Unknown timezone "Europe/Pariss". Use an IANA name like Europe/Paris.'],
    ["", "Choose a timezone."],
    ["  ", "Choose a timezone."],
  ])("%j", (timezone, message) => {
    expect(validateSchedule("0 9 * * *", timezone)).toEqual({ ok: false, errors: [{ field: "timezone", message }] });
  });

  it("reports an empty expression and an empty zone together", () => {
    expect(errorsOf("", "")).toEqual([
      { field: "expression", message: "Enter a cron expression." },
      { field: "timezone", message: "Choose a timezone." },
    ]);
  });
});

describe("isValidTimezone", () => {
  it.each([["UTC"], ["Europe/Paris"], ["America/New_York"], ["Australia/Lord_Howe"], ["Asia/Kolkata"]])("accepts %s", (zone) => {
    expect(isValidTimezone(zone)).toBe(true);
  });

  it.each([["Mars/Base"], [""], [" Europe/Paris"], ["+05:30"], ["-03:00"], ["0"], ["Local"]])("refuses %j", (zone) => {
    expect(isValidTimezone(zone)).toBe(false);
  });

  it("refuses values that are not strings", () => {
    expect(isValidTimezone(42 as unknown as string)).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { jobVariables, timeOfDay } from "./job";

function job(timezone: string, variables?: Record<string, string>) {
  return { name: "Weekly report", schedule: { cron: "0 9 * * 1", timezone }, variables };
}
const agent = { name: "Ada" };

describe("jobVariables", () => {
  it("formats the occurrence in the job's timezone", () => {
    expect(jobVariables({ job: job("Europe/Paris"), agent, scheduledFor: new Date("2026-11-30T08:00:00Z") })).toEqual({
      date: "Monday, November 30, 2026",
      time: "09:00",
      dateTime: "Monday, November 30, 2026 at 09:00",
      dayOfWeek: "Monday",
      timeOfDay: "morning",
      timezone: "Europe/Paris",
      scheduledFor: "2026-11-30T08:00:00.000Z",
      jobName: "Weekly report",
      agentName: "Ada",
    });
  });

  it("uses the local date when it is already tomorrow in UTC (America/Los_Angeles)", () => {
    expect(jobVariables({ job: job("America/Los_Angeles"), agent, scheduledFor: new Date("2026-12-01T04:30:00Z") })).toMatchObject({
      date: "Monday, November 30, 2026",
      time: "20:30",
      dateTime: "Monday, November 30, 2026 at 20:30",
      dayOfWeek: "Monday",
      timeOfDay: "evening",
      scheduledFor: "2026-12-01T04:30:00.000Z",
    });
  });

  it("uses the local date when it is still yesterday in UTC (Pacific/Auckland)", () => {
    expect(jobVariables({ job: job("Pacific/Auckland"), agent, scheduledFor: new Date("2026-11-30T20:30:00Z") })).toMatchObject({
      date: "Tuesday, December 1, 2026",
      time: "09:30",
      dayOfWeek: "Tuesday",
      timeOfDay: "morning",
      timezone: "Pacific/Auckland",
      scheduledFor: "2026-11-30T20:30:00.000Z",
    });
  });

  it("follows daylight saving time (Europe/Paris, 29 March 2026)", () => {
    const before = jobVariables({ job: job("Europe/Paris"), agent, scheduledFor: new Date("2026-03-29T00:30:00Z") });
    const after = jobVariables({ job: job("Europe/Paris"), agent, scheduledFor: new Date("2026-03-29T01:30:00Z") });
    expect([before.time, after.time]).toEqual(["01:30", "03:30"]);
  });

  it("writes midnight as 00:00, at night", () => {
    expect(jobVariables({ job: job("UTC"), agent, scheduledFor: new Date("2026-01-01T00:00:00Z") })).toMatchObject({
      date: "Thursday, January 1, 2026",
      time: "00:00",
      dateTime: "Thursday, January 1, 2026 at 00:00",
      timeOfDay: "night",
    });
  });

  it("writes times on the locale's own clock when a locale is given, and on a 24-hour clock without one", () => {
    const scheduledFor = new Date("2026-11-30T08:00:00Z");
    expect(jobVariables({ job: job("Europe/Paris"), agent, scheduledFor })).toMatchObject({ time: "09:00", dateTime: "Monday, November 30, 2026 at 09:00" });
    expect(jobVariables({ job: job("Europe/Paris"), agent, scheduledFor, locale: "en-US" })).toMatchObject({ time: "9:00 AM", dateTime: "Monday, November 30, 2026 at 9:00 AM" });
    expect(jobVariables({ job: job("Europe/Paris"), agent, scheduledFor, locale: "en-GB" })).toMatchObject({ time: "09:00", date: "Monday, 30 November 2026" });
  });

  it("formats in another locale when asked", () => {
    expect(jobVariables({ job: job("Europe/Paris"), agent, scheduledFor: new Date("2026-11-30T08:00:00Z"), locale: "fr-FR" })).toMatchObject({
      date: "lundi 30 novembre 2026",
      time: "09:00",
      dateTime: "lundi 30 novembre 2026 à 09:00",
      dayOfWeek: "lundi",
      timeOfDay: "morning",
    });
  });

  it("includes the job's own variables, which never override built-ins", () => {
    const variables = jobVariables({
      job: job("UTC", { team: "Platform", date: "not a date" }),
      agent,
      scheduledFor: new Date("2026-11-30T09:00:00Z"),
    });
    expect(variables.team).toBe("Platform");
    expect(variables.date).toBe("Monday, November 30, 2026");
  });

  it("throws a sentence for an unknown timezone, an invalid date or an invalid locale", () => {
    const scheduledFor = new Date("2026-11-30T09:00:00Z");
    expect(() => jobVariables({ job: job("Mars/Olympus"), agent, scheduledFor })).toThrow(new RangeError('"Mars/Olympus" is not a known IANA timezone.'));
    expect(() => jobVariables({ job: job("UTC"), agent, scheduledFor: new Date(Number.NaN) })).toThrow(
      new RangeError("The scheduled time is not a valid date."),
    );
    expect(() => jobVariables({ job: job("UTC"), agent, scheduledFor, locale: "not a locale!" })).toThrow(
      new RangeError('"not a locale!" is not a valid locale.'),
    );
  });
});

describe("timeOfDay", () => {
  it.each([
    [0, "night"],
    [4, "night"],
    [5, "morning"],
    [11, "morning"],
    [12, "afternoon"],
    [16, "afternoon"],
    [17, "evening"],
    [20, "evening"],
    [21, "night"],
    [23, "night"],
  ] as const)("hour %i is %s", (hour, expected) => {
    expect(timeOfDay(hour)).toBe(expected);
  });
});

import { describe, expect, it } from "vitest";
import { formatCalendar, formatDateTime, formatDuration, formatInZone, formatOffset, formatRelative, sameTimeZone } from "./format";
import { defaultLabels, mergeLabels } from "./labels";

const viewer = { locale: "en-US", timeZone: "America/New_York", now: new Date("2026-11-30T14:00:00.000Z") }; // Mon 9:00 AM in New York

describe("formatRelative", () => {
  it.each([
    ["2026-11-30T13:59:30.000Z", "now"],
    ["2026-11-30T13:55:00.000Z", "5 minutes ago"],
    ["2026-11-30T13:05:00.000Z", "55 minutes ago"],
    ["2026-11-30T12:58:00.000Z", "1 hour ago"],
    ["2026-11-30T17:00:00.000Z", "in 3 hours"],
    ["2026-11-29T14:00:00.000Z", "yesterday"],
    ["2026-12-10T14:00:00.000Z", "in 10 days"],
    ["2027-02-28T14:00:00.000Z", "in 3 months"],
  ])("%s → %s", (at, text) => {
    expect(formatRelative(at, viewer)).toBe(text);
  });

  it("speaks the viewer's language", () => {
    expect(formatRelative("2026-11-30T13:55:00.000Z", { ...viewer, locale: "fr-FR" })).toBe("il y a 5 minutes");
  });
});

describe("formatCalendar", () => {
  it.each([
    ["2026-11-30T20:00:00.000Z", "Today 3:00 PM"],
    ["2026-12-01T14:00:00.000Z", "Tomorrow 9:00 AM"],
    ["2026-11-29T14:00:00.000Z", "Yesterday 9:00 AM"],
    ["2026-12-04T14:00:00.000Z", "Friday 9:00 AM"],
    ["2026-12-24T14:00:00.000Z", "Dec 24, 9:00 AM"],
    ["2027-01-05T14:00:00.000Z", "Jan 5, 2027, 9:00 AM"],
  ])("%s → %s", (at, text) => {
    expect(formatCalendar(at, viewer)).toBe(text);
  });

  it("counts days in the viewer's zone, not UTC", () => {
    // 03:00 UTC on Dec 1 is still Nov 30 (10 PM) in New York.
    expect(formatCalendar("2026-12-01T03:00:00.000Z", viewer)).toBe("Today 10:00 PM");
  });
});

describe("formatInZone", () => {
  it("names the job's zone only when it is not the viewer's", () => {
    expect(formatInZone("2026-12-01T08:00:00.000Z", "Europe/Paris", viewer)).toBe("9:00 AM (Europe/Paris)");
    expect(formatInZone("2026-12-01T14:00:00.000Z", "America/New_York", viewer)).toBe("9:00 AM");
    expect(formatInZone("2026-12-01T08:00:00.000Z", "Europe/Paris", { ...viewer, timeZone: "Europe/Paris" })).toBe("9:00 AM");
  });

  it("uses the label's phrasing", () => {
    expect(formatInZone("2026-12-01T08:00:00.000Z", "Europe/Paris", viewer, (time, zone) => `${time} — ${zone}`)).toBe("9:00 AM — Europe/Paris");
  });
});

describe("zones, dates and durations", () => {
  it("treats UTC aliases as the same zone", () => {
    expect(sameTimeZone("UTC", "Etc/UTC")).toBe(true);
    expect(sameTimeZone("Europe/Paris", "Europe/Berlin")).toBe(false);
  });

  it("shows offsets, dates and durations with Intl", () => {
    expect(formatOffset("Europe/Paris", "2026-12-01T08:00:00.000Z")).toBe("GMT+1");
    expect(formatOffset("Europe/Paris", "2026-07-01T08:00:00.000Z")).toBe("GMT+2");
    expect(formatDateTime("2026-12-01T08:00:00.000Z", viewer)).toBe("Dec 1, 2026, 3:00 AM");
    expect(formatDuration(350, viewer)).toBe("350 ms");
    expect(formatDuration(1250, viewer)).toBe("1.3 sec");
    expect(formatDuration(125_000, viewer)).toBe("2 min 5 sec");
  });
});

describe("mergeLabels", () => {
  it("overrides single keys and keeps the rest", () => {
    const labels = mergeLabels({ status: { active: "Actif" }, live: { offlineHint: (s) => `Hors ligne (${s} s)` } });
    expect(labels.status.active).toBe("Actif");
    expect(labels.status.paused).toBe("Paused");
    expect(labels.live.offlineHint(15)).toBe("Hors ligne (15 s)");
    expect(labels.common).toBe(defaultLabels.common);
  });
});

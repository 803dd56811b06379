import { describe, expect, it } from "vitest";
import { formatCalendar, formatDateTime, formatDuration, formatNumber, formatRelative, sameTimeZone } from "./format";
import { dateTimeFormat, numberFormat } from "./intl-cache";

describe("Intl formatters, built once", () => {
  it("answers the same formatter for the same locale and options, another for other options", () => {
    const a = dateTimeFormat("en-US", { timeZone: "Europe/Paris", timeStyle: "short" });
    expect(dateTimeFormat("en-US", { timeZone: "Europe/Paris", timeStyle: "short" })).toBe(a);
    expect(dateTimeFormat("en-US", { timeZone: "Asia/Tokyo", timeStyle: "short" })).not.toBe(a);
    expect(dateTimeFormat("fr-FR", { timeZone: "Europe/Paris", timeStyle: "short" })).not.toBe(a);
    expect(numberFormat("en-US", { style: "percent" })).toBe(numberFormat("en-US", { style: "percent" }));
  });

  it("formats as a formatter built for the call would", () => {
    const at = Date.UTC(2026, 11, 24, 8, 0);
    for (let i = 0; i < 2; i++) {
      expect(formatDateTime(at, { locale: "en-US", timeZone: "Europe/Paris" })).toBe(new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Paris" }).format(at));
      expect(formatDateTime(at, { locale: "de-DE", timeZone: "America/New_York" })).toBe(new Intl.DateTimeFormat("de-DE", { dateStyle: "medium", timeStyle: "short", timeZone: "America/New_York" }).format(at));
    }
    expect(formatCalendar(at, { locale: "en-US", timeZone: "UTC", now: new Date(at - 3600_000) })).toBe("Today 8:00 AM");
    expect(formatRelative(at, { locale: "en-US", now: new Date(at + 2 * 3600_000) })).toBe("2 hours ago");
    expect(formatNumber(0.87, { locale: "en-US" }, { style: "percent" })).toBe("87%");
    expect(formatDuration(1500, { locale: "en-US" })).toBe("1.5 sec");
    expect(sameTimeZone("Etc/UTC", "UTC")).toBe(true);
  });

  it("throws for an unknown zone every time and keeps nothing for it", () => {
    for (let i = 0; i < 2; i++) expect(() => dateTimeFormat("en-US", { timeZone: "Mars/Olympus_Mons" })).toThrow(RangeError);
    expect(sameTimeZone("Mars/Olympus_Mons", "UTC")).toBe(false);
  });

  it("stays bounded when every call asks for other options: the oldest is built again", () => {
    const first = numberFormat("en-US", { maximumFractionDigits: 0, minimumIntegerDigits: 1 });
    for (let i = 1; i <= 600; i++) numberFormat("en-US", { maximumFractionDigits: i % 20, minimumIntegerDigits: 1 + (Math.floor(i / 20) % 21), useGrouping: i % 40 < 20 });
    const again = numberFormat("en-US", { maximumFractionDigits: 0, minimumIntegerDigits: 1 });
    expect(again).not.toBe(first);
    expect(again.format(3.7)).toBe("4");
  });
});

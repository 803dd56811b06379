"use client";

import type { PlannerLabels } from "../../client/labels";

/** A wall-clock time ("9:00 AM", "09:00") in the viewer's locale; not an instant, so no zone applies. */
function wallTime(hour: number, minute: number, locale: string | undefined): string {
  return new Intl.DateTimeFormat(locale, { hour: "numeric", minute: "2-digit", timeZone: "UTC" }).format(Date.UTC(2026, 0, 5, hour, minute));
}

/** "Monday" in the viewer's locale; cron day 0 and 7 are Sunday. */
function weekday(day: number, locale: string | undefined): string {
  return new Intl.DateTimeFormat(locale, { weekday: "long", timeZone: "UTC" }).format(Date.UTC(2026, 0, 4 + (day % 7)));
}

const NUMBER = /^\d{1,2}$/;

/**
 * The short schedule sentence of a card: "Daily at 9:00 AM", "Weekdays at 9:00 AM", "Every Monday at
 * 9:00 AM", "Monthly on day 1 at 9:00 AM"; anything else in the server's words (`fallback`, the job view's
 * `scheduleSentence`: "Every 15 minutes"), so no cron library reaches the browser for a card.
 */
export function scheduleSentence(cron: string, labels: PlannerLabels["cards"], locale: string | undefined, fallback?: string): string {
  const fields = cron.trim().split(/\s+/);
  if (fields.length === 5) {
    const [minute = "", hour = "", dayOfMonth = "", month = "", dayOfWeek = ""] = fields;
    if (NUMBER.test(minute) && NUMBER.test(hour) && month === "*") {
      const time = wallTime(Number(hour), Number(minute), locale);
      if (dayOfMonth === "*" && (dayOfWeek === "*" || dayOfWeek === "0-6" || dayOfWeek === "1-7")) return labels.scheduleDaily(time);
      if (dayOfMonth === "*" && (dayOfWeek === "1-5" || dayOfWeek === "MON-FRI")) return labels.scheduleWeekdays(time);
      if (dayOfMonth === "*" && NUMBER.test(dayOfWeek)) return labels.scheduleWeekly(weekday(Number(dayOfWeek), locale), time);
      if (NUMBER.test(dayOfMonth) && dayOfWeek === "*") return labels.scheduleMonthly(Number(dayOfMonth), time);
    }
  }
  return fallback || cron;
}

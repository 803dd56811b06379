/**
 * The cron expression of one moment in a zone: its minute, hour, day and month ("30 14 24 12 *"). The schedule has no
 * one-time runs yet, so an approved reminder becomes a job on this expression: it runs at `runAt`, and would run
 * again on the same date a year later unless it is deleted or paused (its description says so).
 */
export function reminderCron(runAt: string, timezone: string): string {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: timezone,
    hourCycle: "h23",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
  }).formatToParts(new Date(runAt));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return `${part("minute")} ${part("hour")} ${part("day")} ${part("month")} *`;
}

/** The name of a reminder's job: "Reminder: " and the start of its message. */
export function reminderName(message: string): string {
  const text = message.replace(/\s+/g, " ").trim();
  return `Reminder: ${text.length > 80 ? `${text.slice(0, 79)}…` : text}`;
}

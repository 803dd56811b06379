/**
 * The cron expression of one moment in a zone: its minute, hour, day and month ("30 14 24 12 *"). A reminder's job is a
 * one-time schedule (`kind: "once"`, `at: runAt`) that runs once; this cron names the same minute beside it, for what
 * reads only the cron.
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

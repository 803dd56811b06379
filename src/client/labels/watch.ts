"use client";

/** Expected vs actual: the 14-day strip of a job's occurrences, each classified against its runs. */
export const watchLabels = {
  title: "Expected vs actual",
  /** The strip's accessible name. */
  stripLabel: (days: number) => `Expected runs of the last ${days} days and the next day`,
  status: {
    onTime: "On time",
    late: "Late",
    failed: "Failed",
    running: "Running",
    skipped: "Skipped",
    missed: "Missed",
    pending: "Due, not started yet",
    upcoming: "Upcoming",
    paused: "Paused",
    unknown: "Older than the kept history",
  },
  /** One occurrence's cell: "Mon 1 Dec, 09:00: late by 4 min". */
  cell: (when: string, status: string, detail: string) => (detail ? `${when}: ${status} (${detail})` : `${when}: ${status}`),
  lateBy: (duration: string) => `by ${duration}`,
  skipReason: {
    missed: "the scheduler was not running",
    overlap: "the previous run was still running",
    deleted: "the job was deleted",
    paused: "the job was paused",
    rescheduled: "the schedule changed",
    noAccess: "its user lost access",
    skipped: "skipped by hand",
    moved: "moved to another time",
    snoozed: "the job was snoozed",
  },
  /** One day's cell when there are too many occurrences for one cell each. */
  day: (date: string, total: number, parts: string) => `${date}: ${total} expected${parts ? ` — ${parts}` : ""}`,
  count: (count: number, status: string) => `${count} ${status.toLowerCase()}`,
  summary: (parts: string) => parts || "Nothing was expected in this period.",
  perDay: "One cell per day (too many runs for one cell each).",
  loading: "Loading expected runs…",
  error: "Could not load the expected runs.",
  retry: "Try again",
  legend: "Legend",
};

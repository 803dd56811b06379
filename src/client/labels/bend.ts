"use client";

/** "Bend one run" (a job's next runs: skip, move, snooze) and resuming a job that missed runs. */
export const bendLabels = {
  /** The card's "Next: …" button that opens the next runs. */
  openNextRuns: (name: string) => `Next runs of ${name}`,
  nextRunsTitle: (name: string) => `Next runs · ${name}`,
  nextRunsDescription: "Skip or move one run, or snooze the job until a date. The schedule itself does not change.",
  nextRunsListLabel: "Next runs",
  loading: "Loading the next runs…",
  loadFailed: "Could not load the next runs.",
  noRuns: "This schedule has no upcoming runs.",
  runOptions: (when: string) => `Options for the run at ${when}`,
  skipRun: "Skip this run",
  moveRun: "Move this run…",
  undoSkip: "Undo skip",
  undoMove: "Undo move",
  /** Marks next to a run. */
  skippedBy: (who: string) => `Skipped by ${who}`,
  movedTo: (when: string) => `Moved to ${when}`,
  snoozed: "Snoozed",
  moveLabel: (when: string) => `New time for the run at ${when}`,
  moveHint: "In the future, between the runs before and after it, within 30 days.",
  moveConfirm: "Move",
  moveCancel: "Cancel",
  snoozeLabel: "Snooze until",
  snoozeHint: "Runs before this date are skipped and recorded in history.",
  snoozeConfirm: "Snooze",
  endSnooze: "End snooze",
  snoozedUntil: (when: string, who: string) => `Snoozed until ${when} (by ${who})`,
  /** Announcements. */
  skippedAnnouncement: (when: string) => `The run at ${when} will be skipped.`,
  movedAnnouncement: (when: string, to: string) => `The run at ${when} will run at ${to} instead.`,
  clearedAnnouncement: (when: string) => `The run at ${when} is back on the schedule.`,
  snoozedAnnouncement: (when: string) => `Snoozed until ${when}.`,
  snoozeEndedAnnouncement: "The snooze has ended.",
  invalidDate: "Enter a date and time.",
  /** The resume dialog. */
  resumeTitle: (name: string) => `Resume ${name}`,
  resumeMissed: (count: number, beyond: boolean, since: string) =>
    `${beyond ? `${count} or more runs were` : count === 1 ? "1 run was" : `${count} runs were`} missed while the job was paused (since ${since}).`,
  resumeQuestion: "What should happen with them?",
  resumeRunOnce: "Run once now",
  resumeRunOnceHint: "Runs the latest missed run now, then follows the schedule.",
  resumeSkip: "Skip them",
  resumeSkipHint: "Records them as skipped and waits for the next run.",
  resumeCancel: "Cancel",
  resumedRunOnce: (name: string) => `${name} resumed; the latest missed run is running now.`,
  resumedSkipped: (name: string) => `${name} resumed; the missed runs were skipped.`,
};

"use client";

const plural = (count: number, one: string, many: string) => (count === 1 ? `1 ${one}` : `${count} ${many}`);

/** Bulk management: the selection checkboxes, the selection bar, its report, "Pause all" / "Resume all". */
export const bulkLabels = {
  selectItem: (name: string) => `Select ${name}`,
  selectAll: "Select all",
  selectAllJobs: (count: number) => `Select all ${plural(count, "scheduled job", "scheduled jobs")}`,
  selectAllTriggers: (count: number) => `Select all ${plural(count, "event trigger", "event triggers")}`,
  selectedOf: (selected: number, total: number) => `${selected} of ${total}`,
  barLabel: "Selected items",
  selected: (count: number) => `${plural(count, "item", "items")} selected`,
  jobs: (count: number) => plural(count, "scheduled job", "scheduled jobs"),
  triggers: (count: number) => plural(count, "event trigger", "event triggers"),
  pause: "Pause",
  resume: "Resume",
  runNow: "Run now",
  delete: "Delete",
  clear: "Clear selection",
  working: "Working…",
  deleteTitle: (count: number) => `Delete ${plural(count, "item", "items")}?`,
  deleteDescription: (parts: string) => `${parts} stop running and their run history is removed. This cannot be undone.`,
  deleteDescriptionOne: (name: string) => `"${name}" stops running and its run history is removed. This cannot be undone.`,
  deleteConfirm: (count: number) => `Delete ${plural(count, "item", "items")}`,
  and: (a: string, b: string) => `${a} and ${b}`,
  /** The report after an action: "Paused 3 of 5 items." */
  donePause: (ok: number, total: number) => (ok === total ? `Paused ${plural(total, "item", "items")}.` : `Paused ${ok} of ${plural(total, "item", "items")}.`),
  doneResume: (ok: number, total: number) => (ok === total ? `Resumed ${plural(total, "item", "items")}.` : `Resumed ${ok} of ${plural(total, "item", "items")}.`),
  doneRunNow: (ok: number, total: number) => (ok === total ? `Started ${plural(total, "run", "runs")}.` : `Started ${ok} of ${plural(total, "run", "runs")}.`),
  doneDelete: (ok: number, total: number) => (ok === total ? `Deleted ${plural(total, "item", "items")}.` : `Deleted ${ok} of ${plural(total, "item", "items")}.`),
  failedTitle: (count: number) => `${plural(count, "item", "items")} failed:`,
  failedStaySelected: "Those that failed stay selected, so you can try again.",
  unknownItem: "An item no longer listed",
  dismissReport: "Dismiss",
  requestFailed: (message: string) => `Nothing was changed: ${message}`,
  moreActions: "More actions",
  pauseAll: "Pause all",
  resumeAll: "Resume all",
  pauseAllDone: (paused: number, unchanged: number) =>
    paused === 0 && unchanged === 0
      ? "There is nothing to pause."
      : `Paused ${plural(paused, "item", "items")}.${unchanged ? ` ${plural(unchanged, "item was", "items were")} already paused and will stay paused on Resume all.` : ""}`,
  resumeAllDone: (resumed: number, unchanged: number) =>
    `Resumed ${plural(resumed, "item", "items")} paused by Pause all.${unchanged ? ` ${plural(unchanged, "item paused otherwise stays", "items paused otherwise stay")} paused.` : ""}`,
  pauseAllFailed: (count: number) => `${plural(count, "item", "items")} could not be paused:`,
  resumeAllFailed: (count: number) => `${plural(count, "item", "items")} could not be resumed:`,
  pausedByAll: "Paused by Pause all",
};

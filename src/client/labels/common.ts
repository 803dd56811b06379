"use client";

/** Words every screen uses. */
export const commonLabels = {
  cancel: "Cancel",
  save: "Save",
  close: "Close",
  retry: "Try again",
  loading: "Loading…",
  edit: "Edit",
  delete: "Delete",
  moreActions: "More actions",
  optional: "optional",
  required: "required",
  errorTitle: "Something went wrong",
};

/** Derived job / trigger status (always shown as a word, never by colour alone) and run status. */
export const statusLabels = {
  active: "Active",
  paused: "Paused",
  error: "Error",
  running: "Running",
  /** A job with no occurrence left: a one-time job that ran, or past its end date or run limit. */
  ended: "Ended",
  queued: "Queued",
  succeeded: "Succeeded",
  failed: "Failed",
  skipped: "Skipped",
  /** A run the executor accepted whose end the host reports later: still running, from the user's side. */
  started: "Running",
  cancelled: "Cancelled",
};

/** The live-updates indicator. */
export const liveLabels = {
  connecting: "Connecting…",
  live: "Live",
  offline: "Offline",
  /** Tooltip / screen-reader text for each state. */
  connectingHint: "Connecting to live updates.",
  liveHint: "Changes appear as they happen.",
  offlineHint: (seconds: number) => `Live updates are unavailable; refreshing every ${seconds} seconds.`,
};

/** Searchable lists (timezone, toolkit pickers). */
export const comboboxLabels = {
  placeholder: "Select…",
  search: "Search…",
  empty: "No results.",
};

/** How times are phrased around the Intl output. */
export const timeLabels = {
  /** "9:00 AM (Europe/Paris)" when the zone is not the viewer's. */
  inZone: (time: string, zone: string) => `${time} (${zone})`,
  never: "Never",
};

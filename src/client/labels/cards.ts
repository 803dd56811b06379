"use client";

/** Job and trigger cards, their lists, menus and confirmations. */
export const cardsLabels = {
  jobsTitle: "Scheduled Jobs",
  jobsDescription: "Time-based recurring tasks.",
  triggersTitle: "Event Triggers",
  triggersDescription: "Actions started by events in your apps.",
  jobsListLabel: "Scheduled jobs",
  triggersListLabel: "Event triggers",
  /** The pager of a section whose cards do not fit on one page: "Showing 1–100 of 500". */
  pageRange: (from: number, to: number, total: number) => `Showing ${from}–${to} of ${total.toLocaleString("en-US")}`,
  pagesOf: (list: string) => `${list}: pages`,
  previousPage: "Previous",
  nextPage: "Next",
  chatAction: "Chat template",
  workflowAction: "Execute workflow",
  scheduleEveryMinutes: (minutes: number) => (minutes === 1 ? "Every minute" : `Every ${minutes} minutes`),
  scheduleHourly: (minute: number) => (minute === 0 ? "At the start of every hour" : `At ${minute} minutes past every hour`),
  scheduleDaily: (time: string) => `Daily at ${time}`,
  scheduleWeekdays: (time: string) => `Weekdays at ${time}`,
  /** `days`: "Monday" or a list, "Monday and Friday". */
  scheduleWeekly: (days: string, time: string) => `Every ${days} at ${time}`,
  scheduleMonthly: (day: number, time: string) => `Monthly on day ${day} at ${time}`,
  /** The sentence with the job's zone when it is not the viewer's. */
  scheduleInZone: (sentence: string, zone: string) => `${sentence} (${zone})`,
  /** A one-time job: "Once on Thu, Dec 24, 2026, 9:00 AM". */
  scheduleOnce: (when: string) => `Once on ${when}`,
  /** Time fields after the sentence: "Daily at 9:00 AM, from Dec 1, 2026 until Dec 31, 2026, at most 10 runs, up to 10 min late". */
  scheduleFrom: (date: string) => `from ${date}`,
  scheduleUntil: (date: string) => `until ${date}`,
  scheduleMaxRuns: (runs: number) => (runs === 1 ? "1 run only" : `at most ${runs} runs`),
  scheduleJitter: (minutes: number) => `up to ${minutes} min late (jitter)`,
  /** The next-run line of a job with no occurrence left (it stays enabled; not an error). */
  ranOnce: "Ran once · done",
  ended: "Ended · no more runs",
  next: (when: string) => `Next: ${when}`,
  noNextRun: "No upcoming run",
  paused: "Paused",
  eventsToday: (count: number, more: boolean) => (count === 1 && !more ? "1 event today" : `${count}${more ? "+" : ""} events today`),
  noEventsToday: "No events today",
  /** Deliveries the trigger's filters left out today, after the events count: "3 events today · 2 filtered". */
  filteredToday: (count: number, more: boolean) => `${count}${more ? "+" : ""} filtered`,
  /** The card's last run line: "Last run 5 minutes ago · succeeded". */
  lastRun: (when: string, status: string) => `Last run ${when} · ${status}`,
  neverRun: "Not run yet",
  /** What a running job or trigger is doing now. */
  runningSince: (elapsed: string) => `Running · started ${elapsed}`,
  runningNow: "Running…",
  queuedNow: "Queued to run…",
  waitingForChat: "Waiting for the chat to finish",
  waitingForWorkflow: "Waiting for the workflow to finish",
  /** The card's title button (it opens the edit dialog). */
  editItem: (name: string) => `Edit ${name}`,
  connectionError: "Connection error",
  /** A trigger whose Composio instance is being confirmed or cleaned up in the background. */
  syncing: "Syncing with Composio…",
  syncingDetail: (error: string | undefined) => (error ? `Syncing with Composio… (last try: ${error})` : "Syncing with Composio…"),
  actionsFor: (name: string) => `Actions for ${name}`,
  pause: "Pause",
  resume: "Resume",
  runNow: "Run now",
  sendTestEvent: "Send test event",
  history: "History",
  historyTitle: (name: string) => `Run history · ${name}`,
  deleteTitle: (name: string) => `Delete "${name}"?`,
  deleteJobDescription: "The job stops running and its run history is removed. This cannot be undone.",
  deleteTriggerDescription: "The trigger stops listening for events and its run history is removed. This cannot be undone.",
  deleteConfirm: "Delete",
  /** The run strip's text alternative. */
  runStrip: (total: number, succeeded: number, failed: number, other: number) =>
    total === 0
      ? "No runs yet"
      : `Last ${total} run${total === 1 ? "" : "s"}: ${succeeded} succeeded, ${failed} failed${other ? `, ${other} other` : ""}`,
  runBar: (status: string, when: string) => `${status} · ${when}`,
  /** Announcements (aria-live). */
  pausedAnnouncement: (name: string) => `${name} paused.`,
  resumed: (name: string) => `${name} resumed.`,
  deleted: (name: string) => `${name} deleted.`,
  runStarted: (name: string) => `${name} is running…`,
  testSent: (name: string) => `Test event sent to ${name}.`,
  ranSuccessfully: (name: string) => `${name} ran successfully`,
  runFailed: (name: string) => `${name} failed`,
  runSkipped: (name: string) => `${name} was skipped`,
  runCancelled: (name: string) => `${name} was cancelled`,
  actionFailed: (name: string, message: string) => `${name}: ${message}`,
  pausedAfterFailures: "Paused after repeated failures",
  jobsEmptyTitle: "No scheduled jobs yet",
  jobsEmptyText:
    "A scheduled job runs on a timetable you choose — every weekday at 9:00, the first of each month — and starts a chat with the agent or runs one of its workflows.",
  triggersEmptyTitle: "No event triggers yet",
  triggersEmptyText:
    "An event trigger reacts to something happening in another app — a new Gmail message, a Slack mention, a GitHub pull request — and hands it to the agent as a chat or a workflow run.",
  addJob: "Add job",
  addTrigger: "Add trigger",
  triggersUnavailable: "Event triggers are not available: Composio is not configured on this server.",
  loadingJobs: "Loading scheduled jobs…",
  loadingTriggers: "Loading event triggers…",
};

"use client";

/** The create / edit event trigger dialog. */
export const triggerDialogLabels = {
  createTitle: "Create event trigger",
  editTitle: (name: string) => `Edit ${name}`,
  createDescription: "Run an action whenever something happens in a connected app.",
  editDescription: "Changes apply to the next event.",
  name: "Name",
  nameHint: "Shown on the trigger card.",
  namePlaceholder: "e.g. Invoices from Gmail",
  description: "Description",
  descriptionPlaceholder: "What this trigger is for",

  sourceHeading: "Event source",
  searchApps: "Search apps",
  searchAppsPlaceholder: "Search apps…",
  noApps: (query: string) => `No app matches “${query}”.`,
  appsError: "The app list could not be loaded.",
  appLogo: (name: string) => `${name} logo`,
  /** One word of what an app sends, by toolkit slug; other apps show `appEvents`. */
  appSends: {
    gmail: "Emails",
    outlook: "Emails",
    slack: "Messages",
    github: "Repositories",
    googlecalendar: "Events",
    hubspot: "Contacts",
    notion: "Pages",
    linear: "Issues",
  } as Record<string, string>,
  appEvents: (count: number) => (count === 1 ? "1 event" : `${count} events`),

  account: "Connected account",
  accountPlaceholder: "Choose an account",
  accountsConnected: (app: string, count: number) =>
    count === 1 ? `You have a connected ${app} account.` : `You have ${count} connected ${app} accounts.`,
  accountsNone: (app: string) =>
    `You have no connected ${app} account yet. Connect ${app} in your app connections, then check again.`,
  accountsInactive: (app: string) => `Your ${app} connection is not active. Reconnect it in your app connections, then check again.`,
  accountOption: (id: string, status: string) => (status === "ACTIVE" ? id : `${id} (${status.toLowerCase()})`),
  checkAgain: "Check again",
  /** The link to the host's Connections page (`connectHref`), beside "Check again"; opens in a new tab. */
  connectAccount: (app: string) => `Connect ${app}`,
  reconnectAccount: (app: string) => `Reconnect ${app}`,
  opensInNewTab: "(opens in a new tab)",

  eventType: "Event type",
  eventTypesEmpty: "This app has no events.",
  polled: "Checked every few minutes, so expect a short delay.",

  settingsHeading: "Event settings",
  settingsNone: "This event has no settings.",
  notSet: "Not set",
  either: "Either",
  yes: "Yes",
  no: "No",
  listHint: "One per line.",
  jsonHint: "As JSON.",
  jsonInvalid: "This is not valid JSON.",
  examples: (examples: string) => `For example: ${examples}.`,
  range: (min: number | undefined, max: number | undefined) =>
    min !== undefined && max !== undefined ? `From ${min} to ${max}.` : min !== undefined ? `At least ${min}.` : `At most ${max}.`,

  filtersHeading: "Filters",
  filtersHint: "Run the action only for events that match.",

  actionHeading: "What should happen when this event arrives?",
  /** The workflow's JSON input in a trigger: empty sends the event's payload (the job dialog's hint says "none"). */
  inputJsonHint: "A JSON object sent to the workflow instead of the event; leave empty to send the whole event payload.",
  chooseEventFirst: "Choose an event type first: the message can use the event's fields.",

  previewHeading: "Preview with a sample event",
  previewHint: "Nothing runs: this shows what a sample event would do.",
  previewNeedsType: "Choose an event type to preview a sample event.",
  sampleEvent: "Sample event",
  sampleInvalid: "The sample event must be a JSON object.",
  resetSample: "Reset sample",
  matched: "Filters matched: the action runs.",
  noFilters: "No filters: every event runs the action.",
  filtered: "Filtered out: the action would not run.",
  /** "subject contains “invoice” — the event has “Sample Subject”" */
  conditionFailed: (condition: string, actual: string | undefined) =>
    actual === undefined ? `${condition} failed: the event has no such field.` : `${condition} failed: the event has ${actual}.`,
  conditionProblem: (condition: string, problem: string) => `${condition} cannot be checked: ${problem}`,
  renderedMessage: "Message the agent receives",
  renderedInput: "Input the workflow receives",
  renderedMessageIfMatched: "Message the agent would receive if the filters matched",
  renderedInputIfMatched: "Input the workflow would receive if the filters matched",
  missingVariables: (names: string) => `No value in this event for ${names}; they render empty.`,
  sampleAgentName: "Assistant",

  ready: "Configuration valid · ready to create",
  readyToSave: "Configuration valid · ready to save",
  noChanges: "No unsaved changes.",
  saving: "Saving…",
  saved: "Saved. Send a test event to try the action.",
  create: "Create trigger",
  save: "Save",
  sendTest: "Send test event",
  sendingTest: "Sending…",
  testSent: "Test event sent. The run shows up in the trigger's history.",
  testUsesSaved: "Save first: the test uses the saved trigger.",
  done: "Done",
  reload: "Reload latest version",
};

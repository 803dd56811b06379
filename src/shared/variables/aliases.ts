/** A friendly variable name for a payload field, e.g. `emailSubject` for Gmail's `subject`. */
export interface EventAlias {
  name: string;
  /** Payload paths tried in order; the first that is present and not `null` gives the value. */
  paths: readonly string[];
  /** Shown in editors, e.g. "Alias for subject: the subject line of the email." */
  description: string;
}

/** Aliases for one toolkit, optionally narrowed to some trigger types. */
export interface EventAliasGroup {
  /** Toolkit slug, lower-case (`gmail`). */
  toolkit: string;
  /** Trigger slugs this group is limited to; absent means every trigger of the toolkit. */
  triggerSlugs?: readonly string[] | undefined;
  aliases: readonly EventAlias[];
}

/**
 * The alias table. An alias only gets a value when its payload path exists in the event, so a toolkit-wide
 * group is harmless for that toolkit's other triggers.
 */
export const EVENT_VARIABLE_ALIASES: readonly EventAliasGroup[] = [
  {
    toolkit: "gmail",
    aliases: [
      { name: "emailSubject", paths: ["subject"], description: "Alias for subject: the subject line of the email." },
      { name: "emailFrom", paths: ["sender"], description: "Alias for sender: who sent the email." },
      { name: "emailTo", paths: ["to"], description: "Alias for to: who the email was sent to." },
      { name: "emailBody", paths: ["message_text"], description: "Alias for message_text: the plain-text body of the email." },
      { name: "emailDate", paths: ["message_timestamp"], description: "Alias for message_timestamp: when the email was received." },
      { name: "emailThreadId", paths: ["thread_id"], description: "Alias for thread_id: the Gmail thread the email belongs to." },
    ],
  },
  {
    toolkit: "slack",
    aliases: [
      { name: "messageText", paths: ["text"], description: "Alias for text: the text of the Slack message." },
      { name: "channelId", paths: ["channel"], description: "Alias for channel: the id of the channel it was posted in." },
      { name: "userId", paths: ["user"], description: "Alias for user: the id of the user who posted it." },
      { name: "messageTs", paths: ["ts"], description: "Alias for ts: the Slack timestamp that identifies the message." },
      {
        name: "threadTs",
        paths: ["thread_ts", "ts"],
        description: "Alias for thread_ts, or ts when the message starts a thread: the thread to reply in.",
      },
    ],
  },
  {
    toolkit: "github",
    triggerSlugs: ["GITHUB_PULL_REQUEST_EVENT"],
    aliases: [
      { name: "prTitle", paths: ["title"], description: "Alias for title: the title of the pull request." },
      { name: "prNumber", paths: ["number"], description: "Alias for number: the pull request number." },
      { name: "prUrl", paths: ["url"], description: "Alias for url: the link to the pull request." },
      { name: "prAuthor", paths: ["createdBy"], description: "Alias for createdBy: who opened the pull request." },
      { name: "prAction", paths: ["action"], description: "Alias for action: what happened (opened, closed, synchronize…)." },
      { name: "prDescription", paths: ["description"], description: "Alias for description: the body of the pull request." },
    ],
  },
  {
    toolkit: "github",
    triggerSlugs: ["GITHUB_ISSUE_ADDED_EVENT"],
    aliases: [
      { name: "issueTitle", paths: ["title"], description: "Alias for title: the title of the issue." },
      { name: "issueNumber", paths: ["number"], description: "Alias for number: the issue number." },
      { name: "issueUrl", paths: ["url"], description: "Alias for url: the link to the issue." },
      { name: "issueAuthor", paths: ["createdBy"], description: "Alias for createdBy: who opened the issue." },
      { name: "issueDescription", paths: ["description"], description: "Alias for description: the body of the issue." },
    ],
  },
];

/**
 * The aliases that apply to a trigger type, from `EVENT_VARIABLE_ALIASES` (or another table). Toolkit slugs
 * compare case-insensitively, trigger slugs too.
 *
 * @example
 * eventAliasesFor({ toolkit: "gmail", triggerSlug: "GMAIL_NEW_GMAIL_MESSAGE" }).map((a) => a.name);
 * // ["emailSubject", "emailFrom", "emailTo", "emailBody", "emailDate", "emailThreadId"]
 */
export function eventAliasesFor(
  { toolkit, triggerSlug }: { toolkit: string; triggerSlug: string },
  table: readonly EventAliasGroup[] = EVENT_VARIABLE_ALIASES,
): EventAlias[] {
  const toolkitKey = toolkit.toLowerCase();
  const slugKey = triggerSlug.toUpperCase();
  return table
    .filter((group) => group.toolkit.toLowerCase() === toolkitKey)
    .filter((group) => !group.triggerSlugs || group.triggerSlugs.some((slug) => slug.toUpperCase() === slugKey))
    .flatMap((group) => group.aliases);
}

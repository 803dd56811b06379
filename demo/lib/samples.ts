/** Editable sample events for the Simulate event panel, by Composio trigger type (browser-safe data only). */

/** One of the agent's triggers as the Simulate event panel lists it. */
export interface SimulatableTrigger {
  id: string;
  name: string;
  toolkit: string;
  triggerSlug: string;
  enabled: boolean;
  /** Whether Composio knows the trigger (it has a `ti_…` id). */
  connected: boolean;
  label: string;
  sample: Record<string, unknown>;
}


export function sampleEvent(triggerSlug: string, now: Date = new Date()): Record<string, unknown> {
  const id = now.getTime().toString(16);
  switch (triggerSlug) {
    case "GMAIL_NEW_GMAIL_MESSAGE":
      return {
        message_id: `18f${id}`,
        thread_id: `18f${id}`,
        subject: "Interview invitation: Senior Frontend Engineer at Acme",
        sender: "Riley Chen <recruiter@acme-talent.example>",
        to: "Alex Fixture <alex.fixture@example.com>",
        message_text: "Hi Alex,\n\nThanks for applying to the Senior Frontend Engineer role. Are you free for a 30-minute call on Thursday or Friday?\n\nBest,\nRiley",
        message_timestamp: now.toISOString(),
        attachment_list: [],
      };
    case "SLACK_RECEIVE_MESSAGE":
    case "SLACK_CHANNEL_MESSAGE_RECEIVED":
      return {
        channel: "C07FXTR0JOB",
        channel_type: "channel",
        team_id: "T07FXTR0001",
        text: "Heads up: Acme just posted a Staff Engineer opening — referral link in the thread.",
        ts: `${Math.floor(now.getTime() / 1000)}.000100`,
        user: "U07FXTRJRDN",
        bot_id: null,
      };
    case "GITHUB_PULL_REQUEST_EVENT":
      return {
        action: "opened",
        number: 42,
        title: "Take-home assignment: add the job board filters",
        description: "Submission for the Acme take-home exercise.",
        createdBy: "alex-fixture",
        createdAt: now.toISOString(),
        url: "https://github.com/acme/take-home/pull/42",
      };
    case "GITHUB_ISSUE_ADDED_EVENT":
      return {
        action: "opened",
        number: 7,
        issue_id: 3641200007,
        title: "Question about the take-home deadline",
        description: "Can the deadline move to Monday?",
        createdBy: "riley-recruiter",
        createdAt: now.toISOString(),
        url: "https://github.com/acme/take-home/issues/7",
      };
    default:
      return {};
  }
}

/** A one-line label for the panel's event picker ("New Gmail message from recruiter@…"). */
export function sampleLabel(triggerSlug: string): string {
  switch (triggerSlug) {
    case "GMAIL_NEW_GMAIL_MESSAGE":
      return "New Gmail message from recruiter@acme-talent.example";
    case "SLACK_RECEIVE_MESSAGE":
    case "SLACK_CHANNEL_MESSAGE_RECEIVED":
      return "New Slack message in #jobs";
    case "GITHUB_PULL_REQUEST_EVENT":
      return "New GitHub pull request on acme/take-home";
    case "GITHUB_ISSUE_ADDED_EVENT":
      return "New GitHub issue on acme/take-home";
    default:
      return "The trigger type's sample event";
  }
}

/**
 * Names people say for Composio's toolkits and events. Composio names some toolkits after their slug
 * ("Googlecalendar") and events in a generated style ("New Gmail Message Received Trigger"); the catalog gives
 * every screen these instead ("Google Calendar", "New Gmail message").
 */

/** Toolkits whose Composio name is not how people write them, by slug. */
const TOOLKIT_NAMES: Record<string, string> = {
  googlecalendar: "Google Calendar",
  googledrive: "Google Drive",
  googledocs: "Google Docs",
  googlesheets: "Google Sheets",
  googlemeet: "Google Meet",
  googletasks: "Google Tasks",
  googlephotos: "Google Photos",
  googleslides: "Google Slides",
  googleforms: "Google Forms",
  gmail: "Gmail",
  github: "GitHub",
  gitlab: "GitLab",
  hubspot: "HubSpot",
  linkedin: "LinkedIn",
  youtube: "YouTube",
  clickup: "ClickUp",
  sendgrid: "SendGrid",
  mailchimp: "Mailchimp",
  microsoftteams: "Microsoft Teams",
  microsoft_teams: "Microsoft Teams",
  outlook: "Outlook",
  onedrive: "OneDrive",
  sharepoint: "SharePoint",
  whatsapp: "WhatsApp",
  pagerduty: "PagerDuty",
  zendesk: "Zendesk",
  salesforce: "Salesforce",
  bitbucket: "Bitbucket",
  dropbox: "Dropbox",
  slack: "Slack",
  notion: "Notion",
  jira: "Jira",
  trello: "Trello",
  asana: "Asana",
  airtable: "Airtable",
  calendly: "Calendly",
  discord: "Discord",
  stripe: "Stripe",
  shopify: "Shopify",
  twitter: "X (Twitter)",
  linear: "Linear",
  figma: "Figma",
};

/** Words that keep their capitals inside an event name (product names and acronyms). */
const PROPER_WORDS = new Set(
  [
    ...Object.values(TOOLKIT_NAMES).flatMap((name) => name.split(" ")),
    "API", "URL", "PR", "CI", "ID", "SMS", "RSVP", "DM", "CRM", "PDF", "CSV", "iCal", "Google", "Microsoft",
  ].map((word) => word.toLowerCase()),
);

function properForm(word: string): string | undefined {
  for (const name of Object.values(TOOLKIT_NAMES)) for (const part of name.split(" ")) if (part.toLowerCase() === word.toLowerCase()) return part;
  const acronym = ["API", "URL", "PR", "CI", "ID", "SMS", "RSVP", "DM", "CRM", "PDF", "CSV"].find((a) => a.toLowerCase() === word.toLowerCase());
  return acronym;
}

/** "googlecalendar" / "Googlecalendar" → "Google Calendar"; a name Composio already writes well stays as it is. */
export function toolkitDisplayName(slug: string, name?: string): string {
  const known = TOOLKIT_NAMES[slug.toLowerCase()];
  if (known) return known;
  const given = (name ?? "").trim();
  if (given && given.toLowerCase() !== slug.toLowerCase()) return given;
  const base = given || slug;
  return base
    .split(/[_\s-]+/u)
    .filter(Boolean)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(" ");
}

/**
 * "New Gmail Message Received Trigger" → "New Gmail message"; "GITHUB_PULL_REQUEST_EVENT" → "Pull request event":
 * without the trailing "Trigger" and "Received", in sentence case that keeps product names and acronyms.
 */
export function eventDisplayName(name: string, toolkit?: string): string {
  let text = name.trim();
  if (/^[A-Z0-9_]+$/u.test(text) && text.includes("_")) {
    text = text.replace(/_/gu, " ");
    if (toolkit) text = text.replace(new RegExp(`^${toolkit.replace(/[^A-Za-z0-9]/gu, "")}\\s+`, "iu"), "");
  }
  text = text
    .replace(/\s+trigger$/iu, "")
    .replace(/\s+received\b/iu, "")
    .replace(/\s+/gu, " ")
    .trim();
  if (!text) return name;
  const words = text.split(" ");
  return words
    .map((word, index) => {
      const proper = properForm(word);
      if (proper) return proper;
      if (PROPER_WORDS.has(word.toLowerCase())) return word;
      // A word with capitals inside ("iPhone", "OAuth") is a name: leave it.
      if (/[A-Z]/u.test(word.slice(1)) && /[a-z]/u.test(word)) return word;
      return index === 0 ? word.charAt(0).toUpperCase() + word.slice(1).toLowerCase() : word.toLowerCase();
    })
    .join(" ");
}

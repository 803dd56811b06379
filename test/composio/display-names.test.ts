import { describe, expect, it } from "vitest";
import { eventDisplayName, toolkitDisplayName } from "../../src/shared/display-names";

describe("names people say for Composio's toolkits and events", () => {
  it("names toolkits as their makers write them", () => {
    expect(toolkitDisplayName("googlecalendar", "Googlecalendar")).toBe("Google Calendar");
    expect(toolkitDisplayName("hubspot", "Hubspot")).toBe("HubSpot");
    expect(toolkitDisplayName("github", "Github")).toBe("GitHub");
    // A name Composio already writes well stays; an unknown slug-like one gets capitals per word.
    expect(toolkitDisplayName("acme_crm", "Acme CRM")).toBe("Acme CRM");
    expect(toolkitDisplayName("acme_crm", "acme_crm")).toBe("Acme Crm");
  });

  it("drops the generated 'Received Trigger' and writes events in sentence case, keeping product names", () => {
    expect(eventDisplayName("New Gmail Message Received Trigger", "gmail")).toBe("New Gmail message");
    expect(eventDisplayName("New Message Received Trigger", "slack")).toBe("New message");
    expect(eventDisplayName("Pull Request Event", "github")).toBe("Pull request event");
    expect(eventDisplayName("Contact Created Trigger", "hubspot")).toBe("Contact created");
    expect(eventDisplayName("New Outlook Message", "outlook")).toBe("New Outlook message");
    expect(eventDisplayName("Calendar Event Sync", "googlecalendar")).toBe("Calendar event sync");
    expect(eventDisplayName("GITHUB_PULL_REQUEST_EVENT", "github")).toBe("Pull request event");
  });
});

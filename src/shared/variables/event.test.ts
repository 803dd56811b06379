import { describe, expect, it } from "vitest";
import sampleEvents from "../../sandbox/fixtures/sample-events.json" with { type: "json" };
import triggerTypes from "../../sandbox/fixtures/trigger-types.json" with { type: "json" };
import { JsonObject } from "../schemas/common";
import { renderTemplate } from "../template";
import { eventAliasesFor } from "./aliases";
import { eventVariables, type TriggerEvent } from "./event";

/** The TriggerEvent the engine will build from a fixture's V3 delivery. */
function fixtureEvent(triggerSlug: string, index = 0): TriggerEvent {
  const fixture = sampleEvents.filter((entry) => entry.trigger_slug === triggerSlug)[index];
  const type = triggerTypes.find((entry) => entry.slug === triggerSlug);
  if (!fixture || !type) throw new Error(`No fixture for ${triggerSlug}`);
  const { delivery } = fixture;
  return { id: delivery.id, type: delivery.metadata.trigger_slug, source: type.toolkit.slug, time: delivery.timestamp, data: JsonObject.parse(delivery.data) };
}

const trigger = { name: "Important email" };
const agent = { name: "Ada" };

describe("eventVariables", () => {
  it("gives the Gmail aliases their payload values", () => {
    const variables = eventVariables({ trigger, event: fixtureEvent("GMAIL_NEW_GMAIL_MESSAGE"), agent });
    expect({
      emailSubject: variables.emailSubject,
      emailFrom: variables.emailFrom,
      emailTo: variables.emailTo,
      emailBody: variables.emailBody,
      emailDate: variables.emailDate,
      emailThreadId: variables.emailThreadId,
    }).toEqual({
      emailSubject: "Q4 roadmap review - agenda",
      emailFrom: "Jordan Sample <jordan.sample@example.com>",
      emailTo: "Alex Fixture <alex.fixture@example.com>",
      emailBody:
        "Hi Alex,\r\n\r\nHere is the agenda for Thursday's Q4 roadmap review:\r\n1. Recap of Q3 launches\r\n2. Q4 priorities\r\n3. Open questions\r\n\r\nThanks,\r\nJordan\r\n",
      emailDate: "2026-11-24T09:14:37Z",
      emailThreadId: "19ab3c7f2e4d6a01",
    });
  });

  it("sets the built-ins, every top-level payload field and the aliases", () => {
    const event = fixtureEvent("GMAIL_NEW_GMAIL_MESSAGE");
    const variables = eventVariables({ trigger, event, agent });
    expect(Object.keys(variables).sort()).toEqual(
      [
        "eventType",
        "eventSource",
        "eventTime",
        "eventId",
        "triggerName",
        "agentName",
        "eventData",
        ...Object.keys(event.data),
        ...["emailSubject", "emailFrom", "emailTo", "emailBody", "emailDate", "emailThreadId"],
      ].sort(),
    );
    expect(variables).toMatchObject({
      eventType: "GMAIL_NEW_GMAIL_MESSAGE",
      eventSource: "gmail",
      eventTime: "2026-11-24T09:15:02.418Z",
      eventId: "msg_010b0136-5812-49c9-a84e-63e316351974",
      triggerName: "Important email",
      agentName: "Ada",
    });
    expect(variables.eventData).toBe(event.data);
  });

  it("renders a Gmail template, including a path into the payload", () => {
    const variables = eventVariables({ trigger, event: fixtureEvent("GMAIL_NEW_GMAIL_MESSAGE"), agent });
    expect(renderTemplate("{agentName}: mail from {emailFrom} about {subject} ({payload.headers.4.name}, {eventData.payload.mimeType}).", variables)).toEqual({
      text: "Ada: mail from Jordan Sample <jordan.sample@example.com> about Q4 roadmap review - agenda (Subject, multipart/alternative).",
      missing: [],
    });
  });

  it("leaves agentName unset without an agent, even if the payload has such a field", () => {
    const event = { ...fixtureEvent("HUBSPOT_CONTACT_CREATED_TRIGGER"), data: { agentName: "from payload", objectId: "1" } };
    const variables = eventVariables({ trigger, event });
    expect(variables.agentName).toBeUndefined();
    expect(variables.objectId).toBe("1");
  });

  it("lets built-ins win over payload fields with the same name", () => {
    const event = { ...fixtureEvent("LINEAR_ISSUE_CREATED_TRIGGER"), data: { eventType: "spoofed", eventData: "spoofed", action: "create" } };
    const variables = eventVariables({ trigger, event, agent });
    expect(variables.eventType).toBe("LINEAR_ISSUE_CREATED_TRIGGER");
    expect(variables.eventData).toEqual({ eventType: "spoofed", eventData: "spoofed", action: "create" });
    expect(variables.action).toBe("create");
  });

  it("never lets an alias hide a payload field with the same name", () => {
    const event = { ...fixtureEvent("GMAIL_NEW_GMAIL_MESSAGE"), data: { subject: "Real", emailSubject: "Provided by the payload" } };
    expect(eventVariables({ trigger, event }).emailSubject).toBe("Provided by the payload");
  });

  it("gives Slack aliases, falling back from thread_ts to ts", () => {
    const first = eventVariables({ trigger, event: fixtureEvent("SLACK_CHANNEL_MESSAGE_RECEIVED", 0) });
    const reply = eventVariables({ trigger, event: fixtureEvent("SLACK_CHANNEL_MESSAGE_RECEIVED", 1) });
    expect(first).toMatchObject({
      messageText: "<@U07FXTRALEX> could you review the fixture PR before lunch?",
      channelId: "C07FXTR0DEV",
      userId: "U07FXTRJRDN",
      messageTs: "1795596432.559301",
      threadTs: "1795596432.559301",
    });
    expect(reply.threadTs).toBe("1795596432.559301");
    expect(reply.messageTs).toBe("1795597408.002214");
  });

  it("keeps a null alias source as null (renders empty, not missing)", () => {
    const bot = eventVariables({ trigger, event: fixtureEvent("SLACK_RECEIVE_MESSAGE", 1) });
    expect(bot.userId).toBeNull();
    expect(renderTemplate("by {userId}", bot)).toEqual({ text: "by ", missing: [] });
  });

  it("gives GitHub pull request and issue aliases", () => {
    expect(eventVariables({ trigger, event: fixtureEvent("GITHUB_PULL_REQUEST_EVENT") })).toMatchObject({
      prTitle: "Add offline trigger catalog fixture",
      prNumber: 118,
      prUrl: "https://github.com/example-org/example-repo/pull/118",
      prAuthor: "example-dev",
      prAction: "opened",
    });
    const issue = eventVariables({ trigger, event: fixtureEvent("GITHUB_ISSUE_ADDED_EVENT") });
    expect(issue).toMatchObject({ issueTitle: "Test suite fails without network access", issueNumber: 117 });
    expect(issue.prTitle).toBeUndefined();
  });

  it("adds no aliases for toolkits without any", () => {
    const event = fixtureEvent("OUTLOOK_OUTLOOK_MESSAGE_TRIGGER");
    expect(Object.keys(eventVariables({ trigger, event })).sort()).toEqual(
      ["eventType", "eventSource", "eventTime", "eventId", "triggerName", "eventData", "event_type", "id"].sort(),
    );
  });

  it("keeps a payload key named __proto__ as a plain field", () => {
    const data = JSON.parse('{"__proto__": {"polluted": true}, "ok": 1}') as JsonObject;
    const variables = eventVariables({ trigger, event: { ...fixtureEvent("OUTLOOK_OUTLOOK_MESSAGE_TRIGGER"), data } });
    expect(Object.getPrototypeOf(variables)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(variables, "__proto__")).toBe(true);
    expect(renderTemplate("{__proto__.polluted} {ok}", variables).text).toBe("true 1");
  });

  it("builds variables for every fixture delivery", () => {
    for (const { trigger_slug: slug } of sampleEvents) {
      const variables = eventVariables({ trigger, event: fixtureEvent(slug), agent });
      expect(variables.eventType).toBe(slug);
    }
  });
});

describe("eventAliasesFor", () => {
  it("matches the toolkit and, when the group names them, the trigger slug", () => {
    expect(eventAliasesFor({ toolkit: "GMAIL", triggerSlug: "GMAIL_NEW_GMAIL_MESSAGE" }).map((alias) => alias.name)).toEqual([
      "emailSubject",
      "emailFrom",
      "emailTo",
      "emailBody",
      "emailDate",
      "emailThreadId",
    ]);
    expect(eventAliasesFor({ toolkit: "github", triggerSlug: "GITHUB_COMMIT_EVENT" })).toEqual([]);
    expect(eventAliasesFor({ toolkit: "notion", triggerSlug: "NOTION_PAGE_UPDATED_TRIGGER" })).toEqual([]);
  });
});

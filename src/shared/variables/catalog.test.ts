import { describe, expect, it } from "vitest";
import sampleEvents from "../../sandbox/fixtures/sample-events.json" with { type: "json" };
import triggerTypes from "../../sandbox/fixtures/trigger-types.json" with { type: "json" };
import { JsonObject } from "../schemas/common";
import { renderTemplate, validateTemplate } from "../template";
import { eventVariableCatalog, jobVariableCatalog } from "./catalog";
import { eventVariables } from "./event";
import { jobVariables } from "./job";

function triggerType(slug: string) {
  const type = triggerTypes.find((entry) => entry.slug === slug);
  if (!type) throw new Error(`No trigger type ${slug}`);
  return { toolkit: type.toolkit.slug, triggerSlug: type.slug, payloadSchema: type.payload as unknown };
}

describe("jobVariableCatalog", () => {
  it("lists the built-ins with descriptions and examples, then the job's own variables", () => {
    expect(jobVariableCatalog({ variables: { team: "Platform" } })).toEqual([
      { name: "date", description: "The scheduled date in the job's timezone.", example: "Monday, November 30, 2026", group: "builtin" },
      { name: "time", description: "The scheduled time in the job's timezone, on the clock of the planner's locale (24-hour when none is set).", example: "09:00", group: "builtin" },
      {
        name: "dateTime",
        description: "The scheduled date and time in the job's timezone.",
        example: "Monday, November 30, 2026 at 09:00",
        group: "builtin",
      },
      { name: "dayOfWeek", description: "The scheduled day of the week in the job's timezone.", example: "Monday", group: "builtin" },
      {
        name: "timeOfDay",
        description: "morning (5:00–11:59), afternoon (12:00–16:59), evening (17:00–20:59) or night (21:00–4:59).",
        example: "morning",
        group: "builtin",
      },
      { name: "timezone", description: "The job's timezone (IANA name).", example: "Europe/Paris", group: "builtin" },
      { name: "scheduledFor", description: "The scheduled time in UTC (ISO 8601).", example: "2026-11-30T08:00:00.000Z", group: "builtin" },
      { name: "jobName", description: "The name of this job.", example: "Weekly report", group: "builtin" },
      { name: "agentName", description: "The name of the agent.", example: "Assistant", group: "builtin" },
      { name: "team", description: "A variable set on this job.", example: "Platform", group: "custom" },
    ]);
  });

  it("lists only the built-ins without a job, and never a custom variable shadowing one", () => {
    expect(jobVariableCatalog().map((variable) => variable.name)).toEqual(jobVariableCatalog({ variables: { date: "x" } }).map((variable) => variable.name));
    expect(jobVariableCatalog()).toHaveLength(9);
  });

  it("names exactly the variables jobVariables sets", () => {
    const job = { name: "J", schedule: { cron: "0 9 * * *", timezone: "UTC" }, variables: { team: "Platform" } };
    const set = Object.keys(jobVariables({ job, agent: { name: "A" }, scheduledFor: new Date("2026-11-30T09:00:00Z") })).sort();
    expect(jobVariableCatalog(job).map((variable) => variable.name).sort()).toEqual(set);
  });
});

describe("eventVariableCatalog", () => {
  it("lists built-ins, Gmail payload fields and Gmail aliases", () => {
    const catalog = eventVariableCatalog(triggerType("GMAIL_NEW_GMAIL_MESSAGE"));
    expect(catalog.map((variable) => [variable.name, variable.group])).toEqual([
      ["eventType", "builtin"],
      ["eventSource", "builtin"],
      ["eventTime", "builtin"],
      ["eventId", "builtin"],
      ["triggerName", "builtin"],
      ["agentName", "builtin"],
      ["eventData", "builtin"],
      ["attachment_list", "field"],
      ["message_id", "field"],
      ["message_text", "field"],
      ["message_timestamp", "field"],
      ["payload", "field"],
      ["sender", "field"],
      ["subject", "field"],
      ["thread_id", "field"],
      ["to", "field"],
      ["emailSubject", "alias"],
      ["emailFrom", "alias"],
      ["emailTo", "alias"],
      ["emailBody", "alias"],
      ["emailDate", "alias"],
      ["emailThreadId", "alias"],
    ]);
    expect(catalog.find((variable) => variable.name === "emailSubject")).toEqual({
      name: "emailSubject",
      description: "Alias for subject: the subject line of the email.",
      type: "string",
      group: "alias",
    });
    expect(catalog.find((variable) => variable.name === "eventType")).toEqual({
      name: "eventType",
      description: "The trigger type of the event.",
      example: "GMAIL_NEW_GMAIL_MESSAGE",
      group: "builtin",
    });
    expect(catalog.find((variable) => variable.name === "eventData")?.example).toMatchObject({ subject: "Sample Subject" });
  });

  it("gives aliases the example of the field they stand for", () => {
    const catalog = eventVariableCatalog(triggerType("GITHUB_PULL_REQUEST_EVENT"));
    expect(catalog.find((variable) => variable.name === "prNumber")).toEqual({
      name: "prNumber",
      description: "Alias for number: the pull request number.",
      example: 42,
      type: "integer",
      group: "alias",
    });
  });

  it("leaves out aliases whose field the schema does not declare", () => {
    const legacy = eventVariableCatalog(triggerType("SLACK_RECEIVE_MESSAGE")).filter((variable) => variable.group === "alias");
    expect(legacy.map((variable) => variable.name)).toEqual(["messageText", "channelId", "userId", "messageTs", "threadTs"]);
    const reaction = eventVariableCatalog({
      toolkit: "slack",
      triggerSlug: "SLACK_REACTION_ADDED",
      payloadSchema: { type: "object", properties: { reaction: { type: "string" }, user: { type: "string" } } },
    });
    expect(reaction.filter((variable) => variable.group === "alias").map((variable) => variable.name)).toEqual(["userId"]);
  });

  it("lists every alias of the trigger type when the payload schema is unknown", () => {
    const catalog = eventVariableCatalog({ toolkit: "gmail", triggerSlug: "GMAIL_NEW_GMAIL_MESSAGE", payloadSchema: undefined });
    expect(catalog.filter((variable) => variable.group === "alias")).toHaveLength(6);
    expect(catalog.find((variable) => variable.name === "eventData")?.example).toEqual({});
  });

  it("hides payload fields named like built-ins, and aliases named like payload fields", () => {
    const catalog = eventVariableCatalog({
      toolkit: "gmail",
      triggerSlug: "GMAIL_NEW_GMAIL_MESSAGE",
      payloadSchema: {
        properties: {
          eventType: { type: "object", properties: { x: { type: "string" } } },
          subject: { type: "string" },
          emailSubject: { type: "string", description: "Sent by the provider" },
        },
      },
    });
    expect(catalog.filter((variable) => variable.group !== "builtin")).toEqual([
      { name: "subject", description: "A field of the event payload.", type: "string", group: "field" },
      { name: "emailSubject", description: "Sent by the provider", type: "string", group: "field" },
    ]);
  });

  it("knows every variable a fixture delivery provides, so a template using them validates", () => {
    for (const { trigger_slug: slug, delivery } of sampleEvents) {
      const type = triggerType(slug);
      const known = eventVariableCatalog(type).map((variable) => variable.name);
      const variables = eventVariables({
        trigger: { name: "T" },
        event: { id: delivery.id, type: slug, source: type.toolkit, time: delivery.timestamp, data: JsonObject.parse(delivery.data) },
        agent: { name: "A" },
      });
      const template = Object.keys(variables)
        .map((name) => `{${name}}`)
        .join(" ");
      expect(validateTemplate(template, known), slug).toEqual({ ok: true, errors: [] });
    }
  });

  it("previews a template on the sample payload", () => {
    const type = triggerType("GITHUB_PULL_REQUEST_EVENT");
    const eventData = eventVariableCatalog(type).find((variable) => variable.name === "eventData")?.example;
    const variables = eventVariables({
      trigger: { name: "PRs" },
      event: { id: "msg_test", type: type.triggerSlug, source: type.toolkit, time: "2026-11-28T09:00:00.000Z", data: JsonObject.parse(eventData) },
    });
    expect(renderTemplate("Review #{prNumber} by {prAuthor}: {prTitle}", variables)).toEqual({
      text: "Review #42 by octocat: Fix typo in README",
      missing: [],
    });
  });
});

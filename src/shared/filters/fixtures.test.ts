import { describe, expect, it } from "vitest";
import sampleEvents from "../../sandbox/fixtures/sample-events.json";
import type { Condition, Filters } from "../schemas/filters";
import { evaluateFilters, matchesFilters } from "./evaluate";

interface SampleEvent {
  trigger_slug: string;
  delivery: { data: unknown };
}
const events: SampleEvent[] = sampleEvents;

/** The `delivery.data` payloads of one trigger type, in fixture order. */
function payloads(slug: string): unknown[] {
  const found = events.filter((event) => event.trigger_slug === slug).map((event) => event.delivery.data);
  if (found.length === 0) throw new Error(`No sample event for ${slug}.`);
  return found;
}

function matching(filters: Filters, slug: string): boolean[] {
  return payloads(slug).map((payload) => matchesFilters(filters, payload));
}

const all = (...conditions: Condition[]): Filters => ({ match: "all", conditions });
const any = (...conditions: Condition[]): Filters => ({ match: "any", conditions });

describe("Gmail: new message", () => {
  const GMAIL = "GMAIL_NEW_GMAIL_MESSAGE";
  const [agenda, invoice] = payloads(GMAIL);

  it("reads nested header paths", () => {
    const evaluation = evaluateFilters(
      all(
        { path: "payload.headers.0.value", op: "equals", value: "alex.fixture@example.com" },
        { path: "payload.headers.4.name", op: "equals", value: "Subject" },
        { path: "payload.headers.4.value", op: "contains", value: "ROADMAP" },
        { path: "payload.headers.5.value", op: "matches", value: "(?i)<[^>]+@example\\.com>$" },
      ),
      agenda,
    );
    expect(evaluation.matched).toBe(true);
    expect(evaluation.results.map((result) => [result.matched, result.actual])).toEqual([
      [true, "alex.fixture@example.com"],
      [true, "Subject"],
      [true, "Q4 roadmap review - agenda"],
      [true, "Jordan Sample <jordan.sample@example.com>"],
    ]);
  });

  it("reports a header index past the end as missing", () => {
    const evaluation = evaluateFilters(all({ path: "payload.headers.99.value", op: "exists" }), agenda);
    expect(evaluation.results).toEqual([
      { condition: { path: "payload.headers.99.value", op: "exists" }, matched: false },
    ]);
  });

  it("tells invoices from other mail", () => {
    const invoices = any(
      { path: "subject", op: "contains", value: "invoice" },
      { path: "attachment_list.0.filename", op: "endsWith", value: ".PDF" },
    );
    expect(matching(invoices, GMAIL)).toEqual([false, true]);
    expect(matching(all({ path: "attachment_list.0", op: "notExists" }), GMAIL)).toEqual([true, false]);
    expect(matching(all({ path: "attachment_list", op: "exists" }), GMAIL)).toEqual([true, true]);
    expect(matching(all({ path: "sender", op: "matches", value: "^Example Supplies" }), GMAIL)).toEqual([false, true]);
  });

  it("compares message timestamps as instants", () => {
    const afterNoonOnThe24th = all({ path: "message_timestamp", op: "gt", value: "2026-11-24T12:00:00Z" });
    expect(matching(afterNoonOnThe24th, GMAIL)).toEqual([false, true]);
    const onThe24thInParis = all(
      { path: "message_timestamp", op: "gte", value: "2026-11-24T00:00:00+01:00" },
      { path: "message_timestamp", op: "lt", value: "2026-11-25T00:00:00+01:00" },
    );
    expect(matching(onThe24thInParis, GMAIL)).toEqual([true, false]);
    expect(invoice).toBeDefined();
  });
});

describe("Slack: messages", () => {
  it("skips bot messages (bot_id is null for people)", () => {
    const fromPeople = all({ path: "bot_id", op: "notExists" });
    expect(matching(fromPeople, "SLACK_RECEIVE_MESSAGE")).toEqual([true, false]);
  });

  it("filters on channel and text", () => {
    const devMentions = all(
      { path: "channel", op: "in", value: ["C07FXTR0DEV"] },
      { path: "text", op: "contains", value: "<@U07FXTRALEX>" },
    );
    expect(matching(devMentions, "SLACK_CHANNEL_MESSAGE_RECEIVED")).toEqual([true, false]);
    const threadReplies = all({ path: "thread_ts", op: "exists" });
    expect(matching(threadReplies, "SLACK_CHANNEL_MESSAGE_RECEIVED")).toEqual([false, true]);
  });
});

describe("GitHub, Calendar and Linear", () => {
  it("matches pull request actions from a list", () => {
    const openedOrReopened = all({ path: "action", op: "in", value: ["opened", "reopened"] });
    expect(matching(openedOrReopened, "GITHUB_PULL_REQUEST_EVENT")).toEqual([true, false]);
    expect(matching(all({ path: "number", op: "gte", value: 118 }), "GITHUB_PULL_REQUEST_EVENT")).toEqual([true, true]);
    expect(matching(all({ path: "number", op: "equals", value: "118" }), "GITHUB_PULL_REQUEST_EVENT")).toEqual([false, false]);
  });

  it("reads list elements and offsets in calendar events", () => {
    const slug = "GOOGLECALENDAR_GOOGLE_CALENDAR_EVENT_SYNC_TRIGGER";
    expect(matching(all({ path: "attendees.1.responseStatus", op: "equals", value: "needsAction" }), slug)).toEqual([
      true,
      false,
    ]);
    expect(matching(all({ path: "end_time", op: "gt", value: "2026-11-26T15:00:00Z" }), slug)).toEqual([false, true]);
  });

  it("compares Linear priorities and labels", () => {
    const urgentImprovements = all(
      { path: "data.priority", op: "lte", value: 2 },
      { path: "data.sortOrder", op: "lt", value: 0 },
      { path: "data.labels.0.name", op: "equals", value: "Improvement" },
      { path: "data.labelIds", op: "contains", value: "D4E5F6A7-B8C9-4D0E-9F1A-2B3C4D5E6F70" },
      { path: "data.assigneeId", op: "notExists" },
    );
    expect(matching(urgentImprovements, "LINEAR_ISSUE_CREATED_TRIGGER")).toEqual([true]);
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import sampleEvents from "../../sandbox/fixtures/sample-events.json" with { type: "json" };
import triggerTypes from "../../sandbox/fixtures/trigger-types.json" with { type: "json" };
import { JsonObject } from "../schemas/common";
import { sampleEventData, variablesFromPayloadSchema } from "./payload-schema";

function payloadSchema(slug: string): unknown {
  const type = triggerTypes.find((entry) => entry.slug === slug);
  if (!type) throw new Error(`No trigger type ${slug}`);
  return type.payload;
}

describe("variablesFromPayloadSchema", () => {
  it("lists the Gmail payload fields, reading nullable fields as their type", () => {
    const variables = variablesFromPayloadSchema(payloadSchema("GMAIL_NEW_GMAIL_MESSAGE"));
    expect(variables.map((variable) => variable.name)).toEqual([
      "attachment_list",
      "message_id",
      "message_text",
      "message_timestamp",
      "payload",
      "sender",
      "subject",
      "thread_id",
      "to",
    ]);
    expect(variables.find((variable) => variable.name === "subject")).toEqual({
      name: "subject",
      description: "The subject of the message",
      type: "string",
    });
    expect(variables.find((variable) => variable.name === "attachment_list")?.type).toBe("array");
  });

  it("lists the GitHub pull request fields with their examples", () => {
    const variables = variablesFromPayloadSchema(payloadSchema("GITHUB_PULL_REQUEST_EVENT"));
    expect(variables.map((variable) => variable.name)).toEqual(["action", "createdAt", "createdBy", "description", "number", "title", "url"]);
    expect(variables.find((variable) => variable.name === "number")).toEqual({
      name: "number",
      description: "The unique number assigned to the pull request",
      example: 42,
      type: "integer",
    });
  });

  it("lists fields for every fixture trigger type", () => {
    for (const type of triggerTypes) {
      const variables = variablesFromPayloadSchema(type.payload);
      expect(variables.length, type.slug).toBe(Object.keys(type.payload.properties).length);
    }
  });

  it("follows $refs, nested objects and arrays of objects, as dotted paths", () => {
    const schema = {
      type: "object",
      $defs: {
        User: { type: "object", properties: { login: { type: "string", examples: ["octocat"] } } },
        Label: { type: "object", title: "Label", properties: { name: { type: "string" } } },
      },
      properties: {
        pull_request: {
          type: "object",
          properties: {
            head: { type: "object", properties: { ref: { type: "string", description: "Branch" } } },
            user: { $ref: "#/$defs/User", description: "Who opened it" },
          },
        },
        labels: { anyOf: [{ type: "array", items: { $ref: "#/$defs/Label" } }, { type: "null" }], default: null },
        assignee: { anyOf: [{ $ref: "#/$defs/User" }, { type: "null" }] },
        score: { type: ["number", "null"], default: 0.5 },
        either: { anyOf: [{ type: "string" }, { type: "integer" }] },
      },
    };
    expect(variablesFromPayloadSchema(schema)).toEqual([
      { name: "pull_request", type: "object" },
      { name: "pull_request.head", type: "object" },
      { name: "pull_request.head.ref", description: "Branch", type: "string" },
      { name: "pull_request.user", description: "Who opened it", type: "object" },
      { name: "pull_request.user.login", example: "octocat", type: "string" },
      { name: "labels", type: "array" },
      { name: "labels.0.name", type: "string" },
      { name: "assignee", type: "object" },
      { name: "assignee.login", example: "octocat", type: "string" },
      { name: "score", example: 0.5, type: "number" },
      { name: "either", type: "string | integer" },
    ]);
  });

  it("supports `definitions` and a root that is itself a $ref", () => {
    const schema = { $ref: "#/definitions/Payload", definitions: { Payload: { type: "object", properties: { id: { type: "string" } } } } };
    expect(variablesFromPayloadSchema(schema)).toEqual([{ name: "id", type: "string" }]);
  });

  it("skips keys that cannot be written in a template", () => {
    const schema = { properties: { "Due Date": { type: "string" }, "a-b": {}, "0": {}, ok: {}, nested: { properties: { "0": {}, "x.y": {} } } } };
    expect(variablesFromPayloadSchema(schema).map((variable) => variable.name)).toEqual(["ok", "nested", "nested.0"]);
  });

  it("stops at a depth of five and survives recursive $refs", () => {
    const schema = { $defs: { Node: { type: "object", properties: { child: { $ref: "#/$defs/Node" } } } }, $ref: "#/$defs/Node" };
    expect(variablesFromPayloadSchema(schema).map((variable) => variable.name)).toEqual([
      "child",
      "child.child",
      "child.child.child",
      "child.child.child.child",
      "child.child.child.child.child",
    ]);
  });

  it.each([undefined, null, 42, "schema", [], {}, { properties: [] }, { properties: null }, { type: "string" }, { $ref: "#/$defs/Missing" }])(
    "returns [] for %j",
    (schema) => {
      expect(variablesFromPayloadSchema(schema)).toEqual([]);
    },
  );

  it("never throws, whatever it is given", () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withObjectString: true }), (schema) => {
        expect(Array.isArray(variablesFromPayloadSchema(schema))).toBe(true);
        expect(sampleEventData(schema)).toBeTypeOf("object");
        expect(Array.isArray(variablesFromPayloadSchema({ type: "object", properties: { a: schema, b: { anyOf: [schema, { type: "null" }] } } }))).toBe(true);
        sampleEventData({ type: "object", properties: { a: schema, $defs: schema } });
      }),
      { numRuns: 300 },
    );
  });
});

describe("sampleEventData", () => {
  it("fills the Gmail payload with placeholders, never null", () => {
    expect(sampleEventData(payloadSchema("GMAIL_NEW_GMAIL_MESSAGE"))).toEqual({
      attachment_list: [],
      message_id: "Sample Message ID",
      message_text: "Sample Message Text",
      message_timestamp: "Sample Message Timestamp",
      payload: {},
      sender: "Sample Sender",
      subject: "Sample Subject",
      thread_id: "Sample Thread ID",
      to: "Sample To",
    });
  });

  it("uses the documented examples of the GitHub pull request payload", () => {
    expect(sampleEventData(payloadSchema("GITHUB_PULL_REQUEST_EVENT"))).toEqual({
      action: "opened",
      createdAt: "2021-04-14T02:15:15Z",
      createdBy: "octocat",
      description: "This pull request fixes a typo found in the README file under the 'Installation' section.",
      number: 42,
      title: "Fix typo in README",
      url: "https://github.com/octocat/Hello-World/pull/42",
    });
  });

  it("uses defaults, formats, types, nested objects and arrays of known items", () => {
    const schema = {
      type: "object",
      properties: {
        kind: { type: "string", default: "page_added" },
        when: { type: "string", format: "date-time" },
        email: { type: "string", format: "email" },
        count: { type: "integer" },
        flag: { type: "boolean" },
        status: { enum: [null, "open", "closed"] },
        tags: { type: "array", items: { type: "string", title: "Tag" } },
        raw: { type: "array", items: {} },
        author: { type: "object", properties: { login: { type: "string" } } },
        nothing: {},
      },
    };
    expect(sampleEventData(schema)).toEqual({
      kind: "page_added",
      when: "2026-01-15T09:00:00Z",
      email: "someone@example.com",
      count: 1,
      flag: false,
      status: "open",
      tags: ["Sample Tag"],
      raw: [],
      author: { login: "Sample login" },
      nothing: null,
    });
  });

  it("is a valid payload object for every fixture trigger type", () => {
    for (const type of triggerTypes) {
      const sample = sampleEventData(type.payload);
      expect(JsonObject.safeParse(sample).success, type.slug).toBe(true);
      expect(Object.keys(sample), type.slug).toEqual(Object.keys(type.payload.properties));
    }
  });

  it("lists every field a real delivery carries, for every fixture delivery", () => {
    for (const { trigger_slug: slug, delivery } of sampleEvents) {
      const names = variablesFromPayloadSchema(payloadSchema(slug)).map((variable) => variable.name);
      expect(Object.keys(delivery.data).filter((key) => !names.includes(key)), slug).toEqual([]);
    }
  });

  it("returns {} for a schema that is not an object schema", () => {
    expect(sampleEventData({ type: "string" })).toEqual({});
    expect(sampleEventData(null)).toEqual({});
  });

  it("escapes field names and example keys superjson refuses, as webhook event data is", () => {
    const schema = JSON.parse(
      '{"type":"object","properties":{"constructor":{"type":"number"},"meta":{"type":"object","examples":[{"__proto__":{"prototype":1}}]}}}',
    ) as unknown;
    expect(sampleEventData(schema)).toEqual({ constructor_: 1, meta: { __proto___: { prototype_: 1 } } });
  });
});

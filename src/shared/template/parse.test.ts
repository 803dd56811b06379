import { describe, expect, it } from "vitest";
import { isValidVariableName, parseTemplate } from "./parse";

describe("parseTemplate", () => {
  it("splits text and placeholders with offsets", () => {
    expect(parseTemplate("Hi {user.name}, it is {time}.")).toEqual([
      { kind: "text", text: "Hi ", start: 0, end: 3 },
      { kind: "variable", name: "user.name", path: ["user", "name"], start: 3, end: 14 },
      { kind: "text", text: ", it is ", start: 14, end: 22 },
      { kind: "variable", name: "time", path: ["time"], start: 22, end: 28 },
      { kind: "text", text: ".", start: 28, end: 29 },
    ]);
  });

  it("returns no segments for an empty template", () => {
    expect(parseTemplate("")).toEqual([]);
  });

  it("merges escaped braces into the surrounding text, unescaped", () => {
    expect(parseTemplate("a {{b}} c")).toEqual([{ kind: "text", text: "a {b} c", start: 0, end: 9 }]);
  });

  it("reads {{{name}}} as a literal brace, a placeholder and a literal brace", () => {
    expect(parseTemplate("{{{name}}}")).toEqual([
      { kind: "text", text: "{", start: 0, end: 2 },
      { kind: "variable", name: "name", path: ["name"], start: 2, end: 8 },
      { kind: "text", text: "}", start: 8, end: 10 },
    ]);
  });

  it("keeps array indices as path segments", () => {
    expect(parseTemplate("{payload.headers.0.name}")).toEqual([
      { kind: "variable", name: "payload.headers.0.name", path: ["payload", "headers", "0", "name"], start: 0, end: 24 },
    ]);
  });

  it("marks an unclosed { with the name characters after it", () => {
    expect(parseTemplate("Hi {name, welcome")).toEqual([
      { kind: "text", text: "Hi ", start: 0, end: 3 },
      {
        kind: "error",
        text: "{name",
        error: { kind: "unbalanced", start: 3, end: 8, message: '"{name" is missing its closing "}".' },
        start: 3,
        end: 8,
      },
      { kind: "text", text: ", welcome", start: 8, end: 17 },
    ]);
  });

  it("does not let a placeholder run across a line break or into another {", () => {
    const segments = parseTemplate("{a\nb} {c{d}");
    expect(segments.map((s) => [s.kind, s.start, s.end])).toEqual([
      ["error", 0, 2],
      ["text", 2, 4],
      ["error", 4, 5],
      ["text", 5, 6],
      ["error", 6, 8],
      ["variable", 8, 11],
    ]);
  });

  it("marks a lone } as unbalanced", () => {
    expect(parseTemplate("a } b")).toEqual([
      { kind: "text", text: "a ", start: 0, end: 2 },
      {
        kind: "error",
        text: "}",
        error: { kind: "unbalanced", start: 2, end: 3, message: 'This "}" closes nothing. Write }} for a literal "}".' },
        start: 2,
        end: 3,
      },
      { kind: "text", text: " b", start: 3, end: 5 },
    ]);
  });

  it("treats a non-string from untyped callers as an empty template", () => {
    expect(parseTemplate(undefined as unknown as string)).toEqual([]);
  });
});

describe("isValidVariableName", () => {
  it.each(["a", "_private", "eventData.subject", "items.0.title", "a_1.B_2.3", "x".repeat(200)])("accepts %s", (name) => {
    expect(isValidVariableName(name)).toBe(true);
  });

  it.each(["", "1x", "a b", "a-b", "a..b", ".a", "a.", "a.$b", "é", "x".repeat(201)])("rejects %j", (name) => {
    expect(isValidVariableName(name)).toBe(false);
  });
});

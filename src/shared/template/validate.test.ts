import { describe, expect, it } from "vitest";
import { listTemplateVariables, validateTemplate } from "./validate";

describe("listTemplateVariables", () => {
  it("lists each variable path once, in order of appearance, skipping malformed and escaped ones", () => {
    expect(listTemplateVariables("{b} {a.x} {{c}} {b} {d e} {a.x.0} {a}")).toEqual(["b", "a.x", "a.x.0", "a"]);
  });

  it("returns [] for a template without variables", () => {
    expect(listTemplateVariables("no {{variables}} here")).toEqual([]);
  });
});

describe("validateTemplate", () => {
  const known = ["name", "eventData", "payload.headers", "attendees.0.email", "emailSubject"];

  it("accepts known variables, paths under them and escaped braces", () => {
    expect(
      validateTemplate("{name} {eventData.subject} {payload.headers.0.name} {attendees.2.email} {attendees} {{x}}", known),
    ).toEqual({ ok: true, errors: [] });
  });

  it("reports an unclosed placeholder", () => {
    expect(validateTemplate("Hi {name", known)).toEqual({
      ok: false,
      errors: [{ kind: "unbalanced", start: 3, end: 8, message: '"{name" is missing its closing "}".' }],
    });
  });

  it("reports a lone { and a lone }", () => {
    expect(validateTemplate("a { b\nc } d", known).errors).toEqual([
      { kind: "unbalanced", start: 2, end: 3, message: 'This "{" is never closed. Write {{ for a literal "{".' },
      { kind: "unbalanced", start: 8, end: 9, message: 'This "}" closes nothing. Write }} for a literal "}".' },
    ]);
  });

  it("reports an empty placeholder", () => {
    expect(validateTemplate("x {} y { }", known).errors).toEqual([
      {
        kind: "empty",
        start: 2,
        end: 4,
        message: '"{}" is an empty placeholder. Put a variable name inside, like {name}, or write {{}} for literal braces.',
      },
      {
        kind: "empty",
        start: 7,
        end: 10,
        message: '"{ }" is an empty placeholder. Put a variable name inside, like {name}, or write {{}} for literal braces.',
      },
    ]);
  });

  it("explains each kind of invalid name", () => {
    expect(validateTemplate("{a b}{1x-}{1x}{a..b}{ name }{a.$}", known).errors).toEqual([
      { kind: "invalidName", name: "a b", start: 0, end: 5, message: '"{a b}" is not a valid variable name: names cannot contain spaces.' },
      {
        kind: "invalidName",
        name: "1x-",
        start: 5,
        end: 10,
        message: '"{1x-}" is not a valid variable name: "-" is not allowed (use letters, digits, _ and dots).',
      },
      { kind: "invalidName", name: "1x", start: 10, end: 14, message: '"{1x}" is not a valid variable name: a name must start with a letter or _.' },
      {
        kind: "invalidName",
        name: "a..b",
        start: 14,
        end: 20,
        message: '"{a..b}" is not a valid variable name: put exactly one dot between the parts of a path, as in {eventData.subject}.',
      },
      { kind: "invalidName", name: " name ", start: 20, end: 28, message: '"{ name }" is not a valid placeholder: remove the spaces, as in {name}.' },
      {
        kind: "invalidName",
        name: "a.$",
        start: 28,
        end: 33,
        message: '"{a.$}" is not a valid variable name: "$" is not allowed (use letters, digits, _ and dots).',
      },
    ]);
  });

  it("shortens long placeholders in messages", () => {
    const content = `${"a".repeat(50)} b`;
    expect(validateTemplate(`{${content}}`, known).errors[0]?.message).toBe(
      `"{${"a".repeat(38)}…" is not a valid variable name: names cannot contain spaces.`,
    );
  });

  it("reports unknown variables at each occurrence, with a suggestion when one is close", () => {
    expect(validateTemplate("{nmae} {emailsubject} {evntData.subject} {zzz} {nmae}", known)).toEqual({
      ok: false,
      errors: [
        { kind: "unknown", name: "nmae", start: 0, end: 6, message: '"{nmae}" is not a known variable. Did you mean {name}?' },
        {
          kind: "unknown",
          name: "emailsubject",
          start: 7,
          end: 21,
          message: '"{emailsubject}" is not a known variable. Did you mean {emailSubject}?',
        },
        {
          kind: "unknown",
          name: "evntData.subject",
          start: 22,
          end: 40,
          message: '"{evntData.subject}" is not a known variable. Did you mean {eventData.subject}?',
        },
        { kind: "unknown", name: "zzz", start: 41, end: 46, message: '"{zzz}" is not a known variable.' },
        { kind: "unknown", name: "nmae", start: 47, end: 53, message: '"{nmae}" is not a known variable. Did you mean {name}?' },
      ],
    });
  });

  it("knows the parent of a known dotted path but not its siblings", () => {
    expect(validateTemplate("{payload} {attendees.1} {payload.body}", known).errors).toEqual([
      { kind: "unknown", name: "payload.body", start: 24, end: 38, message: '"{payload.body}" is not a known variable.' },
    ]);
  });

  it("treats every variable as unknown when nothing is known", () => {
    expect(validateTemplate("{a}", []).errors).toEqual([{ kind: "unknown", name: "a", start: 0, end: 3, message: '"{a}" is not a known variable.' }]);
  });

  it("reports syntax and unknown errors together, in order of position", () => {
    expect(validateTemplate("{x} {", ["y"]).errors.map((error) => [error.kind, error.start])).toEqual([
      ["unknown", 0],
      ["unbalanced", 4],
    ]);
  });
});

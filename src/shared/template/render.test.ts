import { describe, expect, it } from "vitest";
import { lookupVariable, renderTemplate } from "./render";

describe("renderTemplate", () => {
  it("inserts strings, numbers and booleans as text", () => {
    expect(renderTemplate("{name} has {count} new messages (urgent: {urgent}, ratio {ratio})", {
      name: "Ada",
      count: 3,
      urgent: false,
      ratio: -0.5,
    })).toEqual({ text: "Ada has 3 new messages (urgent: false, ratio -0.5)", missing: [] });
  });

  it("renders objects and arrays as compact JSON", () => {
    expect(renderTemplate("{user} {tags} {empty}", { user: { name: "Ada", roles: ["admin"] }, tags: ["a", 1, null], empty: {} })).toEqual({
      text: '{"name":"Ada","roles":["admin"]} ["a",1,null] {}',
      missing: [],
    });
  });

  it("renders null as an empty string without reporting it missing", () => {
    expect(renderTemplate("[{threadTs}]", { threadTs: null })).toEqual({ text: "[]", missing: [] });
  });

  it("walks nested paths through objects and arrays", () => {
    const variables = { payload: { headers: [{ name: "Subject", value: "Hello" }, { name: "From", value: "Jordan" }] } };
    expect(renderTemplate("{payload.headers.1.name}: {payload.headers.1.value}", variables)).toEqual({ text: "From: Jordan", missing: [] });
    expect(renderTemplate("{payload.headers.0}", variables)).toEqual({ text: '{"name":"Subject","value":"Hello"}', missing: [] });
  });

  it("renders missing variables as empty and reports them once each, in order", () => {
    expect(renderTemplate("{b} {a} {b} {x.y} {known} {a}", { known: "k", x: {} })).toEqual({
      text: "    k ",
      missing: ["b", "a", "x.y"],
    });
  });

  it("reports a path that leads nowhere: into a string, past an array's end, or a non-index into an array", () => {
    expect(renderTemplate("{s.length}|{list.5}|{list.first}", { s: "abc", list: [1] })).toEqual({
      text: "||",
      missing: ["s.length", "list.5", "list.first"],
    });
  });

  it("treats undefined as missing", () => {
    expect(renderTemplate("<{a}>", { a: undefined })).toEqual({ text: "<>", missing: ["a"] });
  });

  it("turns {{ and }} into literal braces", () => {
    expect(renderTemplate("{{name}} is {name}; JSON: {{\"a\": 1}}", { name: "Ada" })).toEqual({
      text: '{name} is Ada; JSON: {"a": 1}',
      missing: [],
    });
  });

  it("keeps malformed placeholders literally", () => {
    expect(renderTemplate("Hi {name, {}, { name }, {a-b}, x } y", { name: "Ada", "a-b": "no" })).toEqual({
      text: "Hi {name, {}, { name }, {a-b}, x } y",
      missing: [],
    });
  });

  it("prefers a variable named with the full dotted path", () => {
    expect(renderTemplate("{user.name}", { "user.name": "flat", user: { name: "nested" } })).toEqual({ text: "flat", missing: [] });
  });

  it("uses the longest dotted prefix that is a variable, then walks the rest", () => {
    const variables = { "a.b": { c: "from a.b" }, a: { b: { c: "from a", d: "only in a" } } };
    expect(renderTemplate("{a.b.c} / {a.b.d}", variables)).toEqual({ text: "from a.b / only in a", missing: [] });
  });

  it("never reads inherited properties", () => {
    expect(renderTemplate("{constructor}{toString}{__proto__}{a.constructor.name}", { a: {} })).toEqual({
      text: "",
      missing: ["constructor", "toString", "__proto__", "a.constructor.name"],
    });
  });

  it("reports values that cannot be shown as JSON as missing instead of throwing", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const variables = { cyclic, big: { n: 10n } } as unknown as Record<string, never>;
    expect(renderTemplate("a{cyclic}b{big}c", variables)).toEqual({ text: "abc", missing: ["cyclic", "big"] });
  });

  it("renders a template without placeholders unchanged", () => {
    expect(renderTemplate("Good morning!\nNothing to fill in.", {})).toEqual({ text: "Good morning!\nNothing to fill in.", missing: [] });
  });

  it("cuts the text at maxBytes of UTF-8 with a closing …, still listing the missing variables after the cut", () => {
    const template = "{v}".repeat(3333) + "{gone}";
    const rendered = renderTemplate(template, { v: "x".repeat(2000) }, { maxBytes: 32 * 1024 });
    expect(new TextEncoder().encode(rendered.text).length).toBe(32 * 1024);
    expect(rendered.text.endsWith("x…")).toBe(true);
    expect(rendered).toMatchObject({ missing: ["gone"], truncated: true });
    expect(renderTemplate("{v}", { v: "fits" }, { maxBytes: 4 })).toEqual({ text: "fits", missing: [] });
  });

  it("never cuts inside a surrogate pair", () => {
    const rendered = renderTemplate("a{e}", { e: "😀".repeat(100) }, { maxBytes: 12 });
    // "a" + two emoji (8 bytes) + "…" (3 bytes) = 12 bytes; a third emoji would not fit.
    expect(rendered).toEqual({ text: "a😀😀…", missing: [], truncated: true });
  });
});

describe("lookupVariable", () => {
  it("returns the value at a path, or undefined", () => {
    expect(lookupVariable({ a: { b: [10, 20] } }, ["a", "b", "1"])).toBe(20);
    expect(lookupVariable({ a: { b: [10, 20] } }, ["a", "c"])).toBeUndefined();
    expect(lookupVariable({}, [])).toBeUndefined();
  });
});

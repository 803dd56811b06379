import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { JsonValue } from "../schemas/common";
import { parseTemplate } from "./parse";
import { renderTemplate } from "./render";
import { listTemplateVariables, validateTemplate } from "./validate";

/** Strings built from the pieces the tokenizer cares about, so that odd combinations come up often. */
const templateLike = fc
  .array(
    fc.constantFrom("{", "}", "{{", "}}", "{a}", "{a.b}", "{a.0}", ".", "a", "b", "0", "_", " ", "-", "$", "\n", "\r", "é", "😀", "\uD800"),
    { maxLength: 30 },
  )
  .map((pieces) => pieces.join(""));
const anyTemplate = fc.oneof(fc.string(), fc.string({ unit: "grapheme" }), templateLike);
const names = fc.constantFrom("a", "b", "a.b", "a.0", "x", "__proto__", "constructor", "b.c.d");
const json = fc.jsonValue() as fc.Arbitrary<JsonValue>;
const variables = fc.dictionary(names, fc.option(json, { nil: undefined }));

describe("template properties", () => {
  it("renderTemplate never throws, for any string and any variables", () => {
    fc.assert(
      fc.property(anyTemplate, fc.oneof(variables, fc.dictionary(fc.string(), json)), (template, values) => {
        const result = renderTemplate(template, values);
        expect(typeof result.text).toBe("string");
        expect(new Set(result.missing).size).toBe(result.missing.length);
      }),
      { numRuns: 500 },
    );
  });

  it("validateTemplate never throws, and every error lies inside the template", () => {
    fc.assert(
      fc.property(anyTemplate, fc.array(fc.oneof(fc.string(), names)), (template, known) => {
        const { ok, errors } = validateTemplate(template, known);
        expect(ok).toBe(errors.length === 0);
        for (const error of errors) {
          expect(error.start).toBeGreaterThanOrEqual(0);
          expect(error.end).toBeGreaterThan(error.start);
          expect(error.end).toBeLessThanOrEqual(template.length);
          expect(error.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("segments tile the template exactly, in order", () => {
    fc.assert(
      fc.property(anyTemplate, (template) => {
        let offset = 0;
        for (const segment of parseTemplate(template)) {
          expect(segment.start).toBe(offset);
          expect(segment.end).toBeGreaterThan(segment.start);
          offset = segment.end;
        }
        expect(offset).toBe(template.length);
      }),
      { numRuns: 500 },
    );
  });

  it("renders a template without braces unchanged, with nothing missing", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme" }).filter((s) => !/[{}]/.test(s)),
        variables,
        (template, values) => {
          expect(renderTemplate(template, values)).toEqual({ text: template, missing: [] });
        },
      ),
    );
  });

  it("renders well-formed templates piece by piece", () => {
    type Piece = { kind: "text"; text: string } | { kind: "variable"; name: string };
    const piece: fc.Arbitrary<Piece> = fc.oneof(
      fc.string({ unit: "grapheme", minLength: 1 }).map((text) => ({ kind: "text" as const, text })),
      fc.constantFrom("set", "unset", "obj.x", "obj.list.1", "obj.missing").map((name) => ({ kind: "variable" as const, name })),
    );
    const values = { set: "S", obj: { x: 1, list: [true, null] } };
    const expected: Record<string, string> = { set: "S", "obj.x": "1", "obj.list.1": "" };
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const template = pieces
          .map((p) => (p.kind === "text" ? p.text.replace(/[{}]/g, (brace) => brace + brace) : `{${p.name}}`))
          .join("");
        const missing = [...new Set(pieces.flatMap((p) => (p.kind === "variable" && !(p.name in expected) ? [p.name] : [])))];
        const text = pieces.map((p) => (p.kind === "text" ? p.text : (expected[p.name] ?? ""))).join("");
        expect(renderTemplate(template, values)).toEqual({ text, missing });
        expect(listTemplateVariables(template)).toEqual([...new Set(pieces.flatMap((p) => (p.kind === "variable" ? [p.name] : [])))]);
        expect(validateTemplate(template, ["set", "unset", "obj"])).toEqual({ ok: true, errors: [] });
      }),
      { numRuns: 500 },
    );
  });

  it("escaping every brace renders the original text", () => {
    fc.assert(
      fc.property(anyTemplate, (text) => {
        const escaped = text.replace(/[{}]/g, (brace) => brace + brace);
        expect(renderTemplate(escaped, {})).toEqual({ text, missing: [] });
        expect(validateTemplate(escaped, [])).toEqual({ ok: true, errors: [] });
      }),
      { numRuns: 500 },
    );
  });

  it("a template renders with nothing missing when every variable it lists is set", () => {
    fc.assert(
      fc.property(templateLike, (template) => {
        const used = listTemplateVariables(template);
        const values = Object.fromEntries(used.map((name) => [name, "v"]));
        const result = renderTemplate(template, values);
        expect(result.missing).toEqual([]);
        expect(validateTemplate(template, used).errors.filter((error) => error.kind === "unknown")).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it("handles a long pathological template quickly", () => {
    const template = "{a".repeat(5_000) + "{".repeat(5_000) + "}".repeat(5_000);
    const started = performance.now();
    validateTemplate(template, ["a"]);
    renderTemplate(template, { a: "x" });
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

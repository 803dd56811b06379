import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { truncateUtf8, utf8ByteLength, utf8Prefix } from "./utf8";

const encoder = new TextEncoder();
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe("utf8", () => {
  it("counts bytes as TextEncoder encodes them, lone surrogates included", () => {
    expect(utf8ByteLength("aé€😀")).toBe(1 + 2 + 3 + 4);
    expect(utf8ByteLength("\uD83D")).toBe(3);
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => {
        expect(utf8ByteLength(text)).toBe(encoder.encode(text).length);
      }),
      { numRuns: 1000 },
    );
  });

  it("cuts to the longest prefix that fits and never inside a surrogate pair", () => {
    expect(utf8Prefix("a😀b", 4)).toBe("a");
    expect(utf8Prefix("a😀b", 5)).toBe("a😀");
    expect(truncateUtf8("héllo wörld", 8)).toEqual({ text: "héll…", truncated: true });
    expect(truncateUtf8("short", 5)).toEqual({ text: "short", truncated: false });
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), fc.integer({ min: 3, max: 200 }), (text, maxBytes) => {
        const { text: cut, truncated } = truncateUtf8(text, maxBytes);
        expect(utf8ByteLength(cut)).toBeLessThanOrEqual(maxBytes);
        expect(LONE_SURROGATE.test(cut)).toBe(false);
        expect(truncated).toBe(cut !== text);
        if (truncated) expect(text.startsWith(cut.slice(0, -1))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

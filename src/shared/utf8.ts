/** The mark a cut text ends with. */
export const ELLIPSIS = "…";
export const ELLIPSIS_BYTES = 3;

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * Bytes of UTF-8 the code point at `text[i]` takes, and how many UTF-16 units it spans. A lone surrogate counts
 * as the 3 bytes of the U+FFFD that encoders write for it.
 */
function unitAt(text: string, i: number): { bytes: number; units: number } {
  const code = text.charCodeAt(i);
  if (code < 0x80) return { bytes: 1, units: 1 };
  if (code < 0x800) return { bytes: 2, units: 1 };
  if (isHighSurrogate(code) && i + 1 < text.length && isLowSurrogate(text.charCodeAt(i + 1))) return { bytes: 4, units: 2 };
  return { bytes: 3, units: 1 };
}

/** The length of `text` in bytes of UTF-8, without encoding it. */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; ) {
    const unit = unitAt(text, i);
    bytes += unit.bytes;
    i += unit.units;
  }
  return bytes;
}

/** The longest prefix of `text` that fits in `maxBytes` of UTF-8; never ends inside a surrogate pair. */
export function utf8Prefix(text: string, maxBytes: number): string {
  // Every UTF-16 unit takes at least one byte and at most three, so short texts need no walk.
  if (text.length * 3 <= maxBytes) return text;
  let bytes = 0;
  let i = 0;
  while (i < text.length) {
    const unit = unitAt(text, i);
    if (bytes + unit.bytes > maxBytes) break;
    bytes += unit.bytes;
    i += unit.units;
  }
  return text.slice(0, i);
}

/**
 * `text` when it fits in `maxBytes` of UTF-8, otherwise its longest prefix that fits together with a closing "…"
 * (callers keep `maxBytes` well above the 3 bytes of "…").
 *
 * @example
 * truncateUtf8("héllo wörld", 8); // { text: "héll…", truncated: true }: 5 bytes of text, 3 of "…"
 */
export function truncateUtf8(text: string, maxBytes: number): { text: string; truncated: boolean } {
  const prefix = utf8Prefix(text, maxBytes);
  if (prefix.length === text.length) return { text, truncated: false };
  return { text: utf8Prefix(prefix, Math.max(0, maxBytes - ELLIPSIS_BYTES)) + ELLIPSIS, truncated: true };
}

/** Where one member of a JSON object sits in its source text. */
export interface MemberSpan {
  key: string;
  keyStart: number;
  valueStart: number;
  valueEnd: number;
}

/** The members of the top-level object of `text`, and the offset of its closing brace. */
export interface ObjectSpans {
  members: MemberSpan[];
  close: number;
}

const WHITESPACE = new Set([" ", "\t", "\n", "\r"]);

function skipWhitespace(text: string, i: number): number {
  while (i < text.length && WHITESPACE.has(text[i]!)) i++;
  return i;
}

function skipString(text: string, i: number): number {
  let j = i + 1;
  while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
  return j + 1;
}

function skipValue(text: string, i: number): number {
  const first = text[i];
  if (first === '"') return skipString(text, i);
  if (first === "{" || first === "[") {
    let depth = 0;
    let j = i;
    while (j < text.length) {
      const c = text[j]!;
      if (c === '"') {
        j = skipString(text, j);
        continue;
      }
      if (c === "{" || c === "[") depth++;
      else if (c === "}" || c === "]") depth--;
      j++;
      if (depth === 0) return j;
    }
    return j;
  }
  let j = i;
  while (j < text.length && !WHITESPACE.has(text[j]!) && text[j] !== "," && text[j] !== "}" && text[j] !== "]") j++;
  return j;
}

/**
 * Locates the members of the top-level object in `text`, which must already be known to be valid JSON (it was
 * parsed). This lets the file store replace the `planner` value in place and leave every other byte of a host's
 * config untouched: numbers beyond 2^53, formatting and key order survive, which a parse + stringify would not
 * guarantee.
 *
 * @example
 * topLevelMembers('{"a": 1}') // { members: [{ key: "a", keyStart: 1, valueStart: 6, valueEnd: 7 }], close: 7 }
 */
export function topLevelMembers(text: string): ObjectSpans {
  let i = skipWhitespace(text, 0);
  if (text[i] !== "{") throw new Error("Expected a JSON object.");
  i = skipWhitespace(text, i + 1);
  const members: MemberSpan[] = [];
  while (text[i] !== "}") {
    const keyStart = i;
    i = skipString(text, i);
    const key = JSON.parse(text.slice(keyStart, i)) as string;
    i = skipWhitespace(text, i);
    if (text[i] !== ":") throw new Error(`Expected ":" at offset ${i}.`);
    const valueStart = skipWhitespace(text, i + 1);
    const valueEnd = skipValue(text, valueStart);
    members.push({ key, keyStart, valueStart, valueEnd });
    i = skipWhitespace(text, valueEnd);
    if (text[i] === ",") i = skipWhitespace(text, i + 1);
    else if (text[i] !== "}") throw new Error(`Expected "," or "}" at offset ${i}.`);
  }
  return { members, close: i };
}

/** The whitespace that starts the line `offset` is on, or "" when something other than whitespace precedes it. */
export function lineIndent(text: string, offset: number): string {
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  return /^[ \t]*$/.test(before) ? before : "";
}

/** Why a template cannot be saved as written. `unknown` is only reported by `validateTemplate`. */
export type TemplateErrorKind = "unbalanced" | "empty" | "invalidName" | "unknown";

/**
 * One problem in a template. Offsets are UTF-16 code units into the template (as `String#slice`
 * counts them), `end` exclusive, so an editor can highlight `template.slice(start, end)`.
 */
export interface TemplateError {
  kind: TemplateErrorKind;
  /** The text inside the braces for `invalidName`; the variable path for `unknown`. */
  name?: string | undefined;
  start: number;
  end: number;
  /** A sentence a form can show as is. */
  message: string;
}

/** Literal text, with `{{` and `}}` already turned into single braces. */
export interface TemplateTextSegment {
  kind: "text";
  text: string;
  start: number;
  end: number;
}

/** A placeholder such as `{eventData.subject}`; `start`/`end` include the braces. */
export interface TemplateVariableSegment {
  kind: "variable";
  /** The path as written, e.g. `eventData.subject`. */
  name: string;
  /** `name` split on dots, e.g. `["eventData", "subject"]`. */
  path: string[];
  start: number;
  end: number;
}

/** Text that looks like a placeholder but is not one; rendering keeps it literally. */
export interface TemplateErrorSegment {
  kind: "error";
  /** The raw text of the segment, which is also what it renders as. */
  text: string;
  error: TemplateError;
  start: number;
  end: number;
}

export type TemplateSegment = TemplateTextSegment | TemplateVariableSegment | TemplateErrorSegment;

/** Longest variable path accepted, in characters. */
export const VARIABLE_NAME_MAX_LENGTH = 200;

const ROOT_SEGMENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const SEGMENT = /^[A-Za-z0-9_]+$/;
const NAME_CHAR = /[A-Za-z0-9_.]/;

/**
 * Whether `name` may appear between braces: dot-separated segments of letters, digits and `_`; the
 * first segment starts with a letter or `_`, later segments may be array indices (`items.0.title`).
 *
 * @example
 * isValidVariableName("eventData.payload.headers.0.name"); // true
 * isValidVariableName("1x"); // false
 */
export function isValidVariableName(name: string): boolean {
  return variableNameProblem(name) === null;
}

/** Why `name` is not a valid variable path (a clause, lower-case), or `null` when it is valid. */
function variableNameProblem(name: string): string | null {
  if (/\s/.test(name)) return "names cannot contain spaces";
  const bad = /[^A-Za-z0-9_.]/.exec(name);
  if (bad) return `"${bad[0]}" is not allowed (use letters, digits, _ and dots)`;
  const segments = name.split(".");
  if (segments.some((segment) => segment.length === 0)) return "put exactly one dot between the parts of a path, as in {eventData.subject}";
  if (!ROOT_SEGMENT.test(segments[0] ?? "")) return "a name must start with a letter or _";
  if (!segments.every((segment) => SEGMENT.test(segment))) return "use letters, digits, _ and dots";
  if (name.length > VARIABLE_NAME_MAX_LENGTH) return `a name can be at most ${VARIABLE_NAME_MAX_LENGTH} characters`;
  return null;
}

/** Quotes template text for a message, shortened so a form stays readable. */
function quote(text: string): string {
  return `"${text.length > 40 ? `${text.slice(0, 39)}…` : text}"`;
}

function placeholderSegment(template: string, start: number, end: number): TemplateVariableSegment | TemplateErrorSegment {
  const raw = template.slice(start, end);
  const content = raw.slice(1, -1);
  const fail = (kind: TemplateErrorKind, message: string, name?: string): TemplateErrorSegment => ({
    kind: "error",
    text: raw,
    error: name === undefined ? { kind, start, end, message } : { kind, name, start, end, message },
    start,
    end,
  });
  if (content.trim().length === 0) {
    return fail("empty", `${quote(raw)} is an empty placeholder. Put a variable name inside, like {name}, or write {{}} for literal braces.`);
  }
  const problem = variableNameProblem(content);
  if (problem !== null) {
    const trimmed = content.trim();
    const message =
      trimmed !== content && variableNameProblem(trimmed) === null
        ? `${quote(raw)} is not a valid placeholder: remove the spaces, as in {${trimmed}}.`
        : `${quote(raw)} is not a valid variable name: ${problem}.`;
    return fail("invalidName", message, content);
  }
  return { kind: "variable", name: content, path: content.split("."), start, end };
}

function unbalanced(template: string, start: number, end: number, message: string): TemplateErrorSegment {
  const text = template.slice(start, end);
  return { kind: "error", text, error: { kind: "unbalanced", start, end, message }, start, end };
}

/**
 * Splits a template into literal text, placeholders and malformed placeholders, with offsets. This is the
 * one tokenizer behind `renderTemplate`, `listTemplateVariables` and `validateTemplate`, and what an
 * editor highlights with. It never throws.
 *
 * Rules: `{{` and `}}` are literal braces. A placeholder is `{`, a name, `}` on one line. A `{` with no
 * `}` before the next `{` or line break is unbalanced (the error covers the `{` and any name characters
 * right after it); so is a `}` that closes nothing. `{}` (or only spaces) is empty; anything else inside the braces that is
 * not a valid name (see `isValidVariableName`) is an invalid name. Consecutive literal text, including
 * escaped braces, comes out as one text segment.
 *
 * @example
 * parseTemplate("Hi {user.name}!");
 * // [ { kind: "text", text: "Hi ", start: 0, end: 3 },
 * //   { kind: "variable", name: "user.name", path: ["user", "name"], start: 3, end: 14 },
 * //   { kind: "text", text: "!", start: 14, end: 15 } ]
 */
export function parseTemplate(template: string): TemplateSegment[] {
  const source = typeof template === "string" ? template : "";
  const segments: TemplateSegment[] = [];
  const length = source.length;
  let text = "";
  let textStart = 0;
  let i = 0;

  const flush = (end: number) => {
    if (end > textStart) segments.push({ kind: "text", text, start: textStart, end });
    text = "";
  };
  const push = (segment: TemplateSegment) => {
    flush(segment.start);
    segments.push(segment);
    textStart = segment.end;
  };

  while (i < length) {
    const next = nextBrace(source, i);
    text += source.slice(i, next);
    i = next;
    if (i >= length) break;

    const brace = source[i];
    if (source[i + 1] === brace) {
      text += brace;
      i += 2;
      continue;
    }
    if (brace === "}") {
      push(unbalanced(source, i, i + 1, 'This "}" closes nothing. Write }} for a literal "}".'));
      i += 1;
      continue;
    }
    let close = i + 1;
    while (close < length && !"{}\n\r".includes(source[close] ?? "")) close += 1;
    if (source[close] === "}") {
      push(placeholderSegment(source, i, close + 1));
      i = close + 1;
      continue;
    }
    let end = i + 1;
    while (end < length && NAME_CHAR.test(source[end] ?? "")) end += 1;
    const message =
      end > i + 1
        ? `${quote(source.slice(i, end))} is missing its closing "}".`
        : 'This "{" is never closed. Write {{ for a literal "{".';
    push(unbalanced(source, i, end, message));
    i = end;
  }
  flush(length);
  return segments;
}

function nextBrace(source: string, from: number): number {
  const pattern = /[{}]/g;
  pattern.lastIndex = from;
  return pattern.exec(source)?.index ?? source.length;
}

import { parseTemplate, type TemplateError } from "./parse";

export interface TemplateValidation {
  ok: boolean;
  /** Every problem, in order of position. */
  errors: TemplateError[];
}

/**
 * The variable paths a template uses, as written, deduplicated, in order of first appearance. Malformed
 * placeholders are not included.
 *
 * @example
 * listTemplateVariables("{a} {b.c} {a}"); // ["a", "b.c"]
 */
export function listTemplateVariables(template: string): string[] {
  const names = new Set<string>();
  for (const segment of parseTemplate(template)) {
    if (segment.kind === "variable") names.add(segment.name);
  }
  return [...names];
}

/**
 * Checks a template before it is saved: malformed placeholders (`unbalanced`, `empty`, `invalidName`) and
 * variables that are not available (`unknown`). Never throws.
 *
 * A placeholder is known when its path, or a leading part of it, is in `knownVariables` (known `eventData`
 * makes `{eventData.subject}` known), or when it leads to a known path (known `pr.head.ref` makes `{pr.head}`
 * known). Known names may be dotted paths; numeric segments match any index (`items.0.title` makes
 * `{items.3.title}` known).
 *
 * @example
 * validateTemplate("Hi {nmae}", ["name"]).errors;
 * // [{ kind: "unknown", name: "nmae", start: 3, end: 9, message: '"{nmae}" is not a known variable. Did you mean {name}?' }]
 */
export function validateTemplate(template: string, knownVariables: readonly string[]): TemplateValidation {
  const known = knownIndex(Array.isArray(knownVariables) ? knownVariables.filter((name) => typeof name === "string") : []);
  const errors: TemplateError[] = [];
  const suggestions = new Map<string, string | null>();
  for (const segment of parseTemplate(template)) {
    if (segment.kind === "error") {
      errors.push(segment.error);
      continue;
    }
    if (segment.kind !== "variable" || isKnown(known, segment.path)) continue;
    let suggestion = suggestions.get(segment.name);
    if (suggestion === undefined) {
      suggestion = suggest(segment.path, known.names);
      suggestions.set(segment.name, suggestion);
    }
    const message = `"{${segment.name}}" is not a known variable.${suggestion === null ? "" : ` Did you mean {${suggestion}}?`}`;
    errors.push({ kind: "unknown", name: segment.name, start: segment.start, end: segment.end, message });
  }
  return { ok: errors.length === 0, errors };
}

interface KnownIndex {
  names: readonly string[];
  /** Normalised known paths. */
  paths: Set<string>;
  /** Normalised proper prefixes of known paths (parents of known fields). */
  parents: Set<string>;
}

const INDEX = /^\d+$/;

/** Joins a path with every array index replaced by `#`, so indices match each other. */
function normalise(segments: readonly string[]): string {
  return segments.map((segment) => (INDEX.test(segment) ? "#" : segment)).join(".");
}

function knownIndex(names: readonly string[]): KnownIndex {
  const paths = new Set<string>();
  const parents = new Set<string>();
  for (const name of names) {
    const segments = name.split(".");
    paths.add(normalise(segments));
    for (let take = 1; take < segments.length; take += 1) parents.add(normalise(segments.slice(0, take)));
  }
  return { names, paths, parents };
}

function isKnown(known: KnownIndex, path: readonly string[]): boolean {
  if (known.parents.has(normalise(path))) return true;
  for (let take = path.length; take >= 1; take -= 1) {
    if (known.paths.has(normalise(path.slice(0, take)))) return true;
  }
  return false;
}

/** A known name close to the unknown path (or to its first segment, keeping the rest), or `null`. */
function suggest(path: readonly string[], names: readonly string[]): string | null {
  const whole = closest(path.join("."), names);
  if (whole !== null || path.length === 1) return whole;
  const root = closest(path[0] ?? "", names);
  return root === null ? null : [root, ...path.slice(1)].join(".");
}

function closest(name: string, names: readonly string[]): string | null {
  if (name.length > 64) return null;
  const lower = name.toLowerCase();
  const sameLetters = names.find((candidate) => candidate.toLowerCase() === lower);
  if (sameLetters !== undefined) return sameLetters;
  if (name.length < 4) return null;
  let best: string | null = null;
  let bestDistance = 3;
  for (const candidate of names) {
    const distance = boundedDistance(lower, candidate.toLowerCase(), bestDistance - 1);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Levenshtein distance when it is at most `limit`, otherwise `limit + 1` (computed in a band, cheaply). */
function boundedDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = new Array<number>(b.length + 1).fill(limit + 1);
    current[0] = i;
    let rowBest = current[0];
    const from = Math.max(1, i - limit);
    const to = Math.min(b.length, i + limit);
    for (let j = from; j <= to; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? limit + 1) + 1, (current[j - 1] ?? limit + 1) + 1, (previous[j - 1] ?? limit + 1) + cost);
      rowBest = Math.min(rowBest, current[j] ?? limit + 1);
    }
    if (rowBest > limit) return limit + 1;
    previous = current;
  }
  return Math.min(previous[b.length] ?? limit + 1, limit + 1);
}

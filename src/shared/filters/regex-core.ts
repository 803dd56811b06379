import type { RE2JS, RE2JSSyntaxException } from "re2js";
import { MAX_PATTERN_INPUT_LENGTH, MAX_PATTERN_LENGTH, MAX_PATTERN_PROGRAM_SIZE } from "./operators";

/** A compiled `matches` pattern, or the sentence explaining why it cannot be used. */
export type CompiledPattern = { ok: true; regex: RE2JS } | { ok: false; problem: string };

/** What the compiler needs from the `re2js` module (so the browser can load it on demand). */
export interface Re2Module {
  RE2JS: typeof RE2JS;
  RE2JSSyntaxException: typeof RE2JSSyntaxException;
}

const CACHE_LIMIT = 64;
const TOO_COMPLEX = "This pattern is too complex to run safely; use fewer or smaller repetitions.";

/** Longer than {@link MAX_PATTERN_LENGTH}: checked before RE2 is involved. */
export function patternLengthProblem(pattern: string): string | null {
  return pattern.length > MAX_PATTERN_LENGTH ? `The pattern must be at most ${MAX_PATTERN_LENGTH} characters.` : null;
}

/** `compilePattern` and `testPattern` over one `re2js` module (see `regex.ts`). */
export function createPatternCompiler({ RE2JS, RE2JSSyntaxException }: Re2Module) {
  /**
   * Pure memoization of `compileUncached` (same pattern, same result), bounded and least-recently-used first
   * out: webhooks evaluate the same few stored patterns over and over.
   */
  const compiled = new Map<string, CompiledPattern>();

  function compilePattern(pattern: string): CompiledPattern {
    const tooLong = patternLengthProblem(pattern);
    if (tooLong) return { ok: false, problem: tooLong };
    const cached = compiled.get(pattern);
    if (cached) {
      compiled.delete(pattern);
      compiled.set(pattern, cached);
      return cached;
    }
    const result = compileUncached(pattern);
    compiled.set(pattern, result);
    if (compiled.size > CACHE_LIMIT) {
      const oldest = compiled.keys().next();
      if (!oldest.done) compiled.delete(oldest.value);
    }
    return result;
  }

  function compileUncached(pattern: string): CompiledPattern {
    let regex: RE2JS;
    try {
      regex = RE2JS.compile(pattern);
    } catch (error) {
      return { ok: false, problem: syntaxProblem(pattern, error) };
    }
    if (regex.programSize() > MAX_PATTERN_PROGRAM_SIZE) return { ok: false, problem: TOO_COMPLEX };
    return { ok: true, regex };
  }

  function syntaxProblem(pattern: string, error: unknown): string {
    if (!(error instanceof RE2JSSyntaxException)) return "This pattern is not a valid regular expression.";
    const description = error.getDescription();
    if (description === "expression too large") return TOO_COMPLEX;
    const fragment = error.getPattern();
    const where = fragment && fragment !== pattern ? ` in "${fragment}"` : "";
    return `This pattern is not a valid regular expression: ${description}${where}.`;
  }

  function testPattern(pattern: string, input: string): boolean {
    const result = compilePattern(pattern);
    if (!result.ok) return false;
    return result.regex.test(capInput(input));
  }

  return { compilePattern, testPattern };
}

function capInput(input: string): string {
  if (input.length <= MAX_PATTERN_INPUT_LENGTH) return input;
  let end = MAX_PATTERN_INPUT_LENGTH;
  // Do not cut a surrogate pair in half: the lone high surrogate would not match what the user sees.
  const last = input.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return input.slice(0, end);
}

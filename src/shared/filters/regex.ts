import * as re2 from "re2js";
import { createPatternCompiler } from "./regex-core";

export type { CompiledPattern } from "./regex-core";

/*
 * The `matches` engine everywhere but in a browser bundle (package.json `imports`: `#pattern-engine`): RE2,
 * imported statically, so the server validates and evaluates every pattern synchronously in linear time.
 * `regex.browser.ts` is the same compiler with RE2 fetched on demand, so it stays out of the page's eager bundle.
 */
const compiler = createPatternCompiler(re2);

/**
 * Compiles a `matches` pattern with RE2 (linear-time matching: no backtracking, so no catastrophic
 * inputs). RE2 syntax: no lookarounds or backreferences; `(?i)`, `(?s)`, `(?m)` set flags.
 */
export const compilePattern = compiler.compilePattern;

/**
 * Whether `pattern` matches anywhere in the first `MAX_PATTERN_INPUT_LENGTH` characters of `input`
 * (unanchored, like `RegExp.prototype.test`). A pattern that does not compile never matches.
 */
export const testPattern = compiler.testPattern;

/** Whether `compilePattern` gives RE2's answer now (always here; in the browser once RE2 has loaded). */
export function patternEngineReady(): boolean {
  return true;
}

/** Resolves once RE2 is available (at once here; in the browser it fetches the engine's chunk). */
export function loadPatternEngine(): Promise<void> {
  return Promise.resolve();
}

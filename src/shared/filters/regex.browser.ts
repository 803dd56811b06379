import type { RE2JS } from "re2js";
import { createPatternCompiler, patternLengthProblem } from "./regex-core";

/**
 * A compiled pattern; `regex: null` while RE2 is still loading (the pattern is then only length-checked and
 * matches nothing: the server, which always has RE2, checks it again on save and evaluates it for real).
 */
export type CompiledPattern = { ok: true; regex: RE2JS | null } | { ok: false; problem: string };

/*
 * The `matches` engine in a browser bundle (package.json `imports`: `#pattern-engine`, condition `browser`):
 * the same RE2 compiler as `regex.ts`, with `re2js` (about 47 KB gzipped) in its own chunk, fetched the first
 * time a pattern is compiled or when `loadPatternEngine()` is called (the trigger dialog calls it as it opens).
 */
let compiler: ReturnType<typeof createPatternCompiler> | undefined;
let loading: Promise<void> | undefined;

export function loadPatternEngine(): Promise<void> {
  loading ??= import("re2js").then(
    (re2) => {
      compiler = createPatternCompiler(re2);
    },
    (error: unknown) => {
      loading = undefined; // offline: try again next time
      throw error;
    },
  );
  return loading;
}

export function patternEngineReady(): boolean {
  return compiler !== undefined;
}

export function compilePattern(pattern: string): CompiledPattern {
  if (compiler) return compiler.compilePattern(pattern);
  void loadPatternEngine().catch(() => undefined);
  const tooLong = patternLengthProblem(pattern);
  return tooLong ? { ok: false, problem: tooLong } : { ok: true, regex: null };
}

export function testPattern(pattern: string, input: string): boolean {
  if (compiler) return compiler.testPattern(pattern, input);
  void loadPatternEngine().catch(() => undefined);
  return false;
}

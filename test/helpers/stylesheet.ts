import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** One rule of the package's stylesheet: its selector list and its declarations, as written. */
export interface StyleRule {
  file: string;
  selector: string;
  declarations: string;
}

const STYLES = path.join(import.meta.dirname, "../../src/components/styles");

/**
 * Every plain rule of src/components/styles/*.css (the `@layer agent-planner { … }` wrapper and at-rule blocks
 * such as `@media` are looked through), so a test can ask which rules apply to an element it rendered.
 */
export function stylesheetRules(): StyleRule[] {
  const rules: StyleRule[] = [];
  for (const file of readdirSync(STYLES).filter((name) => name.endsWith(".css"))) {
    const text = readFileSync(path.join(STYLES, file), "utf8").replace(/\/\*[\s\S]*?\*\//g, "");
    for (const match of text.matchAll(/([^{};]+)\{([^{}]*)\}/g)) {
      const selector = (match[1] ?? "").trim();
      if (selector.startsWith("@")) continue;
      rules.push({ file, selector, declarations: match[2] ?? "" });
    }
  }
  return rules;
}

/** The rules whose selector matches `element` (jsdom's `matches`). */
export function rulesMatching(element: Element): StyleRule[] {
  return stylesheetRules().filter((rule) => {
    try {
      return element.matches(rule.selector);
    } catch {
      return false;
    }
  });
}

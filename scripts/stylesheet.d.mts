/** Types of scripts/stylesheet.mjs (the project type-checks without `allowJs`). */

/** The stylesheet with every `@import "./…";` replaced by the file's text, in order. */
export function bundleStylesheet(index?: string): string;

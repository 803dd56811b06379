/**
 * `npm run build`: the published package in dist/ — ESM and `.d.ts` for every entry in package.json `exports`.
 *
 * One esbuild build with code splitting, so the entries share chunks: the client's React contexts and the server's
 * error classes exist once, whichever entries a host imports. Module directives are added to the entry files only
 * (esbuild drops them when bundling, except an entry module's own): `"use client"` on `client` and `components`, `import "server-only"` on
 * `server` and `next` (in the build only: the tests import src/ in plain Node, where `server-only` throws).
 *
 * `#pattern-engine` (package.json `imports`, a `browser` condition) stays a subpath import in dist, renamed
 * `#built/pattern-engine` whose targets are the two built engines, so a host's bundler still picks RE2-on-demand
 * for the browser and static RE2 elsewhere. `#pattern-engine` itself keeps pointing at src/ for development.
 */
import { copyFile } from "node:fs/promises";
import { defineConfig, type Options } from "tsup";

type TsupPlugin = NonNullable<Options["plugins"]>[number];
type EsbuildPlugin = NonNullable<Options["esbuildPlugins"]>[number];

export const ENTRIES = {
  index: "src/shared/index.ts",
  server: "src/server/index.ts",
  next: "src/server/next/index.ts",
  client: "src/client/index.ts",
  components: "src/components/index.ts",
  testing: "src/testing/index.ts",
} as const;

const PATTERN_ENGINES = {
  "pattern-engine": "src/shared/filters/regex.ts",
  "pattern-engine.browser": "src/shared/filters/regex.browser.ts",
} as const;

/** The first line of each entry's output file. */
export const DIRECTIVES: Partial<Record<keyof typeof ENTRIES, string>> = {
  client: '"use client";',
  components: '"use client";',
  server: 'import "server-only";',
  next: 'import "server-only";',
};

const entryDirectives: TsupPlugin = {
  name: "entry-directives",
  renderChunk(code, chunk) {
    const entryPoint = chunk.entryPoint?.replaceAll("\\", "/");
    const entry = entryPoint && Object.entries(ENTRIES).find(([, source]) => source === entryPoint);
    const directive = entry && DIRECTIVES[entry[0] as keyof typeof ENTRIES];
    // esbuild keeps an entry module's own directive (src/client/index.ts starts with "use client"): never twice.
    if (!directive || code.trimStart().startsWith(directive)) return;
    // Prepending one line shifts every mapping by one line: there are no source maps to keep in step.
    return { code: `${directive}\n${code}` };
  },
};

const builtPatternEngine: EsbuildPlugin = {
  name: "built-pattern-engine",
  setup(build) {
    build.onResolve({ filter: /^#pattern-engine$/ }, () => ({ path: "#built/pattern-engine", external: true }));
  },
};

export default defineConfig({
  entry: { ...ENTRIES, ...PATTERN_ENGINES },
  format: ["esm"],
  platform: "node",
  target: "es2022",
  splitting: true,
  treeshake: false,
  sourcemap: false,
  clean: true,
  outDir: "dist",
  tsconfig: "tsconfig.build.json",
  // `agent-planner/testing` runs in the host's own Vitest (an optional peer), never a copy of it.
  external: ["vitest"],
  // Types of the public entries; the pattern engines' types are inlined where they are used.
  dts: { entry: ENTRIES },
  esbuildPlugins: [builtPatternEngine],
  plugins: [entryDirectives],
  async onSuccess() {
    await copyFile("src/components/styles.css", "dist/styles.css");
  },
});

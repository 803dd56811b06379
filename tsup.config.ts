/**
 * `npm run build`: the published package in dist/ — ESM and `.d.ts` for every entry in package.json `exports`.
 *
 * One esbuild build with code splitting, so the entries share chunks: the client's React contexts and the server's
 * error classes exist once, whichever entries a host imports. Module directives are added to the entry files only
 * (esbuild drops them when bundling, except an entry module's own): `"use client"` on `client` and `components`.
 *
 * The server entries (`server`, `next`, `inngest`, `testing`, `tools`) carry no `server-only` import, so a script, a worker or
 * a host's Vitest can import them in plain Node. A browser bundle gets `dist/<entry>.browser.js` instead (package.json
 * `exports`, condition `browser`, written by `onSuccess` below): it fails the host's build with one sentence.
 *
 * `sandbox` is the `agent-planner-composio-sandbox` bin (src/sandbox, its fixtures inlined), not an export.
 *
 * `#pattern-engine` (package.json `imports`, a `browser` condition) stays a subpath import in dist, renamed
 * `#built/pattern-engine` whose targets are the two built engines, so a host's bundler still picks RE2-on-demand
 * for the browser and static RE2 elsewhere. `#pattern-engine` itself keeps pointing at src/ for development.
 */
import { writeFile } from "node:fs/promises";
import { defineConfig, type Options } from "tsup";
import { bundleStylesheet } from "./scripts/stylesheet.mjs";

type TsupPlugin = NonNullable<Options["plugins"]>[number];
type EsbuildPlugin = NonNullable<Options["esbuildPlugins"]>[number];

export const ENTRIES = {
  index: "src/shared/index.ts",
  server: "src/server/index.ts",
  next: "src/server/next/index.ts",
  client: "src/client/index.ts",
  components: "src/components/index.ts",
  testing: "src/testing/index.ts",
  inngest: "src/server/inngest/index.ts",
  tools: "src/server/tools/index.ts",
} as const;

/** Entries for the server only, each with a `browser` stub (see {@link browserStub}). */
export const SERVER_ONLY_ENTRIES = ["server", "next", "inngest", "testing", "tools"] as const;

/**
 * The module a browser bundle gets for a server entry. Its import names the mistake as a module no bundler can
 * find, so `next build` (webpack or Turbopack), Vite and esbuild fail with the sentence and the import trace to the
 * client component; were it ever run, it throws the same sentence.
 */
export function browserStub(entry: (typeof SERVER_ONLY_ENTRIES)[number]): string {
  const sentence = `agent-planner/${entry} is server-only: import it from server code (a route handler, a server action, a script), not from a client component.`;
  return [
    `// The browser's agent-planner/${entry} (package.json "exports", condition "browser"): a client component imported it.`,
    `import ${JSON.stringify(sentence)};`,
    `throw new Error(${JSON.stringify(sentence)});`,
    "",
  ].join("\n");
}

const PATTERN_ENGINES = {
  "pattern-engine": "src/shared/filters/regex.ts",
  "pattern-engine.browser": "src/shared/filters/regex.browser.ts",
} as const;

/** The first line of each entry's output file. */
export const DIRECTIVES: Partial<Record<keyof typeof ENTRIES, string>> = {
  client: '"use client";',
  components: '"use client";',
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
  entry: { ...ENTRIES, ...PATTERN_ENGINES, sandbox: "src/sandbox/main.ts" },
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
    // One file for the host's single import: the per-component parts inlined in order.
    await writeFile("dist/styles.css", bundleStylesheet());
    for (const entry of SERVER_ONLY_ENTRIES) await writeFile(`dist/${entry}.browser.js`, browserStub(entry));
  },
});

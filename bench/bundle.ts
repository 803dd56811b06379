/**
 * What the browser downloads for `agent-planner/client` + `agent-planner/components`. Run: `npx tsx bench/bundle.ts`
 * (or `npm run bench -- bundle`). Prints numbers and whether the target is met; asserts nothing, except that the
 * browser bundle holds no server code (exit 1 when it does: that is a bug, not a size).
 *
 * Both entries are bundled together by esbuild the way a host's bundler would (ESM with code splitting, browser
 * conditions, minified, `NODE_ENV=production`) with the peers the host already ships kept external: every
 * `peerDependencies` entry of package.json (react, @tanstack/react-query, @trpc/*, zod, and the UI libraries a shadcn
 * host has: the `@radix-ui/react-*` primitives, lucide-react, cmdk, react-hook-form, @hookform/resolvers). A second
 * build with the UI peers bundled in prints what a host without any of them would download (informational). Sizes are gzip per output file (node:zlib, level 9), and each file is counted
 * once however many entries share it:
 * - **eager**: an entry's own chunk plus every chunk it imports statically (transitively) — what the page downloads
 *   before the panel can render. The target applies to the eager size of both entries together.
 * - **lazy**: chunks reached only through `import()` — the dialogs, the RE2 engine — fetched when a user opens them.
 * The largest contributors come from esbuild's metafile: minified bytes per package or source folder, eager and lazy.
 */
import { build, type Metafile } from "esbuild";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { checkTarget } from "./lib/target";

const TARGET_GZIP_KB = 80;
const ROOT = join(import.meta.dirname, "..");
const OUTDIR = "bench-bundle-out";
const ENTRIES = { client: "src/client/index.ts", components: "src/components/index.ts" } as const;
const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { peerDependencies: Record<string, string> };
/** The host's own copies: every peer and its subpaths (`react/jsx-runtime`, `@hookform/resolvers/zod`). */
const PEERS = Object.keys(manifest.peerDependencies).flatMap((name) => [name, `${name}/*`]);
/** The peers a host without this package's UI libraries would have anyway (the framework and data layer). */
const CORE_PEERS = PEERS.filter((name) => /^(react|react-dom|next|zod|inngest|vitest|@tanstack\/react-query|@trpc\/[^/]+)(\/\*)?$/.test(name));
const TOP_CONTRIBUTORS = +(process.env.TOP ?? 10);

interface Size {
  minified: number;
  gzipped: number;
}

const bundle = (external: string[]) =>
  build({
  absWorkingDir: ROOT,
  entryPoints: { ...ENTRIES },
  bundle: true,
  minify: true,
  splitting: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  jsx: "automatic",
  external,
  define: { "process.env.NODE_ENV": '"production"' },
  outdir: OUTDIR,
  write: false,
  metafile: true,
  logLevel: "error",
});
const result = await bundle(PEERS);
const metafile: Metafile = result.metafile;

/** Output path as the metafile names it (`bench-bundle-out/chunk-….js`) → its size. */
const sizes = new Map<string, Size>();
for (const file of result.outputFiles) {
  if (!file.path.endsWith(".js")) continue;
  const key = file.path.slice(ROOT.length + 1).replaceAll("\\", "/");
  sizes.set(key, { minified: file.contents.byteLength, gzipped: gzipSync(file.contents, { level: 9 }).byteLength });
}

/** The output file of an entry, and every chunk it imports statically, transitively. */
function eagerClosure(output: string): Set<string> {
  const seen = new Set<string>();
  const pending = [output];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (seen.has(next)) continue;
    seen.add(next);
    for (const imported of metafile.outputs[next]?.imports ?? []) {
      if (imported.kind === "import-statement" && !imported.external) pending.push(imported.path);
    }
  }
  return seen;
}

function sum(files: Iterable<string>): Size {
  let minified = 0;
  let gzipped = 0;
  for (const file of files) {
    const size = sizes.get(file);
    if (!size) continue;
    minified += size.minified;
    gzipped += size.gzipped;
  }
  return { minified, gzipped };
}

const entryOutputs = Object.fromEntries(
  Object.entries(ENTRIES).map(([name, path]) => {
    const output = Object.entries(metafile.outputs).find(([, meta]) => meta.entryPoint === path)?.[0];
    if (!output) throw new Error(`esbuild produced no output for ${path}`);
    return [name, output];
  }),
) as Record<keyof typeof ENTRIES, string>;

const eagerFiles = new Set<string>();
const perEntry = Object.entries(entryOutputs).map(([name, output]) => {
  const closure = eagerClosure(output);
  closure.forEach((file) => eagerFiles.add(file));
  return [name, sum(closure), closure.size] as const;
});
const lazyFiles = [...sizes.keys()].filter((file) => !eagerFiles.has(file));
const eager = sum(eagerFiles);
const lazy = sum(lazyFiles);
const total = sum(sizes.keys());

/** `node_modules/@radix-ui/react-select/dist/index.mjs` → `@radix-ui/react-select`; `src/components/x/y.tsx` → `src/components/x`. */
function contributorOf(input: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  if (pkg) return pkg[1]!;
  const source = /^(src\/[^/]+(?:\/[^/.]+(?=\/))?)/.exec(input);
  return source ? source[1]! : input;
}

function contributors(files: Iterable<string>): [string, number][] {
  const bytes = new Map<string, number>();
  for (const file of files) {
    for (const [input, { bytesInOutput }] of Object.entries(metafile.outputs[file]?.inputs ?? {})) {
      const name = contributorOf(input);
      bytes.set(name, (bytes.get(name) ?? 0) + bytesInOutput);
    }
  }
  return [...bytes].filter(([, size]) => size > 0).sort((a, b) => b[1] - a[1]);
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const row = (name: string, { minified, gzipped }: Size, note = "") =>
  `  ${name.padEnd(22)} ${kb(minified).padStart(10)} min  ${kb(gzipped).padStart(9)} gzip${note ? `  ${note}` : ""}`;
const files = (count: number) => `(${count} file${count === 1 ? "" : "s"})`;

console.log("bundle: agent-planner/client + agent-planner/components (esbuild, ESM, splitting, minified, peers external)");
console.log(`  peers kept external: ${PEERS.join(", ")}`);
for (const [name, size, count] of perEntry) console.log(row(`${name} eager`, size, `entry + static imports ${files(count)}`));
console.log(row("eager (both)", eager, `shared chunks counted once ${files(eagerFiles.size)}`));
console.log(row("lazy (on demand)", lazy, `chunks reached only through import() ${files(lazyFiles.length)}`));
console.log(row("total", total, files(sizes.size)));
/** The eager gzipped size of a build: both entries and their static imports, each chunk once. */
function eagerGzipOf(built: Awaited<ReturnType<typeof bundle>>): number {
  const gz = new Map(built.outputFiles.map((file) => [file.path.slice(ROOT.length + 1).replaceAll("\\", "/"), gzipSync(file.contents, { level: 9 }).byteLength]));
  const seen = new Set<string>();
  const pending = Object.entries(built.metafile.outputs).filter(([, meta]) => (Object.values(ENTRIES) as string[]).includes(meta.entryPoint ?? "")).map(([path]) => path);
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (seen.has(next)) continue;
    seen.add(next);
    for (const imported of built.metafile.outputs[next]?.imports ?? []) if (imported.kind === "import-statement" && !imported.external) pending.push(imported.path);
  }
  return [...seen].reduce((total, path) => total + (path.endsWith(".js") ? (gz.get(path) ?? 0) : 0), 0);
}
const withUiPeers = eagerGzipOf(await bundle(CORE_PEERS));
console.log(
  `  For a host without the UI peers (Radix, lucide-react, cmdk, react-hook-form, @hookform/resolvers) the eager ` +
    `download would be ${kb(withUiPeers)} gzipped (informational: a shadcn host already ships them).`,
);
console.log(
  `  The page downloads ${kb(eager.gzipped)} gzipped before the panel renders; another ${kb(lazy.gzipped)} gzipped ` +
    `loads only when a user opens a dialog (job, trigger, history) or a filter needs the RE2 engine.`,
);

const serverInputs = Object.keys(metafile.inputs).filter((input) => input.startsWith("src/server/"));
if (serverInputs.length > 0) {
  console.log(`  SERVER CODE IN THE BROWSER BUNDLE (client code may only \`import type\` from src/server): ${serverInputs.join(", ")}`);
} else {
  console.log("  no server code in the bundle (nothing from src/server/)");
}

for (const [label, group] of [
  ["eager", eagerFiles],
  ["lazy", lazyFiles],
] as const) {
  console.log(`  largest ${label} contributors (minified bytes in the output):`);
  for (const [name, size] of contributors(group).slice(0, TOP_CONTRIBUTORS)) {
    console.log(`    ${name.padEnd(34)} ${kb(size).padStart(9)}`);
  }
}

const largestEager = contributors(eagerFiles)
  .filter(([name]) => !name.startsWith("src/"))
  .slice(0, 3);
console.log(
  `  ${checkTarget({
    what: "eager gzipped (client + components)",
    value: eager.gzipped / 1024,
    bound: "≤",
    limit: TARGET_GZIP_KB,
    unit: "KB",
    loadIndependent: true,
    hint: `the largest eager dependencies are ${largestEager.map(([name, size]) => `${name} (${kb(size)} min)`).join(", ")}`,
  })}`,
);
if (serverInputs.length > 0) process.exit(1);

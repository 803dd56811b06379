/**
 * What the browser downloads for `agent-planner/client` + `agent-planner/components`. Run: `npx tsx bench/bundle.ts`
 * (or `npm run bench -- bundle`). Prints numbers and whether the target is met; asserts nothing, except that the
 * browser bundle holds no server code (exit 1 when it does: that is a bug, not a size).
 *
 * Both entries are bundled by esbuild the way a host's bundler would (ESM, browser conditions, minified,
 * `NODE_ENV=production`) with the peers the host already ships kept external: react, react-dom, @tanstack/react-query,
 * @trpc/*, zod. Each entry is measured on its own (a host importing only the client pays that), and the total is
 * one build of both with code splitting, so what they share is counted once (gzip per output file, node:zlib).
 * The largest contributors come from esbuild's metafile: minified bytes per package or source folder.
 */
import { build, type Metafile } from "esbuild";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { checkTarget } from "./lib/target";

const TARGET_GZIP_KB = 80;
const ROOT = join(import.meta.dirname, "..");
const ENTRIES = { client: "src/client/index.ts", components: "src/components/index.ts" } as const;
const PEERS = ["react", "react/*", "react-dom", "react-dom/*", "@tanstack/react-query", "@trpc/*", "zod"];
const TOP_CONTRIBUTORS = 12;

interface Built {
  minified: number;
  gzipped: number;
  metafile: Metafile;
}

async function bundle(entryPoints: Record<string, string>, splitting: boolean): Promise<Built> {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints,
    bundle: true,
    minify: true,
    splitting,
    format: "esm",
    platform: "browser",
    target: "es2022",
    jsx: "automatic",
    external: PEERS,
    define: { "process.env.NODE_ENV": '"production"' },
    outdir: "bench-bundle-out",
    write: false,
    metafile: true,
    logLevel: "error",
  });
  let minified = 0;
  let gzipped = 0;
  for (const file of result.outputFiles) {
    if (!file.path.endsWith(".js")) continue;
    minified += file.contents.byteLength;
    gzipped += gzipSync(file.contents, { level: 9 }).byteLength;
  }
  return { minified, gzipped, metafile: result.metafile };
}

/** `node_modules/@radix-ui/react-select/dist/index.mjs` → `@radix-ui/react-select`; `src/components/x/y.tsx` → `src/components/x`. */
function contributorOf(input: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  if (pkg) return pkg[1]!;
  const source = /^(src\/[^/]+(?:\/[^/.]+(?=\/))?)/.exec(input);
  return source ? source[1]! : input;
}

function contributors(metafile: Metafile): [string, number][] {
  const bytes = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const name = contributorOf(input);
      bytes.set(name, (bytes.get(name) ?? 0) + bytesInOutput);
    }
  }
  return [...bytes].filter(([, size]) => size > 0).sort((a, b) => b[1] - a[1]);
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const row = (name: string, { minified, gzipped }: Built) => `  ${name.padEnd(12)} ${kb(minified).padStart(10)} min  ${kb(gzipped).padStart(9)} gzip`;

const perEntry = await Promise.all(
  Object.entries(ENTRIES).map(async ([name, path]) => [name, await bundle({ [name]: path }, false)] as const),
);
const total = await bundle({ ...ENTRIES }, true);

console.log("bundle: agent-planner/client + agent-planner/components (esbuild, ESM, minified, peers external)");
console.log(`  peers kept external: ${PEERS.join(", ")}`);
for (const [name, built] of perEntry) console.log(row(name, built));
console.log(`${row("total", total)}  (one split build of both; shared code counted once)`);

const serverInputs = Object.keys(total.metafile.inputs).filter((input) => input.startsWith("src/server/"));
if (serverInputs.length > 0) {
  console.log(`  SERVER CODE IN THE BROWSER BUNDLE (client code may only \`import type\` from src/server): ${serverInputs.join(", ")}`);
} else {
  console.log("  no server code in the bundle (nothing from src/server/)");
}

const top = contributors(total.metafile).slice(0, TOP_CONTRIBUTORS);
console.log(`  largest contributors (minified bytes in the output):`);
for (const [name, size] of top) console.log(`    ${name.padEnd(34)} ${kb(size).padStart(9)}`);

const largestPackages = top.filter(([name]) => !name.startsWith("src/")).slice(0, 3);
console.log(
  `  ${checkTarget({
    what: "total gzipped",
    value: total.gzipped / 1024,
    bound: "≤",
    limit: TARGET_GZIP_KB,
    unit: "KB",
    loadIndependent: true,
    hint: `the largest dependencies are ${largestPackages.map(([name, size]) => `${name} (${kb(size)} min)`).join(", ")}`,
  })}`,
);
if (serverInputs.length > 0) process.exit(1);

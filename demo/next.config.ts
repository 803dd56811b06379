import { readFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import type { NextConfig } from "next";

// The demo lives inside the package's repository and imports the package's own sources (one node_modules at the
// root): Turbopack only compiles files under its root, so the root is the repository, not demo/.
const repositoryRoot = resolve(import.meta.dirname, "..");

/**
 * `agent-planner/*` → src/ (package.json `exports`, condition `agent-planner-source`), so the demo needs no build of
 * the package and `next dev` reloads on a change in src/. Turbopack has no option for custom export conditions,
 * hence aliases, read from package.json so they cannot drift. (tsc reads the same condition: `customConditions`.)
 */
function sourceAliases(): Record<string, string> {
  const pkg = JSON.parse(readFileSync(resolve(repositoryRoot, "package.json"), "utf8")) as {
    name: string;
    exports: Record<string, string | Record<string, string>>;
  };
  const aliases: Record<string, string> = {};
  for (const [subpath, target] of Object.entries(pkg.exports)) {
    const source = typeof target === "string" ? undefined : target["agent-planner-source"];
    if (!source) continue;
    // Relative to the project directory (demo/), the form Turbopack's resolveAlias takes.
    const path = relative(import.meta.dirname, resolve(repositoryRoot, source));
    aliases[subpath === "." ? pkg.name : `${pkg.name}/${subpath.slice(2)}`] = path.startsWith(".") ? path : `./${path}`;
  }
  return aliases;
}

const config: NextConfig = {
  turbopack: { root: repositoryRoot, resolveAlias: sourceAliases() },
  outputFileTracingRoot: repositoryRoot,
  // Playwright and people open the demo on 127.0.0.1 as well as localhost; without this dev never hydrates there.
  allowedDevOrigins: ["127.0.0.1"],
  poweredByHeader: false,
  // Next's built-in gzip holds a streamed page until it ends, so the page's frame (and its scripts) would wait for
  // the Planner panel the server is still reading. The demo runs on localhost; behind a proxy, let the proxy compress.
  compress: false,
  // The stylesheet inline in the page: the first paint then needs no second request, which the server would answer
  // only after rendering the panel (one Node process serves both).
  experimental: { inlineCss: true },
  reactStrictMode: true,
};

export default config;

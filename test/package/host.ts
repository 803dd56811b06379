/**
 * Helpers for the package tests: a fresh host project that installs the packed tarball from the local npm cache.
 *
 * The host's lockfile is cut from this repository's: the tarball plus exactly the versions this repository
 * installed, so `npm ci --offline` needs nothing but tarballs already in ~/.npm/_cacache (`npm ci` of this
 * repository put them there; package metadata is not needed, and CI's clean cache has none).
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";

export const REPO = resolve(import.meta.dirname, "../..");

export interface Result {
  code: number | null;
  output: string;
}

/** Runs a command (no shell); resolves with its exit code and its stdout + stderr interleaved. */
export function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<Result> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", fail);
    child.on("close", (code) => done({ code, output }));
  });
}

/** The last lines of a command's output, for an assertion message. */
export function tail(output: string, lines = 60): string {
  return output.trimEnd().split("\n").slice(-lines).join("\n");
}

interface LockEntry {
  version?: string;
  resolved?: string;
  integrity?: string;
  link?: boolean;
  dev?: boolean;
  devOptional?: boolean;
  peer?: boolean;
  optional?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  [key: string]: unknown;
}

interface Lockfile {
  name: string;
  version: string;
  lockfileVersion: number;
  requires?: boolean;
  packages: Record<string, LockEntry>;
}

export interface PackageJson {
  name: string;
  version: string;
  license?: string;
  engines?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  bin?: Record<string, string>;
}

/** Where Node's lookup from the package at `from` finds `name` in a lockfile's tree (undefined: not installed). */
function locate(packages: Lockfile["packages"], from: string, name: string): string | undefined {
  let base = from;
  for (;;) {
    const candidate = `${base ? `${base}/` : ""}node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (base === "") return undefined;
    const up = base.lastIndexOf("/node_modules/");
    base = up === -1 ? "" : base.slice(0, up);
  }
}

/** The edges npm installs for a lockfile entry: dependencies, optional ones it has, and required peers. */
function edges(entry: { dependencies?: Record<string, string>; devDependencies?: Record<string, string>; optionalDependencies?: Record<string, string>; peerDependencies?: Record<string, string>; peerDependenciesMeta?: Record<string, { optional?: boolean }> }) {
  const requiredPeers = Object.keys(entry.peerDependencies ?? {}).filter((name) => !entry.peerDependenciesMeta?.[name]?.optional);
  return {
    required: [...Object.keys(entry.dependencies ?? {}), ...Object.keys(entry.devDependencies ?? {}), ...requiredPeers],
    optional: Object.keys(entry.optionalDependencies ?? {}),
  };
}

/**
 * The host's package-lock.json: its root (`host`), the tarball (`spec`, as in the host's dependencies) at
 * `node_modules/<name>` (none: the host before it installs the package), the host's own versions of some packages
 * (`seed`: name → the npm alias this repository installs that version under), and every package of this
 * repository's lockfile the two reach (dependencies and required peers, transitively, as Node would find them).
 */
export async function hostLockfile(
  host: PackageJson,
  tarball: { spec: string; path: string; manifest: PackageJson } | undefined,
  options: { seed?: Record<string, string> } = {},
): Promise<Lockfile> {
  const repoLock = JSON.parse(await readFile(join(REPO, "package-lock.json"), "utf8")) as Lockfile;
  const source: Lockfile["packages"] = { ...repoLock.packages };
  delete source[""];
  // A host's own versions of a package, installed in this repository under an npm alias (`host-lucide-react` →
  // `npm:lucide-react@0.548.0`): the alias's entries take the package's place, so the host gets that version.
  for (const [name, alias] of Object.entries(options.seed ?? {})) {
    const under = (key: string, base: string) => key === base || key.startsWith(`${base}/`);
    for (const key of Object.keys(source)) if (under(key, `node_modules/${name}`)) delete source[key];
    for (const [key, entry] of Object.entries(source)) {
      if (!under(key, `node_modules/${alias}`)) continue;
      const { name: _alias, ...kept } = entry;
      source[`node_modules/${name}${key.slice(`node_modules/${alias}`.length)}`] = kept;
      delete source[key];
    }
  }
  if (tarball) {
    const integrity = `sha512-${createHash("sha512").update(await readFile(tarball.path)).digest("base64")}`;
    const { manifest } = tarball;
    source[`node_modules/${manifest.name}`] = {
      version: manifest.version,
      resolved: tarball.spec, // the host's own spec, `file:` relative to the host
      integrity,
      license: manifest.license,
      dependencies: manifest.dependencies,
      peerDependencies: manifest.peerDependencies,
      peerDependenciesMeta: manifest.peerDependenciesMeta,
      engines: manifest.engines,
      // npm links a package's bins from its lockfile entry (`npx agent-planner-composio-sandbox`).
      ...(manifest.bin ? { bin: manifest.bin } : {}),
    };
  }

  const packages: Lockfile["packages"] = {};
  const missing: string[] = [];
  const visit = (location: string, entry: Parameters<typeof edges>[0]) => {
    const { required, optional } = edges(entry);
    for (const [names, mustExist] of [[required, true], [optional, false]] as const) {
      for (const name of names) {
        const found = locate(source, location, name);
        if (!found) {
          if (mustExist) missing.push(`${name} (from ${location || "the host"})`);
          continue;
        }
        if (packages[found]) continue;
        const { dev: _dev, devOptional: _devOptional, peer: _peer, ...kept } = source[found]!;
        packages[found] = kept;
        visit(found, kept);
      }
    }
  };
  const root = { name: host.name, version: host.version, dependencies: host.dependencies, devDependencies: host.devDependencies };
  visit("", root);
  if (missing.length > 0) throw new Error(`Not in this repository's lockfile, so not in the local cache: ${missing.join(", ")}`);
  const sorted = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => a.localeCompare(b)));
  return { name: host.name, version: host.version, lockfileVersion: 3, requires: true, packages: { "": root, ...sorted } };
}

/** The code blocks of a README section (`## <heading>…`) that start with a file path (`// app/…/route.ts`), by that path. */
export async function readmeUsageFiles(heading = "Usage"): Promise<Map<string, string>> {
  const readme = await readFile(join(REPO, "README.md"), "utf8");
  const start = readme.search(new RegExp(`\\n## ${heading.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}[^\\n]*\\n`));
  if (start === -1) throw new Error(`README.md has no ${heading} section`);
  const end = readme.indexOf("\n## ", start + 1);
  const section = readme.slice(start, end === -1 ? undefined : end);
  const files = new Map<string, string>();
  for (const [, code] of section.matchAll(/```tsx?\n([\s\S]*?)```/g)) {
    const path = /^\/\/ (\S+)/.exec(code!)?.[1];
    if (path) files.set(path, code!);
  }
  return files;
}

/**
 * The type errors of a `tsc` run that are the host's or this package's: every diagnostic except those inside
 * other packages' own .d.ts files. With `skipLibCheck: false` a host's `tsc` also checks its other dependencies'
 * declarations, and some of those do not pass a stricter host's settings on their own (inngest's under
 * `exactOptionalPropertyTypes`, @trpc/server's WebSocket adapter without `ws` installed): that is true of a host
 * without this package too, so those are listed (`ignored`) but are not this package's failures.
 */
export function typeErrors(output: string, packageName: string): { ours: string[]; ignored: string[] } {
  const ours: string[] = [];
  const ignored: string[] = [];
  for (const line of output.split("\n")) {
    const located = /^(\S[^(]*)\(\d+,\d+\): error /.exec(line);
    if (!located && !/(^|\s)error TS\d+/.test(line)) continue;
    const file = located?.[1]?.replaceAll("\\", "/") ?? "";
    const inPackage = /(?:^|\/)node_modules\/(.+)$/.exec(file)?.[1];
    const thirdParty = inPackage !== undefined && !inPackage.startsWith(`${packageName}/`);
    (thirdParty ? ignored : ours).push(line);
  }
  return { ours, ignored };
}

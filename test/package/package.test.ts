/**
 * The published package, as a host gets it: `npm run build`, `npm pack`, the tarball installed into a fresh
 * Next.js app from the local npm cache (no registry), its types checked under a host's `strict: false` and under
 * `exactOptionalPropertyTypes` (with `skipLibCheck: false`, so the package's own .d.ts files are checked), and
 * `next build` of the app wired exactly as README.md's Usage section shows.
 *
 * Slow (a build with declarations, an install, two type checks and a Next build): the `package` project, which
 * `npm test` runs on its own after the other Vitest projects (`npx vitest run --project package`).
 */
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { runInNewContext } from "node:vm";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hostLockfile, readmeUsageFiles, REPO, run, tail, typeErrors, type PackageJson } from "./host";

const MINUTE = 60_000;

/** The host's own versions of packages a shadcn host has, installed in this repository under these npm aliases. */
const HOST_SEED: Record<string, string> = { "lucide-react": "host-lucide-react", "@hookform/resolvers": "host-hookform-resolvers" };
/** The UI libraries a host ships once: the package takes them as peers. */
const UI_LIBRARY = /^(@radix-ui\/react-|lucide-react$|cmdk$|react-hook-form$|@hookform\/resolvers$)/;
const PAGE_WEIGHT_SECTION = "Installing: peers and page weight";
const WITH_PLANNER = "with-planner";
const WITHOUT_PLANNER = "without-planner";
const MAX_FIRST_LOAD_GROWTH_KB = 15;

/** The host page without the planner: the same route shape, a client component of the host's own in the tab. */
const BASELINE = [
  [
    `app/${WITHOUT_PLANNER}/[agentId]/planner/page.tsx`,
    `import { HostTab } from "./host-tab";

export default async function PlannerPage({ params }: { params: Promise<{ agentId: string }> }) {
  const { agentId } = await params;
  return <HostTab agentId={agentId} />;
}
`,
  ],
  [
    `app/${WITHOUT_PLANNER}/[agentId]/planner/host-tab.tsx`,
    `"use client";
import { useState } from "react";

export function HostTab({ agentId }: { agentId: string }) {
  const [count, setCount] = useState(0);
  return <button type="button" onClick={() => setCount(count + 1)}>{agentId}: {count}</button>;
}
`,
  ],
] as const;

/** Every installed package of an app (`npm ci` records the tree in node_modules/.package-lock.json): path → version. */
async function installedPackages(dir: string): Promise<Map<string, string>> {
  const lock = JSON.parse(await readFile(join(dir, "node_modules", ".package-lock.json"), "utf8")) as { packages: Record<string, { version?: string; link?: boolean }> };
  return new Map(Object.entries(lock.packages).filter(([path, entry]) => path !== "" && entry.version).map(([path, entry]) => [path, entry.version!]));
}

/**
 * A built App Router page's first-load JS, gzipped: Next's root main files plus the page's and its layout's entry
 * chunks (the page's client reference manifest), each file once.
 */
async function firstLoadJs(dir: string, page: string): Promise<number> {
  const next = join(dir, ".next");
  const buildManifest = JSON.parse(await readFile(join(next, "build-manifest.json"), "utf8")) as { rootMainFiles: string[] };
  const source = await readFile(join(next, "server", `${page}_client-reference-manifest.js`), "utf8");
  const sandbox: { __RSC_MANIFEST?: Record<string, { entryJSFiles: Record<string, string[]> }> } = {};
  runInNewContext(source, sandbox); // `globalThis.__RSC_MANIFEST[route] = {…}`
  const manifests = sandbox.__RSC_MANIFEST ?? {};
  const route = `/${page.replace(/^app\//, "")}`;
  const manifest = manifests[route];
  if (!manifest) throw new Error(`no client reference manifest for ${route} (has ${Object.keys(manifests).join(", ")})`);
  const entries = Object.entries(manifest.entryJSFiles).filter(([name]) => name.endsWith(`/${page}`) || name.endsWith("/app/layout"));
  expect(entries.length, `entry chunks of ${page}`).toBeGreaterThan(0);
  const files = new Set([...buildManifest.rootMainFiles, ...entries.flatMap(([, chunks]) => chunks)]);
  let total = 0;
  for (const file of files) total += gzipSync(await readFile(join(next, file)), { level: 9 }).byteLength;
  return total;
}

interface Manifest extends PackageJson {
  exports: Record<string, string | Record<string, string>>;
  bin?: Record<string, string>;
  imports: Record<string, Record<string, string>>;
  files: string[];
}

const manifest = JSON.parse(await readFile(join(REPO, "package.json"), "utf8")) as Manifest;
const SOURCE_CONDITION = "agent-planner-source";

/** The built files an export points at (every condition but the repository's own source condition). */
function targets(target: string | Record<string, string>): string[] {
  if (typeof target === "string") return [target];
  return Object.entries(target)
    .filter(([condition]) => condition !== SOURCE_CONDITION)
    .map(([, path]) => path);
}

function entryFile(subpath: string, condition: "import" | "types" | "default"): string {
  const target = manifest.exports[subpath];
  if (!target || typeof target === "string" || !target[condition]) throw new Error(`exports["${subpath}"] has no "${condition}"`);
  return join(REPO, target[condition]);
}

// The host's own code, which the README leaves to the reader (`./host`).
const HOST_STUB = `import type { PlannerCatalog, PlannerExecutors } from "agent-planner/server";

export async function getUserId(req: Request): Promise<string | null> {
  return req.headers.get("x-user");
}
export async function ownsAgent(userId: string, agentId: string): Promise<boolean> {
  return userId === "user-1" && agentId === "agent-1";
}
export const startChat: PlannerExecutors["startChat"] = async () => ({ threadId: "thread-1" });
export const runWorkflow: PlannerExecutors["runWorkflow"] = async () => ({ workflowRunId: "wfrun-1" });
export const listWorkflows: PlannerCatalog["workflows"] = async () => [];
export const getAgent: PlannerCatalog["agent"] = async () => ({ name: "Ada" });
`;

// Every entry and the API around the README's: the root entry's functions, both stores, the client's hooks.
const EVERY_ENTRY = `"use client";
import { useQuery } from "@tanstack/react-query";
import { describeSchedule, nextRuns, renderTemplate, validateSchedule, type Job } from "agent-planner";
import { createPlannerClient, PlannerProvider, usePlanner, type PlannerClient } from "agent-planner/client";
import { CronPicker, PlannerPanel, StatusBadge } from "agent-planner/components";
import { createInngestRoute } from "agent-planner/inngest";
import { createComposioWebhookRoute, createPlannerRoute } from "agent-planner/next";
import { createPlanner, fileStore, memoryStore, type Planner, type PlannerStore } from "agent-planner/server";
import "agent-planner/styles.css";
import { useState } from "react";

export const stores: PlannerStore[] = [memoryStore(), memoryStore({ runHistory: 10 }), fileStore({ dir: ".data/planner" })];

export function routes(planner: Planner) {
  const trpc = createPlannerRoute({ planner, endpoint: "/api/planner", maxBodyBytes: 1 << 20 });
  const inngest = createInngestRoute({ planner, serveOrigin: "https://app.example.com" });
  const webhook = createComposioWebhookRoute({ planner, toleranceSeconds: 300 });
  return [trpc.GET, trpc.POST, inngest.GET, inngest.POST, inngest.PUT, webhook.POST];
}

export const planner: Planner = createPlanner({
  store: stores[0]!,
  auth: async () => ({ userId: "user-1" }),
  canAccessAgent: () => true,
  executors: { startChat: async () => ({ threadId: "t" }), runWorkflow: async () => ({ workflowRunId: "w" }) },
});

export const schedule = {
  valid: validateSchedule("0 9 * * 1", "Europe/Paris"),
  next: nextRuns("0 9 * * 1", "Europe/Paris", { from: new Date(0), count: 3 }),
  text: describeSchedule("0 9 * * 1"),
  message: renderTemplate("Hello {agentName}", { agentName: "Ada" }),
};

export const client: PlannerClient = createPlannerClient({ url: "/api/planner", headers: () => ({ authorization: "Bearer t" }) });

function JobNames({ agentId }: { agentId: string }) {
  const trpc = usePlanner();
  const jobs = useQuery(trpc.jobs.list.queryOptions({ agentId }));
  const names: string[] = (jobs.data ?? []).map((job: Pick<Job, "name">) => job.name);
  return <ul>{names.map((name) => <li key={name}>{name}</li>)}</ul>;
}

export function Tab({ agentId }: { agentId: string }) {
  const [value, setValue] = useState({ cron: "0 9 * * 1", timezone: "Europe/Paris" });
  return (
    <PlannerProvider client={client} locale="en-GB">
      <StatusBadge status="active" />
      <CronPicker value={value} onChange={setValue} />
      <JobNames agentId={agentId} />
      <PlannerPanel agentId={agentId} className="tab" />
    </PlannerProvider>
  );
}
`;

const ROOT_LAYOUT = `import type { ReactNode } from "react";

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
`;

/** A host tsconfig: Next's defaults (`create-next-app`), the package's .d.ts files checked, plus `options`. */
function hostTsconfig(options: Record<string, unknown>, include = ["**/*.ts", "**/*.tsx"]) {
  return {
    compilerOptions: {
      target: "ES2017",
      lib: ["dom", "dom.iterable", "esnext"],
      allowJs: true,
      skipLibCheck: false,
      strict: true,
      noEmit: true,
      esModuleInterop: true,
      module: "esnext",
      moduleResolution: "bundler",
      resolveJsonModule: true,
      isolatedModules: true,
      jsx: "react-jsx",
      incremental: false,
      paths: { "@/*": ["./*"] },
      ...options,
    },
    include,
    exclude: ["node_modules", ".next"],
  };
}

let scratch: string;
let app: string;
let tarball: { file: string; path: string; manifest: PackageJson };

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "agent-planner-package-"));
  app = join(scratch, "host-app");
  await mkdir(app);
});

afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe("the published package", () => {
  it("npm run build emits ESM and .d.ts for every entry, with the module directives", { timeout: 10 * MINUTE }, async () => {
    const build = await run("npm", ["run", "build"], { cwd: REPO });
    expect(build.code, tail(build.output)).toBe(0);

    for (const subpath of Object.keys(manifest.exports)) {
      for (const target of targets(manifest.exports[subpath]!)) expect(existsSync(join(REPO, target)), `${subpath} → ${target}`).toBe(true);
    }
    for (const [name, conditions] of Object.entries(manifest.imports)) {
      if (name === "#pattern-engine") continue; // the sources' import, for development
      for (const target of Object.values(conditions)) expect(existsSync(join(REPO, target)), `${name} → ${target}`).toBe(true);
    }

    const firstLine = async (subpath: string) => (await readFile(entryFile(subpath, "import"), "utf8")).split("\n", 1)[0];
    expect(await firstLine("./client")).toBe('"use client";');
    expect(await firstLine("./components")).toBe('"use client";');
    // The server entries import anywhere on the server (no `server-only`); a browser bundle gets their stub.
    for (const subpath of ["./server", "./next", "./inngest", "./testing", "./tools", "."]) {
      expect(await readFile(entryFile(subpath, "import"), "utf8"), subpath).not.toMatch(/use client|["']server-only["']/);
    }
    for (const subpath of ["./server", "./next", "./inngest", "./testing", "./tools"]) {
      const target = manifest.exports[subpath] as Record<string, string>;
      expect(Object.keys(target).indexOf("browser"), `${subpath}: "browser" before the Node conditions`).toBeLessThan(Object.keys(target).indexOf("node"));
      expect(await readFile(join(REPO, target.browser!), "utf8")).toContain(`agent-planner/${subpath.slice(2)} is server-only: import it from server code`);
    }
    // Nothing reachable from the server's or the routes' entry loads `inngest` (an optional peer), even lazily.
    const inngestImport = /(?:from|import)\s*\(?\s*["']inngest(?:\/[\w-]+)?["']/;
    for (const entry of ["server.js", "next.js", "index.js", "testing.js", "tools.js"]) {
      const seen = new Set<string>();
      const walk = async (file: string) => {
        if (seen.has(file)) return;
        seen.add(file);
        const code = await readFile(join(REPO, "dist", file), "utf8");
        expect(code, `${entry} reaches ${file}, which imports inngest`).not.toMatch(inngestImport);
        for (const [, next] of code.matchAll(/(?:from|import)\s*\(?\s*["']\.\/([^"']+)["']/g)) await walk(next!);
      };
      await walk(entry);
    }
    expect(await readFile(join(REPO, "dist/inngest.js"), "utf8")).toMatch(inngestImport);
    // The Composio sandbox bin: its fixtures inlined, so it runs from dist/ alone.
    expect((await readFile(join(REPO, manifest.bin!["agent-planner-composio-sandbox"]!), "utf8")).split("\n", 1)[0]).toBe("#!/usr/bin/env node");

    // The browser's entries reach no server-only module and no Node built-in, statically or lazily.
    const dist = join(REPO, "dist");
    const reached = new Set<string>();
    const visit = async (file: string) => {
      if (reached.has(file)) return;
      reached.add(file);
      const code = await readFile(join(dist, file), "utf8");
      expect(code, `${file} imports server-only`).not.toMatch(/["']server-only["']/);
      expect(code, `${file} imports a Node built-in`).not.toMatch(/from\s*["']node:|import\(["']node:/);
      for (const [, next] of code.matchAll(/(?:from|import)\s*\(?\s*["']\.\/([^"']+)["']/g)) await visit(next!);
    };
    await visit("client.js");
    await visit("components.js");
    expect(reached.size).toBeGreaterThan(2);
    // The engines are reached through the subpath import, so a host's bundler picks one per environment.
    expect([...reached]).not.toContain("pattern-engine.js");

    // The UI libraries stay imports of the host's copies, never code bundled into dist.
    const browserCode = (await Promise.all([...reached].map((file) => readFile(join(dist, file), "utf8")))).join("\n");
    for (const name of ["lucide-react", "@radix-ui/react-dialog", "@radix-ui/react-select", "cmdk"]) expect(browserCode, name).toMatch(new RegExp(`from\\s*["']${name}["']`));
    expect(browserCode, "Radix's own code inlined").not.toMatch(/DismissableLayer|createLucideIcon|cmdk-list-sizer/);
    for (const name of ["react-hook-form", "@hookform/resolvers/zod"]) expect(browserCode, `${name} imported lazily`).toMatch(new RegExp(`["']${name}["']`));

    // Declarations never point at the sources' subpath import.
    for (const file of (await readdir(dist)).filter((name) => name.endsWith(".d.ts"))) {
      expect(await readFile(join(dist, file), "utf8"), file).not.toContain("#pattern-engine");
    }
  });

  it("packs the build, the README and the licence, nothing else", { timeout: 5 * MINUTE }, async () => {
    const pack = await run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", scratch], { cwd: REPO });
    expect(pack.code, tail(pack.output)).toBe(0);
    const [report] = JSON.parse(pack.output.slice(pack.output.indexOf("["))) as Array<{ filename: string; files: Array<{ path: string }> }>;
    const files = report!.files.map((file) => file.path).sort();
    for (const file of files) {
      expect(file, "only dist/, README.md, CHANGELOG.md, LICENSE and package.json").toMatch(/^(dist\/[^/]+\.(js|d\.ts|css)|README\.md|CHANGELOG\.md|LICENSE|package\.json)$/);
      expect(file).not.toMatch(/\.test\.|\.stories\.|^(src|test|demo|e2e|stories|bench|scripts)\//);
    }
    for (const subpath of Object.keys(manifest.exports)) {
      for (const target of targets(manifest.exports[subpath]!)) expect(files, `${subpath} → ${target}`).toContain(target.replace(/^\.\//, ""));
    }
    expect(files).toEqual(expect.arrayContaining(["LICENSE", "README.md", "CHANGELOG.md", "package.json"]));
    tarball = { file: report!.filename, path: join(scratch, report!.filename), manifest: JSON.parse(await readFile(join(REPO, "package.json"), "utf8")) as PackageJson };
    expect(existsSync(tarball.path)).toBe(true);
  });

  it("installs into a fresh Next.js app from the local npm cache", { timeout: 10 * MINUTE }, async () => {
    const pinned = (name: string) => {
      const version = manifest.devDependencies?.[name] ?? manifest.dependencies?.[name];
      if (!version) throw new Error(`${name} is not pinned in package.json`);
      return version;
    };
    const tarballSpec = `file:../${tarball.file}`;
    // The host's own versions where a shadcn host differs from this repository's pins (its lucide-react and resolvers).
    const hostVersion = (name: string) => {
      const alias = HOST_SEED[name];
      return alias ? pinned(alias).replace(/^npm:.+@/, "") : pinned(name);
    };
    const hostPackage = (withPlanner: boolean): PackageJson & { private: boolean; type: string; scripts: Record<string, string> } => ({
      name: "planner-host-app",
      version: "0.0.0",
      private: true,
      type: "module",
      scripts: { build: "next build" },
      // The tarball, and its peers at a shadcn host's versions (this repository's pins otherwise).
      dependencies: {
        ...(withPlanner ? { [manifest.name]: tarballSpec } : {}),
        ...Object.fromEntries(
          Object.keys(manifest.peerDependencies ?? {}).map((name) => [name, hostVersion(name)]),
        ),
      },
      devDependencies: Object.fromEntries(["typescript", "@types/node", "@types/react", "@types/react-dom"].map((name) => [name, pinned(name)])),
    });
    const install = async (withPlanner: boolean) => {
      const host = hostPackage(withPlanner);
      await writeFile(join(app, "package.json"), JSON.stringify(host, null, 2) + "\n");
      const lock = await hostLockfile(host, withPlanner ? { ...tarball, spec: tarballSpec } : undefined, { seed: HOST_SEED });
      await writeFile(join(app, "package-lock.json"), JSON.stringify(lock, null, 2) + "\n");
      const result = await run("npm", ["ci", "--offline", "--ignore-scripts", "--no-audit", "--no-fund"], { cwd: app });
      expect(result.code, tail(result.output)).toBe(0);
      return installedPackages(app);
    };

    // The host as it was, then with the package: nothing it had may change.
    const before = await install(false);
    expect(before.get("node_modules/lucide-react")).toBe(hostVersion("lucide-react"));
    expect(before.get("node_modules/@hookform/resolvers")).toMatch(/^5\./);
    const after = await install(true);
    const changed = [...before].filter(([path, version]) => after.get(path) !== version).map(([path, version]) => `${path} ${version} → ${after.get(path) ?? "removed"}`);
    const added = [...after.keys()].filter((path) => !before.has(path));
    console.info(`Installing the package into the host: ${changed.length} of its ${before.size} packages changed (target 0), ${added.length} added.`);
    expect(changed, "the host's packages the install changed").toEqual([]);

    // npm itself finds every peer of the package satisfied by the host's versions.
    const ls = await run("npm", ["ls", "--all", "--json"], { cwd: app });
    const problems = ((JSON.parse(ls.output.slice(ls.output.indexOf("{"))) as { problems?: string[] }).problems ?? []).filter((problem) => problem.includes(manifest.name));
    expect(problems, "npm ls problems involving the package").toEqual([]);

    // One copy of each UI library, so one in the browser.
    const ui = Object.keys(manifest.peerDependencies ?? {}).filter((name) => UI_LIBRARY.test(name));
    expect(ui.length).toBeGreaterThan(10);
    const duplicated = ui.filter((name) => [...after.keys()].filter((path) => path.endsWith(`node_modules/${name}`)).length !== 1);
    console.info(`UI libraries installed more than once (or not at all): ${duplicated.length} of ${ui.length} (target 0).`);
    expect(duplicated).toEqual([]);

    const installed = JSON.parse(await readFile(join(app, "node_modules", manifest.name, "package.json"), "utf8")) as PackageJson;
    expect(installed.version).toBe(manifest.version);
    expect(existsSync(join(app, "node_modules", manifest.name, "src"))).toBe(false);
  });

  it("imports the server entries in plain Node (a script, a worker), and runs the sandbox bin", { timeout: 2 * MINUTE }, async () => {
    const script = `const server = await import("agent-planner/server");
const next = await import("agent-planner/next");
const testing = await import("agent-planner/testing");
const root = await import("agent-planner");
console.log(JSON.stringify([typeof server.createPlanner, typeof server.createPlannerCaller, typeof next.createPlannerRoute, typeof testing, typeof root.formatDateTime]));`;
    const result = await run(process.execPath, ["--input-type=module", "-e", script], { cwd: app });
    expect(result.code, tail(result.output)).toBe(0);
    expect(result.output).toContain('["function","function","function","object","function"]');
    const bin = await run(join(app, "node_modules/.bin/agent-planner-composio-sandbox"), ["--help"], { cwd: app });
    expect(bin.code, tail(bin.output)).toBe(0);
    expect(bin.output).toContain("Usage: npx agent-planner-composio-sandbox");
  });

  it("imports the server entries in a host's Vitest test", { timeout: 2 * MINUTE }, async () => {
    // A host's own unit test (plain JavaScript, so the app's `next build` does not type-check it without vitest).
    const file = join(app, "planner-import.test.mjs");
    await writeFile(
      file,
      `import { expect, it } from "vitest";
import { createPlanner, createPlannerCaller, memoryStore } from "agent-planner/server";
import { createPlannerRoute } from "agent-planner/next";
it("imports agent-planner/server and /next", () => {
  expect([typeof createPlanner, typeof createPlannerCaller, typeof memoryStore, typeof createPlannerRoute]).toEqual(["function", "function", "function", "function"]);
});
`,
    );
    try {
      const result = await run(process.execPath, [join(REPO, "node_modules", "vitest", "vitest.mjs"), "run", "--root", app, "planner-import.test.mjs"], { cwd: app });
      expect(result.code, tail(result.output)).toBe(0);
      expect(result.output).toMatch(/1 passed/);
    } finally {
      await rm(file, { force: true });
    }
  });

  it("writes the README's Usage files into the app", async () => {
    const files = await readmeUsageFiles();
    expect([...files.keys()]).toEqual([
      "lib/planner.ts",
      "instrumentation.ts",
      "app/api/planner/[trpc]/route.ts",
      "app/api/workforce/triggers/webhook/route.ts",
      "app/api/inngest/route.ts",
      "app/agents/[agentId]/planner/page.tsx",
    ]);
    // The README's lazy tab, and the same host page without the planner, to weigh what the tab adds.
    const lazy = await readmeUsageFiles(PAGE_WEIGHT_SECTION);
    expect([...lazy.keys()]).toEqual(["app/agents/[agentId]/planner/page.tsx", "app/agents/[agentId]/planner/planner-tab.tsx", "app/agents/[agentId]/planner/planner-tab-body.tsx"]);
    const weighed = [...lazy].map(([path, code]) => [path.replace("app/agents/", `app/${WITH_PLANNER}/`), code] as const);
    for (const [path, code] of [...files, ...weighed, ...BASELINE, ["lib/host.ts", HOST_STUB], ["lib/every-entry.tsx", EVERY_ENTRY], ["app/layout.tsx", ROOT_LAYOUT]] as const) {
      await mkdir(dirname(join(app, path)), { recursive: true });
      await writeFile(join(app, path), code);
    }
  });

  /** No error in the host's files or in this package's; other packages' own .d.ts errors are logged (see typeErrors). */
  const expectNoTypeErrors = (output: string) => {
    const { ours, ignored } = typeErrors(output, manifest.name);
    if (ignored.length > 0) console.info(`Type errors inside other packages' declarations (not this package's):\n${ignored.join("\n")}`);
    expect(ours, "type errors in the host's files or the package's declarations").toEqual([]);
    // The program tsc checked holds the package's declarations (`--listFiles`), resolved through its exports.
    expect(output).toMatch(new RegExp(`node_modules/${manifest.name}/dist/server\\.d\\.ts`));
    expect(output).toMatch(new RegExp(`node_modules/${manifest.name}/dist/components\\.d\\.ts`));
  };

  const tsc = (project: string) => run(process.execPath, [join(app, "node_modules/typescript/bin/tsc"), "-p", project, "--listFiles"], { cwd: app });

  it("type-checks in a host with strict: false (skipLibCheck: false)", { timeout: 5 * MINUTE }, async () => {
    await writeFile(join(app, "tsconfig.loose.json"), JSON.stringify(hostTsconfig({ strict: false }), null, 2));
    const result = await tsc("tsconfig.loose.json");
    expectNoTypeErrors(result.output);
  });

  it("type-checks in a strict host with exactOptionalPropertyTypes (skipLibCheck: false)", { timeout: 5 * MINUTE }, async () => {
    const options = { strict: true, exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true };
    await writeFile(join(app, "tsconfig.exact.json"), JSON.stringify(hostTsconfig(options), null, 2));
    const result = await tsc("tsconfig.exact.json");
    expectNoTypeErrors(result.output);
  });

  it("next build succeeds with the routes and the panel mounted as the README shows", { timeout: 10 * MINUTE }, async () => {
    // create-next-app's tsconfig (Next checks the app's types during the build).
    await writeFile(join(app, "tsconfig.json"), JSON.stringify(hostTsconfig({ skipLibCheck: true, plugins: [{ name: "next" }] }), null, 2));
    // Without any Composio or Inngest setting: `next build` evaluates the route modules, and the optional routes
    // build anyway (they answer 503 at request time until configured).
    const env: NodeJS.ProcessEnv = { NODE_ENV: "production", PLANNER_DATA_DIR: join(scratch, "planner-data") };
    for (const key of ["INNGEST_SIGNING_KEY", "INNGEST_EVENT_KEY", "INNGEST_SERVE_ORIGIN", "APP_ORIGIN", "COMPOSIO_API_KEY", "COMPOSIO_WEBHOOK_SECRET"]) env[key] = "";
    const build = await run(process.execPath, [join(app, "node_modules/next/dist/bin/next"), "build"], { cwd: app, env });
    expect(build.code, tail(build.output, 80)).toBe(0);
    for (const route of ["/api/planner/[trpc]", "/api/workforce/triggers/webhook", "/api/inngest", "/agents/[agentId]/planner"]) {
      expect(build.output, route).toContain(route);
    }

    // What the README's lazy tab adds to the host page's first-load JS.
    const withPlanner = await firstLoadJs(app, `app/${WITH_PLANNER}/[agentId]/planner/page`);
    const without = await firstLoadJs(app, `app/${WITHOUT_PLANNER}/[agentId]/planner/page`);
    const grown = (withPlanner - without) / 1024;
    console.info(
      `First-load JS of the host page: ${(without / 1024).toFixed(1)} KB gzipped without the planner tab, ${(withPlanner / 1024).toFixed(1)} KB with ` +
        `the README's lazy tab: +${grown.toFixed(1)} KB (target ≤ ${MAX_FIRST_LOAD_GROWTH_KB} KB).`,
    );
    expect(grown).toBeLessThanOrEqual(MAX_FIRST_LOAD_GROWTH_KB);
  });

  it("next build fails with the sentence when a client component imports agent-planner/server", { timeout: 10 * MINUTE }, async () => {
    const page = join(app, "app/misused/page.tsx");
    const component = join(app, "app/misused/jobs-button.tsx");
    await mkdir(dirname(page), { recursive: true });
    await writeFile(
      component,
      `"use client";
import { memoryStore } from "agent-planner/server";

export function JobsButton() {
  return <button onClick={() => void memoryStore()}>Jobs</button>;
}
`,
    );
    await writeFile(page, `import { JobsButton } from "./jobs-button";

export default function Page() {
  return <JobsButton />;
}
`);
    try {
      const build = await run(process.execPath, [join(app, "node_modules/next/dist/bin/next"), "build"], { cwd: app, env: { NODE_ENV: "production" } });
      expect(build.code, tail(build.output, 80)).not.toBe(0);
      expect(build.output).toContain("agent-planner/server is server-only: import it from server code (a route handler, a server action, a script), not from a client component.");
    } finally {
      await rm(dirname(page), { recursive: true, force: true });
    }
  });
});

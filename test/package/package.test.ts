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
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hostLockfile, readmeUsageFiles, REPO, run, tail, typeErrors, type PackageJson } from "./host";

const MINUTE = 60_000;

interface Manifest extends PackageJson {
  exports: Record<string, string | Record<string, string>>;
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
import { createComposioWebhookRoute, createInngestRoute, createPlannerRoute } from "agent-planner/next";
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
    expect(await firstLine("./server")).toBe('import "server-only";');
    expect(await firstLine("./next")).toBe('import "server-only";');
    expect(await firstLine(".")).not.toMatch(/use client|server-only/);

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
      expect(file, "only dist/, README.md, LICENSE and package.json").toMatch(/^(dist\/[^/]+\.(js|d\.ts|css)|README\.md|LICENSE|package\.json)$/);
      expect(file).not.toMatch(/\.test\.|\.stories\.|^(src|test|demo|e2e|stories|bench|scripts)\//);
    }
    for (const subpath of Object.keys(manifest.exports)) {
      for (const target of targets(manifest.exports[subpath]!)) expect(files, `${subpath} → ${target}`).toContain(target.replace(/^\.\//, ""));
    }
    expect(files).toEqual(expect.arrayContaining(["LICENSE", "README.md", "package.json"]));
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
    const host: PackageJson & { private: boolean; type: string; scripts: Record<string, string> } = {
      name: "planner-host-app",
      version: "0.0.0",
      private: true,
      type: "module",
      scripts: { build: "next build" },
      // The tarball, and its peers at the versions this repository tests with.
      dependencies: {
        [manifest.name]: tarballSpec,
        ...Object.fromEntries(Object.keys(manifest.peerDependencies ?? {}).map((name) => [name, pinned(name)])),
      },
      devDependencies: Object.fromEntries(["typescript", "@types/node", "@types/react", "@types/react-dom"].map((name) => [name, pinned(name)])),
    };
    await writeFile(join(app, "package.json"), JSON.stringify(host, null, 2) + "\n");
    await writeFile(join(app, "package-lock.json"), JSON.stringify(await hostLockfile(host, { ...tarball, spec: tarballSpec }), null, 2) + "\n");

    const install = await run("npm", ["ci", "--offline", "--ignore-scripts", "--no-audit", "--no-fund"], { cwd: app });
    expect(install.code, tail(install.output)).toBe(0);
    const installed = JSON.parse(await readFile(join(app, "node_modules", manifest.name, "package.json"), "utf8")) as PackageJson;
    expect(installed.version).toBe(manifest.version);
    expect(existsSync(join(app, "node_modules", manifest.name, "src"))).toBe(false);
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
    for (const [path, code] of [...files, ["lib/host.ts", HOST_STUB], ["lib/every-entry.tsx", EVERY_ENTRY], ["app/layout.tsx", ROOT_LAYOUT]] as const) {
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
    // The production configuration the README's routes expect: `next build` evaluates the route modules, and the
    // Inngest route checks its client when its module loads (see README, "with Inngest only").
    const env = {
      NODE_ENV: "production",
      INNGEST_SIGNING_KEY: `signkey-prod-${"ab".repeat(32)}`,
      INNGEST_EVENT_KEY: "event-key-for-the-build",
      APP_ORIGIN: "https://app.example.com",
      COMPOSIO_API_KEY: "ak_build",
      COMPOSIO_WEBHOOK_SECRET: "whsec_build",
      PLANNER_DATA_DIR: join(scratch, "planner-data"),
    };
    const build = await run(process.execPath, [join(app, "node_modules/next/dist/bin/next"), "build"], { cwd: app, env });
    expect(build.code, tail(build.output, 80)).toBe(0);
    for (const route of ["/api/planner/[trpc]", "/api/workforce/triggers/webhook", "/api/inngest", "/agents/[agentId]/planner"]) {
      expect(build.output, route).toContain(route);
    }
  });
});

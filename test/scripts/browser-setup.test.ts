import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  BROWSER_SUITES,
  DEFAULT_CHROMIUM_PATH,
  INSTALL_HINT,
  chromiumPath,
  ensureChromium,
  prepareTestRun,
  type BrowserIo,
} from "../../scripts/browser-setup.mjs";
import { CHROMIUM_LAUNCH } from "../../scripts/chromium";

/** A machine: which paths exist, whether we are root, and what each command does to it. */
function fakeMachine(options: { root: boolean; present?: boolean; aptWorks?: boolean; aptInstallsBrowser?: boolean }) {
  const files = new Set<string>(options.present ? [DEFAULT_CHROMIUM_PATH] : []);
  const commands: Array<{ command: string; args: string[]; env: Record<string, string> }> = [];
  const lines: string[] = [];
  const io: BrowserIo = {
    path: DEFAULT_CHROMIUM_PATH,
    exists: (path) => files.has(path),
    isRoot: options.root,
    run: (command, args, env) => {
      commands.push({ command, args, env });
      if (options.aptWorks === false) return false;
      if (command === "apt-get" && args.includes("install") && options.aptInstallsBrowser !== false) files.add(DEFAULT_CHROMIUM_PATH);
      return true;
    },
    log: (line) => lines.push(line),
  };
  return { io, commands, lines };
}

describe("ensureChromium / prepareTestRun", () => {
  it("does nothing when Chromium is there: every vitest project runs, no browser suite is skipped", () => {
    const machine = fakeMachine({ root: true, present: true });
    expect(prepareTestRun(machine.io)).toEqual({ browser: true, vitestProjects: ["unit", "component", "storybook"], skippedBrowserSuites: [] });
    expect(machine.commands).toEqual([]);
    expect(machine.lines).toEqual([]);
  });

  it("not root: one line says exactly what to install; only the browser-free projects run, the browser suites count as failures", () => {
    const machine = fakeMachine({ root: false });
    const plan = prepareTestRun(machine.io);
    expect(machine.lines).toEqual(['Browser tests need Debian\'s Chromium: run "sudo apt-get install -y chromium" (never "npx playwright install")']);
    expect(machine.lines[0]).toBe(INSTALL_HINT);
    expect(machine.commands).toEqual([]);
    expect(plan).toEqual({ browser: false, vitestProjects: ["unit", "component"], skippedBrowserSuites: ["storybook", "playwright"] });
    expect(plan.skippedBrowserSuites).toEqual(BROWSER_SUITES);
  });

  it("root: apt-get update, then apt-get install -y chromium, non-interactively, and then the browser suites run", () => {
    const machine = fakeMachine({ root: true });
    const plan = prepareTestRun(machine.io);
    expect(machine.commands).toEqual([
      { command: "apt-get", args: ["update", "-qq"], env: { DEBIAN_FRONTEND: "noninteractive" } },
      { command: "apt-get", args: ["install", "-y", "-qq", "chromium"], env: { DEBIAN_FRONTEND: "noninteractive" } },
    ]);
    expect(plan).toEqual({ browser: true, vitestProjects: ["unit", "component", "storybook"], skippedBrowserSuites: [] });
    expect(ensureChromium(machine.io)).toEqual({ available: true, installed: false });
    expect(machine.commands).toHaveLength(2);
  });

  it("root, apt-get fails: the browser suites are skipped (and counted), nothing else is tried", () => {
    const machine = fakeMachine({ root: true, aptWorks: false });
    const plan = prepareTestRun(machine.io);
    expect(machine.commands.map((c) => c.args[0])).toEqual(["update"]);
    expect(plan.vitestProjects).toEqual(["unit", "component"]);
    expect(plan.skippedBrowserSuites).toEqual(["storybook", "playwright"]);
    expect(machine.commands.some((c) => c.command.includes("playwright") || c.args.includes("playwright"))).toBe(false);
  });

  it("root, apt-get succeeds but the browser is still missing: skipped, with a line that says so", () => {
    const machine = fakeMachine({ root: true, aptInstallsBrowser: false });
    expect(prepareTestRun(machine.io).browser).toBe(false);
    expect(machine.lines.at(-1)).toContain("still missing");
  });
});

describe("the browser's path", () => {
  it("defaults to Debian's, PLANNER_CHROMIUM_PATH overrides it, and the launch options agree", () => {
    expect(chromiumPath({})).toBe("/usr/bin/chromium");
    expect(chromiumPath({ PLANNER_CHROMIUM_PATH: "" })).toBe("/usr/bin/chromium");
    expect(chromiumPath({ PLANNER_CHROMIUM_PATH: "/opt/none/chromium" })).toBe("/opt/none/chromium");
    expect(CHROMIUM_LAUNCH.executablePath).toBe(chromiumPath(process.env));
  });
});

describe("scripts/test-all.mjs", () => {
  const source = readFileSync(join(import.meta.dirname, "../../scripts/test-all.mjs"), "utf8");

  it("decides about Chromium before it starts any suite, and runs the vitest projects the decision chose", () => {
    const prepared = source.indexOf("prepareTestRun(");
    expect(prepared).toBeGreaterThan(0);
    for (const first of ['check("typecheck"', 'suite(\n  "vitest"', '"playwright"', '"storybook"']) {
      const at = source.indexOf(first);
      expect(at, first).toBeGreaterThan(prepared);
    }
    expect(source).toContain("plan.vitestProjects");
    expect(source).not.toMatch(/"--project", "storybook"/);
    // Skipped browser suites are failures in the closing line, never silent.
    expect(source).toMatch(/skippedBrowserSuites\.includes\("storybook"\)\) skipped\(/);
    expect(source).toMatch(/skippedBrowserSuites\.includes\("playwright"\)\) \{\s*skipped\(/);
    expect(source).not.toContain("playwright install");
  });
});

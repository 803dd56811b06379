// What `npm test` does about the browser before any test needs one (scripts/test-all.mjs): Debian's Chromium is
// installed with apt-get when it is missing and we are root; otherwise one line says what to install, and the
// tests that need no browser still run. Pure decisions over injected I/O, so test/scripts/ can check them.

/** Where Debian's `chromium` package puts the browser (TOOLCHAIN.md). */
export const DEFAULT_CHROMIUM_PATH = "/usr/bin/chromium";

/** The one line a non-root user gets when the browser is missing. */
export const INSTALL_HINT = 'Browser tests need Debian\'s Chromium: run "sudo apt-get install -y chromium" (never "npx playwright install")';

/** The suites that drive Chromium; each one skipped for want of it counts as one failure. */
export const BROWSER_SUITES = ["storybook", "playwright"];

/** Vitest projects that need no browser. */
export const NODE_PROJECTS = ["unit", "component"];

/**
 * The browser's path: `PLANNER_CHROMIUM_PATH` when set (to simulate a machine without it), else Debian's.
 * scripts/chromium.ts reads the same variable for the launch options, so both always agree.
 *
 * @param {Record<string, string | undefined>} [env]
 * @returns {string}
 */
export function chromiumPath(env = process.env) {
  return env.PLANNER_CHROMIUM_PATH || DEFAULT_CHROMIUM_PATH;
}

/**
 * Makes sure Chromium is there before a browser suite runs: present → nothing to do; missing and root →
 * `apt-get update` and `apt-get install -y chromium`, quietly and non-interactively; missing and not root → the
 * {@link INSTALL_HINT} line, once. Never downloads a browser any other way.
 *
 * @param {import("./browser-setup.d.mts").BrowserIo} io
 * @returns {{ available: boolean, installed: boolean }}
 */
export function ensureChromium(io) {
  const { path, exists, isRoot, run, log } = io;
  if (exists(path)) return { available: true, installed: false };
  if (!isRoot) {
    log(INSTALL_HINT);
    return { available: false, installed: false };
  }
  log(`${path} is missing: installing Debian's Chromium (apt-get install -y chromium)`);
  const env = { DEBIAN_FRONTEND: "noninteractive" };
  const installed = run("apt-get", ["update", "-qq"], env) && run("apt-get", ["install", "-y", "-qq", "chromium"], env);
  if (installed && exists(path)) return { available: true, installed: true };
  log(installed ? `apt-get installed chromium, but ${path} is still missing; the browser tests are skipped.` : "apt-get could not install chromium (output above); the browser tests are skipped.");
  return { available: false, installed: false };
}

/**
 * The decision `npm test` starts with: which vitest projects run, and which browser suites are skipped (each
 * counted as one failure, so the closing `N passed, N failed` line stays honest).
 *
 * @param {import("./browser-setup.d.mts").BrowserIo} io
 * @returns {{ browser: boolean, vitestProjects: string[], skippedBrowserSuites: string[] }}
 */
export function prepareTestRun(io) {
  const { available } = ensureChromium(io);
  return {
    browser: available,
    vitestProjects: available ? [...NODE_PROJECTS, "storybook"] : [...NODE_PROJECTS],
    skippedBrowserSuites: available ? [] : [...BROWSER_SUITES],
  };
}

/**
 * Debian's Chromium (`apt-get install -y chromium`), never a downloaded browser, with the launch options that
 * work as root on these machines (TOOLCHAIN.md). Shared by the screenshot scripts and the Storybook story tests.
 * `PLANNER_CHROMIUM_PATH` points elsewhere (as scripts/browser-setup.mjs's `chromiumPath` does, which
 * `npm test` checks and installs before any browser suite); it defaults to Debian's /usr/bin/chromium.
 */
export const CHROMIUM_LAUNCH = {
  executablePath: process.env.PLANNER_CHROMIUM_PATH || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
};

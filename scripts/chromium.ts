/**
 * Debian's Chromium (`apt-get install -y chromium`), never a downloaded browser, with the launch options that
 * work as root on these machines (TOOLCHAIN.md). Shared by the screenshot scripts and the Storybook story tests.
 */
export const CHROMIUM_LAUNCH = {
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
};

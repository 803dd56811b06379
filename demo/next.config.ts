import { resolve } from "node:path";
import type { NextConfig } from "next";

// The demo lives inside the package's repository and imports the package's own sources (one node_modules at the
// root): Turbopack only compiles files under its root, so the root is the repository, not demo/.
const repositoryRoot = resolve(import.meta.dirname, "..");

const config: NextConfig = {
  turbopack: { root: repositoryRoot },
  outputFileTracingRoot: repositoryRoot,
  // Playwright and people open the demo on 127.0.0.1 as well as localhost; without this dev never hydrates there.
  allowedDevOrigins: ["127.0.0.1"],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default config;

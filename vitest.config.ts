import path from "node:path";
import { storybookTest } from "@storybook/addon-vitest/vitest-plugin";
import { playwright } from "@vitest/browser-playwright";
import { defaultServerConditions } from "vite";
import { configDefaults, defineConfig } from "vitest/config";
import { CHROMIUM_LAUNCH } from "./scripts/chromium";

// `agent-planner/*` imports (the demo's files, the README host) resolve to src/, not to the build in dist/
// (package.json `exports`, condition `agent-planner-source`; tsconfig.json `customConditions` does the same for tsc).
// The other conditions are Vitest's defaults (Vite's server conditions without "module").
const conditions = ["agent-planner-source", ...defaultServerConditions.filter((condition) => condition !== "module")];
const fromSource = { resolve: { conditions }, ssr: { resolve: { conditions } } };

export default defineConfig({
  test: {
    projects: [
      {
        ...fromSource,
        test: {
          name: "unit",
          environment: "node",
          include: ["src/**/*.test.ts", "test/**/*.test.ts"],
          exclude: [...configDefaults.exclude, "test/package/**"],
        },
      },
      {
        ...fromSource,
        test: {
          name: "component",
          environment: "./test/components/jsdom-environment.ts",
          include: ["src/**/*.test.tsx", "test/components/**/*.test.tsx"],
          setupFiles: ["test/components/setup.ts"],
          // Lazy dialogs load their chunk on first open: on a loaded 2-core CI machine that can take seconds.
          testTimeout: 30_000,
        },
      },
      {
        // The packed package in a fresh Next.js app (build, pack, install from the local npm cache, tsc, next build):
        // minutes of work, so `npm test` runs it on its own after the other projects (scripts/test-all.mjs).
        test: {
          name: "package",
          environment: "node",
          include: ["test/package/**/*.test.ts"],
          testTimeout: 10 * 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        // Every story in stories/ becomes a test, rendered (and played) in Debian's Chromium.
        plugins: [storybookTest({ configDir: path.join(import.meta.dirname, ".storybook") })],
        test: {
          name: "storybook",
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({ launchOptions: CHROMIUM_LAUNCH }),
            instances: [{ browser: "chromium" }],
          },
          setupFiles: [".storybook/vitest.setup.ts"],
          // Same: a story's play waits for lazy chunks that a loaded machine serves slowly.
          testTimeout: 45_000,
        },
      },
    ],
  },
});

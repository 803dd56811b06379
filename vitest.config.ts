import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          environment: "node",
          include: ["src/**/*.test.ts", "test/**/*.test.ts"],
        },
      },
      {
        test: {
          name: "component",
          environment: "./test/components/jsdom-environment.ts",
          include: ["src/**/*.test.tsx", "test/components/**/*.test.tsx"],
          setupFiles: ["test/components/setup.ts"],
        },
      },
    ],
  },
});

import { builtinEnvironments, type Environment } from "vitest/environments";

/**
 * jsdom, with modules transformed the way Node runs them. The client transform rewrites
 * `new URL("./file", import.meta.url)` into a web asset URL, which breaks the server-side code these tests
 * run in-process (the Composio sandbox reads its fixtures that way). Components render the same either way.
 */
export default {
  ...builtinEnvironments.jsdom,
  name: "planner-jsdom",
  viteEnvironment: "ssr",
} satisfies Environment;

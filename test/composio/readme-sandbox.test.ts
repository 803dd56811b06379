import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");

describe("README: the sandbox command", () => {
  it("passes the flags that make the sandbox deliver webhooks, all of which the bin (src/sandbox/main.ts) accepts", () => {
    const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
    const command = /`(npx agent-planner-composio-sandbox[^`]*)`/.exec(readme)?.[1];
    expect(command).toBeDefined();
    const flags = [...(command ?? "").matchAll(/--([a-z-]+)/g)].map((m) => m[1]);
    expect(flags).toEqual(expect.arrayContaining(["api-key", "webhook-url", "webhook-secret"]));
    const main = readFileSync(path.join(ROOT, "src/sandbox/main.ts"), "utf8");
    // parseArgs options: `port: { type: "string" }` or `"api-key": { type: "string" }`.
    for (const flag of flags) expect(main).toMatch(new RegExp(`"?${flag}"?: \\{ type: "string" \\}`));
  });
});

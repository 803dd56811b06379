import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readAgentFile, renderAgentFile } from "../../src/server/store/config/agent-file";
import { makeJob, withJobs } from "./contract-fixtures";

describe("renderAgentFile", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "planner-agent-file-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const planner = withJobs(makeJob(1));
  const pretty = (indent: string) => JSON.stringify(planner, null, 2).replace(/\n/g, `\n${indent}`);

  async function render(text: string) {
    const path = join(dir, "agent.json");
    await writeFile(path, text);
    return renderAgentFile(await readAgentFile(path), planner);
  }

  it.each([
    ["minified, planner in the middle", '{"a":1,"planner":{"jobs":[]},"b":[1,{"c":"}"}]}', `{"a":1,"planner":${pretty("")},"b":[1,{"c":"}"}]}\n`],
    ["planner first, 4-space indent", '{\n    "planner": {"jobs": []},\n    "z": "\\"planner\\": 1"\n}\n', `{\n    "planner": ${pretty("    ")},\n    "z": "\\"planner\\": 1"\n}\n`],
    ["duplicate planner keys: the last one counts", '{"planner": 1, "planner": {}}', `{"planner": 1, "planner": ${pretty("")}}\n`],
    ["a planner key nested deeper is not ours", '{\n  "meta": {"planner": 1}\n}', `{\n  "meta": {"planner": 1},\n  "planner": ${pretty("  ")}\n}\n`],
    ["an empty object", "{ }", `{\n  "planner": ${pretty("  ")}\n}\n`],
    ["an escaped key and a byte-order mark", '\uFEFF{"plann\\u0065r": {}, "é": "ü"}', `{"plann\\u0065r": ${pretty("")}, "é": "ü"}\n`],
  ])("replaces only the planner value: %s", async (_name, text, expected) => {
    expect(await render(text)).toBe(expected);
  });

  it("reports a null planner as invalid rather than replacing it", async () => {
    await expect(render('{"planner": null}')).rejects.toThrow(/has an invalid "planner"/);
  });
});

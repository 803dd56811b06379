import { chmod, mkdtemp, readFile, rm, stat, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { describeConfigSourceContract, definitionWith } from "../../src/testing";
import { jsonAgentFiles } from "../../src/server/store/config/json-agent-files";
import { memoryConfig } from "../../src/server/store/config/memory-config";

describeConfigSourceContract("memoryConfig", () => Promise.resolve({ source: memoryConfig(), cleanup: () => Promise.resolve() }));

describeConfigSourceContract("jsonAgentFiles", async () => {
  const dir = await mkdtemp(join(tmpdir(), "planner-config-"));
  return { source: jsonAgentFiles({ dir }), cleanup: () => rm(dir, { recursive: true, force: true }) };
});

describe("jsonAgentFiles", () => {
  it("keeps every other byte of the agent file and refuses a write based on a revision a hand edit made stale", async () => {
    const dir = await mkdtemp(join(tmpdir(), "planner-config-"));
    try {
      await mkdir(dir, { recursive: true });
      const before = '{\n  "name": "Ada",\n  "model": {"id": 12345678901234567890},\n  "planner": {"jobs": [], "triggers": []}\n}\n';
      await writeFile(join(dir, "agent-1.json"), before);
      const source = jsonAgentFiles({ dir });
      const read = await source.read("agent-1");
      expect(read?.planner).toEqual({ jobs: [], triggers: [] });
      const { revision } = await source.write("agent-1", definitionWith(1), { expectedRevision: read!.revision });
      const text = await readFile(join(dir, "agent-1.json"), "utf8");
      expect(text.startsWith('{\n  "name": "Ada",\n  "model": {"id": 12345678901234567890},\n  "planner": {')).toBe(true);
      // Someone edits the planner by hand: a write based on the revision read before is refused, the edit kept.
      const edited = text.replace('"Job 1"', '"Edited by hand"');
      await writeFile(join(dir, "agent-1.json"), edited);
      await expect(source.write("agent-1", definitionWith(2), { expectedRevision: revision })).rejects.toMatchObject({ name: "ConflictError" });
      expect(await readFile(join(dir, "agent-1.json"), "utf8")).toBe(edited);
      // An edit of another key is not a planner change: the revision stays.
      await writeFile(join(dir, "agent-1.json"), edited.replace('"Ada"', '"Ada Lovelace"'));
      const after = await source.read("agent-1");
      expect(after?.planner.jobs[0]?.name).toBe("Edited by hand");
      expect((await source.read("agent-1"))?.revision).toBe(after?.revision);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("checks the file again at each write: a hand edit right after a read is refused, and the file's mode is kept", async () => {
    const dir = await mkdtemp(join(tmpdir(), "planner-config-"));
    try {
      const path = join(dir, "agent-1.json");
      await writeFile(path, '{\n  "planner": {"jobs": [], "triggers": []}\n}\n', { mode: 0o640 });
      await chmod(path, 0o640);
      const source = jsonAgentFiles({ dir });
      const read = await source.read("agent-1");
      // Written right after the read (the text the write reuses is the one read): the mode stays 0640.
      const { revision } = await source.write("agent-1", definitionWith(1), { expectedRevision: read!.revision });
      expect((await stat(path)).mode & 0o777).toBe(0o640);
      // Edited by hand right after the write (same size, so only the file's stamp tells): the revision the write
      // recorded is not trusted, the edit is seen.
      const written = await readFile(path, "utf8");
      await writeFile(path, written.replace('"Job 1"', '"Job 7"'));
      expect(await source.revision!("agent-1")).not.toBe(revision);
      await expect(source.write("agent-1", definitionWith(3), { expectedRevision: revision })).rejects.toMatchObject({ name: "ConflictError" });
      // Read again, then edited by hand before the next write.
      const again = await source.read("agent-1");
      expect(again?.planner.jobs[0]?.name).toBe("Job 7");
      const text = await readFile(path, "utf8");
      const edited = text.replace('"Job 7"', '"Job 9"');
      expect(edited.length).toBe(text.length);
      await writeFile(path, edited);
      await expect(source.write("agent-1", definitionWith(2), { expectedRevision: again!.revision })).rejects.toMatchObject({ name: "ConflictError" });
      expect(await readFile(path, "utf8")).toBe(edited);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("drops the runtime state an older version stored in the file when reading definitions", async () => {
    const dir = await mkdtemp(join(tmpdir(), "planner-config-"));
    try {
      const legacy = JSON.parse(await readFile(join(import.meta.dirname, "../fixtures/legacy-file-store/data/agents/agent-b.json"), "utf8")) as {
        planner: { jobs: Array<Record<string, unknown>> };
      };
      await writeFile(join(dir, "agent-b.json"), JSON.stringify(legacy));
      const read = await jsonAgentFiles({ dir }).read("agent-b");
      expect(read?.planner.jobs[0]).not.toHaveProperty("state");
      expect(read?.planner.jobs[0]).toMatchObject({ id: "job_000003", enabled: false, revision: 2 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

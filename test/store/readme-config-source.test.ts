/**
 * The README's config source over a host's own storage ("Choosing a store"), run as written against the config
 * contract and as the config of a whole store (the store contract). `agent-planner/*` resolves to src/ here.
 */
import { mkdtemp, readFile, rm, writeFile, mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import type { ConfigSource, PlannerStore } from "../../src/server/store";
import { memoryRuntime } from "../../src/server/store/memory/memory-runtime";
import { plannerStore } from "../../src/server/store/core/planner-store";
import { describeConfigSourceContract, describeStoreContract, makeJob, withJobs } from "../../src/testing";

const REPO = resolve(import.meta.dirname, "../..");

async function readmeBlock(path: string): Promise<string> {
  const readme = await readFile(join(REPO, "README.md"), "utf8");
  for (const [, code] of readme.matchAll(/```ts\n([\s\S]*?)```/g)) if (code!.startsWith(`// ${path}\n`)) return code!;
  throw new Error(`README has no block for ${path}`);
}

/** Writes the README's file into a scratch folder inside the repository (so `agent-planner` resolves) and imports it. */
async function loadHostSource(): Promise<{ agents: Map<string, unknown>; hostConfig: ConfigSource; store: PlannerStore; cleanup: () => Promise<void> }> {
  const code = await readmeBlock("lib/planner-config.ts");
  expect(code.split("\n").filter((line) => line.trim() !== "" && !line.startsWith("//")).length).toBeLessThanOrEqual(40);
  const dir = await mkdtemp(join(REPO, "test/.scratch-config-"));
  await mkdir(dir, { recursive: true });
  const file = join(dir, "planner-config.ts");
  // The store's database goes to the scratch folder rather than the host's `.data/`.
  await writeFile(file, code.replace('".data/planner.db"', JSON.stringify(join(dir, "planner.db"))));
  const module = (await import(/* @vite-ignore */ file)) as { agents: Map<string, unknown>; hostConfig: ConfigSource; store: PlannerStore };
  return { ...module, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

describeConfigSourceContract("the README's host config source", async () => {
  const { agents, hostConfig, store, cleanup } = await loadHostSource();
  return { source: hostConfig, cleanup: async () => { agents.clear(); await store.close(); await cleanup(); } };
});

describeStoreContract("plannerStore over the README's host config source", async (options) => {
  const { hostConfig, store, cleanup } = await loadHostSource();
  await store.close();
  return { store: plannerStore({ config: hostConfig, runtime: memoryRuntime(), runHistory: options?.runHistory }), cleanup };
});

describe("the README's host config source as the planner's store", () => {
  it("keeps jobs in the host's agent config and the engine's state in SQLite", async () => {
    const { agents, store, cleanup } = await loadHostSource();
    try {
      await store.update("agent-1", () => withJobs(makeJob(1, { nextRunAt: "2026-03-03T08:00:00.000Z" })));
      const agent = agents.get("agent-1") as { planner: { jobs: Array<Record<string, unknown>> } };
      expect(agent.planner.jobs[0]).toMatchObject({ id: "job_000001", name: "Job 1" });
      expect(agent.planner.jobs[0]).not.toHaveProperty("state");
      expect((await store.getJob("agent-1", "job_000001"))?.state.nextRunAt).toBe("2026-03-03T08:00:00.000Z");
    } finally {
      await store.close();
      await cleanup();
    }
  });
});

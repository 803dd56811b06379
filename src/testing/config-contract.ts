import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type ConfigSource, type PlannerDefinition, definitionOf } from "../server/store/core/config-source";
import { makeJob, makeTrigger } from "./fixtures";

/** A config source under test and how to dispose of it. */
export interface ConfigSourceHarness {
  source: ConfigSource;
  cleanup: () => Promise<void>;
}

/** Builds a fresh, empty config source for each test. */
export type MakeConfigSource = () => Promise<ConfigSourceHarness>;

/** A planner definition with `jobs` jobs and `triggers` triggers, ids from `from`. */
export function definitionWith(jobs: number, triggers = 0, from = 1): PlannerDefinition {
  return definitionOf({
    jobs: Array.from({ length: jobs }, (_, i) => makeJob(from + i)),
    triggers: Array.from({ length: triggers }, (_, i) => makeTrigger(from + i, `ti_${from + i}`)),
  });
}

const isConflict = (error: unknown) => typeof error === "object" && error !== null && (error as { name?: unknown }).name === "ConflictError";

/**
 * The behaviour every `ConfigSource` must have: what the planner relies on to keep each agent's `planner` section
 * where the host keeps its agent config. Run it from a Vitest file against your own source:
 *
 * @example
 * import { describeConfigSourceContract } from "agent-planner/testing";
 * describeConfigSourceContract("my source", async () => ({ source: mySource(), cleanup: async () => {} }));
 */
export function describeConfigSourceContract(name: string, make: MakeConfigSource): void {
  describe(`${name} (ConfigSource contract)`, () => {
    let harness: ConfigSourceHarness;
    let source: ConfigSource;

    beforeEach(async () => {
      harness = await make();
      source = harness.source;
    });
    afterEach(async () => {
      await harness.source.close?.();
      await harness.cleanup();
    });

    it("answers null for an agent without a planner, and lists no agents at first", async () => {
      expect(await source.read("agent-none")).toBeNull();
      expect(await source.agents()).not.toContain("agent-none");
    });

    it("creates a planner with expectedRevision null and reads back the same planner and revision", async () => {
      const planner = definitionWith(2, 1);
      const { revision } = await source.write("agent-1", planner, { expectedRevision: null });
      expect(["string", "number"]).toContain(typeof revision);
      const stored = await source.read("agent-1");
      expect(stored).toEqual({ planner, revision });
      expect(await source.agents()).toContain("agent-1");
      expect(await source.read("agent-2")).toBeNull();
    });

    it("gives a new revision for each write and keeps it while nothing is written", async () => {
      const first = await source.write("agent-1", definitionWith(1), { expectedRevision: null });
      expect((await source.read("agent-1"))?.revision).toEqual(first.revision);
      expect((await source.read("agent-1"))?.revision).toEqual(first.revision);
      const second = await source.write("agent-1", definitionWith(2), { expectedRevision: first.revision });
      expect(second.revision).not.toEqual(first.revision);
      const third = await source.write("agent-1", definitionWith(3), { expectedRevision: second.revision });
      expect(third.revision).not.toEqual(second.revision);
      expect(await source.read("agent-1")).toEqual({ planner: definitionWith(3), revision: third.revision });
    });

    it("refuses a stale revision with ConflictError and changes nothing", async () => {
      const first = await source.write("agent-1", definitionWith(1), { expectedRevision: null });
      const second = await source.write("agent-1", definitionWith(2), { expectedRevision: first.revision });
      const stale = await source.write("agent-1", definitionWith(5), { expectedRevision: first.revision }).catch((error: unknown) => error);
      expect(isConflict(stale)).toBe(true);
      expect((stale as Error).message).toBeTruthy();
      const missing = await source.write("agent-1", definitionWith(5), { expectedRevision: null }).catch((error: unknown) => error);
      expect(isConflict(missing)).toBe(true);
      const unknown = await source.write("agent-new", definitionWith(5), { expectedRevision: second.revision }).catch((error: unknown) => error);
      expect(isConflict(unknown)).toBe(true);
      expect(await source.read("agent-1")).toEqual({ planner: definitionWith(2), revision: second.revision });
      expect(await source.read("agent-new")).toBeNull();
    });

    it("lets exactly one of 10 concurrent writes based on the same revision through", async () => {
      const { revision } = await source.write("agent-1", definitionWith(1), { expectedRevision: null });
      const results = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) => source.write("agent-1", definitionWith(1, 0, 10 + i), { expectedRevision: revision })),
      );
      const won = results.flatMap((result, i) => (result.status === "fulfilled" ? [i] : []));
      expect(won).toHaveLength(1);
      for (const result of results) if (result.status === "rejected") expect(isConflict(result.reason)).toBe(true);
      expect((await source.read("agent-1"))?.planner).toEqual(definitionWith(1, 0, 10 + won[0]!));
    });

    it("answers the same revision from revision() as from read(), when it offers revision()", async () => {
      if (!source.revision) return;
      expect(await source.revision("agent-1")).toBeNull();
      const { revision } = await source.write("agent-1", definitionWith(1), { expectedRevision: null });
      expect(await source.revision("agent-1")).toEqual(revision);
      const next = await source.write("agent-1", definitionWith(2), { expectedRevision: revision });
      expect(await source.revision("agent-1")).toEqual(next.revision);
      expect((await source.read("agent-1"))?.revision).toEqual(next.revision);
    });

    it("keeps agents apart and lists every agent written", async () => {
      await source.write("agent-a", definitionWith(1), { expectedRevision: null });
      await source.write("agent-b", definitionWith(0, 1), { expectedRevision: null });
      expect((await source.agents()).toSorted()).toEqual(expect.arrayContaining(["agent-a", "agent-b"]));
      expect((await source.read("agent-a"))?.planner).toEqual(definitionWith(1));
      expect((await source.read("agent-b"))?.planner).toEqual(definitionWith(0, 1));
    });

    it("stores a copy: changing what was written or read changes nothing stored", async () => {
      const planner = definitionWith(1);
      await source.write("agent-1", planner, { expectedRevision: null });
      planner.jobs[0]!.name = "changed after write";
      const read = await source.read("agent-1");
      read!.planner.jobs[0]!.name = "changed after read";
      expect((await source.read("agent-1"))?.planner).toEqual(definitionWith(1));
    });

    it("keeps text exactly: unicode, quotes, newlines, emoji and long templates", async () => {
      const job = makeJob(1, { name: "Résumé ✨ «daily» \"quoted\"", description: "日本語\nsecond line" });
      const planner = definitionOf({ jobs: [{ ...job, action: { type: "chat", template: `${"x".repeat(5000)} {agentName} 🚀` } }], triggers: [] });
      await source.write("agent-1", planner, { expectedRevision: null });
      expect((await source.read("agent-1"))?.planner).toEqual(planner);
    });
  });
}

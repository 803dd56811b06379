import { describe, expect, it } from "vitest";
import { AGENT_EDIT_LOG_LIMIT, EDIT_LOG_LIMIT, type EditEntry, type PlannerConfig, type RunOwner } from "../shared/schemas";
import { at, makeJob, makeTrigger, withJobs } from "./fixtures";
import type { PlannerStore } from "../server/store/port";

const JOB: RunOwner = { kind: "job", id: "job_000001" };
const TRIGGER: RunOwner = { kind: "trigger", id: "trg_000001" };

/** An edit-log entry of `owner` on agent-1; `n` numbers it (in its name and time). */
function entry(owner: RunOwner, n: number, overrides: Partial<EditEntry> = {}): EditEntry {
  return {
    agentId: "agent-1",
    owner,
    ownerName: `Item ${n}`,
    at: at(n),
    actor: { userId: "user-1", name: "Ada" },
    action: "updated",
    changes: [{ field: "name", before: `Item ${n - 1}`, after: `Item ${n}` }],
    ...overrides,
  };
}

/** Renames job 1 (so the update changes something) and hands in `entries` as its edits. */
function rename(store: PlannerStore, name: string, entries: EditEntry[] | ((before: PlannerConfig, after: PlannerConfig) => EditEntry[])) {
  return store.update("agent-1", (current) => ({ ...current, jobs: current.jobs.map((job) => ({ ...job, name })) }), {
    edits: typeof entries === "function" ? entries : () => entries,
  });
}

async function allEdits(store: PlannerStore, owner: RunOwner, limit = 100): Promise<EditEntry[]> {
  const all: EditEntry[] = [];
  let cursor: string | null = null;
  do {
    const page = await store.listEdits("agent-1", owner, { limit, cursor });
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

/**
 * The edit log part of the `PlannerStore` contract (`update`'s `edits` and `listEdits`), run by
 * `describeStoreContract` with the store of each test.
 */
export function describeEditLogContract(storeOf: () => PlannerStore): void {
  describe("edit log", () => {
    it("stores the entries an update hands in with its change, per owner, newest first", async () => {
      const store = storeOf();
      await store.update("agent-1", () => ({ jobs: [makeJob(1)], triggers: [makeTrigger(1)] }));
      const seen: Array<[string, string]> = [];
      await rename(store, "First", (before, after) => {
        seen.push([before.jobs[0]!.name, after.jobs[0]!.name]);
        return [entry(JOB, 1), entry(TRIGGER, 1, { action: "paused", changes: [{ field: "enabled", before: "true", after: "false" }] })];
      });
      await rename(store, "Second", [entry(JOB, 2)]);
      expect(seen).toEqual([["Job 1", "First"]]);
      expect(await store.listEdits("agent-1", JOB)).toEqual({ items: [entry(JOB, 2), entry(JOB, 1)], nextCursor: null });
      expect((await store.listEdits("agent-1", TRIGGER)).items).toEqual([entry(TRIGGER, 1, { action: "paused", changes: [{ field: "enabled", before: "true", after: "false" }] })]);
      expect(await store.listEdits("agent-2", JOB)).toEqual({ items: [], nextCursor: null });
    });

    it("records nothing for an update that changes nothing, or that throws", async () => {
      const store = storeOf();
      await store.update("agent-1", () => withJobs(makeJob(1)));
      let called = 0;
      await store.update("agent-1", (current) => current, {
        edits: () => {
          called += 1;
          return [entry(JOB, 1)];
        },
      });
      const failure = new Error("nope");
      await expect(
        store.update(
          "agent-1",
          () => {
            throw failure;
          },
          { edits: () => [entry(JOB, 2)] },
        ),
      ).rejects.toBe(failure);
      expect(called).toBe(0);
      expect((await store.listEdits("agent-1", JOB)).items).toEqual([]);
    });

    it("refuses an invalid entry, or one of another agent, and then changes nothing", async () => {
      const store = storeOf();
      await store.update("agent-1", () => withJobs(makeJob(1)));
      const version = await store.version("agent-1");
      await expect(rename(store, "Bad", [{ ...entry(JOB, 1), at: "yesterday" }])).rejects.toMatchObject({
        name: "StoreValidationError",
        message: expect.stringMatching(/^Edit log entry 0 is invalid, so nothing was saved: at:/) as string,
      });
      await expect(rename(store, "Other", [entry(JOB, 1, { agentId: "agent-2" })])).rejects.toMatchObject({ name: "StoreValidationError" });
      await expect(rename(store, "Bad", [entry(JOB, 1, { changes: [{ field: "name", before: "x".repeat(10_000) }] })])).rejects.toMatchObject({
        name: "StoreValidationError",
      });
      expect((await store.get("agent-1")).jobs[0]!.name).toBe("Job 1");
      expect(await store.version("agent-1")).toBe(version);
      expect((await store.listEdits("agent-1", JOB)).items).toEqual([]);
    });

    it(`keeps the newest ${EDIT_LOG_LIMIT} entries per owner and pages through them with a cursor`, async () => {
      const store = storeOf();
      await store.update("agent-1", () => ({ jobs: [makeJob(1)], triggers: [makeTrigger(1)] }));
      await rename(
        store,
        "Renamed",
        Array.from({ length: EDIT_LOG_LIMIT + 5 }, (_, i) => entry(JOB, i + 1)),
      );
      await rename(store, "Again", [entry(TRIGGER, 1)]);
      const page = await store.listEdits("agent-1", JOB, { limit: 30 });
      expect(page.items.map((e) => e.ownerName)).toEqual(Array.from({ length: 30 }, (_, i) => `Item ${EDIT_LOG_LIMIT + 5 - i}`));
      expect(page.nextCursor).toEqual(expect.any(String));
      const all = await allEdits(store, JOB, 30);
      expect(all).toHaveLength(EDIT_LOG_LIMIT);
      expect(all.at(-1)!.ownerName).toBe("Item 6");
      expect((await store.listEdits("agent-1", TRIGGER)).items).toHaveLength(1);
    });

    it(`keeps the newest ${AGENT_EDIT_LOG_LIMIT} entries of an agent, deleted owners included`, async () => {
      const store = storeOf();
      await store.update("agent-1", () => withJobs(makeJob(1)));
      const owners = Array.from({ length: 30 }, (_, i): RunOwner => ({ kind: "job", id: `job_${String(i + 100).padStart(6, "0")}` }));
      // 2,010 entries, 67 per owner, oldest first: the first 10 (of owners 0–9) fall out.
      await rename(
        store,
        "Many",
        Array.from({ length: AGENT_EDIT_LOG_LIMIT + 10 }, (_, i) => entry(owners[i % 30]!, i + 1)),
      );
      expect(await allEdits(store, owners[0]!)).toHaveLength(66);
      expect(await allEdits(store, owners[10]!)).toHaveLength(67);
    });

    it("keeps a deleted owner's log", async () => {
      const store = storeOf();
      await store.update("agent-1", () => withJobs(makeJob(1)));
      await store.update("agent-1", (current) => ({ ...current, jobs: [] }), { edits: () => [entry(JOB, 1, { action: "deleted", changes: [] })] });
      expect((await store.listEdits("agent-1", JOB)).items).toEqual([entry(JOB, 1, { action: "deleted", changes: [] })]);
    });

    it("refuses a bad owner, page size or cursor with a clear error", async () => {
      const store = storeOf();
      await expect(store.listEdits("agent-1", { kind: "run", id: "x" } as unknown as RunOwner)).rejects.toMatchObject({ name: "StoreValidationError" });
      await expect(store.listEdits("agent-1", JOB, { limit: 0 })).rejects.toMatchObject({ name: "StoreValidationError" });
      await expect(store.listEdits("agent-1", JOB, { limit: 101 })).rejects.toMatchObject({ name: "StoreValidationError" });
      await expect(store.listEdits("agent-1", JOB, { cursor: "'; DROP TABLE x" })).rejects.toMatchObject({ name: "StoreValidationError", message: "This is not a page of the edit log." });
      await expect(store.listEdits("../etc", JOB)).rejects.toMatchObject({ name: "StoreValidationError" });
    });
  });
}

import { cp, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fileStore } from "../../src/server/store/file-store";
import type { PlannerStore } from "../../src/server/store/port";

/**
 * `test/fixtures/legacy-file-store/data` was written by the file store of agent-planner 0.1 (commit 5ca4de0,
 * runtime logs in state/*.jsonl; make-fixture.ts.txt is the script that wrote it) and `expected.json` is what that
 * store answered for it.
 */
const FIXTURE = join(import.meta.dirname, "../fixtures/legacy-file-store");

describe("fileStore on a data folder written by agent-planner 0.1", () => {
  let dir: string;
  let store: PlannerStore;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "planner-legacy-"));
    await cp(join(FIXTURE, "data"), dir, { recursive: true });
    store = fileStore({ dir, now: () => new Date("2026-03-02T09:00:00.000Z") });
  });
  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("imports jobs, triggers, states and runs: the same answers, field by field", async () => {
    const expected = JSON.parse(await readFile(join(FIXTURE, "expected.json"), "utf8")) as Record<string, { planner: unknown; runs: unknown[] }>;
    for (const [agentId, { planner, runs }] of Object.entries(expected)) {
      expect(await store.get(agentId)).toEqual(planner);
      expect((await store.listAgentRuns(agentId, { limit: 100 })).items).toEqual(runs);
    }
    // The tick sees the imported next run, and the webhook the Composio link.
    expect(await store.nextDueAt()).toEqual(new Date("2026-03-04T09:00:00.000Z"));
    expect((await store.findTriggerByComposioId("ti_legacy_1"))?.agentId).toBe("agent-a");
  });

  it("keeps the dedupe of delivery ids: a retried webhook and a repeated event stay duplicates", async () => {
    const at = new Date("2036-01-01T01:00:00.000Z");
    expect(await store.recordDelivery("msg_legacy_1", at, 86_400_000)).toMatchObject({ firstSeen: false });
    expect(await store.recordDelivery("msg_new", at, 86_400_000)).toEqual({ firstSeen: true });
    expect(await store.countDelivery("agent-a", "trg_000001", { deliveryId: "del_1", outcome: "fired", at, ttlMs: 86_400_000 })).toEqual({ firstSeen: false });
    expect((await store.getTrigger("agent-a", "trg_000001"))?.state).toMatchObject({ firedCount: 1, filteredCount: 1, duplicateCount: 2 });
  });

  it("imports once and leaves the old files and the host's keys untouched", async () => {
    const before = await readFile(join(dir, "agents", "agent-a.json"), "utf8");
    await store.get("agent-a");
    await store.close();
    const stateLog = await readFile(join(dir, "state", "agent-a.jsonl"), "utf8");
    // A second start does not import again over newer data.
    store = fileStore({ dir });
    await store.appendRun({ id: "run_after01", agentId: "agent-a", owner: { kind: "job", id: "job_000001" }, cause: "manual", status: "succeeded", attempts: 1, createdAt: "2026-03-05T09:00:00.000Z" });
    await store.close();
    store = fileStore({ dir });
    expect(await store.getRun("agent-a", "run_after01")).not.toBeNull();
    expect(await readFile(join(dir, "agents", "agent-a.json"), "utf8")).toBe(before);
    expect(await readFile(join(dir, "state", "agent-a.jsonl"), "utf8")).toBe(stateLog);
    expect(JSON.parse(before)).toMatchObject({ name: "Ada's assistant", model: "gpt-x" });
  });
});

import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makeJob, makeRun, withJobs } from "./contract-fixtures";
import { fileStore } from "../../src/server/store/file-store";
import type { PlannerStore } from "../../src/server/store/port";

describe("fileStore when its folders are removed while it runs", () => {
  let dir: string;
  let store: PlannerStore;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "planner-dirs-"));
    store = fileStore({ dir });
  });
  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("recreates them: the next update, run and delivery succeed and land on disk", async () => {
    await store.update("agent-1", () => withJobs(makeJob(1)));
    await rm(dir, { recursive: true, force: true });

    const planner = await store.update("agent-1", () => withJobs(makeJob(2)));
    expect(planner.jobs.map((j) => j.id)).toEqual([makeJob(2).id]);
    const stored = JSON.parse(await readFile(join(dir, "agents", "agent-1.json"), "utf8")) as { planner: { jobs: { id: string }[] } };
    expect(stored.planner.jobs.map((j) => j.id)).toEqual([makeJob(2).id]);

    await rm(dir, { recursive: true, force: true });
    const run = makeRun("agent-1", { kind: "job", id: makeJob(2).id }, 1);
    await store.appendRun(run);
    expect((await store.getRun("agent-1", run.id))?.id).toBe(run.id);

    await rm(dir, { recursive: true, force: true });
    expect((await store.recordDelivery("msg_1", new Date("2026-11-30T09:00:00Z"), 60_000)).firstSeen).toBe(true);
    // What was removed is gone, but the store keeps working: an empty planner, then writes again.
    expect((await store.get("agent-1")).jobs).toEqual([]);
    expect((await store.update("agent-1", () => withJobs(makeJob(3, { nextRunAt: "2026-11-30T09:00:00.000Z" })))).jobs.map((j) => j.id)).toEqual([makeJob(3).id]);
    expect((await store.dueJobs(new Date("2026-12-01T00:00:00.000Z"), 10)).map((d) => d.jobId)).toEqual([makeJob(3).id]);
  });
});

import { describe, expect, it } from "vitest";
import { memoryConfig } from "../../src/server/store/config/memory-config";
import type { ConfigSource } from "../../src/server/store/core/config-source";
import { plannerStore } from "../../src/server/store/core/planner-store";
import { memoryRuntime } from "../../src/server/store/memory/memory-runtime";
import { makeJob, makeRun, withJobs } from "./contract-fixtures";

/** A config source whose writes fail while `failing` is set (a CMS that is down, a full disk). */
function flakyConfig(): ConfigSource & { failing: boolean } {
  const inner = memoryConfig();
  const source = {
    failing: false,
    read: (agentId: string) => inner.read(agentId),
    agents: () => inner.agents(),
    write: (...args: Parameters<ConfigSource["write"]>) => (source.failing ? Promise.reject(new Error("The CMS is down.")) : inner.write(...args)),
  };
  return source;
}

describe("plannerStore (the core)", () => {
  it("changes nothing for a call whose config write fails, and commits the other calls of its batch", async () => {
    const config = flakyConfig();
    const store = plannerStore({ config, runtime: memoryRuntime() });
    await store.update("agent-1", () => withJobs(makeJob(1), makeJob(2)));
    const owner = { kind: "job" as const, id: "job_000001" };
    const running = makeRun("agent-1", owner, 1, { status: "running", startedAt: "2026-03-02T09:01:00.000Z", attempts: 1 });
    await store.appendRun(running);
    const before = await store.getJob("agent-1", "job_000001");
    config.failing = true;
    // Made together, so they share one transaction: the failure brings the job to its automatic pause, a config write.
    const [finished, other] = await Promise.allSettled([
      store.finishRun("agent-1", running.id, { status: "failed", finishedAt: "2026-03-02T09:02:00.000Z", attempts: 1, error: "boom" }, { updateOwner: true, autoPause: { after: 1, reason: "Paused after 1 failure." } }),
      store.appendRun(makeRun("agent-1", { kind: "job", id: "job_000002" }, 2)),
    ]);
    expect(finished).toMatchObject({ status: "rejected", reason: { message: "The CMS is down." } });
    expect(other).toMatchObject({ status: "fulfilled", value: { inserted: true } });
    // The failed call left its run running and its job as it was; the other call's run is stored.
    expect(await store.getRun("agent-1", running.id)).toMatchObject({ status: "running" });
    expect(await store.getJob("agent-1", "job_000001")).toEqual(before);
    expect(await store.getRun("agent-1", "run_000002")).not.toBeNull();
    // Once the source answers again, the same call goes through, pause included.
    config.failing = false;
    await store.finishRun("agent-1", running.id, { status: "failed", finishedAt: "2026-03-02T09:02:00.000Z", attempts: 1, error: "boom" }, { updateOwner: true, autoPause: { after: 1, reason: "Paused after 1 failure." } });
    expect(await store.getJob("agent-1", "job_000001")).toMatchObject({ enabled: false, state: { pausedReason: "Paused after 1 failure.", consecutiveFailures: 1 } });
    await store.close();
  });

  it("tries a batch again when the config source refuses a stale revision (an edit elsewhere), with the edit seen", async () => {
    const config = memoryConfig();
    const store = plannerStore({ config, runtime: memoryRuntime() });
    await store.update("agent-1", () => withJobs(makeJob(1)));
    // Someone else writes the source directly: the store's cached revision is now stale.
    const stored = await config.read("agent-1");
    await config.write("agent-1", { ...stored!.planner, jobs: [...stored!.planner.jobs, (({ state: _s, ...job }) => job)(makeJob(5))] }, { expectedRevision: stored!.revision });
    const seen: string[][] = [];
    await store.update("agent-1", (planner) => {
      seen.push(planner.jobs.map((job) => job.id));
      return { ...planner, jobs: [...planner.jobs, makeJob(2)] };
    });
    expect(seen.at(-1)).toEqual(["job_000001", "job_000005"]);
    expect((await store.get("agent-1")).jobs.map((job) => job.id)).toEqual(["job_000001", "job_000005", "job_000002"]);
    await store.close();
  });
});

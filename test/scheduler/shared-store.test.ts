import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { nextRuns } from "../../src/shared/cron";
import { fileStore } from "../../src/server/store";
import { schedulerHarness } from "./harness";
import { simulation } from "./simulation";

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A temp dir, in memory where the OS offers one: the store fsyncs every write, which a disk makes slow. */
async function tempDir() {
  const dir = await mkdtemp(join(existsSync("/dev/shm") ? "/dev/shm" : tmpdir(), "planner-scheduler-"));
  dirs.push(dir);
  return dir;
}

describe("two in-process schedulers on one file store", () => {
  it("run every occurrence exactly once, also while one of them restarts", async () => {
    const dir = await tempDir();
    const start = "2026-03-28T22:00:00.000Z";
    const end = Date.parse("2026-03-29T22:00:00.000Z");
    // One simulated clock and one set of fake timers: both schedulers wake at the same instants and race.
    const sim = simulation(start);
    // Each has its own store instance, as two processes would: they share only the agent files and the SQLite file.
    const a = schedulerHarness({ start, sim, store: fileStore({ dir }), scheduler: { maxSleepMs: 15 * 60_000 } });
    const b = schedulerHarness({ start, sim, store: fileStore({ dir }), scheduler: { maxSleepMs: 15 * 60_000 } });

    const schedules = [
      { cron: "*/30 * * * *", timezone: "UTC" },
      { cron: "0 * * * *", timezone: "Europe/Paris" },
      // Europe/Paris springs forward on 2026-03-29 at 01:00Z: 02:30 local does not exist that day and runs at 03:00.
      { cron: "30 2 * * *", timezone: "Europe/Paris" },
      { cron: "*/10 8-10 * * *", timezone: "Europe/Paris" },
      { cron: "0 9 * * 1-5", timezone: "America/New_York" },
      { cron: "15 */3 * * *", timezone: "Asia/Kolkata" },
    ];
    const jobs = [];
    for (const [i, schedule] of schedules.entries()) {
      jobs.push(await a.createJob(i % 2 === 0 ? "agent-1" : "agent-2", { schedule }));
    }
    await Promise.all([a.scheduler.start(), b.scheduler.start()]);
    await sim.runUntil("2026-03-29T06:00:00.000Z");
    // In one process the first scheduler to ask always gets the database's write lock first, so the other one
    // works while the first is stopped (and then both race again).
    await a.scheduler.stop();
    await sim.runUntil("2026-03-29T08:00:00.000Z");
    await a.scheduler.start();
    await sim.runUntil(end);
    await Promise.all([a.scheduler.stop(), b.scheduler.stop()]);

    const expected = jobs.flatMap((job) =>
      nextRuns(job.schedule.cron, job.schedule.timezone, { from: new Date(job.createdAt), count: 200 })
        .filter((at) => at.getTime() <= end)
        .map((at) => `${job.id}@${at.toISOString()}`),
    );
    const calls = [...a.exec.calls, ...b.exec.calls].map((call) => call.idempotencyKey);
    expect(calls.toSorted()).toEqual(expected.toSorted());
    expect(new Set(calls).size).toBe(calls.length);
    expect(expected).toContain(`${jobs[2]!.id}@2026-03-29T01:00:00.000Z`);
    // Both did some of the work.
    expect(a.exec.calls.length).toBeGreaterThan(0);
    expect(b.exec.calls.length).toBeGreaterThan(0);
    for (const call of [...a.exec.calls, ...b.exec.calls]) {
      expect(call.at).toBeGreaterThanOrEqual(Date.parse(call.idempotencyKey.split("@")[1]!));
    }
    const runs = await a.store.listRuns("agent-1", { kind: "job", id: jobs[0]!.id }, { limit: 100 });
    expect(runs.items.every((run) => run.status === "succeeded")).toBe(true);
  }, 60_000);
});

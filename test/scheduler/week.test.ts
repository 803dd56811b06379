import { describe, expect, it } from "vitest";
import { nextRuns } from "../../src/shared/cron";
import type { Job } from "../../src/shared/schemas";
import { memoryStore } from "../../src/server/store";
import { parseRunId, schedulerHarness } from "./harness";

/** Every run of a schedule in (from, until], paging through `nextRuns` in growing pages (each run costs to compute). */
function occurrencesUntil(cron: string, timezone: string, from: Date, until: number): string[] {
  const result: string[] = [];
  let cursor = from;
  for (let count = 10; ; count = Math.min(count * 2, 1000)) {
    const page = nextRuns(cron, timezone, { from: cursor, count });
    for (const at of page) {
      if (at.getTime() > until) return result;
      result.push(at.toISOString());
    }
    const last = page.at(-1);
    if (!last) return result;
    cursor = last;
  }
}

/**
 * [cron, timezone, how many jobs]: 200 jobs. Few of them run often, because each run costs the engine about
 * 2 ms here (see the report on engine cost), and the suite must stay fast.
 */
const MIX: Array<[string, string, number]> = [
  ["*/15 * * * *", "UTC", 1],
  ["*/7 9-17 * * *", "Asia/Kolkata", 1],
  ["0 * * * *", "Europe/Paris", 1],
  ["30 * * * *", "America/New_York", 1],
  ["15 */2 * * *", "Australia/Sydney", 1],
  ["*/20 9-17 * * 1-5", "America/Sao_Paulo", 1],
  ["0 */6 * * *", "Asia/Kolkata", 2],
  ["0 8,12,18 * * *", "Europe/Madrid", 5],
  ["0 9 * * *", "Europe/Paris", 30],
  ["0 9 * * *", "America/New_York", 25],
  ["0 9 * * *", "Asia/Tokyo", 20],
  ["0 9 * * *", "Asia/Kathmandu", 10],
  ["30 1 * * *", "America/New_York", 10],
  ["30 1 * * *", "Europe/London", 10],
  ["0 2 * * *", "America/New_York", 10],
  ["30 2 * * *", "Europe/Paris", 2],
  ["0 9 * * 1-5", "Europe/Berlin", 25],
  ["45 17 * * 1-5", "America/Los_Angeles", 15],
  ["0 0 * * 0", "Pacific/Auckland", 15],
  ["0 6 1 11 *", "UTC", 5],
  ["5 4 * * *", "Pacific/Chatham", 10],
];

describe("in-process scheduler over a simulated week", () => {
  it("runs every occurrence of 200 jobs exactly once, never early and on time", async () => {
    // A week and a few hours, spanning the European (Oct 25, 01:00Z) and US (Nov 1, 06:00Z) fall-back changes.
    const start = "2026-10-25T00:30:00.000Z";
    const end = Date.parse("2026-11-01T07:00:00.000Z");
    // A short run history keeps the memory store's per-run work small; history is not what this tests.
    const h = schedulerHarness({ start, store: memoryStore({ runHistory: 5 }) });
    const jobs: Job[] = [];
    for (const [cron, timezone, count] of MIX) {
      for (let i = 0; i < count; i++) {
        const agentId = `agent-${String(jobs.length % 40).padStart(2, "0")}`;
        jobs.push(await h.createJob(agentId, { name: `${cron} ${timezone} #${i}`, schedule: { cron, timezone } }));
      }
    }
    expect(jobs).toHaveLength(200);

    const expected = new Map<string, string>();
    for (const job of jobs) {
      for (const at of occurrencesUntil(job.schedule.cron, job.schedule.timezone, new Date(job.createdAt), end)) {
        expected.set(`${job.id}@${at}`, at);
      }
    }

    await h.scheduler.start();
    await h.sim.runUntil(end);
    await h.scheduler.stop();

    const counts = new Map<string, number>();
    for (const call of h.exec.calls) counts.set(call.idempotencyKey, (counts.get(call.idempotencyKey) ?? 0) + 1);
    const duplicates = [...counts].filter(([, n]) => n > 1);
    const missing = [...expected.keys()].filter((key) => !counts.has(key));
    const unexpected = [...counts.keys()].filter((key) => !expected.has(key));
    expect({ duplicates, missing, unexpected }).toEqual({ duplicates: [], missing: [], unexpected: [] });
    expect(h.exec.calls).toHaveLength(expected.size);
    expect(expected.size).toBeGreaterThan(2500);

    const lateness = h.exec.calls.map((call) => call.at - Date.parse(parseRunId(call.idempotencyKey)[1]));
    expect(Math.min(...lateness)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...lateness)).toBeLessThanOrEqual(1000);
    // Woken by its timer at least every maxSleepMs (60 s), never asked for more than that.
    expect(Math.max(...h.sim.delays)).toBe(60_000);
  }, 60_000);
});

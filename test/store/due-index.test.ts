import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type AgentIndexEntry, createPlannerIndex } from "../../src/server/store/core/due-index";

const T0 = Date.parse("2026-03-02T09:00:00.000Z");
const iso = (minute: number) => new Date(T0 + minute * 60_000).toISOString();

/** What the index must answer, computed the slow way. */
function naiveDue(entries: Map<string, AgentIndexEntry>, nowMs: number) {
  return [...entries]
    .flatMap(([agentId, entry]) => entry.jobs.map(([jobId, nextRunAt]) => ({ agentId, jobId, nextRunAt, at: Date.parse(nextRunAt) })))
    .filter((ref) => ref.at <= nowMs)
    .sort((a, b) => a.at - b.at || (a.agentId < b.agentId ? -1 : a.agentId > b.agentId ? 1 : a.jobId < b.jobId ? -1 : 1));
}

describe("createPlannerIndex", () => {
  const entry = fc.record({
    jobs: fc.uniqueArray(fc.tuple(fc.constantFrom("job_a", "job_b", "job_c"), fc.integer({ min: -5, max: 5 }).map(iso)), {
      selector: ([jobId]) => jobId,
      maxLength: 3,
    }),
    triggers: fc.uniqueArray(fc.tuple(fc.constantFrom("ti_1", "ti_2"), fc.constantFrom("trg_1", "trg_2")), {
      selector: ([id]) => id,
      maxLength: 2,
    }),
  });
  const operation = fc.tuple(fc.constantFrom("agent-1", "agent-2", "agent-3"), fc.option(entry, { nil: undefined }));

  it("answers like a full scan after any sequence of changes", () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 30 }), fc.integer({ min: -6, max: 6 }), fc.boolean(), (operations, now, bulk) => {
        const index = createPlannerIndex();
        const model = new Map<string, AgentIndexEntry>();
        for (const [agentId, next] of operations) {
          if (next && (next.jobs.length || next.triggers.length)) model.set(agentId, next);
          else model.delete(agentId);
          if (!bulk) index.set(agentId, next);
        }
        if (bulk) index.reset(model);
        const nowMs = T0 + now * 60_000;
        const expected = naiveDue(model, nowMs);
        expect(index.dueRefs(nowMs, 100)).toEqual(expected);
        expect(index.dueRefs(nowMs, 2)).toEqual(expected.slice(0, 2));
        if (expected[1]) expect(index.dueRefs(nowMs, 100, expected[1])).toEqual(expected.slice(2));
        expect(index.earliest()?.at).toBe(naiveDue(model, Infinity)[0]?.at);
        const withTi1 = [...model].filter(([, e]) => e.triggers.some(([id]) => id === "ti_1")).map(([agentId]) => agentId);
        expect(index.agentsWithComposioId("ti_1").sort()).toEqual(withTi1.sort());
      }),
    );
  });

  it("patches single jobs like a whole-entry replacement would", () => {
    const patch = fc.tuple(
      fc.constantFrom("agent-1", "agent-2"),
      fc.array(fc.tuple(fc.constantFrom("job_a", "job_b", "job_c", "job_d"), fc.option(fc.integer({ min: -5, max: 5 }).map(iso), { nil: undefined })), { maxLength: 3 }),
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(operation.map((op) => ["set", op] as const), patch.map((op) => ["patch", op] as const)), { maxLength: 30 }), fc.integer({ min: -6, max: 6 }), (operations, now) => {
        const index = createPlannerIndex();
        const model = new Map<string, Map<string, string>>();
        const triggers = new Map<string, AgentIndexEntry["triggers"]>();
        for (const [kind, [agentId, change]] of operations) {
          if (kind === "set") {
            const next = change as AgentIndexEntry | undefined;
            index.set(agentId, next);
            model.set(agentId, new Map(next?.jobs ?? []));
            triggers.set(agentId, next?.triggers ?? []);
          } else {
            const updates = change as Array<[string, string | undefined]>;
            index.patchJobs(agentId, updates);
            const jobs = model.get(agentId) ?? new Map<string, string>();
            for (const [jobId, nextRunAt] of updates) {
              if (nextRunAt === undefined) jobs.delete(jobId);
              else jobs.set(jobId, nextRunAt);
            }
            model.set(agentId, jobs);
          }
        }
        const entries = new Map<string, AgentIndexEntry>();
        for (const [agentId, jobs] of model) {
          const entry = { jobs: [...jobs], triggers: triggers.get(agentId) ?? [] };
          if (entry.jobs.length || entry.triggers.length) entries.set(agentId, entry);
        }
        const nowMs = T0 + now * 60_000;
        expect(index.dueRefs(nowMs, 100)).toEqual(naiveDue(entries, nowMs));
        expect(index.size()).toBe(entries.size);
        for (const [agentId, entry] of entries) expect(new Map(index.get(agentId)!.jobs)).toEqual(new Map(entry.jobs));
      }),
    );
  });

  it("finds 100 due jobs among 100,000 without scanning them all", () => {
    const index = createPlannerIndex();
    const entries = new Map<string, AgentIndexEntry>();
    for (let agent = 0; agent < 1000; agent++) {
      const jobs: Array<[string, string]> = [];
      for (let job = 0; job < 100; job++) {
        const n = agent * 100 + job;
        // Every 1000th job is due; the rest are spread over the coming days.
        jobs.push([`job_${n}`, new Date(n % 1000 === 0 ? T0 - n : T0 + 60_000 + n * 1000).toISOString()]);
      }
      entries.set(`agent-${agent}`, { jobs, triggers: [] });
    }
    index.reset(entries);
    let found = 0;
    const started = performance.now();
    for (let tick = 0; tick < 1000; tick++) found += index.dueRefs(T0, 100).length;
    const elapsed = performance.now() - started;
    expect(found).toBe(100_000);
    // 1,000 full scans of 100,000 entries take seconds; 1,000 lookups of the 100 due ones take milliseconds.
    expect(elapsed).toBeLessThan(500);

    index.set("agent-0", { jobs: [["job_0", iso(10)]], triggers: [] });
    expect(index.dueRefs(T0, 1000)).toHaveLength(99);
  });
});

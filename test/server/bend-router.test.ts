import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fileStore } from "../../src/server/store";
import { MAX_JOB_OVERRIDES } from "../../src/shared/schemas";
import { createContextInner } from "../../src/server/context";
import { plannerRouter } from "../../src/server/router";
import { createCallerFactory } from "../../src/server/trpc";
import { testPlanner } from "../helpers/planner";

/** An hourly UTC job at 10:00 (next run 11:00); "now" is 10:00. */
async function setup() {
  const t = testPlanner({}, "2026-11-28T10:00:00.000Z");
  const job = await t.caller().jobs.create({ agentId: "agent-1", name: "Hourly", schedule: { cron: "0 * * * *", timezone: "UTC" }, action: { type: "chat", template: "Hi" } });
  const ref = { agentId: "agent-1", jobId: job.id };
  const stored = async () => (await t.store.get("agent-1")).jobs[0]!;
  return { ...t, job, ref, stored };
}

describe("jobs.nextRuns", () => {
  it("lists the next runs with their marks: skipped, moved, snoozed", async () => {
    const { caller, ref } = await setup();
    await caller().jobs.skipOccurrence({ ...ref, occurrence: "2026-11-28T11:00:00.000Z" });
    await caller().jobs.moveOccurrence({ ...ref, occurrence: "2026-11-28T12:00:00.000Z", to: "2026-11-28T12:30:00.000Z" });
    await caller().jobs.snooze({ ...ref, until: "2026-11-28T14:00:00.000Z" });
    const { runs, snooze } = await caller().jobs.nextRuns({ ...ref, count: 4 });
    expect(runs).toEqual([
      { at: "2026-11-28T11:00:00.000Z", mark: { kind: "skip", by: "user-1" } },
      { at: "2026-11-28T12:00:00.000Z", mark: { kind: "move", to: "2026-11-28T12:30:00.000Z", by: "user-1" } },
      { at: "2026-11-28T13:00:00.000Z", mark: { kind: "snooze", by: "user-1" } },
      { at: "2026-11-28T14:00:00.000Z", mark: null },
    ]);
    expect(snooze).toMatchObject({ until: "2026-11-28T14:00:00.000Z", by: "user-1" });
  });

  it("uses the name the host's auth gives, when it gives one", async () => {
    const t = testPlanner({}, "2026-11-28T10:00:00.000Z");
    const job = await t.caller().jobs.create({ agentId: "agent-1", name: "Hourly", schedule: { cron: "0 * * * *", timezone: "UTC" }, action: { type: "chat", template: "Hi" } });
    const ada = createCallerFactory(plannerRouter)(createContextInner(t.planner.deps, { userId: "user-1", name: "Ada" }));
    await ada.jobs.skipOccurrence({ agentId: "agent-1", jobId: job.id, occurrence: "2026-11-28T11:00:00.000Z" });
    const { runs } = await ada.jobs.nextRuns({ agentId: "agent-1", jobId: job.id, count: 1 });
    expect(runs[0]?.mark).toEqual({ kind: "skip", by: "user-1", byName: "Ada" });
  });
});

describe("validation and access", () => {
  it("refuses an occurrence that is past, or not a run of the schedule, and changes nothing", async () => {
    const { caller, ref, stored } = await setup();
    const before = await stored();
    await expect(caller().jobs.skipOccurrence({ ...ref, occurrence: "2026-11-28T09:00:00.000Z" })).rejects.toThrow("This run is no longer in the future.");
    await expect(caller().jobs.skipOccurrence({ ...ref, occurrence: "2026-11-28T11:30:00.000Z" })).rejects.toThrow("The job's schedule has no run at that time; reload its next runs.");
    await expect(caller().jobs.skipOccurrence({ ...ref, occurrence: "tomorrow" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await stored()).toEqual(before);
  });

  it("refuses a move into the past, past the following run, before the previous one, or onto another moved run", async () => {
    const { caller, ref, stored, clock } = await setup();
    const move = (occurrence: string, to: string) => caller().jobs.moveOccurrence({ ...ref, occurrence, to });
    await expect(move("2026-11-28T11:00:00.000Z", "2026-11-28T09:59:00.000Z")).rejects.toThrow("Pick a time in the future.");
    await expect(move("2026-11-28T11:00:00.000Z", "2026-11-28T12:00:00.000Z")).rejects.toThrow("Pick a time before the following run.");
    await expect(move("2026-11-28T12:00:00.000Z", "2026-11-28T11:00:00.000Z")).rejects.toThrow("Pick a time after the previous run.");
    await expect(move("2026-11-28T11:00:00.000Z", "2026-11-28T11:00:00.000Z")).rejects.toThrow("Pick a time different from the run's own.");
    const before = await stored();
    expect(before.state.overrides).toBeUndefined();
    await move("2026-11-28T11:00:00.000Z", "2026-11-28T11:50:00.000Z");
    clock.set("2026-11-28T10:00:00.000Z");
    await expect(move("2026-11-28T12:00:00.000Z", "2026-11-28T11:50:00.000Z")).rejects.toThrow("Another run is already moved to that time.");
  });

  it("refuses a snooze in the past or more than a year ahead; null ends it", async () => {
    const { caller, ref, stored } = await setup();
    await expect(caller().jobs.snooze({ ...ref, until: "2026-11-28T09:00:00.000Z" })).rejects.toThrow("Pick a date in the future.");
    await expect(caller().jobs.snooze({ ...ref, until: "2028-01-01T00:00:00.000Z" })).rejects.toThrow("A job can be snoozed for at most a year.");
    await caller().jobs.snooze({ ...ref, until: "2026-12-01T00:00:00.000Z" });
    expect((await stored()).state.snooze?.until).toBe("2026-12-01T00:00:00.000Z");
    await caller().jobs.snooze({ ...ref, until: null });
    expect((await stored()).state.snooze).toBeUndefined();
  });

  it(`keeps at most ${MAX_JOB_OVERRIDES} pending overrides; a repeated skip is the same skip`, async () => {
    const { caller, ref, stored } = await setup();
    for (let hour = 0; hour < MAX_JOB_OVERRIDES; hour++) {
      const occurrence = new Date(Date.parse("2026-11-28T11:00:00.000Z") + hour * 3_600_000).toISOString();
      await caller().jobs.skipOccurrence({ ...ref, occurrence });
    }
    await caller().jobs.skipOccurrence({ ...ref, occurrence: "2026-11-28T11:00:00.000Z" });
    expect((await stored()).state.overrides).toHaveLength(MAX_JOB_OVERRIDES);
    await expect(caller().jobs.skipOccurrence({ ...ref, occurrence: "2026-11-30T11:00:00.000Z" })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("answers FORBIDDEN for another user's agent and NOT_FOUND for a missing job", async () => {
    const { caller, ref } = await setup();
    await expect(caller("user-2").jobs.skipOccurrence({ ...ref, occurrence: "2026-11-28T11:00:00.000Z" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(caller("user-2").jobs.nextRuns(ref)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(caller(null).jobs.resume({ ...ref, missed: "skip" })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(caller().jobs.snooze({ ...ref, jobId: "job_missing", until: null })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(caller().jobs.resume({ ...ref, missed: "flood" as "skip" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("an edited schedule leaves earlier overrides without effect", async () => {
    const { caller, ref, job } = await setup();
    await caller().jobs.skipOccurrence({ ...ref, occurrence: "2026-11-28T12:00:00.000Z" });
    await caller().jobs.update({ ...ref, expectedRevision: job.revision, schedule: { cron: "0 */2 * * *", timezone: "UTC" } });
    const { runs } = await caller().jobs.nextRuns({ ...ref, count: 1 });
    expect(runs).toEqual([{ at: "2026-11-28T12:00:00.000Z", mark: null }]);
  });

  it("clearing a move puts nextRunAt back on the schedule", async () => {
    const { caller, ref, stored } = await setup();
    await caller().jobs.moveOccurrence({ ...ref, occurrence: "2026-11-28T11:00:00.000Z", to: "2026-11-28T10:20:00.000Z" });
    expect((await stored()).state.nextRunAt).toBe("2026-11-28T10:20:00.000Z");
    await caller().jobs.clearOverride({ ...ref, occurrence: "2026-11-28T11:00:00.000Z" });
    expect((await stored()).state).toMatchObject({ nextRunAt: "2026-11-28T11:00:00.000Z" });
    expect((await stored()).state.overrides).toBeUndefined();
  });
});

describe("durability", () => {
  it("skips, moves and the snooze survive reopening the file store (JSON config + SQLite runtime)", async () => {
    const dir = await mkdtemp(join(tmpdir(), "planner-bend-"));
    try {
      const first = testPlanner({ store: fileStore({ dir }) }, "2026-11-28T10:00:00.000Z");
      const job = await first.caller().jobs.create({ agentId: "agent-1", name: "Hourly", schedule: { cron: "0 * * * *", timezone: "UTC" }, action: { type: "chat", template: "Hi" } });
      const ref = { agentId: "agent-1", jobId: job.id };
      await first.caller().jobs.skipOccurrence({ ...ref, occurrence: "2026-11-28T11:00:00.000Z" });
      await first.caller().jobs.moveOccurrence({ ...ref, occurrence: "2026-11-28T12:00:00.000Z", to: "2026-11-28T12:15:00.000Z" });
      await first.caller().jobs.snooze({ ...ref, until: "2026-11-29T00:00:00.000Z" });
      await first.store.close();

      const second = testPlanner({ store: fileStore({ dir }) }, "2026-11-28T10:00:00.000Z");
      const { runs, snooze } = await second.caller().jobs.nextRuns({ ...ref, count: 2 });
      expect(runs.map((run) => run.mark?.kind)).toEqual(["skip", "move"]);
      expect(snooze?.until).toBe("2026-11-29T00:00:00.000Z");
      await second.store.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

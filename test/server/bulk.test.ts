import { TRPCError } from "@trpc/server";
import { afterEach, describe, expect, it } from "vitest";
import type { ComposioGateway } from "../../src/server/composio";
import { UpstreamError } from "../../src/server/errors";
import type { Trigger } from "../../src/shared/schemas";
import { recordingExecutors } from "../helpers/executors";
import { recordingLogger } from "../helpers/logger";
import { testPlanner } from "../helpers/planner";
import { gmailTrigger } from "../helpers/triggers";

const START = "2026-11-30T09:00:00.000Z";
const AGENT = "agent-1";
const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A Composio that records enable/disable calls and refuses them for the instances in `refuse`. */
function fakeComposio() {
  const calls: string[] = [];
  const refuse = new Set<string>();
  const gateway: ComposioGateway = {
    webhookSecret: "whsec_bulk",
    listToolkits: () => Promise.resolve([]),
    listTriggerTypes: () => Promise.resolve({ items: [], nextCursor: null, totalPages: 0 }),
    getTriggerType: (slug) =>
      Promise.resolve({ slug, name: "New message", description: "", toolkit: "gmail", type: "webhook", config: {}, payload: { type: "object", properties: { subject: { type: "string" } } } }),
    listConnectedAccounts: () => Promise.resolve([]),
    createTrigger: () => Promise.reject(new Error("not used")),
    enableTrigger(id) {
      calls.push(`enable ${id}`);
      return refuse.has(id) ? Promise.reject(new UpstreamError("Composio could not enable this trigger right now. Try again in a minute.")) : Promise.resolve();
    },
    disableTrigger(id) {
      calls.push(`disable ${id}`);
      return refuse.has(id) ? Promise.reject(new UpstreamError("Composio could not disable this trigger right now. Try again in a minute.")) : Promise.resolve();
    },
    deleteTrigger(id) {
      calls.push(`delete ${id}`);
      return Promise.resolve();
    },
  };
  return { gateway, calls, refuse };
}

const jobInput = (name: string, enabled = true) => ({
  agentId: AGENT,
  name,
  enabled,
  schedule: { cron: "0 9 * * *", timezone: "UTC" },
  action: { type: "chat" as const, template: `${name} for {date}` },
});

function trigger(n: number, enabled = true): Trigger {
  return gmailTrigger(START, { id: `trg_bulk00000${n}`, name: `Inbox ${n}`, composioTriggerId: `ti_bulk_${n}`, enabled });
}

async function setup({ start = false, composio = true } = {}) {
  const fake = fakeComposio();
  const exec = recordingExecutors();
  const log = recordingLogger();
  const t = testPlanner({ executors: exec.executors, logger: log.logger, ...(composio ? { composio: fake.gateway } : {}) }, START);
  if (start) {
    await t.planner.start();
    cleanups.push(() => t.planner.stop());
  }
  const caller = t.caller();
  const active = await caller.jobs.create(jobInput("Digest"));
  const second = await caller.jobs.create(jobInput("Standup"));
  const pausedBefore = await caller.jobs.create(jobInput("Old report", false));
  await t.store.update(AGENT, (p) => ({ ...p, triggers: [trigger(1), trigger(2), trigger(3, false)] }));
  return { ...t, ...fake, exec, log, caller, jobs: { active, second, pausedBefore } };
}

const T1 = "trg_bulk000001";
const T2 = "trg_bulk000002";
const T3 = "trg_bulk000003";

async function stateOf(t: Awaited<ReturnType<typeof setup>>) {
  const planner = await t.store.get(AGENT);
  return Object.fromEntries([...planner.jobs, ...planner.triggers].map((owner) => [owner.name, { enabled: owner.enabled, pausedBy: owner.state.pausedBy, revision: owner.revision }]));
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
  return "OK";
}

describe("bulk.act", () => {
  it("answers per item: a missing job and a trigger Composio refuses fail, the others are paused", async () => {
    const t = await setup();
    t.refuse.add("ti_bulk_2");
    const result = await t.caller.bulk.act({
      agentId: AGENT,
      action: "pause",
      items: [
        { kind: "job", id: t.jobs.active.id },
        { kind: "job", id: "job_missing0001" },
        { kind: "trigger", id: T1 },
        { kind: "trigger", id: T2 },
        { kind: "job", id: t.jobs.second.id },
      ],
    });
    expect(result.succeeded).toBe(3);
    expect(result.failed).toBe(2);
    expect(result.results).toEqual([
      { kind: "job", id: t.jobs.active.id, ok: true },
      { kind: "job", id: "job_missing0001", ok: false, code: "NOT_FOUND", message: "This job no longer exists. It may have been deleted." },
      { kind: "trigger", id: T1, ok: true },
      { kind: "trigger", id: T2, ok: false, code: "BAD_GATEWAY", message: "Composio could not disable this trigger right now. Try again in a minute." },
      { kind: "job", id: t.jobs.second.id, ok: true },
    ]);
    const state = await stateOf(t);
    expect(state["Digest"]).toMatchObject({ enabled: false, pausedBy: undefined });
    expect(state["Standup"]).toMatchObject({ enabled: false });
    expect(state["Inbox 1"]).toMatchObject({ enabled: false });
    // Composio refused: it stays enabled here too.
    expect(state["Inbox 2"]).toMatchObject({ enabled: true, revision: 1 });
    expect(t.calls).toEqual(expect.arrayContaining(["disable ti_bulk_1", "disable ti_bulk_2"]));
  });

  it("resumes, deletes and runs now item by item through the single-item rules", async () => {
    const t = await setup({ start: true });
    const resumed = await t.caller.bulk.act({ agentId: AGENT, action: "resume", items: [{ kind: "job", id: t.jobs.pausedBefore.id }, { kind: "trigger", id: T3 }] });
    expect(resumed.results.every((r) => r.ok)).toBe(true);
    expect(t.calls).toContain("enable ti_bulk_3");
    const job = await t.store.getJob(AGENT, t.jobs.pausedBefore.id);
    expect(job?.enabled).toBe(true);
    expect(job?.state.nextRunAt).toBe("2026-12-01T09:00:00.000Z");

    const run = await t.caller.bulk.act({ agentId: AGENT, action: "runNow", items: [{ kind: "job", id: t.jobs.active.id }, { kind: "trigger", id: T1 }] });
    expect(run.results.map((r) => [r.kind, r.id, r.ok])).toEqual([
      ["job", t.jobs.active.id, true],
      ["trigger", T1, true],
    ]);
    expect(run.results.map((r) => (r.ok ? r.runId : undefined))).toEqual([expect.stringMatching(/^run_/) as unknown, expect.stringMatching(/^run_/) as unknown]);
    await t.planner.idle();
    expect(t.exec.chats).toHaveLength(2);

    const deleted = await t.caller.bulk.act({ agentId: AGENT, action: "delete", items: [{ kind: "job", id: t.jobs.second.id }, { kind: "trigger", id: T2 }, { kind: "trigger", id: "trg_missing0001" }] });
    expect(deleted.results.map((r) => r.ok)).toEqual([true, true, false]);
    const planner = await t.store.get(AGENT);
    expect(planner.jobs.map((j) => j.name).sort()).toEqual(["Digest", "Old report"]);
    expect(planner.triggers.map((tr) => tr.id)).toEqual([T1, T3]);
    expect(t.calls).toContain("delete ti_bulk_2");
  });

  it("run now keeps its exclusivity: 30 concurrent bulk calls start one run per job", async () => {
    const t = await setup({ start: true });
    const items = [
      { kind: "job" as const, id: t.jobs.active.id },
      { kind: "job" as const, id: t.jobs.second.id },
    ];
    const answers = await Promise.all(Array.from({ length: 30 }, () => t.caller.bulk.act({ agentId: AGENT, action: "runNow", items })));
    const started = answers.flatMap((a) => a.results).filter((r) => r.ok);
    expect(started).toHaveLength(2);
    const refused = answers.flatMap((a) => a.results).filter((r) => !r.ok);
    expect(refused).toHaveLength(58);
    expect(new Set(refused.map((r) => (r.ok ? "" : r.code)))).toEqual(new Set(["TOO_MANY_REQUESTS"]));
    await t.planner.idle();
    expect(t.exec.chats).toHaveLength(2);
  });

  it("without Composio, trigger items fail with the setup sentence and the jobs are still applied", async () => {
    const t = await setup({ composio: false });
    const result = await t.caller.bulk.act({ agentId: AGENT, action: "pause", items: [{ kind: "trigger", id: T1 }, { kind: "job", id: t.jobs.active.id }] });
    expect(result.results[0]).toMatchObject({ ok: false, code: "PRECONDITION_FAILED" });
    expect(result.results[0]?.ok === false && result.results[0].message).toMatch(/^Composio is not configured/);
    expect(result.results[1]).toMatchObject({ ok: true });
  });

  it("acts once on a repeated item", async () => {
    const t = await setup();
    const id = t.jobs.active.id;
    const result = await t.caller.bulk.act({ agentId: AGENT, action: "pause", items: [{ kind: "job", id }, { kind: "job", id }, { kind: "job", id }] });
    expect(result.results).toEqual([{ kind: "job", id, ok: true }]);
    expect((await stateOf(t))["Digest"]?.revision).toBe(2);
  });

  it("does not reach another agent's items or another user's agent", async () => {
    const t = await setup();
    const other = await t.caller.jobs.create({ ...jobInput("Elsewhere"), agentId: "agent-2" });
    const result = await t.caller.bulk.act({ agentId: AGENT, action: "delete", items: [{ kind: "job", id: other.id }] });
    expect(result.results[0]).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await t.store.getJob("agent-2", other.id)).not.toBeNull();
    expect(await codeOf(t.caller.bulk.act({ agentId: "agent-other", action: "pause", items: [{ kind: "job", id: t.jobs.active.id }] }))).toBe("FORBIDDEN");
    expect(await codeOf(t.caller.bulk.pauseAll({ agentId: "agent-other" }))).toBe("FORBIDDEN");
    expect(await codeOf(testPlanner().caller(null).bulk.act({ agentId: AGENT, action: "pause", items: [{ kind: "job", id: t.jobs.active.id }] }))).toBe("UNAUTHORIZED");
  });

  it("refuses bad input with BAD_REQUEST and changes nothing", async () => {
    const t = await setup();
    const before = await t.store.get(AGENT);
    const valid = { kind: "job", id: t.jobs.active.id };
    const hostile: unknown[] = [
      { agentId: AGENT, action: "pause", items: [] },
      { agentId: AGENT, action: "pause", items: Array.from({ length: 501 }, () => valid) },
      { agentId: AGENT, action: "explode", items: [valid] },
      { agentId: AGENT, action: "pause", items: [valid, { kind: "job", id: "../../etc/passwd" }] },
      { agentId: AGENT, action: "pause", items: [valid, { kind: "job", id: "job_<script>alert(1)</script>" }] },
      { agentId: AGENT, action: "pause", items: [valid, { kind: "job", id: T1 }] },
      { agentId: AGENT, action: "pause", items: [valid, { kind: "agent", id: AGENT }] },
      { agentId: AGENT, action: "pause", items: [valid, { kind: "__proto__", id: "job_abcdef1" }] },
      { agentId: AGENT, action: "pause", items: [valid, "job_abcdef1"] },
      { agentId: AGENT, action: "pause", items: { length: 1, 0: valid } },
      { agentId: "../agent-1", action: "pause", items: [valid] },
      { agentId: AGENT, action: "pause", items: [{ ...valid, id: `job_${"a".repeat(5000)}` }] },
    ];
    for (const input of hostile) {
      expect(await codeOf(t.caller.bulk.act(input as never)), JSON.stringify(input).slice(0, 120)).toBe("BAD_REQUEST");
    }
    expect(await t.store.get(AGENT)).toEqual(before);
    expect(t.calls).toEqual([]);
  });

  it("takes the bound: 500 items in one call", async () => {
    const t = await setup();
    const items = Array.from({ length: 500 }, (_, i) => ({ kind: "job" as const, id: `job_none${String(i).padStart(6, "0")}` }));
    const result = await t.caller.bulk.act({ agentId: AGENT, action: "pause", items });
    expect(result.results).toHaveLength(500);
    expect(result.failed).toBe(500);
  });
});

describe("bulk.pauseAll / bulk.resumeAll", () => {
  it("Resume all resumes exactly what Pause all paused; items paused before stay paused", async () => {
    const t = await setup();
    const paused = await t.caller.bulk.pauseAll({ agentId: AGENT });
    expect(paused.results.map((r) => r.id).sort()).toEqual([t.jobs.active.id, t.jobs.second.id, T1, T2].sort());
    expect(paused.unchanged).toBe(2);
    let state = await stateOf(t);
    expect(state).toMatchObject({
      Digest: { enabled: false, pausedBy: "pause-all" },
      Standup: { enabled: false, pausedBy: "pause-all" },
      "Old report": { enabled: false, pausedBy: undefined },
      "Inbox 1": { enabled: false, pausedBy: "pause-all" },
      "Inbox 2": { enabled: false, pausedBy: "pause-all" },
      "Inbox 3": { enabled: false, pausedBy: undefined },
    });
    expect((await t.store.getJob(AGENT, t.jobs.active.id))?.state.nextRunAt).toBeUndefined();

    const resumed = await t.caller.bulk.resumeAll({ agentId: AGENT });
    expect(resumed.results.map((r) => r.id).sort()).toEqual([t.jobs.active.id, t.jobs.second.id, T1, T2].sort());
    expect(resumed.unchanged).toBe(2);
    state = await stateOf(t);
    expect(state).toMatchObject({
      Digest: { enabled: true, pausedBy: undefined },
      Standup: { enabled: true },
      "Old report": { enabled: false },
      "Inbox 1": { enabled: true, pausedBy: undefined },
      "Inbox 2": { enabled: true },
      "Inbox 3": { enabled: false },
    });
    expect((await t.store.getJob(AGENT, t.jobs.active.id))?.state.nextRunAt).toBe("2026-12-01T09:00:00.000Z");
    expect(t.calls.filter((c) => c.startsWith("enable")).sort()).toEqual(["enable ti_bulk_1", "enable ti_bulk_2"]);
  });

  it("an item paused, resumed, edited or deleted by hand after Pause all is the user's choice", async () => {
    const t = await setup();
    await t.caller.bulk.pauseAll({ agentId: AGENT });
    // Paused again by hand: the user wants it paused.
    await t.caller.jobs.pause({ agentId: AGENT, jobId: t.jobs.active.id });
    await t.caller.triggers.pause({ agentId: AGENT, triggerId: T1 });
    // Edited while paused: still paused by Pause all.
    const second = await t.store.getJob(AGENT, t.jobs.second.id);
    await t.caller.jobs.update({ agentId: AGENT, jobId: t.jobs.second.id, expectedRevision: second!.revision, name: "Standup (renamed)" });
    // Deleted: nothing left to resume.
    await t.caller.triggers.delete({ agentId: AGENT, triggerId: T2 });
    const resumed = await t.caller.bulk.resumeAll({ agentId: AGENT });
    expect(resumed.results).toEqual([{ kind: "job", id: t.jobs.second.id, ok: true }]);
    const state = await stateOf(t);
    expect(state).toMatchObject({ Digest: { enabled: false }, "Standup (renamed)": { enabled: true }, "Inbox 1": { enabled: false } });
  });

  it("a job resumed by hand and paused again is no longer Pause all's", async () => {
    const t = await setup();
    await t.caller.bulk.pauseAll({ agentId: AGENT });
    await t.caller.jobs.resume({ agentId: AGENT, jobId: t.jobs.active.id });
    expect((await stateOf(t))["Digest"]).toMatchObject({ enabled: true, pausedBy: undefined });
    await t.caller.bulk.act({ agentId: AGENT, action: "pause", items: [{ kind: "job", id: t.jobs.active.id }] });
    await t.caller.bulk.resumeAll({ agentId: AGENT });
    expect((await stateOf(t))["Digest"]).toMatchObject({ enabled: false, pausedBy: undefined });
  });

  it("a trigger Composio refuses is reported; it keeps its state and the next call tries it again", async () => {
    const t = await setup();
    t.refuse.add("ti_bulk_1");
    const paused = await t.caller.bulk.pauseAll({ agentId: AGENT });
    expect(paused.results.find((r) => r.id === T1)).toMatchObject({ ok: false, code: "BAD_GATEWAY" });
    expect(paused.failed).toBe(1);
    expect((await stateOf(t))["Inbox 1"]).toMatchObject({ enabled: true, pausedBy: undefined });
    t.refuse.clear();
    await t.caller.bulk.pauseAll({ agentId: AGENT });
    expect((await stateOf(t))["Inbox 1"]).toMatchObject({ enabled: false, pausedBy: "pause-all" });

    t.refuse.add("ti_bulk_2");
    const resumed = await t.caller.bulk.resumeAll({ agentId: AGENT });
    expect(resumed.results.find((r) => r.id === T2)).toMatchObject({ ok: false, code: "BAD_GATEWAY" });
    expect((await stateOf(t))["Inbox 2"]).toMatchObject({ enabled: false, pausedBy: "pause-all" });
    t.refuse.clear();
    const again = await t.caller.bulk.resumeAll({ agentId: AGENT });
    expect(again.results).toEqual([{ kind: "trigger", id: T2, ok: true }]);
    expect((await stateOf(t))["Inbox 2"]).toMatchObject({ enabled: true });
  });

  it("30 concurrent Pause all, then 30 concurrent Resume all: each item changes once", async () => {
    const t = await setup();
    const before = await stateOf(t);
    const pauses = await Promise.all(Array.from({ length: 30 }, () => t.caller.bulk.pauseAll({ agentId: AGENT })));
    expect(pauses.reduce((sum, p) => sum + p.succeeded, 0)).toBe(4);
    const afterPause = await stateOf(t);
    for (const name of ["Digest", "Standup", "Inbox 1", "Inbox 2"]) expect(afterPause[name]?.revision).toBe(before[name]!.revision + 1);
    expect(afterPause["Old report"]).toEqual(before["Old report"]);
    expect(t.calls.filter((c) => c.startsWith("disable"))).toHaveLength(2);

    const resumes = await Promise.all(Array.from({ length: 30 }, () => t.caller.bulk.resumeAll({ agentId: AGENT })));
    expect(resumes.reduce((sum, p) => sum + p.succeeded, 0)).toBe(4);
    const afterResume = await stateOf(t);
    for (const name of ["Digest", "Standup", "Inbox 1", "Inbox 2"]) expect(afterResume[name]).toEqual({ enabled: true, pausedBy: undefined, revision: before[name]!.revision + 2 });
    expect(afterResume["Inbox 3"]).toEqual(before["Inbox 3"]);
    expect(t.calls.filter((c) => c.startsWith("enable"))).toHaveLength(2);
  });

  it("Pause all and Resume all clicked at once leave every item either paused by it or resumed, never lost", async () => {
    const t = await setup();
    await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? t.caller.bulk.resumeAll({ agentId: AGENT }) : t.caller.bulk.pauseAll({ agentId: AGENT }))));
    await t.caller.bulk.resumeAll({ agentId: AGENT });
    expect(await stateOf(t)).toMatchObject({
      Digest: { enabled: true },
      Standup: { enabled: true },
      "Old report": { enabled: false },
      "Inbox 1": { enabled: true },
      "Inbox 2": { enabled: true },
      "Inbox 3": { enabled: false },
    });
  });
});

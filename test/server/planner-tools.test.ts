import { describe, expect, it } from "vitest";
import { createInProcessScheduler } from "../../src/server/scheduler";
import type { PlannerExecutors } from "../../src/server/options";
import { memoryStore } from "../../src/server/store";
import { plannerToolJsonSchemas, plannerTools, PLANNER_TOOL_NAMES } from "../../src/server/tools";
import { simulation } from "../scheduler/simulation";
import { testPlanner } from "../helpers/planner";

const START = "2026-11-28T10:00:40.000Z"; // a Saturday

/**
 * A planner on simulated time with an in-process scheduler, executors that record who each run acted for, and
 * access the test changes: `access` maps agent → users allowed.
 */
function plannerOnSimulatedTime() {
  const sim = simulation(START);
  const access: Record<string, Set<string>> = { "agent-1": new Set(["user-1", "user-3"]), "agent-other": new Set(["user-2"]) };
  const calls: Array<{ at: string; userId: string | undefined; message: string; threadKey: string | undefined }> = [];
  const executors: PlannerExecutors = {
    startChat({ userId, message, threadKey }) {
      calls.push({ at: new Date(sim.now()).toISOString(), userId, message, threadKey });
      return Promise.resolve({ threadId: `thread-${calls.length}` });
    },
    runWorkflow() {
      return Promise.resolve({ workflowRunId: "wfrun-1" });
    },
  };
  const store = sim.track(memoryStore());
  const t = testPlanner({ store, clock: sim.clock, executors, canAccessAgent: (userId, agentId) => access[agentId]?.has(userId) ?? false }, START);
  const scheduler = createInProcessScheduler(t.planner.deps, { timers: sim.timers });
  const tools = (userId = "user-1", extra: { chatId?: string; timezone?: string } = {}) => plannerTools({ planner: t.planner, agentId: "agent-1", userId, ...extra });
  return { ...t, sim, access, calls, scheduler, tools };
}

const weeklyProposal = { name: "Monday plan", cron: "0 9 * * 1", timezone: "Europe/Paris", prompt: "Plan the week of {date} for {agentName}.", reason: "You asked every Monday at 9." };

describe("plannerTools: definitions", () => {
  it("gives each tool the Vercel AI SDK shape and a plain JSON Schema", () => {
    const { tools } = plannerOnSimulatedTime();
    const set = tools();
    expect(Object.keys(set).sort()).toEqual([...PLANNER_TOOL_NAMES].sort());
    for (const name of PLANNER_TOOL_NAMES) {
      expect(typeof set[name].description).toBe("string");
      expect(typeof set[name].inputSchema.safeParse).toBe("function");
      expect(typeof set[name].execute).toBe("function");
      expect(set[name].jsonSchema).toMatchObject({ type: "object" });
    }
    const schemas = plannerToolJsonSchemas();
    expect(schemas.proposeJob.inputSchema).toMatchObject({
      type: "object",
      required: expect.arrayContaining(["name", "cron"]) as unknown,
      properties: { cron: { type: "string", description: expect.stringContaining("cron expression") as unknown }, prompt: { type: "string" } },
    });
    expect(schemas.proposeReminder.inputSchema).toMatchObject({ properties: { inMinutes: { type: "integer" }, at: { type: "string", format: "date-time" } } });
    expect(schemas.pauseJob.inputSchema).toMatchObject({ required: ["jobId"] });
    expect(JSON.parse(JSON.stringify(schemas))).toEqual(schemas);
  });

  it("refuses to be built without a planner or a user, with a sentence", () => {
    const { planner } = plannerOnSimulatedTime();
    expect(() => plannerTools({ planner: undefined as never, agentId: "agent-1", userId: "user-1" })).toThrow(/`planner` is required/);
    expect(() => plannerTools({ planner, agentId: "agent-1", userId: "" })).toThrow(/`userId` is required/);
    expect(() => plannerTools({ planner, agentId: "", userId: "user-1" })).toThrow(/`agentId` is required/);
  });
});

describe("plannerTools: validation and access", () => {
  it("answers invalid input with the field's sentence and stores nothing", async () => {
    const { tools, store } = plannerOnSimulatedTime();
    const { proposeJob, proposeReminder, pauseJob } = tools();
    expect(await proposeJob.execute({ name: "No schedule", prompt: "Hi" } as never)).toMatchObject({ ok: false, code: "BAD_REQUEST", error: expect.stringMatching(/^cron:/) as unknown });
    expect(await proposeJob.execute({ ...weeklyProposal, workflowId: "wf_triage" })).toMatchObject({ ok: false, error: "prompt: Give either prompt or workflowId, not both." });
    expect(await proposeJob.execute({ ...weeklyProposal, cron: "0 24 * * *" })).toMatchObject({ ok: false, code: "BAD_REQUEST", error: expect.stringContaining("Hour must be between 0 and 23, got 24.") as unknown });
    expect(await proposeJob.execute({ ...weeklyProposal, timezone: "Mars/Olympus" })).toMatchObject({ ok: false, code: "BAD_REQUEST" });
    expect(await proposeReminder.execute({ message: "Call Bob" })).toMatchObject({ ok: false, error: "at: Give either inMinutes or at." });
    expect(await proposeReminder.execute({ message: "Call Bob", at: "2026-11-27T09:00:00+01:00" })).toMatchObject({ ok: false, error: "A reminder must come later than now." });
    expect(await pauseJob.execute({ jobId: "../../etc" })).toMatchObject({ ok: false, code: "BAD_REQUEST", error: expect.stringContaining("not a valid job id") as unknown });
    const planner = await store.get("agent-1");
    expect(planner.proposals).toBeUndefined();
    expect(planner.jobs).toEqual([]);
  });

  it("acts as the given user: another user's agent is refused, and nothing is stored", async () => {
    const { planner, store, caller } = plannerOnSimulatedTime();
    const stranger = plannerTools({ planner, agentId: "agent-1", userId: "user-2" });
    expect(await stranger.proposeJob.execute(weeklyProposal)).toEqual({ ok: false, code: "FORBIDDEN", error: "You do not have access to this agent." });
    expect(await stranger.listJobs.execute({})).toMatchObject({ ok: false, code: "FORBIDDEN" });
    const job = await caller("user-1").jobs.create({ agentId: "agent-1", name: "Digest", schedule: { cron: "0 9 * * *", timezone: "UTC" }, action: { type: "chat", template: "Hi" } });
    expect(await stranger.pauseJob.execute({ jobId: job.id })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await stranger.runJobNow.execute({ jobId: job.id })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect((await store.get("agent-1")).proposals).toBeUndefined();
    expect((await store.get("agent-1")).jobs[0]?.enabled).toBe(true);
  });

  it("lists jobs and pending proposals, pauses a job and answers NOT_FOUND for an unknown one", async () => {
    const { tools, caller } = plannerOnSimulatedTime();
    const t = tools();
    const job = await caller().jobs.create({ agentId: "agent-1", name: "Digest", schedule: { cron: "0 9 * * *", timezone: "UTC" }, action: { type: "chat", template: "Hi" } });
    await t.proposeJob.execute(weeklyProposal);
    const listed = await t.listJobs.execute({});
    expect(listed).toMatchObject({
      ok: true,
      jobs: [{ id: job.id, name: "Digest", status: "active", scheduleSentence: "At 09:00", nextRunAt: "2026-11-29T09:00:00.000Z", action: "chat" }],
      proposals: [{ name: "Monday plan", status: "pending", userId: "user-1" }],
    });
    expect(await t.pauseJob.execute({ jobId: job.id, reason: "Holidays" })).toMatchObject({ ok: true, job: { status: "paused" }, message: 'Paused "Digest".' });
    expect(await t.pauseJob.execute({ jobId: "job_doesnotexist1" })).toMatchObject({ ok: false, code: "NOT_FOUND" });
  });
});

describe("proposals: pending until approved", () => {
  it("stores a proposal with its sentence, next runs, rendered prompt and user, never as a job", async () => {
    const { tools, caller, store } = plannerOnSimulatedTime();
    const answer = await tools("user-1", { chatId: "chat-7" }).proposeJob.execute(weeklyProposal);
    expect(answer).toMatchObject({ ok: true, message: expect.stringContaining("will not run before someone approves it") as unknown });
    const [proposal] = await caller().proposals.list({ agentId: "agent-1" });
    expect(proposal).toMatchObject({
      id: expect.stringMatching(/^prp_/) as unknown,
      kind: "job",
      proposedBy: "agent",
      userId: "user-1",
      chatId: "chat-7",
      reason: "You asked every Monday at 9.",
      scheduleSentence: "At 09:00, only on Monday",
      nextRuns: ["2026-11-30T08:00:00.000Z", "2026-12-07T08:00:00.000Z", "2026-12-14T08:00:00.000Z"],
      renderedPrompt: "Plan the week of Monday, November 30, 2026 for Ada.",
      createdAt: START,
    });
    expect((await store.get("agent-1")).jobs).toEqual([]);
    expect((await store.dueJobs(new Date("2030-01-01T00:00:00.000Z"), 10)).length).toBe(0);
  });

  it("never runs before approval on a simulated clock; once approved it runs for the user the agent talked to", async () => {
    const h = plannerOnSimulatedTime();
    await h.scheduler.start();
    await h.tools().proposeJob.execute({ ...weeklyProposal, cron: "0 * * * *", timezone: "UTC", prompt: "Hourly check at {time}" });
    await h.sim.runUntil("2026-11-30T10:30:00.000Z");
    expect(h.calls).toEqual([]);
    const [proposal] = await h.caller().proposals.list({ agentId: "agent-1" });
    // Another user with access approves it as proposed: it still acts for the user who asked.
    const job = await h.caller("user-3").proposals.approve({ agentId: "agent-1", proposalId: proposal!.id });
    expect(job).toMatchObject({ name: "Monday plan", enabled: true, createdBy: "user-1", updatedBy: "user-1", state: { nextRunAt: "2026-11-30T11:00:00.000Z" } });
    expect(await h.caller().proposals.list({ agentId: "agent-1" })).toEqual([]);
    h.scheduler.wake();
    await h.sim.runUntil("2026-11-30T12:00:30.000Z");
    expect(h.calls).toEqual([
      { at: "2026-11-30T11:00:00.000Z", userId: "user-1", message: "Hourly check at 11:00", threadKey: undefined },
      { at: "2026-11-30T12:00:00.000Z", userId: "user-1", message: "Hourly check at 12:00", threadKey: undefined },
    ]);
    // Checked again at each run: the user loses access, the next run is skipped, not sent.
    h.access["agent-1"]!.delete("user-1");
    await h.sim.runUntil("2026-11-30T13:00:30.000Z");
    expect(h.calls).toHaveLength(2);
    const runs = await h.caller("user-3").jobs.runs({ agentId: "agent-1", jobId: job.id });
    expect(runs.items[0]).toMatchObject({ status: "skipped", skipReason: "noAccess" });
    await h.scheduler.stop();
  });

  it("checks access again at approval: the approver's, and the user's it would act for", async () => {
    const h = plannerOnSimulatedTime();
    await h.tools().proposeJob.execute(weeklyProposal);
    const [proposal] = await h.caller().proposals.list({ agentId: "agent-1" });
    const ref = { agentId: "agent-1", proposalId: proposal!.id };
    await expect(h.caller("user-2").proposals.approve(ref)).rejects.toMatchObject({ code: "FORBIDDEN", message: "You do not have access to this agent." });
    await expect(h.caller(null).proposals.approve(ref)).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    h.access["agent-1"]!.delete("user-1");
    await expect(h.caller("user-3").proposals.approve(ref)).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("(user-1) no longer has access") as unknown });
    expect((await h.store.get("agent-1")).jobs).toEqual([]);
    // Edited first, it becomes the approver's: it acts for them.
    const edited = { ...proposal!.job, name: "Monday plan (mine)" };
    const job = await h.caller("user-3").proposals.approve({ ...ref, job: edited });
    expect(job).toMatchObject({ name: "Monday plan (mine)", createdBy: "user-1", updatedBy: "user-3" });
  });

  it("rejects: nothing is created, and a second answer is NOT_FOUND; hostile ids are refused", async () => {
    const h = plannerOnSimulatedTime();
    await h.tools().proposeJob.execute(weeklyProposal);
    const [proposal] = await h.caller().proposals.list({ agentId: "agent-1" });
    const ref = { agentId: "agent-1", proposalId: proposal!.id };
    expect(await h.caller().proposals.reject(ref)).toEqual({ rejected: true });
    expect(await h.store.get("agent-1")).toEqual({ jobs: [], triggers: [] });
    await expect(h.caller().proposals.approve(ref)).rejects.toMatchObject({ code: "NOT_FOUND", message: "This proposal is no longer pending: it was approved or rejected already." });
    await expect(h.caller().proposals.reject(ref)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(h.caller().proposals.approve({ agentId: "agent-1", proposalId: "job_../../x" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(h.caller().proposals.approve({ ...ref, job: { name: "", schedule: { cron: "x", timezone: "UTC" }, action: { type: "chat", template: "" } } })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("refuses a proposal whose name a job has, and more than 20 pending", async () => {
    const h = plannerOnSimulatedTime();
    const t = h.tools();
    await h.caller().jobs.create({ agentId: "agent-1", name: "Monday plan", schedule: { cron: "0 9 * * *", timezone: "UTC" }, action: { type: "chat", template: "Hi" } });
    expect(await t.proposeJob.execute(weeklyProposal)).toMatchObject({ ok: false, code: "CONFLICT", error: expect.stringContaining("already called") as unknown });
    for (let i = 0; i < 20; i++) expect(await t.proposeJob.execute({ ...weeklyProposal, name: `Plan ${i}` })).toMatchObject({ ok: true });
    expect(await t.proposeJob.execute({ ...weeklyProposal, name: "Plan 21" })).toMatchObject({ ok: false, error: expect.stringContaining("20 proposals waiting") as unknown });
  });
});

describe("proposeReminder", () => {
  it("proposes a one-time reminder in the current chat that comes once approved, at its time", async () => {
    const h = plannerOnSimulatedTime();
    await h.scheduler.start();
    const answer = await h.tools("user-1", { chatId: "chat-7", timezone: "Europe/Paris" }).proposeReminder.execute({ message: "Call the dentist", inMinutes: 120 });
    expect(answer).toMatchObject({ ok: true, proposal: { kind: "reminder", name: "Reminder: Call the dentist", nextRuns: ["2026-11-28T12:00:00.000Z"], renderedPrompt: "Call the dentist" } });
    const [proposal] = await h.caller().proposals.list({ agentId: "agent-1" });
    expect(proposal).toMatchObject({ runAt: "2026-11-28T12:00:00.000Z", chatId: "chat-7", job: { schedule: { cron: "0 13 28 11 *", timezone: "Europe/Paris" } } });
    await h.sim.runUntil("2026-11-28T11:00:00.000Z");
    expect(h.calls).toEqual([]);
    const job = await h.caller().proposals.approve({ agentId: "agent-1", proposalId: proposal!.id });
    h.scheduler.wake();
    await h.sim.runUntil("2026-11-28T12:00:30.000Z");
    expect(h.calls).toEqual([{ at: "2026-11-28T12:00:00.000Z", userId: "user-1", message: "Call the dentist", threadKey: `job:${job.id}:chat-7` }]);
    // A one-time job: done once it ran (no next run), never again.
    expect(job.schedule).toMatchObject({ kind: "once", at: "2026-11-28T12:00:00.000Z" });
    expect((await h.caller().jobs.byId({ agentId: "agent-1", jobId: job.id })).state.nextRunAt).toBeUndefined();
    await h.sim.runUntil("2026-11-30T12:00:30.000Z");
    expect(h.calls).toHaveLength(1);
    await h.scheduler.stop();
  });

  it("refuses to approve a reminder whose time has passed", async () => {
    const h = plannerOnSimulatedTime();
    await h.tools().proposeReminder.execute({ message: "Stand up", at: "2026-11-28T11:30:00+01:00" });
    const [proposal] = await h.caller().proposals.list({ agentId: "agent-1" });
    expect(proposal).toMatchObject({ runAt: "2026-11-28T10:30:00.000Z", job: { schedule: { cron: "30 10 28 11 *", timezone: "UTC" } } });
    await h.sim.runUntil("2026-11-28T10:31:00.000Z");
    await expect(h.caller().proposals.approve({ agentId: "agent-1", proposalId: proposal!.id })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("time has passed") as unknown });
  });
});

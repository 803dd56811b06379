import { describe, expect, it } from "vitest";
import { enqueueRun, executeRun, jobSubject, triggerSubject } from "../../src/server/engine";
import type { PlannerLimits } from "../../src/server/options";
import type { Job, Run, Trigger } from "../../src/shared/schemas";
import { recordingExecutors } from "../helpers/executors";
import { testPlanner } from "../helpers/planner";
import { gmailTrigger } from "../helpers/triggers";

const noSleep = { sleep: () => Promise.resolve(), backoffMs: () => 0 };
const START = "2026-11-30T07:59:00.000Z";
const bytes = (value: unknown) => new TextEncoder().encode(typeof value === "string" ? value : JSON.stringify(value)).length;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** The amplifying template of issue 8: 3,333 × `{v}` (9,999 characters, within the template limit). */
const AMPLIFIER = "{v}".repeat(3333);

function planner(limits: Partial<PlannerLimits> = {}) {
  const exec = recordingExecutors();
  const t = testPlanner({ executors: exec.executors, limits }, START);
  return { ...t, exec };
}

async function chatJob(h: ReturnType<typeof planner>, template: string, variables: Record<string, string> = {}): Promise<Job> {
  const view = await h.caller().jobs.create({
    agentId: "agent-1",
    name: "Amplifier",
    schedule: { cron: "* * * * *", timezone: "UTC" },
    variables,
    action: { type: "chat", template },
  });
  const job = (await h.store.get("agent-1")).jobs.find((candidate) => candidate.id === view.id);
  if (!job) throw new Error("the created job is not stored");
  return job;
}

function runJob(h: ReturnType<typeof planner>, job: Job, minute: number): Promise<Run> {
  const scheduledFor = new Date(Date.parse("2026-11-30T08:00:00.000Z") + minute * 60_000).toISOString();
  const request = { runId: `${job.id}@${scheduledFor}`, agentId: "agent-1", jobId: job.id, cause: "schedule" as const, scheduledFor, scheduleRevision: job.state.scheduleRevision };
  return executeRun(h.planner.deps, jobSubject(request), noSleep);
}

async function withTrigger(h: ReturnType<typeof planner>, action: Trigger["action"], data: Record<string, string>) {
  const trigger = gmailTrigger(START, { action });
  await h.store.update("agent-1", (p) => ({ ...p, triggers: [trigger] }));
  const event = { id: "msg_1", type: "GMAIL_NEW_GMAIL_MESSAGE", source: "gmail", time: "2026-11-30T07:58:00.000Z", data };
  const subject = triggerSubject({ runId: "run_bounds0001", agentId: "agent-1", triggerId: trigger.id, cause: "event", event });
  return { trigger, event, subject };
}

describe("rendered messages are capped", () => {
  it("cuts a 6.67 MB rendering to 32 KiB, sends the cut message and says so on the run", async () => {
    const h = planner();
    const job = await chatJob(h, AMPLIFIER, { v: "x".repeat(2000) });
    const run = await runJob(h, job, 0);
    const sent = h.exec.chats[0]?.message ?? "";
    expect(bytes(sent)).toBe(32 * 1024);
    expect(sent.endsWith("x…")).toBe(true);
    expect(run).toMatchObject({ status: "succeeded", renderedMessage: sent });
    expect(run.warnings).toEqual(["The rendered message was longer than 32,768 bytes (limits.maxRenderedMessageBytes) and was cut to that size."]);
  });

  it("uses limits.maxRenderedMessageBytes and never splits a surrogate pair", async () => {
    const h = planner({ maxRenderedMessageBytes: 4096 });
    const job = await chatJob(h, AMPLIFIER, { v: `a${"😀".repeat(999)}` });
    const run = await runJob(h, job, 0);
    expect(bytes(run.renderedMessage)).toBeLessThanOrEqual(4096);
    expect(bytes(run.renderedMessage)).toBeGreaterThan(4090);
    expect(LONE_SURROGATE.test(run.renderedMessage ?? "")).toBe(false);
    expect(h.exec.chats[0]?.message).toBe(run.renderedMessage);
  });

  it("keeps 50 runs of the amplifying job under 2 MB of history", async () => {
    const h = planner();
    const job = await chatJob(h, AMPLIFIER, { v: "é".repeat(2000) });
    for (let minute = 0; minute < 50; minute++) {
      h.clock.set(new Date(Date.parse("2026-11-30T08:00:01.000Z") + minute * 60_000).toISOString());
      expect(bytes(await runJob(h, job, minute))).toBeLessThan(34 * 1024);
    }
    const history = await h.store.listRuns("agent-1", { kind: "job", id: job.id }, { limit: 100 });
    expect(history.items).toHaveLength(50);
    expect(bytes(history.items)).toBeLessThan(2 * 1024 * 1024);
  });
});

describe("every stored run field is bounded", () => {
  it("stores a summary of a workflow input too large to keep, while the workflow gets all of it", async () => {
    const h = planner();
    const { event, subject } = await withTrigger(h, { type: "workflow", workflowId: "wf_triage" }, { body: `"é\\${"é".repeat(60_000)}` });
    const run = await executeRun(h.planner.deps, subject, noSleep);
    expect(h.exec.workflows[0]?.input).toEqual(event.data);
    expect(run.status).toBe("succeeded");
    expect(run.input).toMatchObject({ truncated: true, bytes: bytes(event.data) });
    expect((run.input as { preview: string }).preview).toMatch(/^\{"body":"\\"é\\\\éé/);
    expect(bytes(run.input)).toBeLessThanOrEqual(32 * 1024);
    expect(run.warnings).toEqual([expect.stringContaining("more than the 32,768 bytes kept on a run (limits.maxStoredInputBytes)")]);
  });

  it("keeps an input that fits as it is", async () => {
    const h = planner();
    const { event, subject } = await withTrigger(h, { type: "workflow", workflowId: "wf_triage" }, { subject: "Invoice 42" });
    expect((await executeRun(h.planner.deps, subject, noSleep)).input).toEqual(event.data);
  });

  it("cuts each rendered input field at maxRenderedMessageBytes, with a warning naming the fields", async () => {
    const h = planner();
    const { subject } = await withTrigger(
      h,
      { type: "workflow", workflowId: "wf_triage", input: { mode: "fields", fields: { body: "{eventData.body}{eventData.body}", subject: "{eventData.subject}" } } },
      { body: "b".repeat(20_000), subject: "Hi" },
    );
    const run = await executeRun(h.planner.deps, subject, noSleep);
    const sent = h.exec.workflows[0]?.input as Record<string, string>;
    expect(bytes(sent.body)).toBe(32 * 1024);
    expect(sent.subject).toBe("Hi");
    // The cut field alone still fills the stored-input bound, so the run keeps a summary of the input too.
    expect(run.warnings).toEqual([
      "Input field body rendered longer than 32,768 bytes (limits.maxRenderedMessageBytes) and was cut to that size.",
      expect.stringContaining("(limits.maxStoredInputBytes)"),
    ]);
  });

  it("bounds the error, and the warnings however many variables are missing", async () => {
    const h = planner();
    const missing = Array.from({ length: 1400 }, (_, i) => `{m${i}}`).join("");
    const job = await chatJob(h, missing);
    h.exec.fail(`💥${"💥".repeat(20_000)}`);
    const run = await runJob(h, job, 0);
    expect(run.status).toBe("failed");
    expect(bytes(run.error)).toBeLessThanOrEqual(2048);
    expect(LONE_SURROGATE.test(run.error ?? "")).toBe(false);
    expect(run.warnings).toHaveLength(1);
    expect(run.warnings?.[0]).toMatch(/^Missing variables: \{m0\}, \{m1\}, .*…$/);
    expect(bytes(run.warnings)).toBeLessThanOrEqual(1100);
    const summary = (await h.store.get("agent-1")).jobs[0]?.state.lastRun;
    expect(bytes(summary?.error)).toBeLessThanOrEqual(2048);
  });

  it("does not keep an event larger than maxQueuedEventBytes on the queued run, and says what that means", async () => {
    const h = planner({ maxQueuedEventBytes: 64 * 1024 });
    const large = await withTrigger(h, { type: "chat", template: "{emailSubject}" }, { subject: "Big", body: "x".repeat(100_000) });
    const { run: queued } = await enqueueRun(h.planner.deps, large.subject);
    expect(queued.event).toBeUndefined();
    expect(queued.warnings).toEqual([expect.stringContaining("more than the 65,536 bytes kept on a queued run (limits.maxQueuedEventBytes)")]);
    // The run itself still runs with the whole event, from the request.
    expect(await executeRun(h.planner.deps, large.subject, noSleep)).toMatchObject({ status: "succeeded", renderedMessage: "Big" });

    const small = await withTrigger(h, { type: "chat", template: "{emailSubject}" }, { subject: "Small" });
    const smallSubject = { ...small.subject, runId: "run_bounds0002" };
    expect((await enqueueRun(h.planner.deps, smallSubject)).run.event).toEqual(small.event);
  });
});

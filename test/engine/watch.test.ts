import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { InngestTestEngine } from "@inngest/test";
import { afterEach, describe, expect, it, vi } from "vitest";
import { PermanentError } from "../../src/server/errors";
import { createPlannerFunctions } from "../../src/server/inngest";
import { createInngestRoute } from "../../src/server/next/inngest-route";
import { ROUTE_URL, driveRun, failureEvent } from "../inngest/executor";
import type { Planner } from "../../src/server/planner";
import type { PlannerStore } from "../../src/server/store";
import { NOTIFICATION_SIGNATURE_HEADER, verifyNotificationSignature } from "../../src/server/watch";
import type { PlannerNotification, PlannerNotificationOptions } from "../../src/server/watch/types";
import { findSilentTriggers } from "../../src/server/overview/silent";
import type { ComposioGateway } from "../../src/server/composio/types";
import { PLANNER_EVENTS, type JobRunRequest } from "../../src/shared/events";
import type { Trigger } from "../../src/shared/schemas";
import { Run } from "../../src/shared/schemas";
import { makeTrigger } from "../../src/testing/fixtures";
import { testPlanner } from "../helpers/planner";
import { inngestHarness } from "../inngest/helpers";
import { schedulerHarness } from "../scheduler/harness";

/** Every notification, by type, as the callbacks received them. */
function recorder() {
  const received: PlannerNotification[] = [];
  const push = (notification: PlannerNotification) => {
    received.push(notification);
  };
  const options: PlannerNotificationOptions = { onRunFailed: push, onAutoPaused: push, onConnectionBroken: push, onOverdue: push, onRecovered: push };
  return { received, options, types: () => received.map((n) => `${n.item.id}:${n.type}`) };
}

function recordingLog() {
  const warnings: Array<[string, Record<string, unknown> | undefined]> = [];
  return { warnings, logger: { debug() {}, info() {}, error() {}, warn: (message: string, fields?: Record<string, unknown>) => void warnings.push([message, fields]) } };
}

async function settled(planner: Planner) {
  await planner.deps.watch?.settled();
}

const servers: Array<{ close(): void }> = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

/** A local HTTP receiver for the signed notification webhook. */
async function webhookReceiver() {
  const bodies: Array<{ body: string; signature: string | undefined; event: string | undefined }> = [];
  const server = createServer((req: IncomingMessage, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      bodies.push({ body, signature: req.headers[NOTIFICATION_SIGNATURE_HEADER] as string | undefined, event: req.headers["x-planner-event"] as string | undefined });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, bodies };
}

async function attention(caller: ReturnType<ReturnType<typeof testPlanner>["caller"]>) {
  return (await caller.overview({ agentId: "agent-1" })).attention.items.map((item) => ({ id: item.id, problem: item.problem }));
}

describe("in-process scheduler: overdue and notifications", () => {
  it("flags a job overdue past the 2-minute grace when no scheduler runs, notifies once, and recovers once it ran", async () => {
    const r = recorder();
    const h = schedulerHarness({ start: "2026-12-01T08:30:00.000Z", planner: r.options });
    const job = await h.createJob("agent-1", { schedule: { cron: "0 * * * *", timezone: "UTC" } });

    // The scheduler was never started: nothing claims the 09:00 occurrence.
    await h.sim.runUntil("2026-12-01T09:01:59.000Z");
    expect(await attention(h.caller())).toEqual([]);
    await h.sim.runUntil("2026-12-01T09:02:01.000Z");
    const items = (await h.caller().overview({ agentId: "agent-1" })).attention.items;
    expect(items).toMatchObject([{ id: job.id, problem: "overdue", cause: "overdue", expectedAt: "2026-12-01T09:00:00.000Z", action: "runNow" }]);
    await settled(h.planner);
    await h.caller().overview({ agentId: "agent-1" });
    await settled(h.planner);
    expect(r.types()).toEqual([`${job.id}:overdue`]);
    expect(r.received[0]).toMatchObject({ agentId: "agent-1", item: { kind: "job", id: job.id, name: job.name }, expectedAt: "2026-12-01T09:00:00.000Z" });

    await h.scheduler.start();
    await h.sim.runUntil("2026-12-01T09:03:00.000Z");
    await settled(h.planner);
    expect(await attention(h.caller())).toEqual([]);
    expect(r.types()).toEqual([`${job.id}:overdue`, `${job.id}:recovered`]);
    expect(r.received[1]).toMatchObject({ type: "recovered", problems: ["overdue"], run: { status: "succeeded" } });
    await h.scheduler.stop();
  });

  it("notifies a failing job once per episode (not per run or retry), its auto-pause once, and its recovery once; a throwing callback breaks nothing", async () => {
    const r = recorder();
    const log = recordingLog();
    const failed = vi.fn((n: PlannerNotification) => {
      r.received.push(n);
      throw new Error("the mail server is down");
    });
    const h = schedulerHarness({
      start: "2026-12-01T08:30:00.000Z",
      limits: { autoPauseAfter: 3 },
      scheduler: { maxAttempts: 2, backoffMs: () => 1_000 },
      planner: { ...r.options, onRunFailed: failed, logger: log.logger },
    });
    const job = await h.createJob("agent-1", { schedule: { cron: "0 * * * *", timezone: "UTC" } });
    h.exec.behave(() => Promise.reject(new Error("The chat service is down.")));
    await h.scheduler.start();

    await h.sim.runUntil("2026-12-01T11:30:00.000Z");
    await settled(h.planner);
    const stored = (await h.store.get("agent-1")).jobs[0]!;
    expect(stored.enabled).toBe(false);
    expect(stored.state.consecutiveFailures).toBe(3);
    // Three failed runs, each tried several times: one onRunFailed, one onAutoPaused.
    expect(h.exec.calls.length).toBeGreaterThan(3);
    expect(r.types()).toEqual([`${job.id}:runFailed`, `${job.id}:autoPaused`]);
    expect(failed).toHaveBeenCalledTimes(1);
    expect(log.warnings.some(([message, fields]) => message.includes("notification callback failed") && String(fields?.error).includes("the mail server is down"))).toBe(true);

    // A restarted planner on the same store does not notify the open episode again.
    const restarted = testPlanner({ store: h.store, clock: h.sim.clock, ...r.options, onRunFailed: failed }, "2026-12-01T11:30:00.000Z");
    await restarted.planner.deps.watch?.agent("agent-1");
    await settled(restarted.planner);
    expect(r.types()).toHaveLength(2);

    h.exec.behave(() => Promise.resolve());
    await h.caller().jobs.resume({ agentId: "agent-1", jobId: job.id });
    h.scheduler.wake();
    await h.sim.runUntil("2026-12-01T12:30:00.000Z");
    await settled(h.planner);
    expect(r.types()).toEqual([`${job.id}:runFailed`, `${job.id}:autoPaused`, `${job.id}:recovered`]);
    expect(r.received[2]).toMatchObject({ type: "recovered", problems: ["runFailed", "autoPaused"] });
    expect((await h.store.get("agent-1")).jobs[0]?.state.watch).toBeUndefined();
    await h.scheduler.stop();
  });

  it("bounds a slow callback: the run is recorded, the callback is abandoned after notifyTimeoutMs and logged", async () => {
    const log = recordingLog();
    const h = schedulerHarness({
      start: "2026-12-01T08:30:00.000Z",
      planner: { onRunFailed: () => new Promise<void>(() => undefined), notifyTimeoutMs: 50, logger: log.logger },
    });
    const job = await h.createJob("agent-1", { schedule: { cron: "0 * * * *", timezone: "UTC" } });
    h.exec.behave(() => Promise.reject(new PermanentError("No such workflow.")));
    await h.scheduler.start();
    await h.sim.runUntil("2026-12-01T09:00:30.000Z");
    expect((await h.store.get("agent-1")).jobs[0]?.state.lastRun).toMatchObject({ status: "failed" });
    await settled(h.planner);
    expect(log.warnings.some(([, fields]) => String(fields?.error).includes("did not finish within 50 ms"))).toBe(true);
    expect(job.id).toMatch(/^job_/);
    await h.scheduler.stop();
  });

  it("two planners sharing a store notify a broken connection and its recovery once between them", async () => {
    const r = recorder();
    const first = testPlanner({ ...r.options });
    const second = testPlanner({ ...r.options, store: first.store });
    const trigger = makeTrigger(1, "ti_one");
    await first.store.update("agent-1", (planner) => ({ ...planner, triggers: [trigger] }));
    await first.store.setConnectionError("agent-1", trigger.id, "The Gmail account expired.");

    await Promise.all([first.planner.deps.watch?.agent("agent-1"), second.planner.deps.watch?.agent("agent-1"), first.planner.deps.watch?.agent("agent-1")]);
    await Promise.all([settled(first.planner), settled(second.planner)]);
    expect(r.types()).toEqual([`${trigger.id}:connectionBroken`]);
    expect(r.received[0]).toMatchObject({ reason: "The Gmail account expired.", item: { kind: "trigger", toolkit: "gmail" } });

    await first.store.setConnectionError("agent-1", trigger.id, null);
    await Promise.all([second.planner.deps.watch?.agent("agent-1"), first.planner.deps.watch?.agent("agent-1")]);
    await Promise.all([settled(first.planner), settled(second.planner)]);
    expect(r.types()).toEqual([`${trigger.id}:connectionBroken`, `${trigger.id}:recovered`]);
  });
});

const cronEvent = { name: "inngest/scheduled.timer", data: { cron: "* * * * *" } };

function plannerFunction(planner: Planner, id: string) {
  const fn = createPlannerFunctions(planner).find((f) => f.id() === id);
  if (!fn) throw new Error(`no function ${id}`);
  return fn;
}

function jobDue(request: JobRunRequest) {
  return { name: PLANNER_EVENTS.jobDue, id: request.runId, data: request };
}

describe("Inngest: overdue and notifications", () => {
  it("flags an overdue job while no tick runs, posts signed notifications once per episode (not per retry) and recovers", async () => {
    const hook = await webhookReceiver();
    const r = recorder();
    const secret = "whsec_test_0123456789abcdef";
    const h = inngestHarness("2026-11-30T07:50:00.000Z", undefined, { ...r.options, notifyWebhook: { url: hook.url, secret } });
    const job = await h.createJob();
    expect(job.state.nextRunAt).toBe("2026-11-30T08:00:00.000Z");

    // No tick reached the app (the Inngest route is not synced): overdue on read, 2 minutes after the occurrence.
    h.clock.set("2026-11-30T08:01:30.000Z");
    expect(await attention(h.caller())).toEqual([]);
    h.clock.set("2026-11-30T08:02:30.000Z");
    expect(await attention(h.caller())).toEqual([{ id: job.id, problem: "overdue" }]);
    await settled(h.planner);
    expect(r.types()).toEqual([`${job.id}:overdue`]);
    expect(hook.bodies).toHaveLength(1);
    const delivery = hook.bodies[0]!;
    expect(delivery.event).toBe("overdue");
    expect(verifyNotificationSignature({ body: delivery.body, header: delivery.signature, secret, now: h.clock.now() })).toBe(true);
    expect(verifyNotificationSignature({ body: delivery.body.replace("overdue", "recovered"), header: delivery.signature, secret, now: h.clock.now() })).toBe(false);
    expect(verifyNotificationSignature({ body: delivery.body, header: delivery.signature, secret, now: new Date(h.clock.now().getTime() + 10 * 60_000) })).toBe(false);
    expect(JSON.parse(delivery.body)).toMatchObject({ type: "overdue", agentId: "agent-1", item: { id: job.id }, expectedAt: "2026-11-30T08:00:00.000Z" });

    // The tick dispatches it (and checks episodes): queued is not run yet, still the same episode.
    const tick = await new InngestTestEngine({ function: plannerFunction(h.planner, "planner-tick"), events: [cronEvent] }).execute();
    expect(tick.error).toBeUndefined();
    await settled(h.planner);
    expect(r.types()).toEqual([`${job.id}:overdue`]);

    // Inngest retries a failing run (through the signed route): the attempts notify nothing, the final failure once.
    const route = createInngestRoute({ planner: h.planner, serveOrigin: new URL(ROUTE_URL).origin });
    h.exec.fail("The chat service is down.");
    const request: JobRunRequest = { runId: `${job.id}@2026-11-30T08:00:00.000Z`, agentId: "agent-1", jobId: job.id, cause: "schedule", scheduledFor: "2026-11-30T08:00:00.000Z", scheduleRevision: 1 };
    const failed = await driveRun(route.POST, "planner-run-job", jobDue(request));
    expect(failed).toMatchObject({ outcome: "failed", steps: ["start", "execute:retry", "execute:retry", "execute:retry", "execute:failed"] });
    await settled(h.planner);
    expect(r.types()).toEqual([`${job.id}:overdue`]);
    if (failed.outcome !== "failed") throw new Error("unreachable");
    await driveRun(route.POST, "planner-run-job-failure", failureEvent("planner-run-job", jobDue(request), failed.error));
    await settled(h.planner);
    expect((await h.store.getRun("agent-1", request.runId))?.status).toBe("failed");
    expect(r.types()).toEqual([`${job.id}:overdue`, `${job.id}:runFailed`]);

    h.exec.fail(null);
    h.clock.set("2026-12-01T08:00:05.000Z");
    const next = { ...request, runId: `${job.id}@2026-12-01T08:00:00.000Z`, scheduledFor: "2026-12-01T08:00:00.000Z" };
    expect(await driveRun(route.POST, "planner-run-job", jobDue(next))).toMatchObject({ outcome: "completed" });
    await settled(h.planner);
    expect(r.types()).toEqual([`${job.id}:overdue`, `${job.id}:runFailed`, `${job.id}:recovered`]);
    expect(hook.bodies.map((b) => b.event)).toEqual(["overdue", "runFailed", "recovered"]);
  });
});

/** Stores `count` fired deliveries of a trigger, `gapMs` apart, the last at `last`. */
async function deliveries(store: PlannerStore, trigger: Trigger, last: string, count: number, gapMs: number) {
  for (let i = 0; i < count; i++) {
    const createdAt = new Date(Date.parse(last) - (count - 1 - i) * gapMs).toISOString();
    await store.appendRun(Run.parse({ id: `run_${trigger.id.slice(4)}${String(i).padStart(4, "0")}`, agentId: "agent-1", owner: { kind: "trigger", id: trigger.id }, cause: "event", createdAt, status: "succeeded", attempts: 1, finishedAt: createdAt }));
  }
}

describe.each([
  ["in-process", () => schedulerHarness({ start: "2026-12-01T08:00:00.000Z" })],
  ["Inngest", () => inngestHarness("2026-12-01T08:00:00.000Z")],
] as const)("silent triggers (%s)", (_driver, make) => {
  it("learns a trigger's usual gap from its deliveries and flags it after 3× that, never before 24 hours", async () => {
    const h = make();
    const clock = "sim" in h ? (iso: string) => h.sim.runUntil(iso) : (iso: string) => Promise.resolve(h.clock.set(iso));
    const hourly = { ...makeTrigger(1, "ti_hourly"), name: "Hourly mail" };
    const daily = { ...makeTrigger(2, "ti_daily"), name: "Daily digest" };
    const sparse = { ...makeTrigger(3, "ti_sparse"), name: "Two events" };
    await h.store.update("agent-1", (planner) => ({ ...planner, triggers: [hourly, daily, sparse] }));
    await deliveries(h.store, hourly, "2026-12-01T08:00:00.000Z", 10, 60 * 60_000);
    await deliveries(h.store, daily, "2026-12-01T08:00:00.000Z", 5, 24 * 60 * 60_000);
    await deliveries(h.store, sparse, "2026-12-01T08:00:00.000Z", 2, 60 * 60_000);

    // Hourly: 3 hours of silence is 3× its gap, but the minimum is 24 hours.
    await clock("2026-12-01T20:00:00.000Z");
    expect(await attention(h.caller())).toEqual([]);
    await clock("2026-12-02T08:01:00.000Z");
    const items = (await h.caller().overview({ agentId: "agent-1" })).attention.items;
    expect(items.map((item) => [item.name, item.problem])).toEqual([["Hourly mail", "silent"]]);
    expect(items[0]).toMatchObject({ cause: "silent", action: "reconnect", fixes: ["reconnect", "sendTest", "checkFilter"], usualGapMs: 60 * 60_000, lastEventAt: "2026-12-01T08:00:00.000Z" });
    expect(items[0]?.reason).toContain("usually gets one every 1 hours");
    // Daily: silent only after 3 days; two deliveries are too few to learn from.
    await clock("2026-12-04T08:01:00.000Z");
    expect((await attention(h.caller())).map((item) => item.id)).toEqual([hourly.id, daily.id]);
  });
});

describe("silent polling triggers", () => {
  it("flags a polling trigger that never delivered 24 hours after it was created, not a webhook one", async () => {
    const t = testPlanner({}, "2026-12-01T08:00:00.000Z");
    const polled = { ...makeTrigger(1, "ti_poll"), createdAt: "2026-11-30T07:00:00.000Z", source: { toolkit: "gmail", triggerSlug: "GMAIL_NEW_GMAIL_MESSAGE", config: {} } };
    const pushed = { ...makeTrigger(2, "ti_push"), createdAt: "2026-11-30T07:00:00.000Z", source: { toolkit: "github", triggerSlug: "GITHUB_PULL_REQUEST_EVENT", config: {} } };
    const fresh = { ...makeTrigger(3, "ti_fresh"), createdAt: "2026-12-01T07:00:00.000Z" };
    // Only the trigger type's delivery kind is read.
    const composio = { getTriggerType: (slug: string) => Promise.resolve({ type: slug.startsWith("GMAIL") ? "poll" : "webhook" }) } as unknown as ComposioGateway;
    const found = await findSilentTriggers(t.store, "agent-1", [polled, pushed, fresh], new Date("2026-12-01T08:00:00.000Z"), composio);
    expect(found.map((entry) => entry.trigger.id)).toEqual([polled.id]);
  });
});

describe("notification options", () => {
  it("are checked at createPlanner: a callback that is not a function, a webhook without an http(s) URL or a short secret", () => {
    expect(() => testPlanner({ onRunFailed: "email me" as never })).toThrow("createPlanner: `onRunFailed` must be a function (notification) => void.");
    expect(() => testPlanner({ notifyWebhook: { url: "ftp://ops.example.com", secret: "0123456789abcdef" } })).toThrow("createPlanner: `notifyWebhook.url` must be an http(s) URL.");
    expect(() => testPlanner({ notifyWebhook: { url: "https://ops.example.com/hook", secret: "short" } })).toThrow("`notifyWebhook.secret` must be a string of at least 16 characters");
    expect(() => testPlanner({ notifyTimeoutMs: 0 })).toThrow("`notifyTimeoutMs` must be from 1 to 120,000 milliseconds");
    expect(testPlanner({ notifyWebhook: { url: "https://ops.example.com/hook", secret: "0123456789abcdef" } }).planner.deps.watch?.enabled).toBe(true);
    expect(testPlanner().planner.deps.watch?.enabled).toBe(false);
  });
});

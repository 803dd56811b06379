import { Inngest } from "inngest";
import { describe, expect, it, vi } from "vitest";
import { createInngestClient } from "../../src/server/inngest";
import { createInngestRoute } from "../../src/server/next/inngest-route";
import { PlannerConfigError } from "../../src/server/planner";
import { PLANNER_EVENTS, type JobRunRequest } from "../../src/shared/events";
import { recordingLogger as plannerLog, type LogRecord } from "../helpers/logger";
import { testPlanner } from "../helpers/planner";
import { ROUTE_URL, driveRun, failureEvent, functionCall, type DeliveredEvent } from "./executor";
import { APP_ID, EVENT_KEY, SIGNING_KEY, fakeInngestApi, hashedStepId, inngestHarness, inngestSignature, recordingLogger } from "./helpers";

const cronEvent: DeliveredEvent = { name: "inngest/scheduled.timer", data: { cron: "* * * * *" } };

function dueEvent(request: JobRunRequest): DeliveredEvent {
  return { name: PLANNER_EVENTS.jobDue, id: request.runId, data: request };
}

/** A planner with one job due at 09:00 Paris (08:00 UTC), the clock just past it, and the route. */
async function dueJobRoute() {
  const h = inngestHarness("2026-11-30T07:50:00.000Z");
  const job = await h.createJob();
  h.clock.set("2026-11-30T08:00:30.000Z");
  const route = createInngestRoute({ planner: h.planner, serveOrigin: new URL(ROUTE_URL).origin });
  const request: JobRunRequest = {
    runId: `${job.id}@2026-11-30T08:00:00.000Z`,
    agentId: "agent-1",
    jobId: job.id,
    cause: "schedule",
    scheduledFor: "2026-11-30T08:00:00.000Z",
    scheduleRevision: 1,
  };
  return { ...h, ...route, job, request };
}

/** Every method answers 503 with the sentence, and the sentence is logged once (not at creation: `next build` loads routes). */
async function expectNotConfigured(route: ReturnType<typeof createInngestRoute>, records: LogRecord[], sentence: string) {
  expect(records).toEqual([]);
  for (const method of ["GET", "POST", "PUT"] as const) {
    const response = await route[method](new Request(ROUTE_URL, { method, ...(method === "GET" ? {} : { body: "{}" }) }));
    expect(response.status, method).toBe(503);
    expect(((await response.json()) as { error: string }).error).toBe(`Inngest is not configured: ${sentence}`);
  }
  expect(records).toEqual([{ level: "warn", text: "inngest route: not configured, answering 503", fields: { problem: sentence } }]);
}

describe("createInngestRoute: configuration", () => {
  it("still requires the planner (a mistake in code, not a missing setting)", () => {
    expect(() => createInngestRoute({} as never)).toThrow(PlannerConfigError);
  });

  it("answers 503 for a planner without an Inngest client, and builds", async () => {
    const log = plannerLog();
    const { planner } = testPlanner({ logger: log.logger });
    await expectNotConfigured(
      createInngestRoute({ planner }),
      log.records,
      "createInngestRoute: the planner has no Inngest client. Pass `inngest: { client }` to createPlanner (e.g. client: createInngestClient({ id })) to run jobs on Inngest.",
    );
  });

  it("answers 503 for a cloud-mode client without a signing key, naming the setting", async () => {
    const log = plannerLog();
    const h = inngestHarness(undefined, {});
    expect(h.client.mode).toBe("cloud");
    const planner = { ...h.planner, deps: { ...h.planner.deps, logger: log.logger } };
    await expectNotConfigured(
      createInngestRoute({ planner }),
      log.records,
      "createInngestRoute: the Inngest client has no signingKey. Pass `signingKey` to new Inngest({ … }) or createInngestClient({ … }) (INNGEST_SIGNING_KEY in the host's env), or use isDev: true for local development.",
    );
  });

  it("answers 503 for a plain new Inngest() in cloud mode without a signing key too", async () => {
    const client = new Inngest({ id: "host-app", isDev: false, logger: recordingLogger().logger });
    const log = plannerLog();
    const { planner } = testPlanner({ inngest: { client }, logger: log.logger });
    const response = await createInngestRoute({ planner }).PUT(new Request(ROUTE_URL, { method: "PUT" }));
    expect(response.status).toBe(503);
    expect(((await response.json()) as { error: string }).error).toMatch(/has no signingKey/);
  });

  it("answers 503 for something that is not an Inngest client (for hosts without types)", async () => {
    const log = plannerLog();
    const h = inngestHarness();
    const notAClient = { send() {} } as unknown as Inngest;
    const planner = { ...h.planner, deps: { ...h.planner.deps, inngest: { client: notAClient }, logger: log.logger } };
    await expectNotConfigured(
      createInngestRoute({ planner }),
      log.records,
      "createInngestRoute: `inngest.client` is not an Inngest client (expected new Inngest({ id }) or createInngestClient({ id })).",
    );
  });

  it("answers 503 for a cloud-mode route without serveOrigin, or with one that is not an origin, naming the option", async () => {
    const h = inngestHarness();
    expect(h.client.mode).toBe("cloud");
    const log = plannerLog();
    const planner = { ...h.planner, deps: { ...h.planner.deps, logger: log.logger } };
    const missing = await createInngestRoute({ planner }).POST(new Request(ROUTE_URL, { method: "POST", body: "{}" }));
    expect(missing.status).toBe(503);
    expect(((await missing.json()) as { error: string }).error).toContain(
      'createInngestRoute: `serveOrigin` is required in cloud mode, e.g. createInngestRoute({ planner, serveOrigin: "https://app.example.com" })',
    );
    for (const bad of ["app.example.com", "ftp://app.example.com", "https://app.example.com/api/inngest", "https://user:pw@app.example.com"]) {
      const response = await createInngestRoute({ planner, serveOrigin: bad }).GET(new Request(ROUTE_URL));
      expect(response.status, bad).toBe(503);
      expect(((await response.json()) as { error: string }).error, bad).toContain("`serveOrigin` must be an http(s) origin");
    }
  });

  it("starts without a signing key in dev mode", () => {
    const h = inngestHarness(undefined, { isDev: true });
    const route = createInngestRoute({ planner: h.planner });
    expect(Object.keys(route).sort()).toEqual(["GET", "POST", "PUT"]);
  });
});

describe("createInngestRoute: requests from Inngest", () => {
  it("answers 401 to an unsigned call and runs nothing", async () => {
    const r = await dueJobRoute();
    const res = await r.POST(functionCall("planner-tick", cronEvent, { signature: null }));
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ message: "Unauthorized" });
    expect(r.api.sent).toEqual([]);
    expect((await r.store.get("agent-1")).jobs[0]?.state.nextRunAt).toBe("2026-11-30T08:00:00.000Z");
  });

  it("answers 401 to a call signed with another key", async () => {
    const r = await dueJobRoute();
    const res = await r.POST(functionCall("planner-tick", cronEvent, { signingKey: `signkey-test-${"0".repeat(64)}` }));
    expect(res.status).toBe(401);
    expect(r.api.sent).toEqual([]);
  });

  it("answers 401 when the body was changed after signing", async () => {
    const r = await dueJobRoute();
    const otherBody = { event: { name: "something/else", data: {} } };
    const res = await r.POST(functionCall("planner-tick", cronEvent, { signature: inngestSignature(otherBody, SIGNING_KEY) }));
    expect(res.status).toBe(401);
    expect(r.api.sent).toEqual([]);
  });

  it("answers 401 to a signature older than 5 minutes (replay)", async () => {
    const r = await dueJobRoute();
    const signedEarlier = (body: unknown) => inngestSignature(body, SIGNING_KEY, new Date(Date.now() - 6 * 60_000));
    const call = functionCall("planner-tick", cronEvent, { signature: "placeholder" });
    const body: unknown = await call.clone().json();
    const res = await r.POST(new Request(call.url, { method: "POST", headers: { "x-inngest-signature": signedEarlier(body) }, body: JSON.stringify(body) }));
    expect(res.status).toBe(401);
    expect(r.api.sent).toEqual([]);
  });

  it("runs a correctly signed planner-tick: the due job is dispatched and nextRunAt advanced", async () => {
    const r = await dueJobRoute();

    const res = await r.POST(functionCall("planner-tick", cronEvent));

    expect(res.status).toBe(206);
    expect(await res.json()).toEqual([
      expect.objectContaining({ id: hashedStepId("dispatch-due-jobs"), op: "StepRun", data: { due: 1, dispatched: 1, missed: 0 } }),
    ]);
    // Inngest checks that the answer comes from the app that holds the key.
    expect(res.headers.get("x-inngest-signature")).toMatch(/^t=\d+&s=[0-9a-f]{64}$/);
    expect(r.api.sent).toEqual([expect.objectContaining({ id: r.request.runId, name: "planner/job.due", data: r.request })]);
    expect(r.api.urls).toEqual(["https://inn.gs/e/test-event-key"]);
    expect((await r.store.get("agent-1")).jobs[0]?.state.nextRunAt).toBe("2026-12-01T08:00:00.000Z");
  });

  it("runs planner-run-job request by request like Inngest does, with steps replayed from JSON", async () => {
    const r = await dueJobRoute();

    const result = await driveRun(r.POST, "planner-run-job", dueEvent(r.request));

    expect(result).toEqual({ outcome: "completed", output: { runId: r.request.runId, status: "succeeded" }, steps: ["start", "execute", "finish"], requests: 4 });
    expect(r.exec.chats.map((c) => c.message)).toEqual(["Good morning, Ada! It is Monday 09:00 in Europe/Paris."]);
    expect(await r.store.getRun("agent-1", r.request.runId)).toMatchObject({ status: "succeeded", attempts: 1, result: { threadId: "thread-1" } });
  });

  it("retries a failing executor, then onFailure records the final failure on the run and the job", async () => {
    const r = await dueJobRoute();
    r.exec.fail("The chat service is down.");
    const event = dueEvent(r.request);

    const result = await driveRun(r.POST, "planner-run-job", event);

    expect(result).toMatchObject({
      outcome: "failed",
      status: 400,
      error: { message: "The chat service is down." },
      steps: ["start", "execute:retry", "execute:retry", "execute:retry", "execute:failed"],
    });
    expect(r.exec.chats).toHaveLength(4);
    expect(await r.store.getRun("agent-1", r.request.runId)).toMatchObject({ status: "running", attempts: 4 });
    if (result.outcome !== "failed") throw new Error("unreachable");

    const failure = await driveRun(r.POST, "planner-run-job-failure", failureEvent("planner-run-job", event, result.error));

    expect(failure).toMatchObject({ outcome: "completed", steps: ["record-failure"] });
    expect(await r.store.getRun("agent-1", r.request.runId)).toMatchObject({
      status: "failed",
      attempts: 4,
      error: "The chat service is down.",
      finishedAt: "2026-11-30T08:00:30.000Z",
    });
    const job = (await r.store.get("agent-1")).jobs[0];
    expect(job?.state).toMatchObject({ consecutiveFailures: 1, lastRun: { runId: r.request.runId, status: "failed", error: "The chat service is down." } });
  });

  it("onFailure leaves a run that already finished alone", async () => {
    const r = await dueJobRoute();
    const event = dueEvent(r.request);
    await driveRun(r.POST, "planner-run-job", event);

    await driveRun(r.POST, "planner-run-job-failure", failureEvent("planner-run-job", event, { name: "Error", message: "late failure" }));

    expect(await r.store.getRun("agent-1", r.request.runId)).toMatchObject({ status: "succeeded" });
    expect((await r.store.get("agent-1")).jobs[0]?.state.consecutiveFailures).toBe(0);
  });

  it("onFailure records a run that failed before it could start", async () => {
    const r = await dueJobRoute();
    const event = dueEvent(r.request);

    await driveRun(r.POST, "planner-run-job-failure", failureEvent("planner-run-job", event, { name: "Error", message: "The agent catalog is unavailable." }));

    expect(await r.store.getRun("agent-1", r.request.runId)).toMatchObject({ status: "failed", attempts: 0, error: "The agent catalog is unavailable." });
    expect((await r.store.get("agent-1")).jobs[0]?.state.consecutiveFailures).toBe(1);
  });

  it("GET describes the app only to a signed caller", async () => {
    const r = await dueJobRoute();
    const unsigned = await r.GET(new Request(ROUTE_URL));
    expect(unsigned.status).toBe(401);

    const signed = await r.GET(new Request(ROUTE_URL, { headers: { "x-inngest-signature": inngestSignature("", SIGNING_KEY) } }));
    expect(signed.status).toBe(200);
    expect(await signed.json()).toMatchObject({ authentication_succeeded: true, app_id: "test-app", mode: "cloud", function_count: 5, has_signing_key: true });
  });

  it("an unsigned PUT naming another host registers serveOrigin, never that host", async () => {
    const r = await dueJobRoute();

    const res = await r.PUT(new Request("http://evil.example/api/inngest", { method: "PUT", headers: { host: "evil.example" } }));

    expect(res.status).toBe(200);
    expect(r.api.registrations.map((reg) => new URL(reg.body.url).origin)).toEqual(["https://app.example.com"]);
    expect(JSON.stringify(r.api.registrations)).not.toContain("evil.example");
    expect(r.api.urls.some((url) => url.includes("evil.example"))).toBe(false);
  });

  it("PUT syncs the functions with Inngest, authenticated with the hashed signing key", async () => {
    const r = await dueJobRoute();

    const res = await r.PUT(new Request(ROUTE_URL, { method: "PUT" }));

    expect(res.status).toBe(200);
    expect(r.api.registrations).toHaveLength(1);
    const [registration] = r.api.registrations;
    expect(registration?.authorization).toMatch(/^Bearer signkey-test-[0-9a-f]{64}$/);
    expect(registration?.authorization).not.toContain(SIGNING_KEY.slice("signkey-test-".length));
    const fns = Object.fromEntries(registration?.body.functions.map((f) => [f.id, f]) ?? []);
    expect(Object.keys(fns).sort()).toEqual([
      "test-app-planner-run-job",
      "test-app-planner-run-job-failure",
      "test-app-planner-run-trigger",
      "test-app-planner-run-trigger-failure",
      "test-app-planner-tick",
    ]);
    expect(fns["test-app-planner-tick"]).toMatchObject({ triggers: [{ cron: "* * * * *" }], singleton: { mode: "skip" } });
    expect(fns["test-app-planner-run-job"]).toMatchObject({
      triggers: [{ event: "planner/job.due" }],
      steps: { step: { retries: { attempts: 3 }, runtime: { type: "http", url: `${ROUTE_URL}?fnId=test-app-planner-run-job&stepId=step` } } },
    });
    expect(fns["test-app-planner-run-job"]).not.toHaveProperty("singleton");
    expect(fns["test-app-planner-run-trigger"]).toMatchObject({ triggers: [{ event: "planner/trigger.fired" }] });
  });
});

describe("createInngestRoute: the SDK's own messages", () => {
  it("go to the planner's logger: an unsigned call is one warning without a stack, nothing on the console", async () => {
    const records: { level: string; text: string; fields: Record<string, unknown> }[] = [];
    const at = (level: string) => (text: string, fields: Record<string, unknown> = {}) => void records.push({ level, text, fields });
    const api = fakeInngestApi();
    // No logger: the SDK would print to the console.
    const client = createInngestClient({ id: APP_ID, eventKey: EVENT_KEY, signingKey: SIGNING_KEY, fetch: api.fetch });
    const { planner } = testPlanner({ inngest: { client }, logger: { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") } });
    const route = createInngestRoute({ planner, serveOrigin: "https://app.example.com" });
    const consoleSpies = (["error", "warn", "info", "log", "debug"] as const).map((method) => vi.spyOn(console, method).mockImplementation(() => undefined));
    try {
      const res = await route.POST(functionCall("planner-tick", cronEvent, { signature: null }));
      expect(res.status).toBe(401);
      for (const spy of consoleSpies) expect(spy).not.toHaveBeenCalled();
    } finally {
      for (const spy of consoleSpies) spy.mockRestore();
    }
    expect(records).toEqual([{ level: "warn", text: "inngest: Signature validation failed", fields: { method: "POST", error: expect.any(String) as string } }]);
    expect(JSON.stringify(records)).not.toMatch(/\n\s+at /);
  });

  it("keep going to a logger the host gave the client", async () => {
    const r = await dueJobRoute();
    await r.POST(functionCall("planner-tick", cronEvent, { signature: null }));
    expect(r.sdkLog.lines.map((line) => line[1])).toContain("Signature validation failed");
  });
});

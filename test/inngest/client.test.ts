import type { Inngest } from "inngest";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createInngestClient, fetchWithTimeout, inngestDispatcher } from "../../src/server/inngest";
import { PlannerConfigError } from "../../src/server/planner";
import type { JobRunRequest, TriggerRunRequest } from "../../src/shared/events";
import { EVENT_KEY, fakeInngestApi, inngestHarness, recordingLogger } from "./helpers";

/** A fetch to an endpoint that accepts the connection and never answers (until aborted). */
const hangingFetch: typeof fetch = (_input, init) =>
  new Promise((_resolve, reject) => {
    init?.signal?.addEventListener("abort", () => reject(init.signal?.reason as Error));
  });

describe("createInngestClient", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("is in cloud mode unless the host says isDev, whatever INNGEST_DEV says", () => {
    vi.stubEnv("INNGEST_DEV", "1");
    expect(createInngestClient({ id: "app" }).mode).toBe("cloud");
    expect(createInngestClient({ id: "app", isDev: true }).mode).toBe("dev");
  });

  it("passes the keys and the base URL to the client", () => {
    const client = createInngestClient({ id: "app", signingKey: "signkey-prod-abc", eventKey: "evt", baseUrl: "https://inngest.internal/" });
    expect(client.id).toBe("app");
    expect(client.signingKey).toBe("signkey-prod-abc");
    expect(client.eventKey).toBe("evt");
    expect(client.apiBaseUrl).toBe("https://inngest.internal/");
  });

  it("refuses a missing id and a timeout that is not a positive number", () => {
    expect(() => createInngestClient({ id: "" })).toThrow(PlannerConfigError);
    expect(() => createInngestClient({ id: " " })).toThrow("createInngestClient: `id` is required");
    expect(() => createInngestClient({ id: "app", fetchTimeoutMs: 0 })).toThrow("createInngestClient: `fetchTimeoutMs` must be a positive number of milliseconds, got 0.");
  });

  it("gives up on a hung Inngest endpoint instead of hanging send()", async () => {
    const client = createInngestClient({ id: "app", eventKey: EVENT_KEY, fetch: hangingFetch, fetchTimeoutMs: 20, logger: recordingLogger().logger });
    const started = Date.now();
    await expect(client.send({ name: "planner/job.due", data: {} })).rejects.toThrow(/Inngest did not answer within 20 ms/);
    // 5 attempts of 20 ms plus the SDK's backoff between them; without the timeout this never settles.
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe("fetchWithTimeout", () => {
  it("aborts a request that takes longer than the timeout, with an error the SDK reads as a network failure", async () => {
    const fetch = fetchWithTimeout(hangingFetch, 30);
    const error = await fetch("https://inn.gs/e/key").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe("fetch failed: Inngest did not answer within 30 ms.");
    expect((error as Error).cause).toMatchObject({ name: "TimeoutError" });
  });

  it("keeps the caller's own abort", async () => {
    const fetch = fetchWithTimeout(hangingFetch, 10_000);
    const controller = new AbortController();
    const pending = fetch("https://inn.gs/e/key", { signal: controller.signal });
    controller.abort(new Error("caller gave up"));
    await expect(pending).rejects.toThrow("caller gave up");
  });

  it("returns the response when it arrives in time", async () => {
    const fetch = fetchWithTimeout(() => Promise.resolve(new Response("ok")), 1_000);
    expect(await (await fetch("https://inn.gs/")).text()).toBe("ok");
  });
});

describe("inngestDispatcher", () => {
  const request: JobRunRequest = {
    runId: "job_abc123@2026-11-30T08:00:00.000Z",
    agentId: "agent-1",
    jobId: "job_abc123",
    cause: "schedule",
    scheduledFor: "2026-11-30T08:00:00.000Z",
    scheduleRevision: 1,
  };

  it("sends planner/job.due with the run id as the event id (Inngest dedupes it for 24 h)", async () => {
    const api = fakeInngestApi();
    const client = createInngestClient({ id: "app", eventKey: EVENT_KEY, fetch: api.fetch });
    await inngestDispatcher(client).dispatchJob(request);
    expect(api.sent).toEqual([{ id: request.runId, name: "planner/job.due", data: request, ts: expect.any(Number) as number }]);
  });

  it("sends planner/trigger.fired with the run id as the event id", async () => {
    const api = fakeInngestApi();
    const client = createInngestClient({ id: "app", eventKey: EVENT_KEY, fetch: api.fetch });
    const fired: TriggerRunRequest = {
      runId: "run_evt0001",
      agentId: "agent-1",
      triggerId: "trg_000001",
      cause: "event",
      event: { id: "msg_1", type: "GMAIL_NEW_GMAIL_MESSAGE", source: "gmail", time: "2026-11-30T08:00:00.000Z", data: { subject: "Hi" } },
    };
    await inngestDispatcher(client).dispatchTrigger(fired);
    expect(api.sent).toEqual([expect.objectContaining({ id: "run_evt0001", name: "planner/trigger.fired", data: fired })]);
  });

  it("validates the request against the shared schema before sending", async () => {
    const api = fakeInngestApi();
    const client = createInngestClient({ id: "app", eventKey: EVENT_KEY, fetch: api.fetch });
    await expect(inngestDispatcher(client).dispatchJob({ ...request, scheduledFor: "tomorrow" })).rejects.toThrow(/scheduledFor/);
    expect(api.sent).toEqual([]);
  });

  it("records the run as queued once Inngest accepted it", async () => {
    const h = inngestHarness();
    const job = await h.createJob();
    const run = { ...request, jobId: job.id, runId: `${job.id}@2026-11-30T08:00:00.000Z` };
    await inngestDispatcher(h.client, h.planner.deps).dispatchJob(run);
    expect(await h.store.getRun("agent-1", run.runId)).toMatchObject({ status: "queued", owner: { kind: "job", id: job.id }, scheduledFor: run.scheduledFor });
  });

  it("records nothing when the send fails, so no queued run is left behind", async () => {
    const h = inngestHarness();
    const job = await h.createJob();
    h.api.fail(500);
    const run = { ...request, jobId: job.id, runId: `${job.id}@2026-11-30T08:00:00.000Z` };
    await expect(inngestDispatcher(h.client, h.planner.deps).dispatchJob(run)).rejects.toThrow();
    expect(await h.store.getRun("agent-1", run.runId)).toBeNull();
  });

  it("refuses something that is not an Inngest client (for callers without types)", () => {
    expect(() => inngestDispatcher({} as unknown as Inngest)).toThrow(PlannerConfigError);
    expect(() => inngestDispatcher(undefined as unknown as Inngest)).toThrow(/has no Inngest client/);
  });
});

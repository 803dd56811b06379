/**
 * CSRF: a page on another site can make a signed-in user's browser POST to the planner route with the user's
 * cookies (a `text/plain` form post needs no CORS preflight). The route refuses any mutation whose `Origin` is not
 * its own (or in `allowedOrigins`) and any whose `Sec-Fetch-Site` says another site, before anything is read or
 * changed; a request with neither header (curl, server-to-server) is not a browser's cross-site request.
 */
import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { createPlannerRoute, crossSiteMessage } from "../../src/server/next/trpc-route";
import { PlannerConfigError } from "../../src/server/planner";
import { recordingLogger } from "../helpers/logger";
import { testPlanner } from "../helpers/planner";

const ORIGIN = "https://app.example.com";
const EVIL = "https://evil.example";

const job = {
  agentId: "agent-1",
  name: "Morning brief",
  schedule: { cron: "0 7 * * 1-5", timezone: "Europe/Paris" },
  action: { type: "chat", template: "Good morning!" },
};

function setup(allowedOrigins?: string[]) {
  const log = recordingLogger();
  const t = testPlanner({ logger: log.logger });
  const route = createPlannerRoute({ planner: t.planner, endpoint: "/api/planner", ...(allowedOrigins ? { allowedOrigins } : {}) });
  const jobCount = async () => (await t.planner.deps.store.get("agent-1")).jobs.length;
  return { ...t, ...route, log, jobCount };
}

/** Each request creates a job of its own name: names are unique per agent, and the test is about the headers. */
let created = 0;
function createJob(headers: Record<string, string>, contentType = "application/json") {
  created += 1;
  return new Request(`${ORIGIN}/api/planner/jobs.create`, {
    method: "POST",
    headers: { "content-type": contentType, "x-user": "user-1", host: "app.example.com", ...headers },
    body: JSON.stringify(superjson.serialize({ ...job, name: `${job.name} ${created}` })),
  });
}

async function expectRefused(response: Response, origin: string | null) {
  expect(response.status).toBe(403);
  const body = (await response.json()) as { error: { json: { message: string; data: { code: string } } } };
  expect(body.error.json.message).toBe(crossSiteMessage(origin));
  expect(body.error.json.data.code).toBe("FORBIDDEN");
}

describe("createPlannerRoute: cross-site mutations (CSRF)", () => {
  it("refuses a cross-site POST and changes nothing", async () => {
    const t = setup();
    await expectRefused(await t.POST(createJob({ origin: EVIL, "sec-fetch-site": "cross-site" })), EVIL);
    expect(await t.jobCount()).toBe(0);
  });

  it("refuses a cross-site text/plain POST (a form post, no preflight) and changes nothing", async () => {
    const t = setup();
    await expectRefused(await t.POST(createJob({ origin: EVIL, "sec-fetch-site": "cross-site" }, "text/plain")), EVIL);
    // A browser older than Sec-Fetch-Site still sends Origin on a cross-site POST.
    await expectRefused(await t.POST(createJob({ origin: EVIL }, "text/plain;charset=UTF-8")), EVIL);
    expect(await t.jobCount()).toBe(0);
  });

  it("refuses a sibling subdomain (same-site, another origin), an opaque origin, and Sec-Fetch-Site alone", async () => {
    const t = setup();
    await expectRefused(await t.POST(createJob({ origin: "https://blog.example.com", "sec-fetch-site": "same-site" })), "https://blog.example.com");
    await expectRefused(await t.POST(createJob({ origin: "null", "sec-fetch-site": "cross-site" })), "null");
    await expectRefused(await t.POST(createJob({ "sec-fetch-site": "cross-site" })), null);
    await expectRefused(await t.POST(createJob({ "sec-fetch-site": "same-site" })), null);
    expect(await t.jobCount()).toBe(0);
  });

  it("refuses before the user is authenticated or the body is read", async () => {
    const t = setup();
    let authenticated = false;
    const planner = { ...t.planner, authenticate: () => ((authenticated = true), Promise.resolve({ userId: "user-1" })) };
    const route = createPlannerRoute({ planner, endpoint: "/api/planner" });
    await expectRefused(await route.POST(createJob({ origin: EVIL })), EVIL);
    expect(authenticated).toBe(false);
  });

  it("lets the route's own pages through (Origin or Sec-Fetch-Site), and callers that send neither header", async () => {
    const t = setup();
    expect((await t.POST(createJob({ origin: ORIGIN, "sec-fetch-site": "same-origin" }))).status).toBe(200);
    expect((await t.POST(createJob({ "sec-fetch-site": "same-origin" }))).status).toBe(200);
    expect((await t.POST(createJob({}))).status).toBe(200);
    expect(await t.jobCount()).toBe(3);
  });

  it("compares with the host a proxy passed on (X-Forwarded-Host) when the URL says another", async () => {
    const t = setup();
    const req = new Request("http://127.0.0.1:3000/api/planner/jobs.create", {
      method: "POST",
      headers: { "content-type": "application/json", "x-user": "user-1", origin: ORIGIN, "x-forwarded-host": "app.example.com", "sec-fetch-site": "same-origin" },
      body: JSON.stringify(superjson.serialize(job)),
    });
    expect((await t.POST(req)).status).toBe(200);
  });

  it("lets allowedOrigins through, even cross-site", async () => {
    const t = setup(["https://Admin.example.com/"]);
    expect((await t.POST(createJob({ origin: "https://admin.example.com", "sec-fetch-site": "cross-site" }))).status).toBe(200);
    await expectRefused(await t.POST(createJob({ origin: EVIL, "sec-fetch-site": "cross-site" })), EVIL);
    expect(await t.jobCount()).toBe(1);
  });

  it("leaves cross-site GETs (queries, no change) to tRPC", async () => {
    const t = setup();
    const input = encodeURIComponent(JSON.stringify(superjson.serialize({ agentId: "agent-1" })));
    const response = await t.GET(new Request(`${ORIGIN}/api/planner/jobs.list?input=${input}`, { headers: { "x-user": "user-1", origin: EVIL, "sec-fetch-site": "cross-site" } }));
    expect(response.status).toBe(200);
  });

  it("checks allowedOrigins when the route is created", () => {
    const { planner } = testPlanner();
    for (const bad of ["admin.example.com", "https://admin.example.com/path", "ftp://admin.example.com"]) {
      expect(() => createPlannerRoute({ planner, endpoint: "/api/planner", allowedOrigins: [bad] })).toThrow(PlannerConfigError);
    }
  });
});

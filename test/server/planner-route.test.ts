import { describe, expect, it } from "vitest";
import { createPlannerRoute } from "../../src/server/next/trpc-route";
import { testPlanner } from "../helpers/planner";

const BASE = "http://localhost/api/planner";

function route() {
  const t = testPlanner();
  return { ...t, ...createPlannerRoute({ planner: t.planner, endpoint: "/api/planner" }) };
}

function get(path: string, input: unknown, user: string | null = "user-1") {
  const url = `${BASE}/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
  return new Request(url, { headers: user ? { "x-user": user } : {} });
}

function post(path: string, input: unknown, user: string | null = "user-1") {
  return new Request(`${BASE}/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(user ? { "x-user": user } : {}) },
    body: JSON.stringify({ json: input }),
  });
}

const job = {
  agentId: "agent-1",
  name: "Morning brief",
  schedule: { cron: "0 7 * * 1-5", timezone: "Asia/Kolkata" },
  action: { type: "chat", template: "Good morning! What is on today?" },
};

describe("createPlannerRoute", () => {
  it("answers a query", async () => {
    const { GET } = route();
    const res = await GET(get("jobs.list", { agentId: "agent-1" }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ result: { data: { json: [] } } });
  });

  it("runs a mutation and a batched query that sees it", async () => {
    const { GET, POST } = route();
    const created = await POST(post("jobs.create", job));
    expect(created.status).toBe(200);
    const body = (await created.json()) as { result: { data: { json: { id: string; state: { nextRunAt: string } } } } };
    // Monday 30 November, 07:00 in Kolkata (UTC+05:30)
    expect(body.result.data.json.state.nextRunAt).toBe("2026-11-30T01:30:00.000Z");

    const input = { 0: { json: { agentId: "agent-1" } }, 1: { json: { cron: "0 7 * * 1-5", timezone: "Asia/Kolkata", count: 1 } } };
    const batch = await GET(
      new Request(`${BASE}/jobs.list,schedule.preview?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`, { headers: { "x-user": "user-1" } }),
    );
    expect(batch.status).toBe(200);
    const [list, preview] = (await batch.json()) as [
      { result: { data: { json: { id: string }[] } } },
      { result: { data: { json: { nextRuns: { at: string }[] } } } },
    ];
    expect(list.result.data.json.map((j) => j.id)).toEqual([body.result.data.json.id]);
    expect(preview.result.data.json.nextRuns.map((r) => r.at)).toEqual(["2026-11-30T01:30:00.000Z"]);
  });

  it("answers invalid input with 400 and field errors", async () => {
    const { POST, store } = route();
    const res = await POST(post("jobs.create", { ...job, name: "", schedule: { cron: "61 * * * *", timezone: "Asia/Kolkata" } }));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { json: { message: string; data: { code: string; httpStatus: number; fieldErrors: unknown } } } };
    expect(body.error.json.data.code).toBe("BAD_REQUEST");
    expect(body.error.json.data.fieldErrors).toEqual([
      { path: "name", message: "Give it a name." },
      { path: "schedule.cron", message: "Minute must be between 0 and 59, got 61." },
    ]);
    expect(body.error.json.message).toBe("Give it a name.");
    expect((await store.get("agent-1")).jobs).toEqual([]);
  });

  it("answers 401 without a user and 403 for another user's agent", async () => {
    const { GET, POST } = route();
    const anonymous = await GET(get("jobs.list", { agentId: "agent-1" }, null));
    expect(anonymous.status).toBe(401);
    const forbidden = await POST(post("jobs.create", job, "user-2"));
    expect(forbidden.status).toBe(403);
    const body = (await forbidden.json()) as { error: { json: { message: string } } };
    expect(body.error.json.message).toBe("You do not have access to this agent.");
  });

  it("answers 409 for a stale revision and 404 for a missing job", async () => {
    const { POST } = route();
    const created = (await (await POST(post("jobs.create", job))).json()) as { result: { data: { json: { id: string } } } };
    const id = created.result.data.json.id;
    expect((await POST(post("jobs.update", { agentId: "agent-1", jobId: id, expectedRevision: 1, name: "A" }))).status).toBe(200);
    expect((await POST(post("jobs.update", { agentId: "agent-1", jobId: id, expectedRevision: 1, name: "B" }))).status).toBe(409);
    expect((await POST(post("jobs.delete", { agentId: "agent-1", jobId: "job_missing000" }))).status).toBe(404);
  });

  it("refuses to start without a planner or a valid endpoint", () => {
    const { planner } = testPlanner();
    // @ts-expect-error — a host forgetting the planner
    expect(() => createPlannerRoute({ endpoint: "/api/planner" })).toThrow("createPlannerRoute: `planner` is required");
    expect(() => createPlannerRoute({ planner, endpoint: "api/planner" })).toThrow('must be the route\'s path, e.g. "/api/planner"');
  });
});

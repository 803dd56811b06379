/**
 * Every procedure of the planner router, called through the route factory as a browser or a hostile client
 * would (real Requests in tRPC's wire format), with 1,000 generated inputs each: never a 5xx, and an input the
 * route rejects changes nothing in the store.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createPlannerRoute } from "../../src/server/next/trpc-route";
import { plannerRouter } from "../../src/server/router";
import { testPlanner } from "../helpers/planner";
import { hostileValue, validish } from "./arbitraries";

const procedures = Object.entries(plannerRouter._def.procedures as unknown as Record<string, { _def: { type: "query" | "mutation" | "subscription" } }>).map(
  ([path, procedure]) => ({ path, type: procedure._def.type }),
);

async function seeded() {
  const t = testPlanner({ canAccessAgent: (userId, agentId) => userId === "user-1" && agentId !== "agent-other" });
  const job = await t.caller().jobs.create({
    agentId: "agent-1",
    name: "Seed",
    schedule: { cron: "0 9 * * 1", timezone: "Europe/Paris" },
    action: { type: "chat", template: "Hello {agentName}" },
  });
  const route = createPlannerRoute({ planner: t.planner, endpoint: "/api/planner" });
  return { ...t, route, jobId: job.id };
}

/** Everything the store holds for the agents a call could touch, as one comparable value. */
async function snapshot(store: ReturnType<typeof testPlanner>["store"]) {
  const agents = ["agent-1", "agent-2", "agent-other"];
  return Promise.all(agents.map(async (agentId) => [await store.version(agentId), await store.get(agentId), await store.listAgentRuns(agentId, { limit: 100 })]));
}

function request(path: string, type: string, wire: { body?: string; input?: unknown; raw?: boolean }, user: string | null) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (user) headers["x-user"] = user;
  if (type === "mutation") {
    return new Request(`http://localhost/api/planner/${path}`, { method: "POST", headers, body: wire.raw ? wire.body : JSON.stringify({ json: wire.input }) });
  }
  const input = wire.raw ? (wire.body ?? "") : JSON.stringify({ json: wire.input });
  return new Request(`http://localhost/api/planner/${path}?input=${encodeURIComponent(input)}`, { method: "GET", headers });
}

const wireInput = (jobId: string) =>
  fc.oneof(
    { weight: 3, arbitrary: validish(jobId).map((input) => ({ input })) },
    { weight: 2, arbitrary: hostileValue.map((input) => ({ input })) },
    { weight: 1, arbitrary: fc.string({ maxLength: 300 }).map((body) => ({ body, raw: true })) },
  );

describe("every router procedure through the route factory", () => {
  it("covers the whole router", () => {
    expect(procedures.map((p) => p.path)).toEqual(expect.arrayContaining(["jobs.create", "jobs.update", "triggers.create", "schedule.preview", "live.onChange"]));
    expect(procedures.length).toBeGreaterThan(20);
  });

  for (const { path, type } of procedures) {
    it(`${path} (${type}): never a 5xx, and a rejected input changes nothing`, async () => {
      const { route, store, jobId } = await seeded();
      await fc.assert(
        fc.asyncProperty(wireInput(jobId), fc.constantFrom<string | null>("user-1", "user-1", "user-2", null), async (wire, user) => {
          const before = await snapshot(store);
          const controller = new AbortController();
          const req = request(path, type, wire, user);
          const res = await (req.method === "POST" ? route.POST(req) : route.GET(new Request(req, { signal: controller.signal })));
          controller.abort();
          await res.body?.cancel().catch(() => {});
          expect(res.status).toBeLessThan(500);
          if (res.status >= 400) expect(await snapshot(store)).toEqual(before);
        }),
        { numRuns: 1000 },
      );
    }, 120_000);
  }
});

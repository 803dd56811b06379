import { afterEach, describe, expect, it, vi } from "vitest";
import { createPlannerClient } from "../../src/client/trpc";
import { createPlannerRoute } from "../../src/server/next";
import { testPlanner } from "../helpers/planner";

const ORIGIN = "http://planner.test";

/** Sends the client's requests to the real route handler, counting procedures per request. */
function routeFetch(handler: (req: Request) => Promise<Response>, sizes: number[]) {
  return (input: RequestInfo | URL, init?: RequestInit) => {
    const req = new Request(new URL(String(input instanceof Request ? input.url : input), ORIGIN), { ...init, headers: { ...(init?.headers as Record<string, string>), "x-user": "user-1" } });
    sizes.push(decodeURIComponent(new URL(req.url).pathname.replace("/api/planner/", "")).split(",").length);
    return handler(req);
  };
}

describe("createPlannerClient batching", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("splits a burst of queries into batches the route accepts", async () => {
    const { planner } = testPlanner();
    const route = createPlannerRoute({ planner, endpoint: "/api/planner" });
    const sizes: number[] = [];
    vi.stubGlobal("fetch", routeFetch((req) => (req.method === "GET" ? route.GET(req) : route.POST(req)), sizes));
    const client = createPlannerClient({ url: `${ORIGIN}/api/planner` });

    // A live invalidation refetches every visible query at once: 45 in one tick.
    const lists = await Promise.all(Array.from({ length: 45 }, () => client.jobs.list.query({ agentId: "agent-1" })));

    expect(lists).toHaveLength(45);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(20);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(45);
  });
});

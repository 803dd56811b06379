import { createTRPCClient, unstable_localLink } from "@trpc/client";
import superjson from "superjson";
import type { PlannerClient } from "../../../src/client";
import { createContextInner } from "../../../src/server/context";
import type { WorkflowInfo } from "../../../src/server/options";
import { createPlanner } from "../../../src/server/planner";
import { plannerRouter, type PlannerRouter } from "../../../src/server/router";
import { memoryStore } from "../../../src/server/store/memory-store";
import { createCallerFactory } from "../../../src/server/trpc";
import { fakeComposio } from "./fake-composio";

export const AGENT_ID = "agent-1";
const USER = { userId: "user-1" };

/**
 * The real planner router over a memory store, in the browser: what the screenshot pages (and Storybook) mount
 * `<PlannerProvider client>` on. Executors answer at once; Composio is an in-memory fake.
 */
const DEFAULT_WORKFLOWS: WorkflowInfo[] = [{ id: "wf_digest", name: "Weekly digest", description: "Summarises the week." }];

export function createBrowserPlanner({ now, workflows = DEFAULT_WORKFLOWS }: { now: () => Date; workflows?: WorkflowInfo[] }) {
  const store = memoryStore();
  let threads = 0;
  const planner = createPlanner({
    store,
    auth: () => USER,
    canAccessAgent: (_userId, agentId) => agentId === AGENT_ID,
    executors: {
      startChat: () => Promise.resolve({ threadId: `thread-${++threads}`, url: `/chat/thread-${threads}` }),
      runWorkflow: () => Promise.resolve({ workflowRunId: `wfrun-${++threads}`, url: `/workflows/runs/wfrun-${threads}` }),
    },
    catalog: {
      workflows: () => Promise.resolve(workflows),
      agent: () => Promise.resolve({ name: "Ada" }),
    },
    composio: fakeComposio(),
    clock: now,
  });
  const client: PlannerClient = createTRPCClient<PlannerRouter>({
    links: [unstable_localLink({ router: plannerRouter, createContext: () => Promise.resolve(createContextInner(planner.deps, USER)), transformer: superjson })],
  });
  const caller = createCallerFactory(plannerRouter)(createContextInner(planner.deps, USER));
  return { planner, store, client, caller };
}

export type BrowserPlanner = ReturnType<typeof createBrowserPlanner>;

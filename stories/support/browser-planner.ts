import { createTRPCClient, unstable_localLink, type TRPCLink } from "@trpc/client";
import { observable } from "@trpc/server/observable";
import superjson from "superjson";
import type { PlannerClient } from "../../src/client";
import { createContextInner } from "../../src/server/context";
import type { WorkflowInfo } from "../../src/server/options";
import { createPlanner } from "../../src/server/planner";
import { plannerRouter, type PlannerRouter } from "../../src/server/router";
import { memoryStore } from "../../src/server/store/memory-store";
import { createCallerFactory } from "../../src/server/trpc";
import { fixtureComposio, type FixtureComposioOptions } from "./fixture-composio";

export const AGENT_ID = "agent-1";
const OWNER = { userId: "user-1" };

/** Monday 30 November 2026, 09:30 in Paris: every story reads the same on every machine. */
export const STORY_NOW = Date.parse("2026-11-30T08:30:00.000Z");

export const STORY_WORKFLOWS: WorkflowInfo[] = [
  {
    id: "wf_triage",
    name: "Triage inbox",
    description: "Sorts new mail into folders.",
    inputSchema: {
      type: "object",
      properties: {
        folder: { type: "string", title: "Folder", description: "Where sorted mail goes." },
        maxEmails: { type: "integer", title: "Max emails" },
        priority: { type: "string", title: "Priority", enum: ["low", "normal", "high"] },
        urgent: { type: "boolean", title: "Mark urgent" },
      },
      required: ["folder"],
    },
  },
  { id: "wf_digest", name: "Weekly digest", description: "Summarises the week." },
];

export interface BrowserPlannerOptions {
  /** The planner's and the viewer's clock. Default: fixed at `STORY_NOW`. */
  now?: () => Date;
  workflows?: WorkflowInfo[];
  /** Who looks at the agent: its owner (default), a signed-in user without access, or nobody signed in. */
  viewer?: "owner" | "stranger" | "signed-out";
  /** `"never"`: the client's link never answers, so components stay in their loading state. */
  link?: "local" | "never";
  /** Connected accounts of the fixture Composio gateway; `false`: Composio is not configured. */
  composio?: FixtureComposioOptions | false;
}

/** A link that accepts every operation and never answers: what a stalled network looks like to the UI. */
const neverLink: TRPCLink<PlannerRouter> = () => () => observable(() => () => undefined);

/**
 * The real planner router over a memory store, in the browser: stories and the screenshot pages mount
 * `<PlannerProvider client>` on it (tRPC's `unstable_localLink`, no network). Executors answer at once;
 * Composio is the fixture gateway. `caller` and `store` seed data as the engine would have written it.
 *
 * @example
 * ```ts
 * const planner = createBrowserPlanner();
 * await planner.caller.jobs.create({ agentId: AGENT_ID, name: "Digest", schedule, action });
 * <PlannerProvider client={planner.client} clock={planner.now}>…</PlannerProvider>
 * ```
 */
export function createBrowserPlanner(options: BrowserPlannerOptions = {}) {
  const now = options.now ?? (() => new Date(STORY_NOW));
  const workflows = options.workflows ?? STORY_WORKFLOWS;
  const store = memoryStore();
  let executions = 0;
  const planner = createPlanner({
    store,
    auth: () => OWNER,
    canAccessAgent: (userId, agentId) => userId === OWNER.userId && agentId === AGENT_ID,
    executors: {
      startChat: () => Promise.resolve({ threadId: `thread-${++executions}`, url: `/chat/thread-${executions}` }),
      runWorkflow: () => Promise.resolve({ workflowRunId: `wfrun-${++executions}`, output: { ok: true }, url: `/workflows/runs/wfrun-${executions}` }),
    },
    catalog: {
      workflows: (agentId) => Promise.resolve(agentId === AGENT_ID ? workflows : []),
      agent: (agentId) => Promise.resolve(agentId === AGENT_ID ? { name: "Ada", role: "Job Application Agent" } : null),
    },
    ...(options.composio === false ? {} : { composio: fixtureComposio(options.composio) }),
    clock: now,
  });
  const viewer = options.viewer === "signed-out" ? null : options.viewer === "stranger" ? { userId: "user-2" } : OWNER;
  const client: PlannerClient = createTRPCClient<PlannerRouter>({
    links: [
      options.link === "never"
        ? neverLink
        : unstable_localLink({ router: plannerRouter, createContext: () => Promise.resolve(createContextInner(planner.deps, viewer)), transformer: superjson }),
    ],
  });
  // Seeding always acts as the owner, whoever views.
  const caller = createCallerFactory(plannerRouter)(createContextInner(planner.deps, OWNER));
  return { planner, store, client, caller, now };
}

export type BrowserPlanner = ReturnType<typeof createBrowserPlanner>;

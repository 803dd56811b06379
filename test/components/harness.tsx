import { QueryClient } from "@tanstack/react-query";
import { createTRPCClient, unstable_localLink } from "@trpc/client";
import { render, type RenderOptions, type RenderResult } from "@testing-library/react";
import { userEvent, type UserEvent } from "@testing-library/user-event";
import type { ReactElement, ReactNode } from "react";
import superjson from "superjson";
import { PlannerProvider, type PlannerClient, type PlannerLabelOverrides } from "../../src/client";
import { createContextInner } from "../../src/server/context";
import type { WorkflowInfo } from "../../src/server/options";
import { createPlanner, type Planner } from "../../src/server/planner";
import { plannerRouter, type PlannerRouter } from "../../src/server/router";
import { memoryStore, type PlannerStore } from "../../src/server/store";
import { createCallerFactory } from "../../src/server/trpc";
import { recordingExecutors } from "../helpers/executors";
import { fakeClock } from "../helpers/planner";
import type { TestComposio } from "./composio";

export const AGENT_ID = "agent-1";
export const USER_ID = "user-1";
/** Agents "agent-1" and "agent-2" belong to "user-1"; "agent-other" to "user-2". */
const OWNERS: Record<string, string> = { "agent-1": "user-1", "agent-2": "user-1", "agent-other": "user-2" };

/** A Monday morning, 09:00 UTC. */
export const DEFAULT_START = "2026-11-30T09:00:00.000Z";

export const TEST_WORKFLOWS: WorkflowInfo[] = [
  {
    id: "wf_triage",
    name: "Triage inbox",
    description: "Sorts new mail into folders.",
    inputSchema: { type: "object", properties: { folder: { type: "string" }, urgent: { type: "boolean" } }, required: ["folder"] },
  },
  { id: "wf_digest", name: "Weekly digest", description: "Summarises the week." },
];

export interface PlannerHarnessOptions {
  /** The fake clock's start (server and viewer), default Monday 2026-11-30 09:00 UTC. */
  start?: string;
  /** The signed-in user; `null` for a signed-out viewer. Default "user-1". */
  userId?: string | null;
  /** Trigger screens: a sandbox from `startTestComposio()`. Without it triggers answer "not configured". */
  composio?: TestComposio;
  workflows?: WorkflowInfo[];
}

/** `await harness.planner.start()` runs the in-process scheduler, so queued runs execute; it stops after the test. */
export interface PlannerHarness {
  planner: Planner;
  store: PlannerStore;
  clock: ReturnType<typeof fakeClock>;
  /** Executor calls (chats, workflows); `fail(message)` makes them throw. */
  executors: ReturnType<typeof recordingExecutors>;
  /** A server-side caller, to seed data and assert outside the UI. */
  caller: (userId?: string | null) => PlannerCaller;
  /** The browser-side client the components use (in-process link over the real router). */
  client: PlannerClient;
  queryClient: QueryClient;
  /** What the planner logged (errors of background runs show up here). */
  logs: { level: "debug" | "info" | "warn" | "error"; message: string; fields: Record<string, unknown> | undefined }[];
  dispose(): Promise<void>;
}

const createCaller = createCallerFactory(plannerRouter);
export type PlannerCaller = ReturnType<typeof createCaller>;

const live = new Set<PlannerHarness>();

/** The real planner router over a memory store, with a fake clock, recording executors and a catalog. */
export function createPlannerHarness(options: PlannerHarnessOptions = {}): PlannerHarness {
  const clock = fakeClock(options.start ?? DEFAULT_START);
  const store = memoryStore();
  const executors = recordingExecutors();
  const workflows = options.workflows ?? TEST_WORKFLOWS;
  const logs: PlannerHarness["logs"] = [];
  const planner = createPlanner({
    store,
    auth: () => (options.userId === null ? null : { userId: options.userId ?? USER_ID }),
    canAccessAgent: (userId, agentId) => OWNERS[agentId] === userId,
    executors: executors.executors,
    catalog: {
      workflows: (agentId) => Promise.resolve(OWNERS[agentId] ? workflows : []),
      agent: (agentId) => Promise.resolve(OWNERS[agentId] ? { name: agentId === AGENT_ID ? "Ada" : "Other" } : null),
    },
    ...(options.composio ? { composio: options.composio.gateway() } : {}),
    clock: clock.now,
    logger: {
      debug: (message, fields) => logs.push({ level: "debug", message, fields }),
      info: (message, fields) => logs.push({ level: "info", message, fields }),
      warn: (message, fields) => logs.push({ level: "warn", message, fields }),
      error: (message, fields) => logs.push({ level: "error", message, fields }),
    },
  });
  options.composio?.attach(planner, clock.now);
  const user = options.userId === null ? null : { userId: options.userId ?? USER_ID };
  const client = createTRPCClient<PlannerRouter>({
    links: [unstable_localLink({ router: plannerRouter, createContext: () => Promise.resolve(createContextInner(planner.deps, user)), transformer: superjson })],
  });
  // Nothing refetches on its own: what changes on screen came from a mutation's or the stream's invalidation.
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity, gcTime: Infinity } } });
  const harness: PlannerHarness = {
    planner,
    store,
    clock,
    executors,
    caller: (userId = USER_ID) => createCaller(createContextInner(planner.deps, userId ? { userId } : null)),
    client,
    queryClient,
    logs,
    async dispose() {
      live.delete(harness);
      queryClient.clear();
      await planner.stop();
    },
  };
  live.add(harness);
  return harness;
}

/** Stops every harness created in the test (the setup file calls it after each test). */
export async function disposePlannerHarnesses(): Promise<void> {
  await Promise.all([...live].map((harness) => harness.dispose()));
}

export interface RenderWithPlannerOptions extends PlannerHarnessOptions {
  /** Reuse a harness made earlier (e.g. to seed before rendering). */
  harness?: PlannerHarness;
  labels?: PlannerLabelOverrides;
  /** Viewer locale and zone, default "en-US" and "UTC" so text is the same on every machine. */
  locale?: string;
  timeZone?: string;
  render?: Omit<RenderOptions, "wrapper">;
}

export type RenderWithPlannerResult = RenderResult & PlannerHarness & { user: UserEvent; harness: PlannerHarness };

/**
 * Renders `ui` inside `<PlannerProvider>` wired to the real router in memory. The viewer's clock is the
 * planner's fake clock.
 *
 * @example
 * ```tsx
 * const harness = createPlannerHarness();
 * await harness.caller().jobs.create({ agentId: AGENT_ID, name: "Digest", schedule, action });
 * const { user } = renderWithPlanner(<JobList agentId={AGENT_ID} />, { harness });
 * await user.click(await screen.findByRole("button", { name: "Pause Digest" }));
 * ```
 */
export function renderWithPlanner(ui: ReactElement, options: RenderWithPlannerOptions = {}): RenderWithPlannerResult {
  const harness = options.harness ?? createPlannerHarness(options);
  function Wrapper({ children }: { children: ReactNode }) {
    return (
      <PlannerProvider
        client={harness.client}
        queryClient={harness.queryClient}
        locale={options.locale ?? "en-US"}
        timeZone={options.timeZone ?? "UTC"}
        clock={harness.clock.now}
        {...(options.labels ? { labels: options.labels } : {})}
      >
        {children}
      </PlannerProvider>
    );
  }
  const user = userEvent.setup();
  const result = render(ui, { ...options.render, wrapper: Wrapper });
  return { ...result, ...harness, user, harness };
}

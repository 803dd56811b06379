import { QueryClient } from "@tanstack/react-query";
import type { Decorator } from "@storybook/react-vite";
import { PlannerProvider } from "../../src/client";
import type { JobItem, TriggerItem } from "../../src/components";
import { AGENT_ID, createBrowserPlanner, type BrowserPlanner, type BrowserPlannerOptions } from "./browser-planner";

export interface StoryPlanner extends BrowserPlanner {
  /** One per story render, so no story sees another's cache. */
  queryClient: QueryClient;
  /** The agent's jobs and triggers as `jobs.list` / `triggers.list` answer after seeding (for card stories). */
  jobs: JobItem[];
  triggers: TriggerItem[];
}

const created = new WeakSet<object>();

function isStoryPlanner(value: unknown): value is StoryPlanner {
  return typeof value === "object" && value !== null && created.has(value);
}

/**
 * Loaders that build a fresh planner (the real router over a memory store) and seed it before the story
 * renders. Spread into a story: `{ ...withPlanner((p) => seedPanel(p, "populated", STORY_NOW)) }`.
 */
// A loader without parameters fits every story's args type.
type PlannerLoader = () => Promise<{ planner: StoryPlanner }>;

export function withPlanner(seed?: (planner: StoryPlanner) => Promise<unknown>, options: BrowserPlannerOptions = {}): { loaders: PlannerLoader[] } {
  return {
    loaders: [
      async () => {
        const planner: StoryPlanner = {
          ...createBrowserPlanner(options),
          queryClient: new QueryClient({ defaultOptions: { queries: { staleTime: 30_000, retry: false } } }),
          jobs: [],
          triggers: [],
        };
        created.add(planner);
        await seed?.(planner);
        planner.jobs = await planner.caller.jobs.list({ agentId: AGENT_ID });
        planner.triggers = options.composio === false ? [] : await planner.caller.triggers.list({ agentId: AGENT_ID });
        return { planner };
      },
    ],
  };
}

/** A seeded job by name (card stories). */
export function jobNamed(planner: StoryPlanner, name: string): JobItem {
  const job = planner.jobs.find((candidate) => candidate.name === name);
  if (!job) throw new Error(`No job named ${name} was seeded.`);
  return job;
}

export function triggerNamed(planner: StoryPlanner, name: string): TriggerItem {
  const trigger = planner.triggers.find((candidate) => candidate.name === name);
  if (!trigger) throw new Error(`No trigger named ${name} was seeded.`);
  return trigger;
}

/** The planner `withPlanner` (or the project's default loader) built for this story. */
export function plannerOf(context: { loaded: Record<string, unknown> }): StoryPlanner {
  const planner = context.loaded.planner;
  if (!isStoryPlanner(planner)) throw new Error("No planner loaded for this story: add `...withPlanner()` to it.");
  return planner;
}

/** Wraps every story in `<PlannerProvider client>` on its own planner, in en-US and Europe/Paris, on the host page. */
export const plannerDecorator: Decorator = (Story, context) => {
  const planner = plannerOf(context);
  document.documentElement.classList.toggle("dark", context.globals.theme === "dark");
  return (
    <PlannerProvider key={context.id} client={planner.client} queryClient={planner.queryClient} locale="en-US" timeZone="Europe/Paris" clock={planner.now}>
      <div className="host-tab">
        <Story />
      </div>
    </PlannerProvider>
  );
};

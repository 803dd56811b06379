import { z } from "zod";
import { Job } from "./job";
import { ComposioOrphan, Trigger } from "./trigger";

/** What is stored under the `planner` key of an agent's config. */
export const PlannerConfig = z.object({
  jobs: z.array(Job).default([]),
  triggers: z.array(Trigger).default([]),
  /** Composio instances of deleted triggers still to delete (their delete failed); retried in the background. */
  composioOrphans: z.array(ComposioOrphan).max(1000).optional(),
});
export type PlannerConfig = z.infer<typeof PlannerConfig>;

export const EMPTY_PLANNER: PlannerConfig = { jobs: [], triggers: [] };

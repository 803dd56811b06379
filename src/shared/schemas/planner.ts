import { z } from "zod";
import { Job } from "./job";
import { Trigger } from "./trigger";

/** What is stored under the `planner` key of an agent's config. */
export const PlannerConfig = z.object({
  jobs: z.array(Job).default([]),
  triggers: z.array(Trigger).default([]),
});
export type PlannerConfig = z.infer<typeof PlannerConfig>;

export const EMPTY_PLANNER: PlannerConfig = { jobs: [], triggers: [] };

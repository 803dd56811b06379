import { z } from "zod";
import { Job } from "./job";
import { Proposal } from "./proposal";
import { ComposioOrphan, Trigger } from "./trigger";

/** What is stored under the `planner` key of an agent's config. */
export const PlannerConfig = z.object({
  jobs: z.array(Job).default([]),
  triggers: z.array(Trigger).default([]),
  /** Composio instances of deleted triggers still to delete (their delete failed); retried in the background. */
  composioOrphans: z.array(ComposioOrphan).max(1000).optional(),
  /** Jobs the agent proposed, pending a person's approval; never scheduled (see `Proposal`). */
  proposals: z.array(Proposal).max(1000).optional(),
});
export type PlannerConfig = z.infer<typeof PlannerConfig>;

export const EMPTY_PLANNER: PlannerConfig = { jobs: [], triggers: [] };

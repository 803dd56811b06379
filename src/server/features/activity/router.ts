import { ActivityListInput } from "../../../shared/schemas";
import { agentProcedure, router } from "../../trpc";
import { listActivityHandler } from "./list.handler";

export const activityRouter = router({
  /** The agent's runs across all its jobs and triggers, newest first, with each owner's name. */
  list: agentProcedure.input(ActivityListInput).query(listActivityHandler),
});

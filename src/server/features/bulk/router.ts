import { AgentInput, BulkApplyInput } from "../../../shared/schemas";
import { agentProcedure, router } from "../../trpc";
import { bulkApplyHandler } from "./apply.handler";
import { pauseAllHandler, resumeAllHandler } from "./pause-all.handler";

/** Many jobs and triggers of one agent at once, answered item by item. */
export const bulkRouter = router({
  /** Pause, resume, run now or delete the given jobs and triggers: one result per item ("apply" is reserved by tRPC). */
  act: agentProcedure.input(BulkApplyInput).mutation(bulkApplyHandler),
  /** Pauses everything enabled and remembers what it paused. */
  pauseAll: agentProcedure.input(AgentInput).mutation(pauseAllHandler),
  /** Resumes exactly what "Pause all" paused. */
  resumeAll: agentProcedure.input(AgentInput).mutation(resumeAllHandler),
});

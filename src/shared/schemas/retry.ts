import type { z } from "zod";
import { AgentInput } from "./api";

/** `runs.retryFailed`: replays the latest failed run of each item of the agent that needs attention. */
export const RetryFailedInput = AgentInput;
export type RetryFailedInput = z.infer<typeof RetryFailedInput>;

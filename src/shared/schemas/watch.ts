import { z } from "zod";
import { JobRef } from "./api";

/** `jobs.timeline`: the job's expected occurrences over the last `days` days (and the next day), each classified. */
export const JobTimelineInput = JobRef.extend({
  days: z
    .int({ error: "Days must be a whole number." })
    .min(1, { error: "Ask for at least 1 day." })
    .max(31, { error: "Ask for at most 31 days." })
    .optional(),
});
export type JobTimelineInput = z.infer<typeof JobTimelineInput>;

import { z } from "zod";
import { IsoDateTime } from "./common";

/** A problem a notification was sent for (`onRunFailed`, `onAutoPaused`, `onConnectionBroken`, `onOverdue`). */
export const WatchProblem = z.enum(["runFailed", "autoPaused", "connectionBroken", "overdue"]);
export type WatchProblem = z.infer<typeof WatchProblem>;

/**
 * The open notification episode of a job or trigger: when it started and which problems were notified (each once),
 * with the token of the process that claimed each one. Cleared when `onRecovered` fires.
 */
export const WatchEpisode = z.object({
  since: IsoDateTime,
  notified: z
    .array(z.object({ problem: WatchProblem, at: IsoDateTime, token: z.string().min(1).max(100) }))
    .max(WatchProblem.options.length),
});
export type WatchEpisode = z.infer<typeof WatchEpisode>;

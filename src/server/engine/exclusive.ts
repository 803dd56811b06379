import { TooManyRequestsError } from "../errors";
import type { ManualDispatchResult } from "./types";

/**
 * Refuses (`TOO_MANY_REQUESTS`) a manual run that an exclusive dispatch did not store because another is in the
 * way, with the owner's sentence for the run in the way ("queued" or "running").
 */
export function refuseWhileActive(result: ManualDispatchResult, sentence: (state: "queued" | "running") => string): void {
  if (result.dispatched) return;
  throw new TooManyRequestsError(sentence(result.activeRun.status === "queued" ? "queued" : "running"));
}

import type { PlannerDeps } from "../deps";
import { createWatcher } from "./episodes";
import { checkNotificationOptions, createNotifier } from "./notifier";
import type { PlannerNotificationOptions, Watcher } from "./types";

export type * from "./types";
export { NOTIFICATION_SIGNATURE_HEADER, signNotification, verifyNotificationSignature } from "./signature";

/** The planner's notifications, from its options (checked here, so a mistake fails at `createPlanner`). */
export function createPlannerWatcher(deps: Pick<PlannerDeps, "store" | "clock" | "limits" | "logger">, options: PlannerNotificationOptions): Watcher {
  checkNotificationOptions(options);
  return createWatcher(deps, createNotifier(options, deps.logger, deps.clock), options);
}

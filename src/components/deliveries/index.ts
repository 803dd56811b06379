export { DeliveryLog, type DeliveryLogProps } from "./delivery-log";
export { TryRecentEvents, type TryRecentEventsProps } from "./try-recent-events";
export { VerdictChip } from "./verdict-chip";

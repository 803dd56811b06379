export * from "./schemas";
export * from "./cron";
export * from "./template";
export * from "./variables";
export * from "./filters";
export { getPath, parsePath } from "./path";
export * from "./events";
export * from "./format";
export type { PlannerPanelData } from "./panel-data";

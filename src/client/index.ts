"use client";

export { PlannerProvider, type PlannerProviderProps } from "./provider";
export {
  createPlannerClient,
  usePlanner,
  usePlannerClient,
  PLANNER_QUERY_KEY_PREFIX,
  type CreatePlannerClientOptions,
  type PlannerClient,
  type PlannerHeaders,
  type PlannerOptionsProxy,
  type PlannerRouter,
} from "./trpc";
export { useLiveStatus, LiveStatusProvider, changedQueryFilters, type LiveChange, type LiveOptions, type LiveState, type LiveStatus } from "./live";
export { useLabels, useViewer, useFormat, useHostOptions, logoUrl, PlannerHostOptionsScope, type PlannerSettings, type PlannerHostOptions, type PlannerLogos, type PlannerNotifyTone } from "./settings";
export { defaultLabels, mergeLabels, type PlannerLabels, type PlannerLabelOverrides } from "./labels";
export * from "./format";

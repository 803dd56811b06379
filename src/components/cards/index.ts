"use client";

export { JobCard, type JobCardProps } from "./job-card";
export { JobList, type JobListProps } from "./job-list";
export { TriggerCard, type TriggerCardProps } from "./trigger-card";
export { TriggerList, type TriggerListProps } from "./trigger-list";
export { RunStrip, type RunStripProps } from "./run-strip";
export { Announcer, useAnnounce } from "./announcer";
export type { JobItem, TriggerItem, RunItem } from "./types";

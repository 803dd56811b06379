"use client";

/** A variable as `catalog.variables` lists it. */
export interface CatalogVariable {
  name: string;
  description: string;
  example?: unknown;
  /** A sample value for previews (newer servers); `example` otherwise. */
  sample?: unknown;
  group: string;
}

export type VariableSource = "system" | "job" | "trigger" | "event" | "custom";

export const SOURCE_ORDER: readonly VariableSource[] = ["system", "job", "trigger", "event", "custom"];

/** Names about the job or trigger itself (and its agent): in a job's palette the Job group, in a trigger's the Trigger group. */
const OWNER_NAMES = new Set(["jobName", "agentName", "triggerName"]);

/** Where a variable's value comes from, for the palette's groups; `kind` is the template's owner. */
export function sourceOf(variable: CatalogVariable, kind: "job" | "trigger" = "job"): VariableSource {
  if (variable.group === "custom") return "custom";
  if (variable.group === "field" || variable.group === "alias") return "event";
  if (OWNER_NAMES.has(variable.name)) return kind === "trigger" || variable.name === "triggerName" ? "trigger" : "job";
  if (variable.name.startsWith("event")) return "event";
  return "system";
}

/** The value a preview shows for a variable. */
export function sampleOf(variable: CatalogVariable): unknown {
  return variable.sample !== undefined ? variable.sample : variable.example;
}

/** How deep a payload path is nested (`pr.head.ref` → 2), for indenting the Event group. */
export function depthOf(name: string): number {
  return name.split(".").length - 1;
}

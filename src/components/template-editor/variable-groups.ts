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

export type VariableSource = "system" | "job" | "event" | "custom";

export const SOURCE_ORDER: readonly VariableSource[] = ["system", "job", "event", "custom"];

const JOB_NAMES = new Set(["jobName", "agentName", "triggerName"]);

/** Where a variable's value comes from, for the palette's groups. */
export function sourceOf(variable: CatalogVariable): VariableSource {
  if (variable.group === "custom") return "custom";
  if (variable.group === "field" || variable.group === "alias") return "event";
  if (JOB_NAMES.has(variable.name)) return "job";
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

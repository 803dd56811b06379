"use client";

export { PlannerPanel, type PlannerPanelProps } from "./planner-panel";

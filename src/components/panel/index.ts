"use client";

export { PlannerPanel, type PlannerPanelDialog, type PlannerPanelProps } from "./planner-panel";

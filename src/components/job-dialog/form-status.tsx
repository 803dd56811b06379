"use client";

import { CircleAlertIcon, CircleCheckIcon } from "lucide-react";

export interface FormStatusProps {
  /** The first problem, or null when the form can be saved. */
  problem: string | null;
  ready: string;
}

/** The footer's status line: ready, or the first problem, always with an icon and words. */
export function FormStatus({ problem, ready }: FormStatusProps) {
  return (
    <p className="planner-form-status" data-slot="planner-form-status" data-state={problem ? "invalid" : "valid"} role="status">
      {problem ? <CircleAlertIcon aria-hidden="true" /> : <CircleCheckIcon aria-hidden="true" />}
      <span>{problem ?? ready}</span>
    </p>
  );
}

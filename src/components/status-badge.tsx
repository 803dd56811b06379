"use client";

import { CalendarCheckIcon, CircleAlertIcon, CircleCheckIcon, CircleDashedIcon, CircleSlashIcon, ClockIcon, LoaderCircleIcon, PauseIcon } from "lucide-react";
import type { ComponentProps, ReactNode } from "react";
import { useLabels } from "../client/settings";
import { Badge, type BadgeTone } from "./ui/badge";
import { cn } from "./ui/cn";

/** A job's or trigger's derived status. */
export type ItemStatus = "active" | "paused" | "error" | "running" | "ended";
/** A run's status. */
export type RunStatus = "queued" | "running" | "started" | "succeeded" | "failed" | "skipped" | "cancelled";

const LOOK: Record<ItemStatus | RunStatus, { tone: BadgeTone; icon: ReactNode }> = {
  active: { tone: "success", icon: <span className="planner-status-dot" /> },
  paused: { tone: "warning", icon: <PauseIcon /> },
  error: { tone: "danger", icon: <CircleAlertIcon /> },
  running: { tone: "info", icon: <LoaderCircleIcon className="planner-spin" /> },
  ended: { tone: "neutral", icon: <CalendarCheckIcon /> },
  queued: { tone: "neutral", icon: <ClockIcon /> },
  succeeded: { tone: "success", icon: <CircleCheckIcon /> },
  failed: { tone: "danger", icon: <CircleAlertIcon /> },
  skipped: { tone: "neutral", icon: <CircleDashedIcon /> },
  started: { tone: "info", icon: <LoaderCircleIcon className="planner-spin" /> },
  cancelled: { tone: "neutral", icon: <CircleSlashIcon /> },
};

export interface StatusBadgeProps extends Omit<ComponentProps<"span">, "children"> {
  status: ItemStatus | RunStatus;
}

/**
 * The status pill: Active (green), Paused (amber), Error (red), Running (blue, with a spinner) — and the run
 * statuses. Always the word with an icon, so colour is never the only signal.
 *
 * @example
 * ```tsx
 * <StatusBadge status={job.status} />
 * ```
 */
export function StatusBadge({ status, className, ...props }: StatusBadgeProps) {
  const labels = useLabels();
  const look = LOOK[status];
  return (
    <Badge tone={look.tone} data-status={status} className={cn("planner-status-badge", className)} {...props}>
      <span className="planner-badge-icon" aria-hidden="true">
        {look.icon}
      </span>
      {labels.status[status]}
    </Badge>
  );
}

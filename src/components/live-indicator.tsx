"use client";

import type { ComponentProps } from "react";
import { useLiveStatus, type LiveOptions } from "../client/live";
import { useLabels } from "../client/settings";
import { cn } from "./ui/cn";

export interface LiveIndicatorProps extends Omit<ComponentProps<"span">, "children">, LiveOptions {
  agentId: string;
}

/**
 * "Live" / "Connecting…" / "Offline" with a dot, for the agent's change stream (shares the stream of a
 * surrounding `LiveStatusProvider`). The state is announced politely when it changes.
 */
export function LiveIndicator({ agentId, pollIntervalMs, className, ...props }: LiveIndicatorProps) {
  const labels = useLabels();
  const live = useLiveStatus(agentId, pollIntervalMs === undefined ? {} : { pollIntervalMs });
  const hint =
    live.state === "live" ? labels.live.liveHint : live.state === "offline" ? labels.live.offlineHint(Math.round(live.pollIntervalMs / 1000)) : labels.live.connectingHint;
  return (
    <span data-slot="planner-live-indicator" data-state={live.state} role="status" title={hint} className={cn("planner-live", className)} {...props}>
      <span className="planner-live-dot" aria-hidden="true" />
      {labels.live[live.state]}
      <span className="planner-sr-only">. {hint}</span>
    </span>
  );
}

"use client";

import type { CSSProperties } from "react";
import { useFormat, useLabels } from "../../client/settings";
import { cn } from "../ui/cn";
import type { StripRunItem } from "./types";

export interface RunStripProps {
  /** Newest first, as the runs queries return them; the strip shows up to 20, oldest on the left. */
  runs: readonly StripRunItem[] | undefined;
  className?: string | undefined;
}

export const RUN_STRIP_LENGTH = 20;

/**
 * The last 20 runs as small status-coloured bars, oldest to newest. The whole strip is one image with a
 * text alternative ("Last 20 runs: 18 succeeded, 2 failed"); each bar's title names its status and time.
 */
export function RunStrip({ runs, className }: RunStripProps) {
  const labels = useLabels();
  const format = useFormat();
  if (runs === undefined) {
    // Not known yet: grey bars that pulse, not "No runs yet" that a moment later turns into 20 runs.
    return (
      <div data-slot="planner-run-strip" data-loading="" role="img" aria-label={labels.common.loading} className={cn("planner-run-strip", className)}>
        {Array.from({ length: RUN_STRIP_LENGTH }, (_, index) => (
          <span key={index} className="planner-run-bar planner-skeleton" data-status="none" />
        ))}
      </div>
    );
  }
  const recent = (runs ?? []).slice(0, RUN_STRIP_LENGTH).reverse();
  const succeeded = recent.filter((run) => run.status === "succeeded").length;
  const failed = recent.filter((run) => run.status === "failed").length;
  const summary = labels.cards.runStrip(recent.length, succeeded, failed, recent.length - succeeded - failed);
  const empty = RUN_STRIP_LENGTH - recent.length;
  return (
    <div data-slot="planner-run-strip" role="img" aria-label={summary} title={summary} className={cn("planner-run-strip", className)}>
      {/* The places of runs not made yet: one element drawing them all (a card with no runs would otherwise be 20). */}
      {empty > 0 ? <span className="planner-run-places" style={{ gridColumn: `span ${empty}`, "--planner-run-places": empty } as CSSProperties} /> : null}
      {recent.map((run) => (
        <span
          key={run.id}
          className="planner-run-bar"
          data-status={run.status}
          title={labels.cards.runBar(labels.status[run.status], format.dateTime(run.finishedAt ?? run.startedAt ?? run.createdAt))}
        />
      ))}
    </div>
  );
}

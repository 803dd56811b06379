"use client";

import { useFormat, useLabels } from "../../client/settings";
import type { HistoryRun } from "./types";

/** Runs, success rate, average duration and failures of the runs in the chosen period. */
export function RunStats({ runs }: { runs: readonly HistoryRun[] }) {
  const labels = useLabels().runHistory;
  const format = useFormat();
  const finished = runs.filter((run) => run.status === "succeeded" || run.status === "failed");
  const succeeded = finished.filter((run) => run.status === "succeeded").length;
  const failed = finished.length - succeeded;
  const durations = runs.map((run) => run.durationMs).filter((ms): ms is number => typeof ms === "number");
  const average = durations.length ? durations.reduce((sum, ms) => sum + ms, 0) / durations.length : null;
  const stats = [
    { label: labels.runs, value: format.number(runs.length) },
    { label: labels.successRate, value: finished.length ? format.number(succeeded / finished.length, { style: "percent", maximumFractionDigits: 0 }) : labels.none },
    { label: labels.averageDuration, value: average === null ? labels.none : format.duration(Math.round(average)) },
    { label: labels.failed, value: format.number(failed), tone: failed ? "danger" : undefined },
  ];
  return (
    // A named group of one <dl> per stat: role="group" on a <dl> itself would cancel its list semantics.
    <div data-slot="planner-run-stats" role="group" aria-label={labels.statsLabel} className="planner-run-stats">
      {stats.map((stat) => (
        <dl key={stat.label} className="planner-stat" data-tone={stat.tone}>
          <dt className="planner-stat-label">{stat.label}</dt>
          <dd className="planner-stat-value">{stat.value}</dd>
        </dl>
      ))}
    </div>
  );
}

"use client";

import { useState } from "react";
import { useFormat, useLabels } from "../../client/settings";
import { Button } from "../ui/button";
import type { HistoryRun } from "./types";
import { dateTimeFormat } from "../../shared/intl-cache";

const DAYS = 14;

interface Day {
  key: string;
  label: string;
  succeeded: number;
  failed: number;
}

function dayKey(value: Date | string, timeZone: string): string {
  return dateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(value));
}

/** Succeeded and failed runs for each of the last 14 days in the viewer's zone, oldest first. */
export function runsPerDay(runs: readonly HistoryRun[], now: Date, timeZone: string, label: (date: Date) => string): Day[] {
  const days: Day[] = [];
  for (let offset = DAYS - 1; offset >= 0; offset--) {
    const date = new Date(now.getTime() - offset * 86_400_000);
    days.push({ key: dayKey(date, timeZone), label: label(date), succeeded: 0, failed: 0 });
  }
  const byKey = new Map(days.map((day) => [day.key, day]));
  for (const run of runs) {
    const day = byKey.get(dayKey(run.createdAt, timeZone));
    if (!day) continue;
    if (run.status === "succeeded") day.succeeded++;
    if (run.status === "failed") day.failed++;
  }
  return days;
}

/** A 14-day bar chart of succeeded (green) and failed (red, stacked on top) runs, with a table alternative. */
export function RunChart({ runs }: { runs: readonly HistoryRun[] }) {
  const labels = useLabels().runHistory;
  const format = useFormat();
  const [showTable, setShowTable] = useState(false);
  const days = runsPerDay(runs, format.now(), format.timeZone, (date) => format.dateTime(date, { month: "short", day: "numeric" }));
  const max = Math.max(1, ...days.map((day) => day.succeeded + day.failed));
  const totals = days.reduce((sum, day) => ({ succeeded: sum.succeeded + day.succeeded, failed: sum.failed + day.failed }), { succeeded: 0, failed: 0 });
  const width = 100 / DAYS;
  const height = 80;
  return (
    <figure data-slot="planner-run-chart" className="planner-run-chart">
      <figcaption className="planner-run-chart-caption">
        <span>{labels.chartTitle}</span>
        <span className="planner-run-chart-legend" aria-hidden="true">
          <span data-status="succeeded">{labels.succeeded}</span>
          <span data-status="failed">{labels.failed}</span>
        </span>
        <Button variant="link" size="sm" aria-expanded={showTable} onClick={() => setShowTable((shown) => !shown)}>
          {showTable ? labels.hideTable : labels.showTable}
        </Button>
      </figcaption>
      <svg role="img" aria-label={labels.chartSummary(totals.succeeded, totals.failed)} viewBox={`0 0 100 ${height + 12}`} preserveAspectRatio="none" className="planner-run-chart-svg">
        {days.map((day, index) => {
          const ok = (day.succeeded / max) * height;
          const bad = (day.failed / max) * height;
          const x = index * width + width * 0.15;
          return (
            <g key={day.key}>
              <title>{`${day.label}: ${day.succeeded} ${labels.succeeded.toLowerCase()}, ${day.failed} ${labels.failed.toLowerCase()}`}</title>
              <rect x={x} y={0} width={width * 0.7} height={height} className="planner-chart-track" />
              {ok ? <rect x={x} y={height - ok} width={width * 0.7} height={ok} className="planner-chart-bar" data-status="succeeded" /> : null}
              {bad ? <rect x={x} y={height - ok - bad} width={width * 0.7} height={bad} className="planner-chart-bar" data-status="failed" /> : null}
            </g>
          );
        })}
      </svg>
      <div className="planner-run-chart-axis" aria-hidden="true">
        <span>{days[0]?.label}</span>
        <span>{days[days.length - 1]?.label}</span>
      </div>
      <table aria-label={labels.chartTable} className={showTable ? "planner-table planner-run-chart-table" : "planner-sr-only"}>
        <thead>
          <tr>
            <th scope="col">{labels.day}</th>
            <th scope="col">{labels.succeeded}</th>
            <th scope="col">{labels.failed}</th>
          </tr>
        </thead>
        <tbody>
          {days.map((day) => (
            <tr key={day.key}>
              <th scope="row">{day.label}</th>
              <td>{day.succeeded}</td>
              <td>{day.failed}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

"use client";

import { useLabels } from "../../client/settings";
import type { KindFilter, StatusFilter } from "./types";

const STATUSES: StatusFilter[] = ["all", "succeeded", "failed", "running", "skipped"];
const KINDS: KindFilter[] = ["all", "job", "trigger"];

function Chips<T extends string>({ label, options, value, onChange, text }: { label: string; options: T[]; value: T; onChange: (value: T) => void; text: (value: T) => string }) {
  return (
    <div role="group" aria-label={label} className="planner-chips">
      <span className="planner-chips-label" aria-hidden="true">
        {label}
      </span>
      {options.map((option) => (
        <button key={option} type="button" className="planner-chip" aria-pressed={option === value} onClick={() => onChange(option)}>
          {text(option)}
        </button>
      ))}
    </div>
  );
}

/** Filter chips: by status, and (for the agent's activity) by kind — Scheduled or Event. */
export function RunFilters({ status, onStatus, kind, onKind }: { status: StatusFilter; onStatus: (value: StatusFilter) => void; kind?: KindFilter | undefined; onKind?: ((value: KindFilter) => void) | undefined }) {
  const labels = useLabels();
  const h = labels.runHistory;
  return (
    <div data-slot="planner-run-filters" role="group" aria-label={h.filtersLabel} className="planner-run-filters">
      <Chips label={h.statusFilter} options={STATUSES} value={status} onChange={onStatus} text={(value) => (value === "all" ? h.all : labels.status[value])} />
      {kind && onKind ? (
        <Chips label={h.kindFilter} options={KINDS} value={kind} onChange={onKind} text={(value) => (value === "all" ? h.all : value === "job" ? h.scheduled : h.event)} />
      ) : null}
    </div>
  );
}

"use client";

import { SearchIcon, XIcon } from "lucide-react";
import { useId } from "react";
import { useLabels } from "../../client/settings";
import { Button } from "../ui/button";
import { Input } from "../ui/input";
import type { KindFilter, StatusFilter } from "./types";

const STATUSES: StatusFilter[] = ["all", "succeeded", "failed", "running", "skipped", "cancelled"];
const KINDS: KindFilter[] = ["all", "schedule", "manual", "event", "test", "replay"];

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

export interface RunFiltersProps {
  text: string;
  onText: (value: string) => void;
  status: StatusFilter;
  onStatus: (value: StatusFilter) => void;
  kind: KindFilter;
  onKind: (value: KindFilter) => void;
  /** `YYYY-MM-DD` in the viewer's zone, or "". */
  from: string;
  to: string;
  onDates: (from: string, to: string) => void;
}

/** The search box, status and kind chips (Scheduled, Manual, Event, Test, Replay) and a date range. */
export function RunFilters({ text, onText, status, onStatus, kind, onKind, from, to, onDates }: RunFiltersProps) {
  const labels = useLabels();
  const h = labels.runHistory;
  const id = useId();
  return (
    <div data-slot="planner-run-filters" role="group" aria-label={h.filtersLabel} className="planner-run-filters">
      <div className="planner-run-search">
        <SearchIcon aria-hidden="true" />
        <Input type="search" aria-label={h.search} placeholder={h.searchPlaceholder} value={text} maxLength={200} onChange={(event) => onText(event.currentTarget.value)} />
      </div>
      <div role="group" aria-label={h.dateRange} className="planner-run-dates">
        <label htmlFor={`${id}-from`}>{h.dateFrom}</label>
        <Input id={`${id}-from`} type="date" value={from} max={to || undefined} onChange={(event) => onDates(event.currentTarget.value, to)} />
        <label htmlFor={`${id}-to`}>{h.dateTo}</label>
        <Input id={`${id}-to`} type="date" value={to} min={from || undefined} onChange={(event) => onDates(from, event.currentTarget.value)} />
        {from || to ? (
          <Button variant="ghost" size="icon" aria-label={h.clearDates} title={h.clearDates} onClick={() => onDates("", "")}>
            <XIcon aria-hidden="true" />
          </Button>
        ) : null}
      </div>
      <Chips label={h.statusFilter} options={STATUSES} value={status} onChange={onStatus} text={(value) => (value === "all" ? h.all : h.statusChip[value])} />
      <Chips label={h.kindFilter} options={KINDS} value={kind} onChange={onKind} text={(value) => (value === "all" ? h.all : h.kindOf[value])} />
    </div>
  );
}

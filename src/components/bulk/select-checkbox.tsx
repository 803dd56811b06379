"use client";

import { useEffect, useRef } from "react";
import { useLabels } from "../../client/settings";
import { useBulkSelection, type BulkKind } from "./selection";

/** Clicks on the checkbox stay with it: the card around it opens its edit dialog on a click. */
const stop = (event: { stopPropagation(): void }) => event.stopPropagation();
/** So do Space and Enter (a card may open on them); Escape goes on to clear the selection. */
const stopActivation = (event: { key: string; stopPropagation(): void }) => {
  if (event.key === " " || event.key === "Enter") event.stopPropagation();
};

/** The selection checkbox of one card ("Select Daily digest"); nothing outside a `BulkSelectionProvider`. */
export function SelectItemCheckbox({ kind, id, name }: { kind: BulkKind; id: string; name: string }) {
  const selection = useBulkSelection();
  const labels = useLabels().bulk;
  if (!selection) return null;
  return (
    <input
      type="checkbox"
      data-slot="planner-select-item"
      className="planner-checkbox"
      aria-label={labels.selectItem(name)}
      checked={selection.isSelected(kind, id)}
      onChange={(event) => selection.toggle(kind, id, event.target.checked)}
      onClick={stop}
      onKeyDown={stopActivation}
    />
  );
}

/** "Select all" for one section, with how many of its items are selected; mixed when some are. */
export function SelectAllCheckbox({ kind }: { kind: BulkKind }) {
  const selection = useBulkSelection();
  const labels = useLabels().bulk;
  const ref = useRef<HTMLInputElement>(null);
  const items = selection ? (kind === "job" ? selection.jobs : selection.triggers) : [];
  const count = selection ? selection.selected.filter((entry) => entry.kind === kind).length : 0;
  const all = items.length > 0 && count === items.length;
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = count > 0 && !all;
  }, [count, all]);
  if (!selection || items.length === 0) return null;
  return (
    <label data-slot="planner-select-all" className="planner-select-all">
      <input
        ref={ref}
        type="checkbox"
        className="planner-checkbox"
        aria-label={kind === "job" ? labels.selectAllJobs(items.length) : labels.selectAllTriggers(items.length)}
        checked={all}
        onChange={(event) => selection.setAll(kind, event.target.checked)}
      />
      <span aria-hidden="true">{labels.selectAll}</span>
      {count > 0 ? <span className="planner-select-count">{labels.selectedOf(count, items.length)}</span> : null}
    </label>
  );
}

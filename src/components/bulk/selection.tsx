"use client";

import { useQuery } from "@tanstack/react-query";
import { createContext, useCallback, useContext, useMemo, useState, type KeyboardEvent, type ReactNode } from "react";
import { useLiveStatus } from "../../client/live";
import { usePlanner } from "../../client/trpc";
import type { JobItem, TriggerItem } from "../cards/types";
import type { BulkReportState } from "./bulk-report";

export type BulkKind = "job" | "trigger";
export interface BulkEntry {
  kind: BulkKind;
  id: string;
  name: string;
  enabled: boolean;
}

export interface BulkSelection {
  agentId: string;
  /** Selected items that are still listed, jobs first, in list order. */
  selected: BulkEntry[];
  isSelected: (kind: BulkKind, id: string) => boolean;
  toggle: (kind: BulkKind, id: string, checked: boolean) => void;
  /** Selects or unselects every listed item of one kind. */
  setAll: (kind: BulkKind, checked: boolean) => void;
  /** Replaces the selection (e.g. with the items that failed). */
  replace: (items: readonly { kind: BulkKind; id: string }[]) => void;
  clear: () => void;
  jobs: readonly JobItem[];
  triggers: readonly TriggerItem[];
  /** What the last bulk action came to (shown under the selection bar until dismissed). */
  report: BulkReportState | null;
  setReport: (report: BulkReportState | null) => void;
}

const SelectionContext = createContext<BulkSelection | null>(null);

/** The panel's selection of jobs and triggers; `null` outside a `BulkSelectionProvider` (no checkboxes then). */
export function useBulkSelection(): BulkSelection | null {
  return useContext(SelectionContext);
}

const keyOf = (kind: BulkKind, id: string) => `${kind}:${id}`;

/**
 * Whether an Escape belongs to something open over the panel (a dialog, a menu, a popover) rather than to it. A layer
 * around the whole panel (a host's modal holding the tab) does not count.
 */
function insideLayer(target: EventTarget | null, scope: Element): boolean {
  const element = target as { closest?: (selector: string) => Element | null } | null;
  if (typeof element?.closest !== "function") return false;
  const layer = element.closest('[role="dialog"], [role="alertdialog"], [role="menu"], [role="listbox"], [data-radix-popper-content-wrapper]');
  return layer !== null && !layer.contains(scope);
}

/**
 * Holds which jobs and triggers are selected for a bulk action. The selection is a set of ids read against the
 * live lists, so it survives refreshes and an item that is deleted drops out of it. Escape clears it.
 */
export function BulkSelectionProvider({ agentId, children }: { agentId: string; children: ReactNode }) {
  const trpc = usePlanner();
  const live = useLiveStatus(agentId);
  // The lists' own queries: the same cache entries the sections use, no extra request.
  const jobsQuery = useQuery(trpc.jobs.list.queryOptions({ agentId }, { refetchInterval: live.refetchInterval }));
  const triggersQuery = useQuery(trpc.triggers.list.queryOptions({ agentId }, { refetchInterval: live.refetchInterval, retry: false }));
  const jobs = useMemo(() => jobsQuery.data ?? [], [jobsQuery.data]);
  const triggers = useMemo(() => triggersQuery.data ?? [], [triggersQuery.data]);
  const [keys, setKeys] = useState<ReadonlySet<string>>(() => new Set());
  const [report, setReport] = useState<BulkReportState | null>(null);

  const selected = useMemo(() => {
    const entries: BulkEntry[] = [];
    for (const job of jobs) if (keys.has(keyOf("job", job.id))) entries.push({ kind: "job", id: job.id, name: job.name, enabled: job.enabled });
    for (const trigger of triggers) if (keys.has(keyOf("trigger", trigger.id))) entries.push({ kind: "trigger", id: trigger.id, name: trigger.name, enabled: trigger.enabled });
    return entries;
  }, [jobs, triggers, keys]);

  const toggle = useCallback((kind: BulkKind, id: string, checked: boolean) => {
    setKeys((current) => {
      const next = new Set(current);
      if (checked) next.add(keyOf(kind, id));
      else next.delete(keyOf(kind, id));
      return next;
    });
  }, []);
  const setAll = useCallback(
    (kind: BulkKind, checked: boolean) => {
      const ids = (kind === "job" ? jobs : triggers).map((item) => keyOf(kind, item.id));
      setKeys((current) => {
        const next = new Set(current);
        for (const key of ids) {
          if (checked) next.add(key);
          else next.delete(key);
        }
        return next;
      });
    },
    [jobs, triggers],
  );
  const replace = useCallback((items: readonly { kind: BulkKind; id: string }[]) => setKeys(new Set(items.map((item) => keyOf(item.kind, item.id)))), []);
  const clear = useCallback(() => setKeys(new Set()), []);

  const value = useMemo<BulkSelection>(
    () => ({ agentId, selected, isSelected: (kind, id) => keys.has(keyOf(kind, id)), toggle, setAll, replace, clear, jobs, triggers, report, setReport }),
    [agentId, selected, keys, toggle, setAll, replace, clear, jobs, triggers, report],
  );

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== "Escape" || event.defaultPrevented || selected.length === 0 || insideLayer(event.target, event.currentTarget)) return;
    clear();
  };

  return (
    <SelectionContext.Provider value={value}>
      <div data-slot="planner-bulk-scope" className="planner-bulk-scope" onKeyDown={onKeyDown}>
        {children}
      </div>
    </SelectionContext.Provider>
  );
}

"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { DownloadIcon, HistoryIcon, RotateCcwIcon, XIcon } from "lucide-react";
import { useEffect, useState } from "react";
import { useFormat, useLabels } from "../../client/settings";
import { usePlanner, usePlannerClient } from "../../client/trpc";
import { ErrorState } from "../cards/list-states";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "../ui/select";
import { Skeleton } from "../ui/skeleton";
import { ActiveRuns } from "./active-runs";
import { RunChart } from "./run-chart";
import { RunFilters } from "./run-filters";
import { RunStats } from "./run-stats";
import { RunTable } from "./run-table";
import { PERIOD_MS, dayStart, type KindFilter, type Period, type RunHistoryOwner, type StatusFilter } from "./types";
import { PAGE_SIZE, searchFiltersOf, useHistoryRuns } from "./use-history-runs";

export interface RunHistoryProps {
  agentId: string;
  /** One job's or trigger's runs; without it, the agent's whole activity. */
  owner?: RunHistoryOwner | undefined;
  /** The owner's name, shown in the rows (the agent's activity names each row itself). */
  ownerName?: string | undefined;
  /** Hide the "Run history" heading (a dialog titles it instead). */
  hideTitle?: boolean | undefined;
  className?: string | undefined;
}

const PERIODS: Period[] = ["24h", "7d", "14d", "30d", "90d", "all"];
/** The search box asks the server this long after the last key. */
const SEARCH_DELAY_MS = 250;

type Note = { tone: "info" | "danger"; text: string; refused?: { name: string; message: string }[] };

/** Saves text as a file in the browser. */
function download(content: string, mimeType: string, filename: string) {
  const url = URL.createObjectURL(new Blob([content], { type: mimeType }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.rel = "noopener";
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/**
 * Run history (mock-ups 07 and 09): a period select with Export CSV / JSON, stat cards (runs, success rate,
 * average duration, failed), Active executions with elapsed time and Cancel, a search box, status and kind chips
 * and a date range, the runs table paged on the server ("Showing 1 to 10 of 1,247") with expandable details,
 * Re-run and "Replay selected" for several runs, and a 14-day chart. Live: runs appear as they happen.
 *
 * @example
 * ```tsx
 * <RunHistory agentId={agent.id} />                                   // the agent's activity
 * <RunHistory agentId={agent.id} owner={{ kind: "job", id: job.id }} ownerName={job.name} />
 * ```
 */
export function RunHistory({ agentId, owner, ownerName, hideTitle = false, className }: RunHistoryProps) {
  const labels = useLabels();
  const h = labels.runHistory;
  const format = useFormat();
  const trpc = usePlanner();
  const client = usePlannerClient();
  const queryClient = useQueryClient();
  const [period, setPeriod] = useState<Period>("30d");
  const [text, setText] = useState("");
  const [status, setStatus] = useState<StatusFilter>("all");
  const [kind, setKind] = useState<KindFilter>("all");
  const [dates, setDates] = useState({ from: "", to: "" });
  const [offset, setOffset] = useState(0);
  const [selected, setSelected] = useState<ReadonlyMap<string, string>>(new Map());
  const [note, setNote] = useState<Note | null>(null);
  const [exporting, setExporting] = useState<"csv" | "json" | null>(null);
  const searchText = useDebounced(text, SEARCH_DELAY_MS);

  // The period's start, to the minute (so the query key does not change on every render).
  const periodFrom = PERIOD_MS[period] === Infinity ? undefined : new Date(Math.floor((format.now().getTime() - PERIOD_MS[period]) / 60_000) * 60_000).toISOString();
  const dateFrom = dates.from ? dayStart(dates.from, format.timeZone) : undefined;
  const from = [periodFrom, dateFrom].filter((value): value is string => Boolean(value)).sort().at(-1);
  const to = dates.to ? dayStart(dates.to, format.timeZone, true) : undefined;
  const filters = { text: searchText, status, kind, from, to };
  const history = useHistoryRuns({ agentId, owner, filters, offset });

  // A new search starts on its first page.
  const filterKey = JSON.stringify([searchText, status, kind, period, dates]);
  const [lastKey, setLastKey] = useState(filterKey);
  if (filterKey !== lastKey) {
    setLastKey(filterKey);
    setOffset(0);
  }

  const since = periodFrom ? Date.parse(periodFrom) : -Infinity;
  const recent = history.recent.filter((run) => Date.parse(run.createdAt) >= since);

  const replayMany = useMutation(
    trpc.runs.replayMany.mutationOptions({
      onSuccess: ({ results }) => {
        const refused = results.filter((result) => !result.ok).map((result) => ({ name: selected.get(result.runId) ?? h.deletedOwner, message: result.ok ? "" : result.message }));
        setNote({ tone: refused.length ? "danger" : "info", text: h.replayReport(results.length - refused.length, refused.length), refused });
        setSelected(new Map());
      },
      onError: (error) => setNote({ tone: "danger", text: labels.runHistory.actionFailed(error.message) }),
      onSettled: () => queryClient.invalidateQueries(),
    }),
  );

  const exportRuns = async (formatName: "csv" | "json") => {
    setExporting(formatName);
    try {
      const file = await client.runs.export.query({ ...searchFiltersOf(agentId, owner, filters), format: formatName });
      download(file.content, file.mimeType, file.filename);
      setNote({ tone: "info", text: h.exported(format.number(file.count), file.truncated) });
    } catch (error) {
      setNote({ tone: "danger", text: h.exportFailed(error instanceof Error ? error.message : String(error)) });
    } finally {
      setExporting(null);
    }
  };

  const onSelect = (runIds: string[], on: boolean) =>
    setSelected((current) => {
      const next = new Map(current);
      for (const runId of runIds) {
        if (!on) next.delete(runId);
        else {
          const run = history.rows.find((row) => row.id === runId);
          next.set(runId, run?.ownerName ?? ownerName ?? h.deletedOwner);
        }
      }
      return next;
    });

  const total = history.total;
  const first = total === 0 ? 0 : history.offset + 1;
  const last = Math.min(history.offset + history.rows.length, total);
  // "No runs yet" only when there are none at all; otherwise the filters (or the period) left them out.
  const noRunsAtAll = history.recent.length === 0 && status === "all" && kind === "all" && searchText.trim() === "" && !dates.from && !dates.to;

  return (
    <section data-slot="planner-run-history" aria-label={h.title} className={cn("planner-run-history", className)}>
      <header className="planner-run-history-header">
        {hideTitle ? null : (
          <h2 className="planner-section-title">
            <HistoryIcon aria-hidden="true" />
            {h.title}
          </h2>
        )}
        <div className="planner-run-history-tools">
          <Select value={period} onValueChange={(value) => setPeriod(value as Period)}>
            <SelectTrigger size="sm" aria-label={h.period} className="planner-period-select">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              {PERIODS.map((value) => (
                <SelectItem key={value} value={value}>
                  {h.periods[value]}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
          <Button variant="outline" size="sm" disabled={exporting !== null} onClick={() => void exportRuns("csv")}>
            <DownloadIcon aria-hidden="true" />
            {exporting === "csv" ? h.exporting : h.exportCsv}
          </Button>
          <Button variant="outline" size="sm" disabled={exporting !== null} onClick={() => void exportRuns("json")}>
            <DownloadIcon aria-hidden="true" />
            {exporting === "json" ? h.exporting : h.exportJson}
          </Button>
        </div>
      </header>
      <RunStats runs={recent} />
      <ActiveRuns runs={history.active} ownerName={ownerName} />
      <RunFilters
        text={text}
        onText={setText}
        status={status}
        onStatus={setStatus}
        kind={kind}
        onKind={setKind}
        from={dates.from}
        to={dates.to}
        onDates={(fromDay, toDay) => setDates({ from: fromDay, to: toDay })}
      />
      {selected.size > 0 ? (
        <div role="region" aria-label={h.selected(selected.size)} className="planner-run-selection">
          <span>{h.selected(selected.size)}</span>
          <Button size="sm" disabled={replayMany.isPending} onClick={() => replayMany.mutate({ agentId, runIds: [...selected.keys()] })}>
            <RotateCcwIcon aria-hidden="true" />
            {replayMany.isPending ? h.replayingSelected : h.replaySelected}
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setSelected(new Map())}>
            {h.clearSelection}
          </Button>
        </div>
      ) : null}
      {note ? (
        <div role={note.tone === "danger" ? "alert" : "status"} className="planner-run-history-note" data-tone={note.tone}>
          <p>{note.text}</p>
          {note.refused?.length ? (
            <ul>
              {note.refused.map((item, index) => (
                <li key={index}>{h.replayRefused(item.name, item.message)}</li>
              ))}
            </ul>
          ) : null}
          <Button variant="ghost" size="icon" aria-label={h.dismiss} onClick={() => setNote(null)}>
            <XIcon aria-hidden="true" />
          </Button>
        </div>
      ) : null}
      {history.isPending ? (
        <div role="status" aria-label={labels.common.loading} className="planner-run-skeleton">
          {Array.from({ length: 4 }, (_, index) => (
            <Skeleton key={index} style={{ height: "2.25rem" }} />
          ))}
        </div>
      ) : history.error ? (
        <ErrorState message={history.error.message} onRetry={history.refetch} />
      ) : total === 0 ? (
        <p className="planner-empty-text planner-run-empty">{noRunsAtAll ? h.emptyAll : h.empty}</p>
      ) : (
        <RunTable runs={history.rows} ownerName={ownerName} selected={new Set(selected.keys())} onSelect={onSelect} />
      )}
      {total > 0 ? (
        <nav aria-label={h.pagination} className="planner-run-pager">
          <p role="status" className="planner-run-pager-text" aria-busy={history.isFetching || undefined}>
            {h.showing(format.number(first), format.number(last), format.number(total))}
          </p>
          <Button variant="outline" size="sm" disabled={history.offset === 0} onClick={() => setOffset(Math.max(0, history.offset - PAGE_SIZE))}>
            {h.previousPage}
          </Button>
          <Button variant="outline" size="sm" disabled={last >= total} onClick={() => setOffset(history.offset + PAGE_SIZE)}>
            {h.nextPage}
          </Button>
        </nav>
      ) : null}
      <RunChart runs={history.recent} />
    </section>
  );
}

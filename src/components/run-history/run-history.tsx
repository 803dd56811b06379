"use client";

import { HistoryIcon } from "lucide-react";
import { useState } from "react";
import { useFormat, useLabels } from "../../client/settings";
import { ErrorState } from "../cards/list-states";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "../ui/select";
import { Skeleton } from "../ui/skeleton";
import { RunChart } from "./run-chart";
import { RunFilters } from "./run-filters";
import { RunStats } from "./run-stats";
import { RunTable } from "./run-table";
import { PERIOD_MS, type KindFilter, type Period, type RunHistoryOwner, type StatusFilter } from "./types";
import { useHistoryRuns } from "./use-history-runs";

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

const PERIODS: Period[] = ["24h", "7d", "14d", "30d", "all"];

/**
 * Run history: a period select, stat cards (runs, success rate, average duration, failed), filter chips by
 * status and kind, the runs table with expandable details and "Load more", and a 14-day chart of
 * succeeded and failed runs with a table alternative. Live: new runs appear as they happen.
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
  const [period, setPeriod] = useState<Period>("7d");
  const [status, setStatus] = useState<StatusFilter>("all");
  const [kind, setKind] = useState<KindFilter>("all");
  const history = useHistoryRuns({ agentId, owner, status, kind });
  const since = format.now().getTime() - PERIOD_MS[period];
  const inPeriod = <T extends { createdAt: string }>(runs: readonly T[]) => runs.filter((run) => Date.parse(run.createdAt) >= since);
  const rows = inPeriod(history.rows);

  return (
    <section data-slot="planner-run-history" aria-label={h.title} className={cn("planner-run-history", className)}>
      <header className="planner-run-history-header">
        {hideTitle ? null : (
          <h2 className="planner-section-title">
            <HistoryIcon aria-hidden="true" />
            {h.title}
          </h2>
        )}
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
      </header>
      <RunStats runs={inPeriod(history.recent)} />
      <RunFilters status={status} onStatus={setStatus} {...(owner ? {} : { kind, onKind: setKind })} />
      {history.isPending ? (
        <div role="status" aria-label={labels.common.loading} className="planner-run-skeleton">
          {Array.from({ length: 4 }, (_, index) => (
            <Skeleton key={index} style={{ height: "2.25rem" }} />
          ))}
        </div>
      ) : history.error ? (
        <ErrorState message={history.error.message} onRetry={history.refetch} />
      ) : rows.length === 0 && !history.hasMore ? (
        <p className="planner-empty-text planner-run-empty">{status === "all" && kind === "all" ? h.emptyAll : h.empty}</p>
      ) : (
        <RunTable runs={rows} ownerName={ownerName} />
      )}
      {history.hasMore ? (
        <div className="planner-load-more">
          <Button variant="outline" size="sm" onClick={history.loadMore} disabled={history.isLoadingMore}>
            {history.isLoadingMore ? h.loadingMore : h.loadMore}
          </Button>
        </div>
      ) : null}
      <RunChart runs={history.recent} />
    </section>
  );
}

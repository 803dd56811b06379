"use client";

import { Fragment, useState } from "react";
import { useFormat, useLabels } from "../../client/settings";
import { Button } from "../ui/button";
import { TruncatedText } from "../ui/tooltip";
import { CancelRunButton, RunDetails } from "./run-details";
import { isActiveRun, type HistoryRun } from "./types";
import { useTick } from "./use-tick";

export interface RunTableProps {
  runs: readonly HistoryRun[];
  /** The owner's name when the table shows one job's or trigger's runs. */
  ownerName?: string | undefined;
  /** Runs chosen for "Replay selected" (ended runs only). */
  selected: ReadonlySet<string>;
  onSelect: (runIds: string[], selected: boolean) => void;
}

/**
 * The runs: a checkbox (ended runs, for "Replay selected"), name, kind, status, started, duration (ticking while
 * it runs), and View / Debug that expands the row, with Cancel for a run in progress. No run ids in rows: the
 * details show the id.
 */
export function RunTable({ runs, ownerName, selected, onSelect }: RunTableProps) {
  const labels = useLabels();
  const h = labels.runHistory;
  const format = useFormat();
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  useTick(runs.some(isActiveRun));
  const toggle = (id: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const failedIds = runs.filter((run) => run.status === "failed").map((run) => run.id);
  const allFailedSelected = failedIds.length > 0 && failedIds.every((id) => selected.has(id));
  const now = format.now().getTime();
  return (
    <div className="planner-table-scroll">
      <table data-slot="planner-run-table" aria-label={h.tableLabel} className="planner-table">
        <thead>
          <tr>
            <th scope="col" className="planner-table-select">
              <input
                type="checkbox"
                className="planner-checkbox"
                aria-label={h.selectAllFailed}
                title={h.selectAllFailed}
                checked={allFailedSelected}
                disabled={failedIds.length === 0}
                onChange={(event) => onSelect(failedIds, event.currentTarget.checked)}
              />
            </th>
            <th scope="col">{h.name}</th>
            <th scope="col">{h.kind}</th>
            <th scope="col">{h.status}</th>
            <th scope="col">{h.started}</th>
            <th scope="col">{h.duration}</th>
            <th scope="col">
              <span className="planner-sr-only">{h.action}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => {
            const name = run.ownerName ?? ownerName ?? h.deletedOwner;
            const expanded = open.has(run.id);
            const detailsId = `planner-run-${run.id}`;
            const debug = run.status === "failed";
            const active = isActiveRun(run);
            const started = run.startedAt ?? run.createdAt;
            const elapsed = active && run.startedAt ? Math.max(0, now - Date.parse(run.startedAt)) : null;
            return (
              <Fragment key={run.id}>
                <tr data-status={run.status} data-expanded={expanded || undefined} data-selected={selected.has(run.id) || undefined}>
                  <td className="planner-table-select">
                    {active ? null : (
                      <input type="checkbox" className="planner-checkbox" aria-label={h.selectRun(name)} checked={selected.has(run.id)} onChange={(event) => onSelect([run.id], event.currentTarget.checked)} />
                    )}
                  </td>
                  <td>
                    <TruncatedText className="planner-run-name">{name}</TruncatedText>
                  </td>
                  <td>{h.kindOf[run.cause]}</td>
                  <td>
                    <span className="planner-run-status" data-status={run.status}>
                      <span className="planner-run-status-dot" aria-hidden="true" />
                      {labels.status[run.status]}
                    </span>
                  </td>
                  <td title={format.fullDateTime(started)}>{run.startedAt ? format.dateTime(run.startedAt) : h.notStarted}</td>
                  <td>
                    {elapsed !== null ? (
                      <span className="planner-run-elapsed" data-slot="planner-run-elapsed">
                        {h.elapsed(format.duration(Math.floor(elapsed / 1000) * 1000))}
                      </span>
                    ) : run.durationMs === null ? (
                      h.none
                    ) : (
                      format.duration(run.durationMs)
                    )}
                  </td>
                  <td className="planner-table-action">
                    <div className="planner-table-action-buttons">
                      {active ? <CancelRunButton run={run} name={name} /> : null}
                      <Button
                        variant={debug ? "outline" : "ghost"}
                        size="sm"
                        aria-expanded={expanded}
                        aria-controls={detailsId}
                        aria-label={expanded ? h.hideRun(name) : debug ? h.debugRun(name) : h.viewRun(name)}
                        onClick={() => toggle(run.id)}
                      >
                        {expanded ? h.hide : debug ? h.debug : h.view}
                      </Button>
                    </div>
                  </td>
                </tr>
                {expanded ? (
                  <tr id={detailsId} className="planner-run-details-row">
                    <td colSpan={7}>
                      <RunDetails run={run} name={name} />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

"use client";

import { Fragment, useState } from "react";
import { useFormat, useLabels } from "../../client/settings";
import { Button } from "../ui/button";
import { TruncatedText } from "../ui/tooltip";
import { RunDetails } from "./run-details";
import type { HistoryRun } from "./types";

export interface RunTableProps {
  runs: readonly HistoryRun[];
  /** The owner's name when the table shows one job's or trigger's runs. */
  ownerName?: string | undefined;
}

/** The runs: name and id, kind, status, started, duration, and View / Debug that expands the row. */
export function RunTable({ runs, ownerName }: RunTableProps) {
  const labels = useLabels();
  const h = labels.runHistory;
  const format = useFormat();
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  return (
    <div className="planner-table-scroll">
      <table data-slot="planner-run-table" aria-label={h.tableLabel} className="planner-table">
        <thead>
          <tr>
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
            const started = run.startedAt ?? run.createdAt;
            return (
              <Fragment key={run.id}>
                <tr data-status={run.status} data-expanded={expanded || undefined}>
                  <td>
                    <TruncatedText className="planner-run-name">{name}</TruncatedText>
                    <span className="planner-run-id planner-mono">{run.id}</span>
                  </td>
                  <td>{run.cause === "schedule" ? h.scheduled : run.cause === "event" ? h.event : h.cause[run.cause]}</td>
                  <td>
                    <span className="planner-run-status" data-status={run.status}>
                      <span className="planner-run-status-dot" aria-hidden="true" />
                      {labels.status[run.status]}
                    </span>
                  </td>
                  <td title={format.fullDateTime(started)}>{run.startedAt ? format.dateTime(run.startedAt) : h.notStarted}</td>
                  <td>{run.durationMs === null ? h.none : format.duration(run.durationMs)}</td>
                  <td className="planner-table-action">
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
                  </td>
                </tr>
                {expanded ? (
                  <tr id={detailsId} className="planner-run-details-row">
                    <td colSpan={6}>
                      <RunDetails run={run} />
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
